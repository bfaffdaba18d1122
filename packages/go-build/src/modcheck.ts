import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExecError, GantryError, type Reporter, exec, exists } from "@gantry/core";
import { createTwoFilesPatch } from "diff";
import * as semver from "semver";
import { moduleCommandError } from "./modules.js";
import { recordVerified, verdictKey, verifiedBefore } from "./modverdict.js";

async function readOr(path: string, fallback: string): Promise<string> {
  return (await exists(path)) ? readFile(path, "utf8") : fallback;
}

function untidy(patches: string): GantryError {
  return new GantryError(`go.mod/go.sum are not tidy: \`go mod tidy\` would make these changes (commit them, or set mod-check: off):\n${patches}`);
}

/** `go mod tidy -diff` (Go ≥ 1.23): prints the changes tidy would make and changes nothing. */
async function tidyDiff(go: string, moduleDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const r = await exec(go, ["mod", "tidy", "-diff"], { cwd: moduleDir, env, timeoutMs: 300_000, allowFailure: true });
  if (r.code === 0) return;
  if (r.stdout.trim() !== "") throw untidy(r.stdout.trimEnd());
  throw moduleCommandError("go mod tidy -diff (mod-check: verify; set mod-check: off to skip)", new ExecError(r), env);
}

/** Before Go 1.23: `go mod tidy` on copies through -modfile, then a diff of the copies. */
async function tidyOnCopies(go: string, moduleDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), "gantry-tidy-"));
  try {
    const modPath = join(moduleDir, "go.mod");
    const sumPath = join(moduleDir, "go.sum");
    await copyFile(modPath, join(tmp, "go.mod"));
    if (await exists(sumPath)) await copyFile(sumPath, join(tmp, "go.sum"));
    try {
      await exec(go, ["mod", "tidy", `-modfile=${join(tmp, "go.mod")}`], { cwd: moduleDir, env, timeoutMs: 300_000 });
    } catch (err) {
      throw moduleCommandError("go mod tidy (mod-check: verify; set mod-check: off to skip)", err, env);
    }
    const patches: string[] = [];
    for (const [name, path] of [
      ["go.mod", modPath],
      ["go.sum", sumPath],
    ] as const) {
      const before = await readOr(path, "");
      const after = await readOr(join(tmp, name), "");
      if (before !== after) patches.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "", "", { context: 2 }));
    }
    if (patches.length > 0) throw untidy(patches.join("\n"));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Where a verdict of `go mod verify` is kept between runs (modverdict.ts); undefined keeps none. */
export interface VerdictCache {
  /** The folder of gantry's kept entries (linkcache.ts keptFolder). */
  kept: string;
  gomodcache: string;
}

/** `go mod verify`, unless it passed before for the same key; says which. */
async function verifyModules(go: string, goVersion: string, moduleDir: string, env: NodeJS.ProcessEnv, cache?: VerdictCache): Promise<"ran" | "kept"> {
  const key = cache ? await verdictKey({ goVersion, moduleDir, gomodcache: cache.gomodcache, env }) : undefined;
  if (cache && key && (await verifiedBefore(cache.kept, key))) return "kept";
  try {
    await exec(go, ["mod", "verify"], { cwd: moduleDir, env, timeoutMs: 300_000 });
  } catch (err) {
    throw moduleCommandError(`go mod verify in ${moduleDir}`, err, env);
  }
  if (cache && key) await recordVerified(cache.kept, key);
  return "ran";
}

/**
 * `go mod verify`, and whether `go mod tidy` would change go.mod or go.sum, never touching the
 * user's files; both read only, so they run at once. Throws with a unified diff when they drift,
 * and names what to set when the module proxy or the checksum database cannot be reached (issue 11).
 * Tidiness is checked every run (it depends on the imports of every source file); verify's pass
 * is kept for the next run when `cache` is given (issue 14).
 */
export async function checkModule(
  go: string,
  goVersion: string,
  moduleDir: string,
  env: NodeJS.ProcessEnv,
  reporter?: Reporter,
  cache?: VerdictCache,
): Promise<void> {
  const diff = semver.gte(semver.coerce(goVersion) ?? "0.0.0", "1.23.0");
  const [verified, tidy] = await Promise.allSettled([
    verifyModules(go, goVersion, moduleDir, env, cache),
    diff ? tidyDiff(go, moduleDir, env) : tidyOnCopies(go, moduleDir, env),
  ]);
  // verify's failure first, as when they ran one after the other.
  if (verified.status === "rejected") throw verified.reason;
  if (tidy.status === "rejected") throw tidy.reason;
  const how = verified.value === "kept" ? "passed before for these go.mod, go.sum and module copies (verdict kept in GOCACHE)" : "passed";
  reporter?.info(`mod-check: go mod verify ${how} and go mod tidy${diff ? " -diff" : " (on copies)"} would change nothing`);
}
