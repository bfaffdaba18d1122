import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  GZIP_LEVEL
} from "./chunk-CP2IXVQT.js";
import {
  gzipReproducible
} from "./chunk-DIGBKZ6C.js";

// packages/image/src/compress.ts
import { createHash } from "node:crypto";
function gzipLayer(tar) {
  return gzipReproducible(tar, GZIP_LEVEL);
}
async function compress(tar) {
  let gz = await gzipLayer(tar);
  return { gz, digest: `sha256:${createHash("sha256").update(gz).digest("hex")}` };
}

export {
  gzipLayer,
  compress
};
