import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  compress,
  gzipLayer
} from "./chunk-HLTAORT7.js";
import {
  COMPRESSOR,
  GZIP_LEVEL,
  ownedBuffers
} from "./chunk-CP2IXVQT.js";
import "./chunk-DIGBKZ6C.js";
import "./chunk-3VH2S33U.js";
import "./chunk-6LYVYBIT.js";
export {
  COMPRESSOR,
  GZIP_LEVEL,
  compress,
  gzipLayer,
  ownedBuffers
};
