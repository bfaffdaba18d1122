import { runActionPost } from "@gantry/core";
import { goBuildStage } from "@gantry/go-build";

await runActionPost(goBuildStage);
