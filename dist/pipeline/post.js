import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-XQNPYEBF.js";
import {
  runActionPost
} from "../chunks/chunk-JG3GFB7A.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-post.ts
async function run() {
  await runActionPost(pipelineStage);
}

// packages/pipeline/src/post.ts
await run();
