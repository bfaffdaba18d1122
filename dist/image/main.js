import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-VZGKZQKO.js";
import "../chunks/chunk-W6IHR4BI.js";
import "../chunks/chunk-UWKJJFBU.js";
import "../chunks/chunk-KBUWGMZH.js";
import "../chunks/chunk-CERUWQNN.js";
import {
  runActionMain
} from "../chunks/chunk-CYDUBEEI.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/image/src/main.ts
async function run() {
  await runActionMain(imageStage);
}

// actions/image/main.ts
await run();
