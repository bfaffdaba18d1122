import type { Stage } from "@gantry/core";
import { deployStage } from "@gantry/deploy";
import { goBuildStage } from "@gantry/go-build";
import { goTestStage } from "@gantry/go-test";
import { imageStage } from "@gantry/image";
import { slimStage } from "@gantry/slim";

/** Every stage the CLI and the pipeline can run, by its action's folder name. */
// biome-ignore lint/suspicious/noExplicitAny: each stage has its own input type
export const STAGES: Record<string, Stage<any>> = {
  deploy: deployStage,
  "go-build": goBuildStage,
  "go-test": goTestStage,
  image: imageStage,
  slim: slimStage,
};
