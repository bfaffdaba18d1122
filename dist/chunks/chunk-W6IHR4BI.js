import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  gzipSync
} from "./chunk-CERUWQNN.js";

// packages/image/src/compress.ts
import { createHash } from "node:crypto";
var GZIP_LEVEL = 1, COMPRESSOR = `fflate-0.8-gzip${GZIP_LEVEL}`;
function gzipLayer(tar) {
  return gzipSync(tar, { level: GZIP_LEVEL, mtime: 0 });
}
function compress(tar) {
  let gz = gzipLayer(tar);
  return { gz, digest: `sha256:${createHash("sha256").update(gz).digest("hex")}` };
}
function ownedBuffers(bytes) {
  let b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}

export {
  GZIP_LEVEL,
  COMPRESSOR,
  gzipLayer,
  compress,
  ownedBuffers
};
