import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  slimStage
} from "../chunks/chunk-WUIYT6UN.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-Q6IYIM7V.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/slim/src/main.ts
async function run() {
  await runActionMain(slimStage);
}

// actions/slim/main.ts
await run();
