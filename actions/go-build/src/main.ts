import { runActionMain } from "@gantry/core";
import { goBuildStage } from "./stage.js";

/**
 * The go-build action's main step. Importing this module runs nothing, so @github/local-action can
 * load it and call run() (issue 11); ../main.ts is the runner's entry and calls it.
 */
export async function run(): Promise<void> {
  await runActionMain(goBuildStage);
}
