import { gunzipSync } from "fflate";
import { extract } from "tar-stream";
import { describe, expect, it } from "vitest";
import { assembleIndex, assemblePlatform, containerConfig, scratchAccounts, scratchEntries } from "../src/assemble.js";
import { buildLayer, layerTar, withParents } from "../src/layer.js";
import { blobBytes, digestOf, formatPlatform, platformOfTarget, samePlatform } from "../src/oci.js";

interface TarHeader {
  name: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
  type?: string;
}

async function headers(tar: Uint8Array): Promise<TarHeader[]> {
  const out: TarHeader[] = [];
  const ex = extract();
  ex.on("entry", (h, stream, next) => {
    out.push(h as TarHeader);
    stream.on("end", next);
    stream.resume();
  });
  const done = new Promise<void>((res) => ex.on("finish", () => res()));
  ex.end(Buffer.from(tar));
  await done;
  return out;
}

describe("layers", () => {
  it("adds parent folders and sorts", () => {
    const e = withParents([
      { path: "usr/local/bin/hello", mode: 0o755, data: new Uint8Array([1]) },
      { path: "etc/passwd", mode: 0o644, data: new Uint8Array([2]) },
      { path: "tmp/", mode: 0o1777 },
    ]);
    expect(e.map((x) => x.path)).toEqual(["etc/", "etc/passwd", "tmp/", "usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/hello"]);
  });

  it("writes uid/gid 0 and one fixed mtime, whatever the input order", async () => {
    const a = await layerTar(
      [
        { path: "b/x", mode: 0o644, data: Buffer.from("x") },
        { path: "a", mode: 0o755, data: Buffer.from("a") },
      ],
      1_700_000_000,
    );
    const b = await layerTar(
      [
        { path: "a", mode: 0o755, data: Buffer.from("a") },
        { path: "b/x", mode: 0o644, data: Buffer.from("x") },
      ],
      1_700_000_000,
    );
    expect(digestOf(a)).toBe(digestOf(b));
    const hs = await headers(a);
    expect(hs.map((h) => h.name)).toEqual(["a", "b/", "b/x"]);
    for (const h of hs) {
      expect(h.uid).toBe(0);
      expect(h.gid).toBe(0);
      expect(h.mtime?.getTime()).toBe(1_700_000_000_000);
    }
    expect(hs[0]?.mode).toBe(0o755);
  });

  it("diff_id is the uncompressed tar, digest the gzip blob; gzip header has mtime 0 and OS byte 255 (unknown, as Go's compress/gzip writes)", async () => {
    const entries = [{ path: "usr/local/bin/hello", mode: 0o755, data: Buffer.alloc(2_000_000, 7) }];
    const layer = await buildLayer(entries, 0, "binary");
    const tar = await layerTar(entries, 0);
    expect(layer.diffId).toBe(digestOf(tar));
    const gz = await blobBytes(layer.blob);
    expect(layer.blob.descriptor.digest).toBe(digestOf(gz));
    expect(Buffer.from(gz.subarray(4, 8)).readUInt32LE(0)).toBe(0);
    expect(gz[9]).toBe(255);
    expect(Buffer.from(gunzipSync(gz)).equals(tar)).toBe(true);
    const again = await buildLayer(entries, 0, "binary");
    expect(again.blob.descriptor.digest).toBe(layer.blob.descriptor.digest);
  });
});

describe("scratch files", () => {
  it("names the non-root user in passwd and group", () => {
    expect(scratchAccounts("65532:65532").passwd).toContain("nonroot:x:65532:65532:");
    expect(scratchAccounts("root").passwd).toBe("root:x:0:0:root:/root:/sbin/nologin\n");
    expect(scratchAccounts("1000").group).toContain("nonroot:x:1000:");
    const paths = scratchEntries("65532:65532", Buffer.from("CA")).map((e) => e.path);
    expect(paths).toEqual(["etc/passwd", "etc/group", "tmp/", "etc/ssl/certs/ca-certificates.crt"]);
  });
});

describe("platforms", () => {
  it("maps Go targets to OCI platforms, with a variant for arm", () => {
    expect(platformOfTarget({ os: "linux", arch: "arm", variant: "v7" })).toEqual({ os: "linux", architecture: "arm", variant: "v7" });
    expect(platformOfTarget({ os: "linux", arch: "arm", variant: "" }, "1.19.8").variant).toBe("v5");
    expect(platformOfTarget({ os: "linux", arch: "arm", variant: "" }, "1.22.0").variant).toBe("v7");
    expect(platformOfTarget({ os: "linux", arch: "arm64", variant: "v8" })).toEqual({ os: "linux", architecture: "arm64" });
    // Go versions compared as semver.coerce + lt compared them, without loading semver.
    for (const [go, v5] of [
      ["1.21.13", true],
      ["go1.21rc2", true],
      ["1", true],
      ["0.9", true],
      ["1.22", false],
      ["go1.22.0", false],
      ["1.26.8", false],
      ["2.0.0", false],
      ["devel", false],
      ["", false],
    ] as const)
      expect(platformOfTarget({ os: "linux", arch: "arm", variant: "" }, go).variant, go).toBe(v5 ? "v5" : "v7");
    expect(samePlatform({ os: "linux", architecture: "arm64" }, { os: "linux", architecture: "arm64", variant: "v8" })).toBe(true);
    expect(samePlatform({ os: "linux", architecture: "arm", variant: "v6" }, { os: "linux", architecture: "arm", variant: "v7" })).toBe(false);
    expect(formatPlatform({ os: "linux", architecture: "arm", variant: "v7" })).toBe("linux/arm/v7");
  });
});

describe("assembly", () => {
  const spec = {
    name: "hello",
    created: "2025-11-25T00:00:00Z",
    epoch: 1764028800,
    user: "65532:65532",
    env: { GREETING: "hi" },
    ports: ["8080/tcp"],
    workdir: "",
    labels: { "org.opencontainers.image.version": "v1" },
    annotations: {},
    sharedLayers: [],
  };

  it("an entrypoint of ours drops the base's Cmd and env merges by key", () => {
    const c = containerConfig({ ...spec, env: { PATH: "/x" } }, { Env: ["PATH=/bin", "TZ=UTC"], Cmd: ["sh"], Labels: { a: "b" } });
    expect(c).toEqual({
      User: "65532:65532",
      Env: ["PATH=/x", "TZ=UTC"],
      Entrypoint: ["/usr/local/bin/hello"],
      ExposedPorts: { "8080/tcp": {} },
      Labels: { a: "b", "org.opencontainers.image.version": "v1" },
    });
  });

  it("the same binaries and inputs give the same index digest", async () => {
    const build = async () => {
      const shared = [await buildLayer(scratchEntries("65532:65532", Buffer.from("CA")), spec.epoch, "ca-certificates")];
      const s = { ...spec, sharedLayers: shared };
      const amd = await assemblePlatform(s, { os: "linux", architecture: "amd64" }, Buffer.from("amd64 binary"), undefined);
      const arm = await assemblePlatform(s, { os: "linux", architecture: "arm64" }, Buffer.from("arm64 binary"), undefined);
      return assembleIndex([amd, arm], {});
    };
    const [a, b] = [await build(), await build()];
    expect(a.index.descriptor.digest).toBe(b.index.descriptor.digest);
    const index = JSON.parse(Buffer.from(a.index.bytes).toString());
    expect(index.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(["amd64", "arm64"]);
    const config = JSON.parse(Buffer.from(a.images[0]?.config.bytes ?? []).toString());
    expect(config).toMatchObject({ created: "2025-11-25T00:00:00Z", architecture: "amd64", os: "linux", config: { ExposedPorts: { "8080/tcp": {} } } });
    expect(config.rootfs.diff_ids).toHaveLength(2);
    expect(a.blobs.size).toBe(1 + 2 * 3 + 1); // shared layer, per platform binary+config+manifest, index
  });
});
