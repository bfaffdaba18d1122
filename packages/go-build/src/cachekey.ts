import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type CachePlan, type GoToolchain, exists, formatTarget, sha256 } from "@gantry/core";
import type { BuildTarget } from "./targets.js";

/**
 * GOCACHE and GOMODCACHE keyed by runner OS/arch, Go version, CGO, the target set and go.sum,
 * with restore-keys that fall back to the same toolchain (setup-go's key has no target set or
 * CGO in it, so matrix jobs collide and cross builds miss: setup-go#298, #357, #672).
 */
export async function goCachePlan(
  go: GoToolchain,
  targets: readonly BuildTarget[],
  cgo: boolean,
  moduleDir: string,
  env: NodeJS.ProcessEnv,
): Promise<CachePlan> {
  const sumFile = join(moduleDir, "go.sum");
  const deps = (await exists(sumFile)) ? await readFile(sumFile) : await readFile(join(moduleDir, "go.mod"));
  const runner = `${env.RUNNER_OS ?? process.platform}-${env.RUNNER_ARCH ?? process.arch}`.toLowerCase();
  const toolchain = `gantry-go-${runner}-go${go.version}-cgo${cgo ? 1 : 0}`;
  const targetSet = sha256(targets.map(formatTarget).sort().join(",")).slice(0, 12);
  return {
    paths: [go.gocache, go.gomodcache],
    key: `${toolchain}-${targetSet}-${sha256(deps).slice(0, 16)}`,
    restoreKeys: [`${toolchain}-${targetSet}-`, `${toolchain}-`],
  };
}
