import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-TUKMJHGE.js";
import {
  runActionPost
} from "../chunks/chunk-7256D67N.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/deploy/src/post.ts
async function run() {
  await runActionPost(deployStage);
}

// actions/deploy/post.ts
await run();
