import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-PL637RGE.js";
import "../chunks/chunk-HWZ4S4O3.js";
import "../chunks/chunk-HFGCHGF4.js";
import {
  runActionMain
} from "../chunks/chunk-LBMS6PYO.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
