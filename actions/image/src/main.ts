import { runActionMain } from "@gantry/core";
import { imageStage } from "@gantry/image";

/**
 * The image action's main step. Importing this module runs nothing, so @github/local-action can
 * load it and call run() (issue 11); ../main.ts is the runner's entry and calls it.
 */
export async function run(): Promise<void> {
  await runActionMain(imageStage);
}
