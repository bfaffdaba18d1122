import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-5XIAYEZG.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-HWJP5PZ6.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/image/main.ts
await runActionMain(imageStage);
