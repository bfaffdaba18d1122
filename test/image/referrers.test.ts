/**
 * The binaries' SBOMs attached to the image (issue 15), end to end with real components:
 * go-build's binaries and SBOMs (`sbom: both`) for linux/amd64 and linux/arm64, Debian's
 * docker-registry on loopback (distribution 2.8: no referrers API, so the `sha256-<digest>` tag
 * schema), skopeo to read the tags and manifests back, and oras (tools/oras) to discover the
 * referrers as a client would, in the registry and in the OCI layout.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { EPOCH, type Registry, readJson, startRegistry } from "./services.js";

const NO_CACHE = { ...EPOCH, GANTRY_LAYER_CACHE: "off" };
const SPDX = "application/spdx+json";
const CDX = "application/vnd.cyclonedx+json";
const EMPTY = {
  mediaType: "application/vnd.oci.empty.v1+json",
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  size: 2,
  data: "e30=",
};

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}
interface ArtifactManifest {
  artifactType: string;
  config: Descriptor & { data?: string };
  layers: Descriptor[];
  subject: Descriptor;
  annotations: Record<string, string>;
}
interface Referrers {
  artifacts: { platform: string; "artifact-type": string; digest: string; subject: string }[];
  scheme?: string;
  tags?: string[];
}
interface BuildManifest {
  date: string;
  artifacts: { target: string; path: string; sbom?: { spdx?: string; cyclonedx?: string } }[];
}

const sh = (cmd: string, args: string[], env?: NodeJS.ProcessEnv) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...(env ? { env } : {}) });
const referrersOf = (r: ActionRun) => (JSON.parse(r.outputs.metadata ?? "{}") as { referrers?: Referrers }).referrers;
const platforms = (r: ActionRun) => JSON.parse(r.outputs.platforms ?? "{}") as Record<string, string>;
const tagOf = (digest: string) => digest.replace("sha256:", "sha256-");

/** go-build with `sbom: both`: an SPDX 2.3 and a CycloneDX 1.6 SBOM beside each binary, named in the manifest. */
async function buildWithSboms(ws: string): Promise<BuildManifest> {
  const inputs = { targets: "linux/amd64,linux/arm64", version: "v1.2.3", archive: "none", "mod-check": "off", cache: "false", sbom: "both" };
  const r = await runAction("go-build", inputs, { workspace: ws, env: EPOCH });
  if (r.code !== 0) throw new Error(`go-build failed:\n${r.log}`);
  return readJson<BuildManifest>(join(ws, "dist", "artifacts.json"));
}

describeNeeding(["docker-registry", "skopeo", "oras"], "image SBOM referrers → docker-registry (tag schema) and the OCI layout", () => {
  let ws: string;
  let registry: Registry;
  let build: BuildManifest;
  let first: ActionRun;
  const repo = () => `${registry.host}/hello`;
  /** `oras discover` as JSON, with an empty home and registry config (never the machine's). */
  const discover = (args: string[]) => {
    const home = scratchDir("gantry-oras-home-");
    const env = { ...process.env, HOME: home, DOCKER_CONFIG: home };
    const out = sh("oras", ["discover", "--format", "json", "--registry-config", join(home, "config.json"), ...args], env);
    const found = (JSON.parse(out) as { referrers: Descriptor[] }).referrers.map((d) => ({ digest: d.digest, artifactType: d.artifactType }));
    return found.sort((a, b) => (a.digest < b.digest ? -1 : 1));
  };
  const expected = (platform: string) =>
    referrersOf(first)
      ?.artifacts.filter((a) => a.platform === platform)
      .map((a) => ({ digest: a.digest, artifactType: a["artifact-type"] }))
      .sort((a, b) => (a.digest < b.digest ? -1 : 1));
  const inspect = <T>(ref: string) => JSON.parse(sh("skopeo", ["inspect", "--tls-verify=false", "--raw", `docker://${ref}`])) as T;
  const sbomBytes = (target: string, format: "spdx" | "cyclonedx") => {
    const a = build.artifacts.find((x) => x.target === target);
    return readFileSync(join(ws, "dist", a?.sbom?.[format] ?? "missing"));
  };

  beforeAll(async () => {
    ws = fixtureCopy("example-service");
    [registry, build] = await Promise.all([startRegistry(), buildWithSboms(ws)]);
    first = await runAction("image", { repository: repo(), push: "true", insecure: "true", "oci-layout": "out/oci" }, { workspace: ws, env: NO_CACHE });
  }, 300_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it("go-build wrote both SBOMs of each binary (the Gin service's modules in them)", () => {
    for (const a of build.artifacts) {
      expect(JSON.parse(sbomBytes(a.target, "spdx").toString()).spdxVersion).toBe("SPDX-2.3");
      expect(JSON.parse(sbomBytes(a.target, "cyclonedx").toString())).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
      expect(sbomBytes(a.target, "spdx").toString()).toContain("github.com/gin-gonic/gin");
    }
  });

  it("pushes one SPDX and one CycloneDX artifact per platform, listed under each platform manifest's sha256-<hex> tag", () => {
    expect(first.code, first.log).toBe(0);
    const refs = referrersOf(first);
    expect(refs?.scheme).toBe("tag-schema");
    const byPlatform = platforms(first);
    expect(Object.keys(byPlatform)).toEqual(["linux/amd64", "linux/arm64"]);
    expect(refs?.tags).toEqual(Object.values(byPlatform).map(tagOf));
    const tags = JSON.parse(sh("skopeo", ["list-tags", "--tls-verify=false", `docker://${repo()}`])).Tags as string[];
    expect(tags.sort()).toEqual([...Object.values(byPlatform).map(tagOf), "v1.2.3"].sort());
    for (const [platform, digest] of Object.entries(byPlatform)) {
      const index = inspect<{ mediaType: string; manifests: Descriptor[] }>(`${repo()}:${tagOf(digest)}`);
      expect(index.mediaType).toBe("application/vnd.oci.image.index.v1+json");
      const mine = refs?.artifacts.filter((a) => a.platform === platform) ?? [];
      expect(index.manifests).toEqual(
        [SPDX, CDX].map((type, i) => ({
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: mine[i]?.digest,
          size: expect.any(Number),
          artifactType: type,
          annotations: { "org.opencontainers.image.created": build.date },
        })),
      );
    }
    expect(first.log).toMatch(/sbom-attach: 4 SBOM artifact\(s\) pushed in [\d.]+ m?s, referrers tag schema: sha256-/);
    expect(first.summary).toContain("4 SBOM artifact(s) attached (tag-schema)");
  });

  it("oras discovers each platform's two SBOMs in the registry (its tag-schema fallback) and in the OCI layout (in any order)", () => {
    for (const [platform, digest] of Object.entries(platforms(first))) {
      expect(discover(["--plain-http", `${repo()}@${digest}`])).toEqual(expected(platform));
      expect(discover(["--plain-http", "--platform", platform, `${repo()}:v1.2.3`])).toEqual(expected(platform));
      // In a layout oras resolves only what index.json names (the tag), then picks the platform.
      expect(discover(["--oci-layout", "--platform", platform, `${join(ws, "out", "oci")}:v1.2.3`])).toEqual(expected(platform));
    }
  });

  it("each artifact manifest has the empty config, the SBOM as its layer (bytes equal to go-build's file) and the platform manifest as subject", async () => {
    for (const a of referrersOf(first)?.artifacts ?? []) {
      const m = inspect<ArtifactManifest>(`${repo()}@${a.digest}`);
      expect(m.artifactType).toBe(a["artifact-type"]);
      expect(m.config).toEqual(EMPTY);
      expect(m.subject).toEqual({ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: platforms(first)[a.platform], size: expect.any(Number) });
      expect(m.annotations).toEqual({ "org.opencontainers.image.created": build.date });
      expect(m.layers).toHaveLength(1);
      const layer = m.layers[0] as Descriptor;
      expect(layer.mediaType).toBe(a["artifact-type"]);
      const res = await fetch(`http://${registry.host}/v2/hello/blobs/${layer.digest}`);
      expect(res.status).toBe(200);
      const format = a["artifact-type"] === SPDX ? "spdx" : "cyclonedx";
      expect(Buffer.from(await res.arrayBuffer()).equals(sbomBytes(a.platform, format))).toBe(true);
      expect(layer.annotations?.["org.opencontainers.image.title"]).toMatch(format === "spdx" ? /\.spdx\.json$/ : /\.cdx\.json$/);
    }
  });

  it("the OCI layout holds the artifacts and their blobs, listed in index.json with their artifactType; skopeo still reads the tagged image", () => {
    const layout = join(ws, "out", "oci");
    const index = readJson<{ manifests: Descriptor[] }>(join(layout, "index.json"));
    expect(index.manifests[0]?.digest).toBe(first.outputs.digest);
    const listed = index.manifests.slice(1);
    expect(listed.map((d) => d.digest)).toEqual(referrersOf(first)?.artifacts.map((a) => a.digest));
    const blob = (d: string) => readFileSync(join(layout, "blobs", "sha256", d.replace("sha256:", "")));
    for (const d of listed) {
      const m = JSON.parse(blob(d.digest).toString("utf8")) as ArtifactManifest;
      expect(d.artifactType).toBe(m.artifactType);
      expect(m.subject.digest).toBe(Object.values(platforms(first)).find((p) => p === m.subject.digest));
      const layer = m.layers[0] as Descriptor;
      const target = Object.entries(platforms(first)).find(([, p]) => p === m.subject.digest)?.[0] as string;
      expect(blob(layer.digest).equals(sbomBytes(target, m.artifactType === SPDX ? "spdx" : "cyclonedx"))).toBe(true);
      expect(blob(m.config.digest).toString()).toBe("{}");
    }
    const image = JSON.parse(sh("skopeo", ["inspect", "--raw", `oci:${layout}:v1.2.3`]));
    expect(image.manifests).toHaveLength(2);
  });

  it("a re-run pushes the same artifacts and adds no entry to the tags; sbom-attach: false attaches nothing", async () => {
    const before = Object.values(platforms(first)).map((d) => sh("skopeo", ["inspect", "--tls-verify=false", "--raw", `docker://${repo()}:${tagOf(d)}`]));
    const again = await runAction("image", { repository: repo(), push: "true", insecure: "true" }, { workspace: ws, env: NO_CACHE });
    expect(again.code, again.log).toBe(0);
    expect(referrersOf(again)?.artifacts).toEqual(referrersOf(first)?.artifacts);
    expect(referrersOf(again)?.tags).toEqual([]);
    expect(again.log).toContain("referrers tag schema: tags already up to date");
    const after = Object.values(platforms(first)).map((d) => sh("skopeo", ["inspect", "--tls-verify=false", "--raw", `docker://${repo()}:${tagOf(d)}`]));
    expect(after).toEqual(before);

    const off = await runAction(
      "image",
      { repository: `${registry.host}/plain`, push: "true", insecure: "true", "sbom-attach": "false" },
      { workspace: ws, env: NO_CACHE },
    );
    expect(off.code, off.log).toBe(0);
    expect(referrersOf(off)).toBeUndefined();
    expect(JSON.parse(sh("skopeo", ["list-tags", "--tls-verify=false", `docker://${registry.host}/plain`])).Tags).toEqual(["v1.2.3"]);
  });

  it("bad sbom-attach is refused naming the input; an SBOM the manifest names but that is missing is an error naming the file", async () => {
    const bad = await runAction("image", { "sbom-attach": "yes", "oci-layout": "never" }, { workspace: ws, env: EPOCH });
    expect(bad.code).toBe(1);
    expect(bad.log).toMatch(/input 'sbom-attach'.*"yes"/);
    const file = join(ws, "dist", build.artifacts[0]?.sbom?.cyclonedx as string);
    const saved = readFileSync(file);
    rmSync(file);
    try {
      const missing = await runAction("image", { "oci-layout": "never2" }, { workspace: ws, env: EPOCH });
      expect(missing.code).toBe(1);
      expect(missing.log).toContain(`cyclonedx SBOM ${file} named in the manifest cannot be read`);
      expect(() => readFileSync(join(ws, "never2", "index.json"))).toThrow();
    } finally {
      writeFileSync(file, saved);
    }
  });
});
