/**
 * The image action end to end with real components: go-build's binaries for linux/amd64 and
 * linux/arm64, Debian's docker-registry on loopback (plain and htpasswd Basic auth), skopeo to
 * read the pushes back, qemu-user to run the arm64 binary out of its layer.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { EPOCH, type Registry, buildService, freePort, readJson, startRegistry } from "./services.js";

const USER = "ci-bot";
const PASSWORD = "hunter2-very-secret";
const NO_CACHE = { ...EPOCH, GANTRY_LAYER_CACHE: "off" };

interface Metadata {
  platforms: Record<string, { digest: string; layers: { role: string; digest: string }[] }>;
  push?: { uploaded: number; skipped: number; mounted: number };
}
const meta = (r: ActionRun) => JSON.parse(r.outputs.metadata ?? "{}") as Metadata;
/** The log as a person sees it: the runner hides its own ::add-mask:: commands. */
const visible = (log: string) => log.replace(/^::add-mask::.*$/gm, "");
const sh = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describeNeeding(["docker-registry", "skopeo"], "image → docker-registry", () => {
  let ws: string;
  let plain: Registry;
  let locked: Registry;
  let first: ActionRun;

  beforeAll(async () => {
    ws = fixtureCopy("example-service");
    [plain, locked] = await Promise.all([startRegistry(), startRegistry({ user: USER, password: PASSWORD }), buildService(ws, "linux/amd64,linux/arm64")]);
    first = await runAction(
      "image",
      { repository: `${plain.host}/hello`, push: "true", insecure: "true", "oci-layout": "out/oci" },
      { workspace: ws, env: NO_CACHE },
    );
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), locked?.stop()]);
  });

  it("pushes one index with both platforms; skopeo reads it back under the same digest", () => {
    expect(first.code, first.log).toBe(0);
    expect(first.outputs.tags).toBe("v1.2.3");
    const raw = sh("skopeo", ["inspect", "--tls-verify=false", "--raw", `docker://${plain.host}/hello:v1.2.3`]);
    const index = JSON.parse(raw);
    expect(index.mediaType).toBe("application/vnd.oci.image.index.v1+json");
    expect(index.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(["amd64", "arm64"]);
    expect(`sha256:${createHash("sha256").update(raw).digest("hex")}`).toBe(first.outputs.digest);
    expect(first.outputs.image).toBe(`${plain.host}/hello@${first.outputs.digest}`);
    expect(JSON.parse(first.outputs.platforms ?? "{}")).toEqual(
      Object.fromEntries(index.manifests.map((m: { digest: string }, i: number) => [["linux/amd64", "linux/arm64"][i], m.digest])),
    );
    expect(first.summary).toContain(first.outputs.digest);
    expect(first.summary).toMatch(/\| `linux\/arm64` \|/);
  });

  it("skopeo copies each platform to a folder; the binary from its layer runs (arm64 under qemu-user)", () => {
    for (const arch of ["amd64", "arm64"]) {
      const dir = scratchDir(`gantry-copy-${arch}-`);
      sh("skopeo", ["copy", "--src-tls-verify=false", "--override-arch", arch, `docker://${plain.host}/hello:v1.2.3`, `dir:${dir}/img`]);
      const manifest = readJson<{ layers: { digest: string }[] }>(join(dir, "img", "manifest.json"));
      const binaryLayer = manifest.layers.at(-1)?.digest.replace("sha256:", "") as string;
      mkdirSync(join(dir, "root"));
      sh("tar", ["-xzf", join(dir, "img", binaryLayer), "-C", join(dir, "root")]);
      const bin = join(dir, "root", "usr", "local", "bin", "hello");
      const out = arch === "amd64" ? sh(bin, ["--version"]) : sh("qemu-aarch64-static", [bin, "--version"]);
      expect(out).toBe("hello v1.2.3 (commit none, built 2025-11-25T00:00:00Z)\n");
      const config = readJson<{ config: { User: string; Entrypoint: string[]; Labels: Record<string, string> }; created: string }>(
        join(dir, "img", readJson<{ config: { digest: string } }>(join(dir, "img", "manifest.json")).config.digest.replace("sha256:", "")),
      );
      expect(config.created).toBe("2025-11-25T00:00:00Z");
      expect(config.config).toMatchObject({ User: "65532:65532", Entrypoint: ["/usr/local/bin/hello"] });
      expect(config.config.Labels).toMatchObject({ "org.opencontainers.image.version": "v1.2.3", "org.opencontainers.image.created": "2025-11-25T00:00:00Z" });
    }
  });

  it("the same binaries from another folder give the same digest in the registry, the OCI layout and the docker archive, and push no blob again", async () => {
    const ws2 = scratchDir("gantry-image-again-");
    cpSync(join(ws, "dist"), join(ws2, "build"), { recursive: true });
    const again = await runAction(
      "image",
      {
        manifest: "build",
        repository: `${plain.host}/hello`,
        push: "true",
        insecure: "true",
        "oci-layout": "oci",
        "docker-archive": "hello.tar",
        "load-platform": "linux/arm64",
      },
      { workspace: ws2, env: NO_CACHE },
    );
    expect(again.code, again.log).toBe(0);
    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(meta(again).push).toEqual({ uploaded: 0, skipped: 5, mounted: 0, "uploaded-bytes": 0 });
    const layoutIndex = readJson<{ manifests: { digest: string; artifactType?: string; annotations: Record<string, string> }[] }>(
      join(ws2, "oci", "index.json"),
    );
    // After the image, only the SBOM artifacts go-build's sbom input made (test/image/referrers.test.ts checks them).
    expect(layoutIndex.manifests.filter((m) => !m.artifactType)).toEqual([
      expect.objectContaining({ digest: first.outputs.digest, annotations: { "org.opencontainers.image.ref.name": "v1.2.3" } }),
    ]);
    expect(layoutIndex.manifests[0]?.digest).toBe(first.outputs.digest);
    expect(readFileSync(join(ws, "out", "oci", "index.json"), "utf8")).toBe(readFileSync(join(ws2, "oci", "index.json"), "utf8"));
    const listing = sh("tar", ["-tf", join(ws2, "hello.tar")]);
    const arm64 = JSON.parse(first.outputs.platforms ?? "{}")["linux/arm64"] as string;
    expect(listing).toContain(`blobs/sha256/${arm64.slice(7)}`);
    const archiveIndex = JSON.parse(sh("tar", ["-xOf", join(ws2, "hello.tar"), "index.json"]));
    expect(archiveIndex.manifests[0].digest).toBe(arm64);
    expect(JSON.parse(sh("tar", ["-xOf", join(ws2, "hello.tar"), "manifest.json"]))[0].RepoTags).toEqual([`${plain.host}/hello:v1.2.3`]);
  });

  it("from a warm layer cache: the layers are uploaded and archived from the cache's files, checked as read; an entry spoiled at its size fails the push naming it, and GANTRY_LAYER_CACHE_VERIFY=1 makes it again", async () => {
    const cache = scratchDir("gantry-layers-");
    const env = { ...EPOCH, GANTRY_LAYER_CACHE: cache };
    const filled = await runAction("image", { "oci-layout": "out/cache-fill" }, { workspace: ws, env });
    expect(filled.code, filled.log).toBe(0);
    expect(readdirSync(cache)).toHaveLength(3);
    const push = (repository: string, extra: Record<string, string> = {}, more: Record<string, string> = {}) =>
      runAction("image", { repository: `${plain.host}/${repository}`, push: "true", insecure: "true", ...extra }, { workspace: ws, env: { ...env, ...more } });

    // A new repository: every blob is uploaded, the layers read from the cache (the registry checks each digest).
    const cached = await push("hello-cached", { "docker-archive": "out/cached.tar", "load-platform": "linux/arm64" });
    expect(cached.code, cached.log).toBe(0);
    expect(cached.outputs.digest).toBe(first.outputs.digest);
    expect(meta(cached).push).toMatchObject({ uploaded: 5, skipped: 0 });
    const arm64Layer = meta(first)
      .platforms["linux/arm64"]?.layers.find((l) => l.role === "binary")
      ?.digest.slice(7) as string;
    const fromArchive = execFileSync("tar", ["-xOf", join(ws, "out", "cached.tar"), `blobs/sha256/${arm64Layer}`], { maxBuffer: 64 << 20 });
    expect(createHash("sha256").update(fromArchive).digest("hex")).toBe(arm64Layer);

    // The same size, another byte: the size rule takes the entry, the push reads it and refuses it.
    const entry = join(cache, readdirSync(cache).find((n) => n.includes(`.${arm64Layer}.`)) as string);
    const spoil = () => {
      const bytes = readFileSync(entry);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      writeFileSync(entry, bytes);
    };
    spoil();
    const refused = await push("hello-spoiled");
    expect(refused.code).not.toBe(0);
    expect(refused.log).toMatch(
      /layer cache entry \S+ holds \d+ bytes of sha256:[0-9a-f]{64}, not the \d+ of sha256:[0-9a-f]{64} its name gives; it was removed/,
    );
    expect(existsSync(entry)).toBe(false);

    // Rebuilt by that failed run's successor; spoiled again, the verify setting finds it before anything is written and makes it anew.
    expect((await push("hello-spoiled")).code).toBe(0);
    spoil();
    const verified = await push("hello-verified", {}, { GANTRY_LAYER_CACHE_VERIFY: "1" });
    expect(verified.code, verified.log).toBe(0);
    expect(verified.outputs.digest).toBe(first.outputs.digest);
    expect(readFileSync(entry).equals(fromArchive)).toBe(true);
  });

  it("htpasswd Basic auth: refused without credentials (naming registry and scope); pushed with username/password and with ~/.docker/config.json; the password never printed", async () => {
    const repo = `${locked.host}/team/hello`;
    const denied = await runAction("image", { repository: repo, push: "true", insecure: "true", platforms: "linux/amd64" }, { workspace: ws, env: EPOCH });
    expect(denied.code).toBe(1);
    expect(denied.log).toContain(`registry ${locked.host} denied access to scope repository:team/hello:pull,push`);
    const wrong = await runAction(
      "image",
      { repository: repo, push: "true", insecure: "true", username: USER, password: "not-the-password" },
      { workspace: ws, env: EPOCH },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.log).toMatch(/refused the credentials from the username and password inputs/);
    expect(visible(wrong.log)).not.toContain("not-the-password");
    const ok = await runAction(
      "image",
      { repository: repo, push: "true", insecure: "true", username: USER, password: PASSWORD },
      { workspace: ws, env: EPOCH },
    );
    expect(ok.code, ok.log).toBe(0);
    expect(ok.outputs.digest).toBe(first.outputs.digest);
    for (const text of [visible(ok.log), ok.summary, ok.outputs.metadata ?? ""]) expect(text).not.toContain(PASSWORD);
    const home = scratchDir("gantry-home-");
    mkdirSync(join(home, ".docker"));
    writeFileSync(
      join(home, ".docker", "config.json"),
      JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString("base64") } } }),
    );
    const fromConfig = await runAction(
      "image",
      { repository: repo, push: "true", insecure: "true", tags: "from-config" },
      { workspace: ws, env: { ...EPOCH, HOME: home } },
    );
    expect(fromConfig.code, fromConfig.log).toBe(0);
    expect(meta(fromConfig).push?.uploaded).toBe(0);
    expect(visible(fromConfig.log)).not.toContain(PASSWORD);
    const tags = JSON.parse(sh("skopeo", ["list-tags", "--tls-verify=false", "--creds", `${USER}:${PASSWORD}`, `docker://${repo}`])).Tags as string[];
    // sha256-<hex>: the SBOM referrers' tags, when go-build wrote SBOMs (test/image/referrers.test.ts).
    expect(tags.filter((t) => !t.startsWith("sha256-")).sort()).toEqual(["from-config", "v1.2.3"]);
  });

  it("a base image pulled from the registry by digest gives its layers first; a base without the platform is a clear error", async () => {
    writeFileSync(join(ws, "motd"), "built on a gantry base\n");
    const base = await runAction(
      "image",
      { repository: `${plain.host}/base`, push: "true", insecure: "true", platforms: "linux/amd64", files: "motd:/etc/motd", tags: "v1", env: "FROM_BASE=yes" },
      { workspace: ws, env: EPOCH },
    );
    expect(base.code, base.log).toBe(0);
    const baseLayers = meta(base).platforms["linux/amd64"]?.layers.map((l) => l.digest) ?? [];
    const on = await runAction(
      "image",
      { repository: `${plain.host}/on-base`, push: "true", insecure: "true", platforms: "linux/amd64", base: `${plain.host}/base@${base.outputs.digest}` },
      { workspace: ws, env: EPOCH },
    );
    expect(on.code, on.log).toBe(0);
    const layers = meta(on).platforms["linux/amd64"]?.layers ?? [];
    expect(layers.map((l) => l.digest).slice(0, baseLayers.length)).toEqual(baseLayers);
    expect(layers.map((l) => l.role)).toEqual(["base", "base", "base", "binary"]);
    // Same registry: the base's layers are mounted from its repository, not uploaded again.
    expect(meta(on).push).toMatchObject({ mounted: 3, skipped: 0, uploaded: 1 });
    const config = JSON.parse(sh("skopeo", ["inspect", "--tls-verify=false", "--config", `docker://${plain.host}/on-base:v1.2.3`]));
    expect(config.config.Env).toContain("FROM_BASE=yes");
    const missing = await runAction(
      "image",
      { repository: `${plain.host}/on-base`, insecure: "true", base: `${plain.host}/base:v1`, "oci-layout": "never" },
      { workspace: ws, env: EPOCH },
    );
    expect(missing.code).toBe(1);
    expect(missing.log).toContain(`base image ${plain.host}/base:v1 has no linux/arm64 (it has linux/amd64)`);
  });

  it("bad input fails with a clear message and writes nothing: malformed reference, unknown platform, insecure off loopback, registry down", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ repository: "127.0.0.1:5000/Hello World" }, /input 'repository'.*accepted: \[registry\[:port\]\/\]path/],
      [
        { platforms: "linux/s390x", "oci-layout": "bad1" },
        /input 'platforms': "linux\/s390x" is not valid; it is not in the manifest, which has linux\/amd64, linux\/arm64/,
      ],
      [{ repository: "registry.example.com/hello", insecure: "true", push: "true" }, /input 'insecure'.*not on loopback.*force: true/],
    ];
    for (const [inputs, message] of cases) {
      const r = await runAction("image", inputs, { workspace: ws, env: EPOCH });
      expect(r.code, JSON.stringify(inputs)).toBe(1);
      expect(r.log).toMatch(message);
    }
    const port = await freePort();
    const down = await runAction("image", { repository: `127.0.0.1:${port}/hello`, push: "true", insecure: "true" }, { workspace: ws, env: EPOCH });
    expect(down.code).toBe(1);
    expect(down.log).toMatch(new RegExp(`registry 127.0.0.1:${port} did not answer GET /v2/ \\(ECONNREFUSED.*after 4 attempts`));
    expect(down.log.match(/retrying in/g)).toHaveLength(3);
    expect(() => readFileSync(join(ws, "bad1", "index.json"))).toThrow();
  });
});
