import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-IV5DTN4O.js";
import {
  runActionPost
} from "../chunks/chunk-NRP2JYBB.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/deploy/src/post.ts
async function run() {
  await runActionPost(deployStage);
}

// actions/deploy/post.ts
await run();
