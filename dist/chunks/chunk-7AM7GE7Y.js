import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  GZIP_COMPRESSOR,
  gzipReproducible
} from "./chunk-FZKQP3XX.js";

// packages/image/src/compress.ts
import { createHash } from "node:crypto";
var GZIP_LEVEL = 1, COMPRESSOR = `${GZIP_COMPRESSOR}-gzip${GZIP_LEVEL}`;
function gzipLayer(tar) {
  return gzipReproducible(tar, GZIP_LEVEL);
}
async function compress(tar) {
  let gz = await gzipLayer(tar);
  return { gz, digest: `sha256:${createHash("sha256").update(gz).digest("hex")}` };
}
function ownedBuffers(bytes) {
  let b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}

export {
  GZIP_LEVEL,
  COMPRESSOR,
  compress,
  ownedBuffers
};
