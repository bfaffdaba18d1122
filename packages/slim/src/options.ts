// What a slim run is given, shared by slim.ts (the run) and steps.ts (each file's steps).
import type { Reporter } from "@gantry/core";
import type { SlimInputs } from "./inputs.js";

/** What slim needs of a stage's inputs (go-build passes its own choices). */
export type SlimOptions = Pick<
  SlimInputs,
  | "strip"
  | "upx"
  | "upxVersion"
  | "upxArgs"
  | "upxSha256"
  | "upxDownloadBaseUrl"
  | "verify"
  | "smokeArgs"
  | "smokeTimeoutMs"
  | "onVerifyFailure"
  | "keepOriginal"
  | "reportPackages"
>;

export interface SlimEnv {
  reporter: Reporter;
  env: NodeJS.ProcessEnv;
  /** Paths in the report are relative to this folder. */
  cwd: string;
}
