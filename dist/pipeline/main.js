import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  loadPipelineStage
} from "../chunks/chunk-NFQA47LG.js";
import {
  runActionMain
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-main.ts
async function run() {
  await runActionMain(await loadPipelineStage());
}

// packages/pipeline/src/main.ts
await run();
