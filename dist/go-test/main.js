import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goTestStage
} from "../chunks/chunk-AA5GDJ3U.js";
import {
  runActionMain
} from "../chunks/chunk-KP4EEYJH.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/go-test/main.ts
await runActionMain(goTestStage);
