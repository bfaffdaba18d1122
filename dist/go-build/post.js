import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStage,
  runActionPost
} from "../chunks/chunk-MNVOXCP2.js";

// actions/go-build/post.ts
await runActionPost(goBuildStage);
