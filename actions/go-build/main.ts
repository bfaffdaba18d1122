import { runActionMain } from "@gantry/core";
import { goBuildStage } from "@gantry/go-build";

await runActionMain(goBuildStage);
