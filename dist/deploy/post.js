import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "../chunks/chunk-QLGTPHME.js";
import {
  runActionPost
} from "../chunks/chunk-FOPOCMDV.js";
import "../chunks/chunk-3XP43NWD.js";

// actions/deploy/post.ts
await runActionPost(deployStage);
