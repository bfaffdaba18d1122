import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-PZGUOIE6.js";
import "../chunks/chunk-GXIU4B34.js";
import "../chunks/chunk-YRCGGVKQ.js";
import {
  runActionMain
} from "../chunks/chunk-DIGBKZ6C.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
