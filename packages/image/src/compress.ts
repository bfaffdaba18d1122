import { createHash } from "node:crypto";
import { GZIP_COMPRESSOR, gzipReproducible } from "@gantry/core";

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

/**
 * gzip with a fixed header (mtime 0) and core's pinned libdeflate in WebAssembly, the same bytes on
 * every CPU and Node: Node's own zlib is Chromium's fork and gave other bytes than the system zlib
 * for the same binary here, so digests would depend on the runner's Node. One call over the whole tar.
 * Core loads libdeflate on first use, so a run whose layers all come from the cache never loads it.
 */
export function gzipLayer(tar: Uint8Array): Promise<Uint8Array> {
  return gzipReproducible(tar, GZIP_LEVEL);
}

/** Compresses a layer tar and digests the result, in whichever thread calls it (the worker's step). */
export async function compress(tar: Uint8Array): Promise<Compressed> {
  const gz = await gzipLayer(tar);
  return { gz, digest: `sha256:${createHash("sha256").update(gz).digest("hex")}` };
}

/** The buffer behind bytes, to hand to another thread instead of a copy, when the bytes own all of it. */
export function ownedBuffers(bytes: Uint8Array): ArrayBuffer[] {
  const b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}
