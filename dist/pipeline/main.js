import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-CKHQMPC2.js";
import "../chunks/chunk-QLGTPHME.js";
import "../chunks/chunk-GSJ6ZAUS.js";
import "../chunks/chunk-JED6VDEG.js";
import "../chunks/chunk-B2U626LK.js";
import "../chunks/chunk-4MPRL5FE.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-FOPOCMDV.js";
import "../chunks/chunk-3XP43NWD.js";

// packages/pipeline/src/main.ts
await runActionMain(pipelineStage);
