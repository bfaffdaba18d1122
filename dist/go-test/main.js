import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-SKKASB2W.js";
import "../chunks/chunk-CCHPNJYC.js";
import "../chunks/chunk-6TQIMPIE.js";
import {
  runActionMain
} from "../chunks/chunk-4VNAQ6EH.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
