import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-7UN76N4O.js";
import "../chunks/chunk-RTY7CNCA.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-HWJP5PZ6.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/go-build/post.ts
await runActionPost(goBuildStage);
