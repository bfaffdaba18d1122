import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-LRG7ZNIP.js";
import {
  runActionMain
} from "../chunks/chunk-Q6IYIM7V.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/deploy/src/main.ts
async function run() {
  await runActionMain(deployStage);
}

// actions/deploy/main.ts
await run();
