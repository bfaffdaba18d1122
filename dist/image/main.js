import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-OLXWTBYU.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-Q6IYIM7V.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/image/src/main.ts
async function run() {
  await runActionMain(imageStage);
}

// actions/image/main.ts
await run();
