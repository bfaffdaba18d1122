import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-3LWABKTY.js";
import "../chunks/chunk-AZS3JUEV.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-2B66K5OG.js";
import "../chunks/chunk-SDIGK4BL.js";
import "../chunks/chunk-6LYVYBIT.js";

// actions/go-build/src/main.ts
async function run() {
  await runActionMain(goBuildStage);
}

// actions/go-build/main.ts
await run();
