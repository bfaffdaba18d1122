import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-GB2URKGH.js";
import "../chunks/chunk-RQEQPLFC.js";
import "../chunks/chunk-LMDLEX5X.js";
import {
  runActionMain
} from "../chunks/chunk-7256D67N.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-test/src/main.ts
async function run() {
  await runActionMain(goTestStage);
}

// actions/go-test/main.ts
await run();
