import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-7DMRX4D4.js";
import {
  runActionPost
} from "../chunks/chunk-MNVOXCP2.js";

// packages/pipeline/src/post.ts
await runActionPost(pipelineStage);
