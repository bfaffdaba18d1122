import { runActionMain } from "@gantry/core";
import { deployStage } from "@gantry/deploy";

await runActionMain(deployStage);
