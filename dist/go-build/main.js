import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-N6BNK2XZ.js";
import "../chunks/chunk-JQ54427M.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-RALLUDFT.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-build/src/main.ts
async function run() {
  await runActionMain(goBuildStage);
}

// actions/go-build/main.ts
await run();
