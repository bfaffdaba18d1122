import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-5NEVPS32.js";
import "../chunks/chunk-ZZ3U47C4.js";
import "../chunks/chunk-QO2W2YIS.js";
import "../chunks/chunk-EGNDDD6U.js";
import "../chunks/chunk-K5OHZQWL.js";
import "../chunks/chunk-FGMJL5XO.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-HSN3EHZW.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-main.ts
async function run() {
  await runActionMain(pipelineStage);
}

// packages/pipeline/src/main.ts
await run();
