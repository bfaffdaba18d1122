import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  slimStage
} from "../chunks/chunk-XDC2YZIS.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-KP4EEYJH.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/slim/main.ts
await runActionMain(slimStage);
