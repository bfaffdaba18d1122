import { runActionPost } from "@gantry/core";
import { pipelineStage } from "./pipeline.js";

await runActionPost(pipelineStage);
