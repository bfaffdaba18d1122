import { runActionMain } from "@gantry/core";
import { pipelineStage } from "./pipeline.js";

await runActionMain(pipelineStage);
