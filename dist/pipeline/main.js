import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-STMVK5QQ.js";
import "../chunks/chunk-ZI6G3XUM.js";
import "../chunks/chunk-7UN76N4O.js";
import "../chunks/chunk-FBWG4QF4.js";
import "../chunks/chunk-5XIAYEZG.js";
import "../chunks/chunk-RTY7CNCA.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-HWJP5PZ6.js";
import "../chunks/chunk-EHUE7HD4.js";

// packages/pipeline/src/main.ts
await runActionMain(pipelineStage);
