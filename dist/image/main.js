import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-B2U626LK.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-FOPOCMDV.js";
import "../chunks/chunk-3XP43NWD.js";

// actions/image/main.ts
await runActionMain(imageStage);
