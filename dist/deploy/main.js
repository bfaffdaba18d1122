import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-ZI6G3XUM.js";
import {
  runActionMain
} from "../chunks/chunk-HWJP5PZ6.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/deploy/main.ts
await runActionMain(deployStage);
