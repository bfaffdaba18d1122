import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-QWSRHO4B.js";
import {
  runActionPost
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/deploy/src/post.ts
async function run() {
  await runActionPost(deployStage);
}

// actions/deploy/post.ts
await run();
