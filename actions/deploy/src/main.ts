import { runActionMain } from "@gantry/core";
import { deployStage } from "@gantry/deploy";

/**
 * The deploy action's main step. Importing this module runs nothing, so @github/local-action can
 * load it and call run() (issue 11); ../main.ts is the runner's entry and calls it.
 */
export async function run(): Promise<void> {
  await runActionMain(deployStage);
}
