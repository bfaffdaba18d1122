import { runActionMain } from "@gantry/core";
import { slimStage } from "@gantry/slim";

await runActionMain(slimStage);
