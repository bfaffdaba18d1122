import { runActionPost } from "@gantry/core";
import { goBuildStage } from "./stage.js";

/** The go-build action's post step, run() without side effects on import, like src/main.ts (issue 11). */
export async function run(): Promise<void> {
  await runActionPost(goBuildStage);
}
