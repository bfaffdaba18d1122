import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-GSJ6ZAUS.js";
import "../chunks/chunk-4MPRL5FE.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-FOPOCMDV.js";
import "../chunks/chunk-3XP43NWD.js";

// actions/go-build/main.ts
await runActionMain(goBuildStage);
