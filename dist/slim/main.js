import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  slimStage
} from "../chunks/chunk-46ZS6L27.js";
import "../chunks/chunk-KBUWGMZH.js";
import "../chunks/chunk-CERUWQNN.js";
import {
  runActionMain
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/slim/src/main.ts
async function run() {
  await runActionMain(slimStage);
}

// actions/slim/main.ts
await run();
