import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-D3KEYBDI.js";
import {
  runActionMain
} from "../chunks/chunk-Q6IYIM7V.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
