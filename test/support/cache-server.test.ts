/**
 * The cache service stand-ins (cache-server.ts) against the real clients, in this process and in
 * seconds: @actions/cache saves and restores a folder through each protocol, and for v2 the Azure
 * storage client @actions/cache uploads with also sends an archive in blocks (Put Block, then Put
 * Block List), as it does for one over 128 MiB.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BlobClient } from "@azure/storage-blob";
import { afterEach, describe, expect, it } from "vitest";
import { scratchDir } from "../harness.js";
import { type CacheProtocol, type CacheServer, startCacheServer } from "./cache-server.js";

const saved = { ...process.env };
let server: CacheServer | undefined;
afterEach(async () => {
  process.env = { ...saved };
  await server?.close();
  server = undefined;
});

/** @actions/cache reads its service from the environment: this process's, for one test. */
async function serve(protocol: CacheProtocol): Promise<CacheServer> {
  server = await startCacheServer(protocol);
  for (const k of Object.keys(process.env)) if (/^(ACTIONS_|GITHUB_SERVER_URL)/.test(k)) delete process.env[k];
  Object.assign(process.env, server.env, { RUNNER_TEMP: scratchDir("gantry-cache-client-") });
  return server;
}

describe.each(["v1", "v2"] as const)("the %s cache stand-in with @actions/cache", (protocol) => {
  it("saves a folder, restores it by its key and by a restore key's prefix, and refuses a second save of the key", async () => {
    const s = await serve(protocol);
    const cache = await import("@actions/cache");
    expect(cache.isFeatureAvailable()).toBe(true);
    const dir = scratchDir("gantry-cached-");
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "file"), "cached bytes");
    expect(await cache.saveCache([dir], "gantry-k-1")).toBeGreaterThan(0);
    // The key exists: the service refuses to reserve it again, which @actions/cache reports as -1.
    expect(await cache.saveCache([dir], "gantry-k-1")).toBe(-1);
    rmSync(join(dir, "sub"), { recursive: true });
    expect(await cache.restoreCache([dir], "gantry-k-1")).toBe("gantry-k-1");
    expect(readFileSync(join(dir, "sub", "file"), "utf8")).toBe("cached bytes");
    expect(await cache.restoreCache([dir], "gantry-k-2", ["gantry-k-"])).toBe("gantry-k-1");
    expect(await cache.restoreCache([dir], "other")).toBeUndefined();
    // Another version (other paths) is another entry: not restored.
    expect(await cache.restoreCache([join(dir, "sub")], "gantry-k-1")).toBeUndefined();
    expect(s.entries.filter((e) => e.committed)).toHaveLength(1);
    const routes =
      protocol === "v1"
        ? ["PATCH /_apis/artifactcache/caches/1", "GET /artifacts/1"]
        : ["PUT /blob/devstoreaccount1/cache/1", "GET /blob/devstoreaccount1/cache/1"];
    for (const r of routes) expect(s.log, r).toContain(r);
  });
});

describe("the v2 stand-in's blob store", () => {
  it("takes an upload in blocks and serves it whole", async () => {
    const s = await serve("v2");
    const twirp = async (method: string, body: unknown) => {
      const r = await fetch(`${s.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer test-token" },
        body: JSON.stringify(body),
      });
      return (await r.json()) as Record<string, string | boolean>;
    };
    const created = await twirp("CreateCacheEntry", { key: "blocks", version: "v" });
    expect(created.ok).toBe(true);
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const file = join(scratchDir("gantry-blocks-"), "archive");
    writeFileSync(file, data);
    await new BlobClient(String(created.signed_upload_url)).getBlockBlobClient().uploadFile(file, { blockSize: 1024, maxSingleShotSize: 1024 });
    expect(s.log.filter((l) => l.startsWith("PUT /blob/")).length).toBe(6); // five blocks and the list
    expect((await twirp("FinalizeCacheEntryUpload", { key: "blocks", version: "v", size_bytes: String(data.length) })).ok).toBe(true);
    const found = await twirp("GetCacheEntryDownloadURL", { key: "blocks", version: "v" });
    expect(found.matched_key).toBe("blocks");
    expect(Buffer.from(await (await fetch(String(found.signed_download_url))).arrayBuffer()).equals(data)).toBe(true);
  });
});
