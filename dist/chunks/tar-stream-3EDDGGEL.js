import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  require_tar_stream
} from "./chunk-KBUWGMZH.js";
import "./chunk-6LYVYBIT.js";
export default require_tar_stream();
