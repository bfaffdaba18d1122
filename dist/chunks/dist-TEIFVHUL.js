import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  require_dist
} from "./chunk-JDGM7RT4.js";
import "./chunk-6LYVYBIT.js";
export default require_dist();
