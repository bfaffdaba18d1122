import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage
} from "../chunks/chunk-6DQM7EU2.js";
import "../chunks/chunk-XDC2YZIS.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-KP4EEYJH.js";
import "../chunks/chunk-EHUE7HD4.js";

// actions/go-build/post.ts
await runActionPost(goBuildStage);
