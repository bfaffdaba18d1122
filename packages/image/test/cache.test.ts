import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diskLayerCache } from "../src/cache.js";
import { COMPRESSOR, compress } from "../src/compress.js";
import { layerTar, layersFromTars } from "../src/layer.js";
import { binaryLike } from "./bytes.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const cacheDir = () => {
  const d = mkdtempSync(join(tmpdir(), "gantry-layer-cache-"));
  dirs.push(d);
  return d;
};

describe("the disk layer cache", () => {
  it("gives back what was put, with its digest, under the diff_id and the compressor's name", async () => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    const c = compress(binaryLike(20_000, 5));
    await cache?.put("sha256:abc", c);
    expect(readdirSync(dir)).toEqual([`abc.${COMPRESSOR}.${c.digest.slice("sha256:".length)}`]);
    const got = await cache?.get("sha256:abc");
    expect(got?.digest).toBe(c.digest);
    expect(Buffer.from(got?.gz ?? []).equals(Buffer.from(c.gz))).toBe(true);
    expect(await cache?.get("sha256:abd")).toBeUndefined();
  });

  it("drops an entry whose bytes no longer match its name", async () => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    const c = compress(binaryLike(20_000, 6));
    await cache?.put("sha256:abc", c);
    const [name] = readdirSync(dir);
    writeFileSync(join(dir, name as string), Buffer.from("not the layer"));
    expect(await cache?.get("sha256:abc")).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a second run over the same tars takes every layer from the cache, with the same descriptors", async () => {
    const dir = cacheDir();
    const tars = await Promise.all(
      [1, 2].map(async (s) => ({ tar: await layerTar([{ path: "bin", mode: 0o755, data: binaryLike(30_000, s) }], 0), role: "binary" })),
    );
    const first = await layersFromTars(tars, { cache: diskLayerCache({ GANTRY_LAYER_CACHE: dir }) });
    expect(readdirSync(dir)).toHaveLength(2);
    const inner = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    let puts = 0;
    const counting = { get: inner?.get ?? (async () => undefined), put: async () => void puts++ };
    const again = await layersFromTars(tars, { cache: counting });
    expect(puts).toBe(0);
    expect(again.map((l) => l.blob.descriptor)).toEqual(first.map((l) => l.blob.descriptor));
  });

  it("is off with GANTRY_LAYER_CACHE=off", () => {
    expect(diskLayerCache({ GANTRY_LAYER_CACHE: "off" })).toBeUndefined();
  });
});
