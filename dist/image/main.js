import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-YP22MLDD.js";
import "../chunks/chunk-HVVX2CWE.js";
import "../chunks/chunk-ILALI5AF.js";
import {
  runActionMain
} from "../chunks/chunk-7256D67N.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/image/src/main.ts
async function run() {
  await runActionMain(imageStage);
}

// actions/image/main.ts
await run();
