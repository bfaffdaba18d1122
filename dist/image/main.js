import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  imageStage
} from "../chunks/chunk-VEO53Z6X.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionMain
} from "../chunks/chunk-KP4EEYJH.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/image/main.ts
await runActionMain(imageStage);
