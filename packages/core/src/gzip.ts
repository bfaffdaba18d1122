/**
 * Reproducible gzip, for go-build's archives and the image's layers (issue 14): libdeflate compiled
 * to WebAssembly, its npm package pinned to one exact version and inlined in the bundle. WebAssembly
 * computes the same on every CPU and Node, so the bytes depend only on the input and the level; Node's
 * own zlib is Chromium's fork, whose output changes with the runner's Node.
 * Measured here on a 22 MB Go binary against fflate (pure JavaScript, used before): level 1 222 ms
 * against 478 ms, level 6 449 ms against 810 ms, each a smaller file.
 * The header carries no name and no time (mtime 0), and OS byte 255 (unknown), as Go's compress/gzip writes.
 */

/** Names the compressor in cache keys: other bytes may come from another version or level. */
export const GZIP_COMPRESSOR = "libdeflate-wasm-0.1.0";

/**
 * go-build's tar.gz level, which slim must reproduce when it puts a slimmed binary back into an
 * archive: on a 20 MB Go binary 0.45 s and 3% smaller than fflate's level 6 (0.8 s) used before.
 */
export const ARCHIVE_GZIP_LEVEL = 6;

/** Loaded on first use: 90 KB of JavaScript with the WebAssembly inlined, which most runs never need. */
let libdeflate: Promise<typeof import("libdeflate")> | undefined;

/** The gzip of `data` at `level` (1 fastest … 12 smallest), the whole input in one call. */
export async function gzipReproducible(data: Uint8Array, level: number): Promise<Uint8Array> {
  libdeflate ??= import("libdeflate");
  return (await libdeflate).gzip(data, level);
}
