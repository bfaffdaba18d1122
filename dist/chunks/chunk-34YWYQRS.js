import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  goBuildStageWith
} from "./chunk-7QZ6FTOW.js";

// actions/go-build/src/stage.ts
var packWithUpx = async (...args) => (await import("./src-MTRRGTAK.js")).packWithUpx(...args), goBuildStage = goBuildStageWith(packWithUpx);

export {
  goBuildStage
};
