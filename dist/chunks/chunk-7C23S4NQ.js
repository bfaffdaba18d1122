import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStageWith
} from "./chunk-27JHYIFB.js";

// actions/go-build/src/stage.ts
var packWithUpx = async (...args) => (await import("./src-V3IPRMDQ.js")).packWithUpx(...args), goBuildStage = goBuildStageWith(packWithUpx);

export {
  goBuildStage
};
