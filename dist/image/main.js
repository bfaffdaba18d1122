import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-W4NHLQS2.js";
import "../chunks/chunk-OB66RXDI.js";
import "../chunks/chunk-UWKJJFBU.js";
import "../chunks/chunk-KBUWGMZH.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-PSABYHHD.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/image/src/main.ts
async function run() {
  await runActionMain(imageStage);
}

// actions/image/main.ts
await run();
