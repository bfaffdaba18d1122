import { createHash } from "node:crypto";
import { gzipReproducible } from "@gantry/core";
import { type Compressed, GZIP_LEVEL } from "./compressor.js";

export { COMPRESSOR, type Compressed, GZIP_LEVEL, ownedBuffers } from "./compressor.js";

/**
 * gzip with a fixed header (mtime 0) and core's pinned libdeflate in WebAssembly, the same bytes on
 * every CPU and Node: Node's own zlib is Chromium's fork and gave other bytes than the system zlib
 * for the same binary here, so digests would depend on the runner's Node. One call over the whole tar.
 */
export function gzipLayer(tar: Uint8Array): Promise<Uint8Array> {
  return gzipReproducible(tar, GZIP_LEVEL);
}

/** Compresses a layer tar and digests the result, in whichever thread calls it (the worker's step). */
export async function compress(tar: Uint8Array): Promise<Compressed> {
  const gz = await gzipLayer(tar);
  return { gz, digest: `sha256:${createHash("sha256").update(gz).digest("hex")}` };
}
