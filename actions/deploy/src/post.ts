import { runActionPost } from "@gantry/core";
import { deployStage } from "@gantry/deploy";

/** The deploy action's post step, run() without side effects on import, like src/main.ts (issue 11). */
export async function run(): Promise<void> {
  await runActionPost(deployStage);
}
