import { runActionMain } from "@gantry/core";
import { imageStage } from "@gantry/image";

await runActionMain(imageStage);
