import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diskLayerCache } from "../src/cache.js";
import { COMPRESSOR, compress } from "../src/compress.js";
import { layerTar, layersFromTars } from "../src/layer.js";
import { digestOf } from "../src/oci.js";
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
  const KEY = "a".repeat(64);
  /** A layer as layersFromSources caches it: the gzip, its digest, and the tar's diff_id and size. */
  const made = (seed: number) => {
    const tar = binaryLike(20_000, seed);
    return { ...compress(tar), diffId: digestOf(tar), uncompressedSize: tar.length };
  };

  it("gives back what was put under its key and the compressor's name, with the diff_id and size in the name", async () => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    const c = made(5);
    await cache?.put(KEY, c);
    const hex = (d: string) => d.slice("sha256:".length);
    expect(readdirSync(dir)).toEqual([`${KEY}.${COMPRESSOR}.${hex(c.digest)}.${hex(c.diffId)}.20000`]);
    const got = await cache?.get(KEY);
    const file = join(dir, readdirSync(dir)[0] as string);
    expect({ ...got, gz: undefined }).toEqual({ ...c, gz: undefined, file }); // the file, for the OCI layout to link
    expect(Buffer.from(got?.gz ?? []).equals(Buffer.from(c.gz))).toBe(true);
    expect(await cache?.get("b".repeat(64))).toBeUndefined();
  });

  it.each([
    ["bytes no longer match its name", (f: string) => writeFileSync(f, Buffer.from("not the layer"))],
    ["blob was cut short", (f: string) => truncateSync(f, 100)],
  ])("drops an entry whose %s", async (_what, spoil) => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    await cache?.put(KEY, made(6));
    const [name] = readdirSync(dir);
    spoil(join(dir, name as string));
    expect(await cache?.get(KEY)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("ignores an entry named in an older form (gzip digest only: no diff_id or size to give)", async () => {
    const dir = cacheDir();
    const c = made(7);
    writeFileSync(join(dir, `${KEY}.${COMPRESSOR}.${c.digest.slice("sha256:".length)}`), c.gz);
    expect(await diskLayerCache({ GANTRY_LAYER_CACHE: dir })?.get(KEY)).toBeUndefined();
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
