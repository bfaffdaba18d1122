import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  require_semver
} from "./chunk-UWKJJFBU.js";
import "./chunk-6LYVYBIT.js";
export default require_semver();
