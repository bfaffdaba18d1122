import { runActionPost } from "@gantry/core";
import { deployStage } from "@gantry/deploy";

await runActionPost(deployStage);
