import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { type CachePlan, type GoToolchain, type Reporter, exists, formatTarget, sha256 } from "@gantry/core";
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
  // `caches2`: entries are saved under `<key>-<run>` only after a build succeeded. The earlier
  // scheme saved `<key>` itself, also after a failed build, and such an entry would be an exact
  // hit for ever: its keys are not matched.
  const toolchain = `gantry-go-caches2-${runner}-go${go.version}-cgo${cgo ? 1 : 0}`;
  const targetSet = sha256(targets.map(formatTarget).sort().join(",")).slice(0, 12);
  return {
    paths: [go.gocache, go.gomodcache],
    key: `${toolchain}-${targetSet}-${sha256(deps).slice(0, 16)}`,
    restoreKeys: [`${toolchain}-${targetSet}-`, `${toolchain}-`],
  };
}

/** How many entries Go's build cache holds (the files of its `00`…`ff` folders); 0 when it has none. */
export async function goCacheEntries(gocache: string): Promise<number> {
  const dirs = await readdir(gocache).catch(() => [] as string[]);
  const counts = await Promise.all(
    dirs
      .filter((d) => /^[0-9a-f]{2}$/.test(d))
      .map((d) =>
        readdir(join(gocache, d)).then(
          (f) => f.length,
          () => 0,
        ),
      ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Whether a restored entry served the build: it held something, and the build added at most as
 * many entries again as it found. An entry saved from a run that got nowhere (a few hundred KB)
 * restores as a hit and leaves the build cold: that is not a hit to report or to keep.
 */
export function cacheServed(atRestore: number, afterBuild: number): boolean {
  return atRestore > 0 && afterBuild - atRestore <= atRestore;
}

/** After a build that succeeded: whether the entry restored for this key served it, said in the log when it did not. */
export async function judgeRestoredCache(matched: string, atRestore: number, gocache: string, reporter: Reporter): Promise<boolean> {
  const after = await goCacheEntries(gocache);
  if (cacheServed(atRestore, after)) return true;
  reporter.warning(
    `cache: ${matched} was restored but held little of use (${atRestore} build cache entries; the build added ${after - atRestore}): not reported as a hit, and a new entry is saved after this run`,
  );
  return false;
}
