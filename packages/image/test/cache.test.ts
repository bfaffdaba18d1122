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
  const made = async (seed: number) => {
    const tar = binaryLike(20_000, seed);
    return { ...(await compress(tar)), diffId: digestOf(tar), uncompressedSize: tar.length };
  };

  const hex = (d: string) => d.slice("sha256:".length);

  it("gives back what was put under its key and the compressor's name, with the diff_id and both sizes in the name", async () => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    const c = await made(5);
    await cache?.put(KEY, c);
    expect(readdirSync(dir)).toEqual([`${KEY}.${COMPRESSOR}.${hex(c.digest)}.${hex(c.diffId)}.20000.${c.gz.length}`]);
    const got = await cache?.get(KEY);
    const file = join(dir, readdirSync(dir)[0] as string);
    // The file, for the OCI layout to link; its bytes only when read.
    expect({ ...got, read: undefined }).toEqual({ digest: c.digest, diffId: c.diffId, uncompressedSize: 20000, size: c.gz.length, file, read: undefined });
    expect(got && "read" in got && Buffer.from(await got.read()).equals(Buffer.from(c.gz))).toBe(true);
    expect(await cache?.get("b".repeat(64))).toBeUndefined();
  });

  it("lives in layers/ of GANTRY_CACHE_DIR when that is set and GANTRY_LAYER_CACHE is not, whatever XDG_CACHE_HOME says", async () => {
    const [base, xdg] = [cacheDir(), cacheDir()];
    await diskLayerCache({ GANTRY_CACHE_DIR: base, XDG_CACHE_HOME: xdg })?.put(KEY, await made(6));
    expect(readdirSync(join(base, "layers"))).toHaveLength(1);
    expect(readdirSync(xdg)).toEqual([]);
  });

  it.each([
    ["bytes no longer match its name", (f: string) => writeFileSync(f, Buffer.from("not the layer"))],
    ["blob was cut short", (f: string) => truncateSync(f, 100)],
  ])("drops an entry whose %s", async (_what, spoil) => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    await cache?.put(KEY, await made(6));
    const [name] = readdirSync(dir);
    spoil(join(dir, name as string));
    expect(await cache?.get(KEY)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("ignores an entry named in an older form (gzip digest only: no diff_id or size to give)", async () => {
    const dir = cacheDir();
    const c = await made(7);
    writeFileSync(join(dir, `${KEY}.${COMPRESSOR}.${c.digest.slice("sha256:".length)}`), c.gz);
    expect(await diskLayerCache({ GANTRY_LAYER_CACHE: dir })?.get(KEY)).toBeUndefined();
  });

  it("ignores an entry without the gzip size in its name, and finds the entry of the current form beside it", async () => {
    const dir = cacheDir();
    const c = await made(8);
    writeFileSync(join(dir, `${KEY}.${COMPRESSOR}.${hex(c.digest)}.${hex(c.diffId)}.20000`), c.gz);
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    expect(await cache?.get(KEY)).toBeUndefined();
    await cache?.put(KEY, c);
    expect((await cache?.get(KEY))?.digest).toBe(c.digest);
  });

  it("trusts an entry of the right size without reading it; read() checks the bytes and drops an entry that fails", async () => {
    const dir = cacheDir();
    const cache = diskLayerCache({ GANTRY_LAYER_CACHE: dir });
    const c = await made(9);
    await cache?.put(KEY, c);
    const file = join(dir, readdirSync(dir)[0] as string);
    const spoiled = Buffer.from(c.gz);
    spoiled[spoiled.length - 1] = (spoiled.at(-1) ?? 0) ^ 0xff; // the same size, another byte
    writeFileSync(file, spoiled);
    const got = await cache?.get(KEY);
    expect(got?.digest).toBe(c.digest); // the size rule: used as it is
    await expect(got && "read" in got ? got.read() : undefined).rejects.toThrow(
      /layer cache entry .* not the \d+ of sha256:[0-9a-f]{64} its name gives; it was removed/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("with GANTRY_LAYER_CACHE_VERIFY=1 reads and hashes every hit: an entry of the right size but other bytes is dropped and made anew", async () => {
    const dir = cacheDir();
    const c = await made(10);
    await diskLayerCache({ GANTRY_LAYER_CACHE: dir })?.put(KEY, c);
    const verifying = diskLayerCache({ GANTRY_LAYER_CACHE: dir, GANTRY_LAYER_CACHE_VERIFY: "1" });
    expect((await verifying?.get(KEY))?.digest).toBe(c.digest); // a sound entry is a hit
    const file = join(dir, readdirSync(dir)[0] as string);
    const spoiled = Buffer.from(c.gz);
    spoiled[spoiled.length - 1] = (spoiled.at(-1) ?? 0) ^ 0xff;
    writeFileSync(file, spoiled);
    expect(await verifying?.get(KEY)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(["yes", "2"])("refuses GANTRY_LAYER_CACHE_VERIFY=%s, naming the accepted values", (value) => {
    expect(() => diskLayerCache({ GANTRY_LAYER_CACHE: "/nonexistent", GANTRY_LAYER_CACHE_VERIFY: value })).toThrow(/GANTRY_LAYER_CACHE_VERIFY.*1 or true/);
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
