export * from "./pipeline.js";
export * from "./registry.js";
