import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-DGVA24BH.js";
import "../chunks/chunk-WUIYT6UN.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-Q6IYIM7V.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-build/src/post.ts
async function run() {
  await runActionPost(goBuildStage);
}

// actions/go-build/post.ts
await run();
