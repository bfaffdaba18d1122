import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  GZIP_COMPRESSOR
} from "./chunk-DIGBKZ6C.js";

// packages/image/src/compressor.ts
var GZIP_LEVEL = 1, COMPRESSOR = `${GZIP_COMPRESSOR}-gzip${GZIP_LEVEL}`;
function ownedBuffers(bytes) {
  let b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}

export {
  GZIP_LEVEL,
  COMPRESSOR,
  ownedBuffers
};
