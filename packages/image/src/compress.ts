import { createHash } from "node:crypto";
import { gzipSync } from "fflate";
import { type Compressed, GZIP_LEVEL } from "./compressor.js";

export { COMPRESSOR, type Compressed, GZIP_LEVEL, ownedBuffers } from "./compressor.js";

/**
 * gzip with a fixed header (mtime 0, OS byte 3 from fflate on every platform). fflate is pure
 * JavaScript pinned in the bundle: Node's own zlib is Chromium's fork and gave other bytes than
 * the system zlib for the same binary here, so digests would depend on the runner's Node.
 * One call over the whole tar: fflate's streaming `Gzip` cuts blocks elsewhere and gives other bytes.
 */
export function gzipLayer(tar: Uint8Array): Uint8Array {
  return gzipSync(tar, { level: GZIP_LEVEL, mtime: 0 });
}

/** Compresses a layer tar and digests the result, in whichever thread calls it (the worker's step). */
export function compress(tar: Uint8Array): Compressed {
  const gz = gzipLayer(tar);
  return { gz, digest: `sha256:${createHash("sha256").update(gz).digest("hex")}` };
}
