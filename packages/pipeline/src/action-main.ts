import { runActionMain } from "@gantry/core";
import { loadPipelineStage } from "./pipeline.js";

/** The root action's main step; runs nothing on import, for @github/local-action (issue 11). */
export async function run(): Promise<void> {
  await runActionMain(await loadPipelineStage());
}
