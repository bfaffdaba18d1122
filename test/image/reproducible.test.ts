/**
 * "The same binaries and inputs give the same digest on any machine" (actions/image/README.md),
 * checked so it can fail: committed binaries give a pinned digest; the service built again from
 * source gives the first build's image in another folder with another, empty layer cache (so every
 * layer is compressed again, not reused); and the host's CA bundle is swapped for others in a
 * private mount namespace (issue 10: the image used to embed it).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CA_BUNDLE_PEM, CA_BUNDLE_SOURCE } from "../../packages/image/src/cabundle.js";
import { type ActionRun, fixtureCopy, REPO, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { EPOCH, buildService, readJson } from "./services.js";

interface Metadata {
  digest: string;
  platforms: Record<string, { digest: string; config: string; layers: { role: string; digest: string; "diff-id": string }[] }>;
}
/**
 * The image index of the committed fixture binaries (test/fixtures/image-binaries: two hand-made
 * ELF files, linux/amd64 and linux/arm64, scratch base, CA bundle, EPOCH), so that the pin depends
 * on gantry alone, not on the Go that built a binary: a change of the key, the tar writer, the
 * compressor or the config that moves a digest fails here, on any machine.
 */
const FIXTURE_INDEX_DIGEST = "sha256:088e4400b048d967ba26c08eaa272c512cdb4c92cf24eff9a92e420b3846115f";
const meta = (r: ActionRun) => JSON.parse(r.outputs.metadata ?? "{}") as Metadata;
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const emptyDir = (what: string) => scratchDir(`gantry-${what}-`);
/** The blobs of an OCI layout, by file name. */
const blobNames = (layout: string) => readdirSync(join(layout, "blobs", "sha256")).sort();

describe("gantry's pinned CA bundle", () => {
  it("is the text its source says (certifi's cacert.pem, by sha256 and count)", () => {
    expect(sha256(CA_BUNDLE_PEM)).toBe(CA_BUNDLE_SOURCE.sha256);
    expect(Buffer.byteLength(CA_BUNDLE_PEM)).toBe(CA_BUNDLE_SOURCE.bytes);
    expect(CA_BUNDLE_PEM.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(CA_BUNDLE_SOURCE.certificates);
  });
});

describe("the image of committed binaries", () => {
  it("has the pinned digest, from an empty layer cache and from a warm one", async () => {
    const ws = fixtureCopy("image-binaries");
    const cache = emptyDir("layers-pinned");
    const cold = await runAction("image", { manifest: ".", "oci-layout": "out/oci" }, { workspace: ws, env: { ...EPOCH, GANTRY_LAYER_CACHE: cache } });
    expect(cold.code, cold.log).toBe(0);
    expect(Object.keys(meta(cold).platforms).sort()).toEqual(["linux/amd64", "linux/arm64"]);
    expect(readdirSync(cache)).toHaveLength(3); // scratch files + CA bundle, and one binary layer per platform
    expect(cold.outputs.digest).toBe(FIXTURE_INDEX_DIGEST);
    const warm = await runAction("image", { manifest: ".", "oci-layout": "out/warm" }, { workspace: ws, env: { ...EPOCH, GANTRY_LAYER_CACHE: cache } });
    expect(warm.code, warm.log).toBe(0);
    expect(warm.outputs.digest).toBe(FIXTURE_INDEX_DIGEST);
  });
});

describe("image digests come from the inputs, not from this machine or its caches", () => {
  let ws: string;
  beforeAll(async () => {
    ws = fixtureCopy("example-service");
    await buildService(ws, "linux/amd64,linux/arm64");
  });

  it("the service built again from source in another folder and imaged with another, empty layer cache gives the same index, manifests, configs and layers", async () => {
    const [cacheA, cacheB] = [emptyDir("layers-a"), emptyDir("layers-b")];
    const first = await runAction("image", { "oci-layout": "out/oci" }, { workspace: ws, env: { ...EPOCH, GANTRY_LAYER_CACHE: cacheA } });
    expect(first.code, first.log).toBe(0);
    // Built again, linked anew (an empty GANTRY_CACHE_DIR holds no kept link): the digest depends on
    // the Go installed here, so it is compared with the first, not pinned (the committed binaries' is, above).
    const src2 = fixtureCopy("example-service");
    await buildService(src2, "linux/amd64,linux/arm64", { GANTRY_CACHE_DIR: emptyDir("kept-links") });
    const ws2 = emptyDir("image-elsewhere");
    cpSync(join(src2, "dist"), join(ws2, "build"), { recursive: true });
    const again = await runAction("image", { manifest: "build", "oci-layout": "oci" }, { workspace: ws2, env: { ...EPOCH, GANTRY_LAYER_CACHE: cacheB } });
    expect(again.code, again.log).toBe(0);
    // Both caches started empty and now hold every layer: each run compressed its own.
    const layers = new Set(Object.values(meta(first).platforms).flatMap((p) => p.layers.map((l) => l.digest)));
    expect(layers.size).toBe(3); // scratch files + CA bundle, and one binary layer per platform
    expect([readdirSync(cacheA).length, readdirSync(cacheB).length]).toEqual([3, 3]);

    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(meta(again).platforms).toEqual(meta(first).platforms);
    expect(blobNames(join(ws2, "oci"))).toEqual(blobNames(join(ws, "out", "oci")));
    for (const name of blobNames(join(ws, "out", "oci"))) expect(sha256(readFileSync(join(ws2, "oci", "blobs", "sha256", name))), `blob ${name}`).toBe(name);
    expect(readFileSync(join(ws2, "oci", "index.json"), "utf8")).toBe(readFileSync(join(ws, "out", "oci", "index.json"), "utf8"));

    // Again from cache A, now warm: every layer comes from it (keyed by the binaries' sha256, no tar
    // built), nothing is added, and the image is byte for byte the one compressed from scratch.
    const warm = await runAction("image", { "oci-layout": "out/warm" }, { workspace: ws, env: { ...EPOCH, GANTRY_LAYER_CACHE: cacheA } });
    expect(warm.code, warm.log).toBe(0);
    expect(readdirSync(cacheA)).toHaveLength(3);
    expect(warm.outputs.digest).toBe(first.outputs.digest);
    expect(meta(warm).platforms).toEqual(meta(first).platforms);
    const blob = (layout: string, name: string) => readFileSync(join(ws, "out", layout, "blobs", "sha256", name));
    for (const name of blobNames(join(ws, "out", "oci"))) expect(blob("warm", name).equals(blob("oci", name)), name).toBe(true);
    // The warm layout's layers are the cache's files, hard-linked (same folder tree, one file system).
    const cached = new Set(readdirSync(cacheA).map((n) => statSync(join(cacheA, n)).ino));
    for (const digest of layers) expect(cached.has(statSync(join(ws, "out", "warm", "blobs", "sha256", digest.slice(7))).ino), digest).toBe(true);
  });

  describeNeeding(["root", "unshare", "mount"], "with other CA bundles on the host", () => {
    /** A command with `bundle` mounted over the host's CA bundle, in a private mount namespace of its own. */
    const withHostBundle = (bundle: string, cmd: string[]) => [
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "--",
      "sh",
      "-c",
      'mount --bind "$1" /etc/ssl/certs/ca-certificates.crt && shift && exec "$@"',
      "sh",
      bundle,
      ...cmd,
    ];
    /** The CLI's image stage (the same stage the action runs), its `metadata` output. */
    const imageWithHostBundle = (bundle: string | undefined, layout: string) => {
      const cli = [process.execPath, join(REPO, "dist", "cli", "gantry.js"), "image", "--oci-layout", layout];
      const cmd = bundle ? withHostBundle(bundle, cli) : cli;
      const stdout = execFileSync(cmd[0] as string, cmd.slice(1), {
        cwd: ws,
        env: { ...process.env, ...EPOCH, GANTRY_LAYER_CACHE: "off" },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      const line = stdout.split("\n").find((l) => l.startsWith("metadata=")) as string;
      return JSON.parse(line.slice("metadata=".length)) as Metadata;
    };

    it("give the same digest as the host's own, and the image holds gantry's pinned bundle", () => {
      const dir = emptyDir("ca-bundles");
      const [a, b] = [join(dir, "a.crt"), join(dir, "b.crt")];
      writeFileSync(a, CA_BUNDLE_PEM.slice(0, CA_BUNDLE_PEM.indexOf("-----END CERTIFICATE-----") + 26));
      writeFileSync(b, "# a runner with its own company root only\n");
      const seen = [imageWithHostBundle(undefined, "out/ca-host"), imageWithHostBundle(a, "out/ca-a"), imageWithHostBundle(b, "out/ca-b")];
      // A process in such a namespace really reads the other bundle there; the host's stays as it was.
      const seenInside = withHostBundle(b, ["cat", "/etc/ssl/certs/ca-certificates.crt"]);
      expect(execFileSync(seenInside[0] as string, seenInside.slice(1), { encoding: "utf8" })).toBe(readFileSync(b, "utf8"));
      expect(readFileSync("/etc/ssl/certs/ca-certificates.crt", "utf8")).not.toBe(readFileSync(b, "utf8"));
      expect(seen.map((m) => m.digest)).toEqual([seen[0]?.digest, seen[0]?.digest, seen[0]?.digest]);

      const amd64 = seen[1]?.platforms["linux/amd64"];
      const scratch = amd64?.layers.find((l) => l.role === "ca-certificates");
      expect(scratch, JSON.stringify(amd64)).toBeDefined();
      const blob = join(ws, "out", "ca-a", "blobs", "sha256", (scratch?.digest ?? "").slice(7));
      const inImage = execFileSync("tar", ["-xzOf", blob, "etc/ssl/certs/ca-certificates.crt"]);
      expect(sha256(inImage)).toBe(CA_BUNDLE_SOURCE.sha256);
      expect(readJson<{ manifests: { digest: string }[] }>(join(ws, "out", "ca-b", "index.json")).manifests[0]?.digest).toBe(seen[0]?.digest);
    });
  });
});
