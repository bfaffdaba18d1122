import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-O6JJLPCD.js";
import "../chunks/chunk-R5A3G7Y5.js";
import "../chunks/chunk-CKVLIE3F.js";
import "../chunks/chunk-SVSS7P2X.js";
import "../chunks/chunk-HLENGWAF.js";
import "../chunks/chunk-YK3FYRBA.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-3YOZM5HC.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-main.ts
async function run() {
  await runActionMain(pipelineStage);
}

// packages/pipeline/src/main.ts
await run();
