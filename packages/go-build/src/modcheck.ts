import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExecError, GantryError, exec, exists, lastLines } from "@gantry/core";
import { createTwoFilesPatch } from "diff";

async function readOr(path: string, fallback: string): Promise<string> {
  return (await exists(path)) ? readFile(path, "utf8") : fallback;
}

/**
 * `go mod verify`, then whether `go mod tidy` would change go.mod or go.sum — run against
 * copies through -modfile, so the user's files are never touched (`go mod tidy -diff` only
 * exists from Go 1.23). Throws with a unified diff when they drift.
 */
export async function checkModule(go: string, moduleDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await exec(go, ["mod", "verify"], { cwd: moduleDir, env, timeoutMs: 300_000 });
  } catch (err) {
    if (err instanceof ExecError) throw new GantryError(`go mod verify failed in ${moduleDir}:\n${lastLines(err.result.stdout + err.result.stderr, 15)}`);
    throw err;
  }
  const tmp = await mkdtemp(join(tmpdir(), "gantry-tidy-"));
  try {
    const modPath = join(moduleDir, "go.mod");
    const sumPath = join(moduleDir, "go.sum");
    await copyFile(modPath, join(tmp, "go.mod"));
    if (await exists(sumPath)) await copyFile(sumPath, join(tmp, "go.sum"));
    try {
      await exec(go, ["mod", "tidy", `-modfile=${join(tmp, "go.mod")}`], { cwd: moduleDir, env, timeoutMs: 300_000 });
    } catch (err) {
      if (err instanceof ExecError)
        throw new GantryError(`go mod tidy could not run (mod-check: verify; set mod-check: off to skip):\n${lastLines(err.result.stderr, 15)}`);
      throw err;
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
    if (patches.length > 0) {
      throw new GantryError(
        `go.mod/go.sum are not tidy: \`go mod tidy\` would make these changes (commit them, or set mod-check: off):\n${patches.join("\n")}`,
      );
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
