import { runActionPost } from "@gantry/core";
import { loadPipelineStage } from "./pipeline.js";

/** The root action's post step; runs nothing on import, like action-main.ts (issue 11). */
export async function run(): Promise<void> {
  await runActionPost(await loadPipelineStage());
}
