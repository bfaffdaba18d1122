import type { Stage } from "@gantry/core";
import { goBuildStage } from "@gantry/go-build";
import { imageStage } from "@gantry/image";

/** Every stage the CLI and the pipeline can run, by its action's folder name. */
// biome-ignore lint/suspicious/noExplicitAny: each stage has its own input type
export const STAGES: Record<string, Stage<any>> = {
  "go-build": goBuildStage,
  image: imageStage,
};
