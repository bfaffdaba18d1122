import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-CGCMNCCG.js";
import "../chunks/chunk-355L4WMH.js";
import "../chunks/chunk-42AMZIYS.js";
import {
  runActionMain
} from "../chunks/chunk-CYDUBEEI.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
