import { execFileSync } from "node:child_process";
import { REPO } from "./harness.js";

/**
 * Integration tests run the bundles in dist/: rebuild them from the current sources first.
 * GANTRY_SKIP_BUILD=1 skips that (while working on one stage, build it with
 * `node scripts/build.mjs <stage> cli pipeline`).
 */
export default function setup(): void {
  if (process.env.GANTRY_SKIP_BUILD) return;
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO, stdio: "inherit" });
}
