import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-N6BNK2XZ.js";
import "../chunks/chunk-JQ54427M.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-RALLUDFT.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-build/src/post.ts
async function run() {
  await runActionPost(goBuildStage);
}

// actions/go-build/post.ts
await run();
