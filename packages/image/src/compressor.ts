import { GZIP_COMPRESSOR } from "@gantry/core";

/**
 * What names the layer compressor and what it gives, without the compressor itself: the cache keys
 * need the name on every run, the compressor itself (core's libdeflate, 90 KB loaded on first use) only
 * a run that compresses a layer (issue 14).
 */

/**
 * gzip level 1, as go-containerregistry (ko, crane) uses by default: compression is the one slow step
 * of an image. With core's libdeflate a 22 MB Go binary takes 222 ms here (fflate's level 1, used
 * before: 478 ms), for a smaller layer than fflate's (8.65 against 8.73 MB).
 */
export const GZIP_LEVEL = 1;
/** Names the compressor in cache keys: another libdeflate or level may give other bytes. */
export const COMPRESSOR = `${GZIP_COMPRESSOR}-gzip${GZIP_LEVEL}`;

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
