import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { GantryError, exec, exists, lastLines } from "@gantry/core";
import type { ModuleRoot } from "./locate.js";

/** A package the patterns match, with the files each build-tag set adds. */
export interface GoPackage {
  importPath: string;
  dir: string;
  /** GoFiles + TestGoFiles + XTestGoFiles under the tags it was listed with. */
  files: string[];
}

const FORMAT = '{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles ","}},{{join .TestGoFiles ","}},{{join .XTestGoFiles ","}}';

/** `go list` of the patterns under the given tags; `-e` so a package that does not compile is still listed. */
export async function listPackages(
  go: string,
  patterns: readonly string[],
  tags: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<GoPackage[]> {
  const args = ["list", "-e", ...(tags.length > 0 ? [`-tags=${tags.join(",")}`] : []), "-f", FORMAT, ...patterns];
  const r = await exec(go, args, { cwd, env, allowFailure: true });
  if (r.code !== 0) throw new GantryError(`\`go ${args.join(" ")}\` failed in ${cwd}: ${lastLines(r.stderr, 5)}`);
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [importPath = "", dir = "", files = ""] = line.split("\t");
      return { importPath, dir, files: files.split(",").filter(Boolean) };
    });
}

/**
 * The packages that have files only the tags bring in (issue 5: the integration layer "runs only
 * packages that have such files"), found by listing with and without the tags.
 */
export function taggedPackages(untagged: readonly GoPackage[], tagged: readonly GoPackage[]): string[] {
  const before = new Map(untagged.map((p) => [p.importPath, new Set(p.files)]));
  return tagged.filter((p) => p.files.some((f) => !before.get(p.importPath)?.has(f))).map((p) => p.importPath);
}

/** The main module(s): one line each in workspace mode. */
export async function listModules(go: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ModuleRoot[]> {
  const r = await exec(go, ["list", "-m", "-f", "{{.Path}}\t{{.Dir}}"], { cwd, env, allowFailure: true });
  if (r.code !== 0) {
    throw new GantryError(`no Go module in ${cwd} (\`go list -m\`: ${lastLines(r.stderr, 2)}); set working-directory to the folder that holds go.mod`);
  }
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [path = "", dir = ""] = l.split("\t");
      return { path, dir };
    });
}

/**
 * The main module from go.mod, found by walking up from `cwd` the way go does, without starting
 * go; in a workspace (go.work) or without a go.mod, `go list -m` decides.
 */
export async function findModules(go: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ModuleRoot[]> {
  const gowork = env.GOWORK?.trim();
  if (gowork && gowork !== "off") return listModules(go, cwd, env);
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (gowork !== "off" && (await exists(join(dir, "go.work")))) return listModules(go, cwd, env);
    if (await exists(join(dir, "go.mod"))) {
      const path = /^module\s+"?([^"\s]+)"?/m.exec(await readFile(join(dir, "go.mod"), "utf8"))?.[1];
      return path ? [{ path, dir }] : listModules(go, cwd, env);
    }
    if (dirname(dir) === dir) return listModules(go, cwd, env);
  }
}

/** Package folders: what go list said, else derived from the module (a package's path below the module path). */
export class PackageDirs {
  private readonly known = new Map<string, string>();
  constructor(private readonly modules: readonly ModuleRoot[]) {}

  add(pkgs: readonly GoPackage[]): void {
    for (const p of pkgs) this.known.set(p.importPath, p.dir);
  }

  get(importPath: string): string | undefined {
    const known = this.known.get(importPath);
    if (known) return known;
    for (const m of this.modules) {
      if (importPath === m.path) return m.dir;
      if (importPath.startsWith(`${m.path}/`)) return join(m.dir, importPath.slice(m.path.length + 1));
    }
    return undefined;
  }
}
