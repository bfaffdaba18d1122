import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  pipelineStage
} from "../chunks/chunk-KQKZHQFI.js";
import "../chunks/chunk-5IJG54JF.js";
import "../chunks/chunk-6DQM7EU2.js";
import "../chunks/chunk-AA5GDJ3U.js";
import "../chunks/chunk-VEO53Z6X.js";
import "../chunks/chunk-XDC2YZIS.js";
import "../chunks/chunk-ZGRA7STY.js";
import {
  runActionPost
} from "../chunks/chunk-KP4EEYJH.js";
import "../chunks/chunk-EHUE7HD4.js";

// packages/pipeline/src/post.ts
await runActionPost(pipelineStage);
