import { runActionMain } from "@gantry/core";
import { goTestStage } from "@gantry/go-test";

await runActionMain(goTestStage);
