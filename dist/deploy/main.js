import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-QWSRHO4B.js";
import {
  runActionMain
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/deploy/src/main.ts
async function run() {
  await runActionMain(deployStage);
}

// actions/deploy/main.ts
await run();
