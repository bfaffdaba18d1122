/**
 * GOCACHE and GOMODCACHE (the Gin service's modules, keyed by go.sum) restore and save through
 * the real @actions/cache client, against each of the two cache services it speaks, both stand-ins
 * on loopback (test/support/cache-server.ts): the legacy `_apis/artifactcache` protocol act's
 * built-in cache server implements, and the v2 Twirp cache service with signed blob URLs that
 * github.com's runners use.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CacheProtocol, type CacheServer, startCacheServer } from "../support/cache-server.js";
import { REPO, fixtureCopy, runAction, scratchDir } from "../harness.js";

/** Each service, with the requests by which a save and a restore must have gone through it. */
const SERVICES: [CacheProtocol, string, { saved: RegExp; restored: RegExp }][] = [
  ["v1", "stand-in for act's cache server, _apis/artifactcache", { saved: /^PATCH \/_apis\/artifactcache\/caches\/1$/, restored: /^GET \/artifacts\/1$/ }],
  [
    "v2",
    "stand-in for github.com's cache service v2, Twirp and blob URLs",
    { saved: /^PUT \/blob\/devstoreaccount1\/cache\/1$/, restored: /^GET \/blob\/devstoreaccount1\/cache\/1$/ },
  ],
];

describe.each(SERVICES)("go-build caches GOCACHE and GOMODCACHE (%s: %s)", (protocol, _what, routes) => {
  let server: CacheServer;
  beforeAll(async () => {
    server = await startCacheServer(protocol);
  });
  afterAll(() => server.close());

  /**
   * A fresh runner: the same cache paths as every runner (the cache entry's version hashes them),
   * emptied, and the cache service configured.
   */
  const home = scratchDir(`gantry-fresh-runner-${protocol}-`);
  function runner() {
    rmSync(home, { recursive: true, force: true });
    return {
      GOCACHE: join(home, "go-build"),
      GOMODCACHE: join(home, "mod"),
      // Kept links in GOCACHE/gantry, so they restore and save with it (as on a runner), not in the
      // test run's GANTRY_CACHE_DIR.
      GANTRY_CACHE_DIR: undefined,
      // Go makes the module cache read-only; writable, rmSync can empty it for the next runner.
      GOFLAGS: "-modcacherw",
      ...server.env,
      SOURCE_DATE_EPOCH: "1764028800",
    };
  }

  const ws = fixtureCopy("example-service");
  const inputs = { targets: "linux/amd64", archive: "none", version: "v1" };
  /** The key the entries of this build are saved under, `<key>-<run>`; the first save tells it. */
  let key = "";

  /**
   * Saves an entry for `key` as a run that got nowhere would have: a GOCACHE and GOMODCACHE with
   * next to nothing in them, through the real @actions/cache client and the same paths as every
   * runner, so the next restore takes it as the newest entry for this key.
   */
  async function plantUselessEntry(): Promise<void> {
    const env = runner();
    mkdirSync(env.GOCACHE, { recursive: true });
    writeFileSync(join(env.GOCACHE, "README"), "nearly nothing\n");
    mkdirSync(env.GOMODCACHE, { recursive: true });
    expect(key, "the key the first save named").not.toBe("");
    // @actions/cache leaves its HTTP agents open, as every action's process does until it exits.
    const save = `const c = await import("@actions/cache"); await c.saveCache(${JSON.stringify([env.GOCACHE, env.GOMODCACHE])}, ${JSON.stringify(`${key}-0planted`)}); process.exit(0);`;
    // Not spawnSync: the stand-in server answers from this very process.
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", save], { cwd: REPO, env: { ...process.env, ...server.env }, timeout: 120_000 });
    expect(server.entries.some((e) => e.key === `${key}-0planted` && e.committed)).toBe(true);
  }

  it("a main step that fails after the restore saves nothing: a half-made cache would be restored as a hit by every later run", async () => {
    // No module proxy and an empty module cache: `go mod download` fails after the cache lookup.
    const r = await runAction("go-build", inputs, { workspace: ws, env: { ...runner(), GOPROXY: "off" } });
    expect(r.code, r.log).toBe(1);
    expect(r.log).toMatch(/cache: no entry for gantry-go-caches2-/);
    expect(r.post?.code, r.post?.log).toBe(0);
    expect(r.post?.log).toContain("cache: the main step did not succeed; nothing saved (its caches may be half made)");
    expect(server.entries).toHaveLength(0);
  });

  it("misses on a fresh key, builds, and saves in the post step", async () => {
    const r = await runAction("go-build", inputs, { workspace: ws, env: runner() });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(r.log).toMatch(/cache: no entry for gantry-go-caches2-linux-x64-go1\.\d+\.\d+-cgo0-[0-9a-f]{12}-[0-9a-f]{16}/);
    expect(r.post?.code, r.post?.log).toBe(0);
    // `<key>-<run id>.<attempt>` on a runner, `<key>-<12 random hex>` elsewhere.
    const saved = /cache: saved (gantry-go-caches2-linux-x64-\S+)-([0-9a-f]{12}|\d+\.\d+)$/m.exec(r.post?.log ?? "");
    expect(saved, r.post?.log).not.toBeNull();
    key = saved?.[1] as string;
    expect(server.entries.filter((e) => e.committed)).toHaveLength(1);
    expect(server.log.filter((l) => routes.saved.test(l)).length, server.log.join("\n")).toBeGreaterThan(0);
    // A cold build of the Gin service and the standard library: minutes on two busy cores.
  }, 600_000);

  it("a new runner restores the exact key, modules included (GOPROXY=off), reuses the link, and saves nothing", async () => {
    // The modules can only come from the restored GOMODCACHE: the proxy is off.
    const r = await runAction("go-build", inputs, { workspace: ws, env: { ...runner(), GOPROXY: "off" } });
    expect(r.code, r.log).toBe(0);
    expect(existsSync(join(home, "mod", "github.com", "gin-gonic", "gin@v1.11.0", "gin.go"))).toBe(true);
    expect(r.outputs["cache-hit"]).toBe("true");
    expect(r.log).toMatch(/cache: restored \S+ \(this key\)/);
    expect(server.log.filter((l) => routes.restored.test(l)).length, server.log.join("\n")).toBeGreaterThan(0);
    expect(r.log).toContain("linux/amd64: unchanged, linked binary reused");
    // The restored GOCACHE holds the first runner's verify verdict, but the restored module copies
    // are new files: a cache entry is never trusted as verified (issue 14).
    expect(r.log).toContain("mod-check: go mod verify passed and");
    expect(r.post?.log).toMatch(/was restored and used; nothing to save/);
    expect(server.entries).toHaveLength(1);
  });

  it("an entry for this key that served nothing is no hit: the run says so and saves anew, and the next run is warm from the new one", async () => {
    await plantUselessEntry();
    const cold = await runAction("go-build", inputs, { workspace: ws, env: runner() });
    expect(cold.code, cold.log).toBe(0);
    expect(cold.log).toContain(`cache: restored ${key}-0planted (this key)`);
    // The entries it found include what `go list` wrote before the restore; the build added more than that again.
    const judged = /cache: \S+-0planted was restored but held little of use \((\d+) build cache entries; the build added (\d+)\): not reported as a hit/.exec(
      cold.log,
    );
    expect(judged, cold.log).not.toBeNull();
    expect(Number(judged?.[2])).toBeGreaterThan(Number(judged?.[1]));
    expect(cold.outputs["cache-hit"]).toBe("false");
    expect(cold.post?.log).toMatch(/cache: saved \S+ \(\S+-0planted was restored but held little of use\)/);
    const warm = await runAction("go-build", inputs, { workspace: ws, env: { ...runner(), GOPROXY: "off" } });
    expect(warm.code, warm.log).toBe(0);
    expect(warm.log).not.toContain("-0planted");
    expect(warm.outputs["cache-hit"]).toBe("true");
    expect(warm.log).toContain("linux/amd64: unchanged, linked binary reused");
    expect(warm.post?.log).toMatch(/was restored and used; nothing to save/);
  }, 600_000);

  it("a changed go.sum restores through the restore-keys and saves under the new key", async () => {
    const sum = readFileSync(join(ws, "go.sum"), "utf8");
    // A checksum nothing needs: the build is the same, go.sum (and so the key) is not.
    writeFileSync(join(ws, "go.sum"), `${sum}example.com/unused v1.0.0/go.mod h1:${"A".repeat(43)}=\n`);
    const r = await runAction("go-build", { ...inputs, "mod-check": "off" }, { workspace: ws, env: runner() });
    writeFileSync(join(ws, "go.sum"), sum);
    expect(r.code, r.log).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(r.log).toMatch(/cache: restored .* \(partial, through the restore-keys\)/);
    expect(r.post?.log).toMatch(/cache: saved/);
    expect(server.entries.filter((e) => e.committed)).toHaveLength(4);
  });
});
