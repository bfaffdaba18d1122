import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-FBWG4QF4.js";
import {
  runActionMain
} from "../chunks/chunk-HWJP5PZ6.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/go-test/main.ts
await runActionMain(goTestStage);
