import { gunzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { COMPRESSOR, compress, gzipLayer } from "../src/compress.js";
import { type CachedLayer, type LayerCache, type LayerSource, entriesSource, layerTar, layersFromSources, layersFromTars } from "../src/layer.js";
import { digestOf } from "../src/oci.js";
import { sha256 } from "@gantry/core";
import { WORKER_MIN_BYTES, compressAll, layerThreads } from "../src/workers.js";
import { binaryLike } from "./bytes.js";

/** A cache in memory that counts what it was asked. */
function memoryCache(): LayerCache & { gets: number; puts: string[] } {
  const entries = new Map<string, CachedLayer>();
  return {
    gets: 0,
    puts: [],
    async get(key) {
      this.gets++;
      return entries.get(key);
    },
    async put(key, c) {
      this.puts.push(key);
      entries.set(key, c);
    },
  };
}

describe("layer compression", () => {
  it("gives the same bytes it gave when this test was written (a change of libdeflate or level shows here)", async () => {
    // If this fails, every image digest changes: say so in the CHANGELOG and rename COMPRESSOR.
    const gz = await gzipLayer(binaryLike(300_000, 14));
    expect(COMPRESSOR).toBe("libdeflate-wasm-0.1.0-gzip1");
    expect(digestOf(gz)).toBe("sha256:56f9f52c0795110e0dd3700320f9f7b4a18a3b30fd7086bc54be9ccff15c6e56");
    expect(gz.length).toBe(120_263);
  });

  it("digests what it compressed, and the gzip holds the tar", async () => {
    const tar = binaryLike(100_000, 3);
    const c = await compress(tar);
    expect(c.digest).toBe(digestOf(c.gz));
    expect(Buffer.from(gunzipSync(c.gz)).equals(Buffer.from(tar))).toBe(true);
  });

  it("without a worker script compresses everything in this thread, in order", async () => {
    const tars = [binaryLike(WORKER_MIN_BYTES, 1), binaryLike(10, 2), binaryLike(WORKER_MIN_BYTES + 1, 3)];
    const out = await compressAll(tars, { threads: 4 });
    expect(out.map((c) => c.digest)).toEqual((await Promise.all(tars.map(compress))).map((c) => c.digest));
  });
});

describe("GANTRY_LAYER_THREADS", () => {
  it("is a whole number of threads, or unset", () => {
    expect(layerThreads({})).toBeUndefined();
    expect(layerThreads({ GANTRY_LAYER_THREADS: " " })).toBeUndefined();
    expect(layerThreads({ GANTRY_LAYER_THREADS: "0" })).toBe(0);
    expect(layerThreads({ GANTRY_LAYER_THREADS: "3" })).toBe(3);
  });

  it.each(["-1", "two", "1.5", "1e3", "4096"])("refuses %s, naming the variable and what it takes", (value) => {
    expect(() => layerThreads({ GANTRY_LAYER_THREADS: value })).toThrow(/GANTRY_LAYER_THREADS.*whole number of worker threads/s);
  });
});

describe("layers reused by content", () => {
  it("a tar that comes twice in a batch is compressed once, and the cache answers the next batch", async () => {
    const cache = memoryCache();
    const tar = await layerTar([{ path: "usr/local/bin/hello", mode: 0o755, data: binaryLike(50_000, 9) }], 0);
    const other = await layerTar([{ path: "etc/passwd", mode: 0o644, data: Buffer.from("root:x:0:0::/:/x\n") }], 0);
    const first = await layersFromTars(
      [
        { tar, role: "binary" },
        { tar: other, role: "accounts" },
        { tar: Buffer.from(tar), role: "binary" },
      ],
      { cache },
    );
    expect(cache.puts).toHaveLength(2);
    expect(first[2]?.blob.descriptor).toEqual(first[0]?.blob.descriptor);
    expect(first.map((l) => l.role)).toEqual(["binary", "accounts", "binary"]);
    expect(first[0]?.diffId).toBe(digestOf(tar));
    expect(first[0]?.blob.descriptor.digest).toBe(digestOf(first[0]?.blob.bytes ?? new Uint8Array()));

    const again = await layersFromTars([{ tar, role: "binary" }], { cache });
    expect(cache.puts).toHaveLength(2); // nothing compressed again
    expect(again[0]?.blob).toEqual(first[0]?.blob);
    expect(again[0]?.uncompressedSize).toBe(tar.length);
  });

  it("a layer of entries found by its key is neither built nor hashed again, and is the layer building it gives", async () => {
    const cache = memoryCache();
    const data = binaryLike(60_000, 12);
    const entries = [{ path: "usr/local/bin/hello", mode: 0o755, data, sha256: sha256(data) }];
    const [built] = await layersFromSources([entriesSource(entries, 7, "binary")], { cache });
    const tar = await layerTar(entries, 7);
    expect(built?.diffId).toBe(digestOf(tar));
    expect(built?.uncompressedSize).toBe(tar.length);
    expect(built?.blob.descriptor.digest).toBe((await compress(tar)).digest);

    const unbuildable: LayerSource = {
      ...entriesSource(entries, 7, "binary"),
      tar: () => Promise.reject(new Error("a cache hit must not build the tar")),
    };
    const [again] = await layersFromSources([unbuildable], { cache });
    expect(cache.puts).toHaveLength(1);
    expect(again).toEqual(built);
  });
});
