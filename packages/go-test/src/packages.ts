import { GantryError, exec, lastLines } from "@gantry/core";
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
