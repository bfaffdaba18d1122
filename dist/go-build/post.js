import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-7C23S4NQ.js";
import "../chunks/chunk-27JHYIFB.js";
import "../chunks/chunk-JDGM7RT4.js";
import "../chunks/chunk-UWKJJFBU.js";
import "../chunks/chunk-CERUWQNN.js";
import {
  runActionPost
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-build/src/post.ts
async function run() {
  await runActionPost(goBuildStage);
}

// actions/go-build/post.ts
await run();
