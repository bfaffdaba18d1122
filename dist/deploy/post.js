import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage,
  runActionPost
} from "../chunks/chunk-DGCJKLTJ.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/deploy/src/post.ts
async function run() {
  await runActionPost(deployStage);
}

// actions/deploy/post.ts
await run();
