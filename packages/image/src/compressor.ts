/**
 * What names the layer compressor and what it gives, without the compressor itself: the cache keys
 * need the name on every run, fflate (compress.ts, whose tables take ~4 ms to set up when loaded) only a
 * run that compresses a layer (issue 14).
 */

/**
 * gzip level 1, as go-containerregistry (ko, crane) uses by default: on a 4.6 MB Go binary here
 * it took 220 ms against 320–430 ms for level 6, for a layer 5% larger (2.13 vs 2.02 MB);
 * compression is the one slow step of an image, and level 9 took twice as long as 6 for 0.15% less.
 */
export const GZIP_LEVEL = 1;
/** Names the compressor in cache keys: another fflate or level may give other bytes. */
export const COMPRESSOR = `fflate-0.8-gzip${GZIP_LEVEL}`;

/** A compressed layer and the `sha256:<hex>` of its bytes. */
export interface Compressed {
  gz: Uint8Array;
  digest: string;
}

/** The buffer behind bytes, to hand to another thread instead of a copy, when the bytes own all of it. */
export function ownedBuffers(bytes: Uint8Array): ArrayBuffer[] {
  const b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}
