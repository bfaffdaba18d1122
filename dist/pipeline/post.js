import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  loadPipelineStage
} from "../chunks/chunk-NFQA47LG.js";
import {
  runActionPost
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/pipeline/src/action-post.ts
async function run() {
  await runActionPost(await loadPipelineStage());
}

// packages/pipeline/src/post.ts
await run();
