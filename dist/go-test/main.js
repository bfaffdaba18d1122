import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-FS2DWI6X.js";
import "../chunks/chunk-TRSV5B22.js";
import "../chunks/chunk-DWEYYP6S.js";
import {
  runActionMain
} from "../chunks/chunk-NRP2JYBB.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
