import { execFileSync } from "node:child_process";
import { REPO } from "./harness.js";

/** Integration tests run the bundles in dist/: make sure they are built from the current sources. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO, stdio: "inherit" });
}
