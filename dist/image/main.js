import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-QACC6AZL.js";
import "../chunks/chunk-HVVX2CWE.js";
import "../chunks/chunk-7AM7GE7Y.js";
import {
  runActionMain
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/image/src/main.ts
async function run() {
  await runActionMain(imageStage);
}

// actions/image/main.ts
await run();
