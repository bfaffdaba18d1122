import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-OUI4F4SS.js";
import "../chunks/chunk-LRG7ZNIP.js";
import "../chunks/chunk-DGVA24BH.js";
import "../chunks/chunk-D3KEYBDI.js";
import "../chunks/chunk-OLXWTBYU.js";
import "../chunks/chunk-WUIYT6UN.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-Q6IYIM7V.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-post.ts
async function run() {
  await runActionPost(pipelineStage);
}

// packages/pipeline/src/post.ts
await run();
