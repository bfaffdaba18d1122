import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  slimStage
} from "../chunks/chunk-4MPRL5FE.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-FOPOCMDV.js";
import "../chunks/chunk-3XP43NWD.js";

// actions/slim/main.ts
await runActionMain(slimStage);
