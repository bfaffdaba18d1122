import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-UEGZQIID.js";
import "../chunks/chunk-YSQNR3RS.js";
import "../chunks/chunk-N6BNK2XZ.js";
import "../chunks/chunk-RLQN3Z5J.js";
import "../chunks/chunk-FCVOLFCC.js";
import "../chunks/chunk-JQ54427M.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-RALLUDFT.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-post.ts
async function run() {
  await runActionPost(pipelineStage);
}

// packages/pipeline/src/post.ts
await run();
