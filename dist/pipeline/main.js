import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-MJSG5POR.js";
import "../chunks/chunk-WIRPZAXR.js";
import "../chunks/chunk-3LWABKTY.js";
import "../chunks/chunk-TIQMCPST.js";
import "../chunks/chunk-RCAP6A5C.js";
import "../chunks/chunk-AZS3JUEV.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-2B66K5OG.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-main.ts
async function run() {
  await runActionMain(pipelineStage);
}

// packages/pipeline/src/main.ts
await run();
