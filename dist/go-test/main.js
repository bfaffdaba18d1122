import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-T6OSQ3KJ.js";
import "../chunks/chunk-ZLD2BBMP.js";
import "../chunks/chunk-J4YPHHGS.js";
import {
  runActionMain
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
