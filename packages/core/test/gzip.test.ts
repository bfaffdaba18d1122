import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GZIP_COMPRESSOR, gzipReproducible, sha256 } from "../src/index.js";

/** 1 MiB that compresses somewhat, the same on every run. */
function sample(): Uint8Array {
  const input = new Uint8Array(1 << 20);
  let x = 1;
  for (let i = 0; i < input.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    input[i] = ((x >>> 24) % 16) + (i % 7);
  }
  return input;
}

describe("gzipReproducible", () => {
  it("gives the same bytes as on the day they were pinned, which any gzip reader reads back", async () => {
    const input = sample();
    const pinned: Record<number, string> = {
      1: "08c1bfdfa2bfedd68074e90ecd7fc2f2ef34309589bbed8819424fd893f8acef",
      6: "9422c37a9dd2385418ce93afae9844c6ba0f72b6e21b3a33324943eadd13c724",
    };
    for (const level of [1, 6]) {
      const gz = await gzipReproducible(input, level);
      expect([...gz.subarray(0, 8)], `level ${level}: magic, deflate, no flags, mtime 0`).toEqual([31, 139, 8, 0, 0, 0, 0, 0]);
      expect(gunzipSync(gz).equals(input)).toBe(true);
      expect(sha256(gz), `level ${level}`).toBe(pinned[level]);
    }
  });

  it("is pinned to one exact version of libdeflate, the one its cache keys name", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    const version = pkg.dependencies.libdeflate;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(GZIP_COMPRESSOR).toBe(`libdeflate-wasm-${version}`);
  });
});
