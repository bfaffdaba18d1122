import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-UZ4RKIMC.js";
import {
  runActionMain
} from "../chunks/chunk-DGCJKLTJ.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-main.ts
async function run() {
  await runActionMain(pipelineStage);
}

// packages/pipeline/src/main.ts
await run();
