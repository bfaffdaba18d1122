import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-JED6VDEG.js";
import {
  runActionMain
} from "../chunks/chunk-FOPOCMDV.js";
import "../chunks/chunk-3XP43NWD.js";

// actions/go-test/main.ts
await runActionMain(goTestStage);
