import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage,
  runActionMain
} from "../chunks/chunk-MNVOXCP2.js";

// actions/go-build/main.ts
await runActionMain(goBuildStage);
