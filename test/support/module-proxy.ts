import { execFileSync } from "node:child_process";
import { fixtureCopy, scratchDir } from "../harness.js";

/**
 * A local file:// module proxy (a module cache's cache/download folder) holding everything a
 * fixture's build and `go mod tidy` read, filled once from the Go module proxy; removed with the
 * test file's scratch folders. Builds that start from an empty GOMODCACHE fill it from here.
 */
export function fixtureModuleProxy(fixture: string): string {
  const seed = scratchDir("gantry-gomodcache-seed-");
  const ws = fixtureCopy(fixture);
  const env = { ...process.env, GOMODCACHE: seed, GOFLAGS: "-modcacherw" };
  execFileSync("go", ["mod", "download"], { cwd: ws, env, stdio: "ignore" });
  execFileSync("go", ["mod", "tidy", "-diff"], { cwd: ws, env, stdio: "ignore" });
  return `file://${seed}/cache/download`;
}
