import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-I4VXKKGO.js";
import "../chunks/chunk-VIT4FSF2.js";
import "../chunks/chunk-LEIMNVQR.js";
import {
  runActionMain
} from "../chunks/chunk-BA5FFSMU.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
