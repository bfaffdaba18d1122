/**
 * The import directions of docs/architecture.md ("Import directions"), checked by `npm run lint`
 * (issue 12). Two rules:
 * - a package reaches another package only through its public index (`@gantry/<name>`), never
 *   through a relative path out of its own `src/` or a deep `@gantry/<name>/…` path;
 * - inside packages/deploy/src every file belongs to a layer, and a relative import stays in its
 *   layer or goes down to one the layer's row of DEPLOY_LAYERS names.
 * Each broken rule is printed as `file:line: …` and the script exits 1.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Each deploy layer → the layers it may import (besides its own), top layer first. */
export const DEPLOY_LAYERS: Readonly<Record<string, readonly string[]>> = {
  stage: ["fleet", "run", "engine", "routers", "runtimes", "analysis", "hosts", "model"],
  fleet: ["run", "engine", "routers", "runtimes", "analysis", "hosts", "model"],
  run: ["engine", "routers", "runtimes", "analysis", "hosts", "model"],
  engine: ["routers", "runtimes", "analysis", "hosts", "model"],
  routers: ["hosts", "model"],
  runtimes: ["hosts", "model"],
  analysis: ["model"],
  hosts: ["model"],
  model: [],
};

/** The top-level files of packages/deploy/src that make the stage; every other top-level file is the single-host run. */
const STAGE_FILES = new Set(["stage.ts", "index.ts"]);

/** One broken rule, at a file's line. */
export interface Violation {
  file: string;
  line: number;
  message: string;
}

/** The layer of a file, by its path under packages/deploy/src (posix); undefined for a folder the table does not know. */
export function layerOf(path: string): string | undefined {
  const [first, ...rest] = path.split("/");
  if (rest.length === 0) return STAGE_FILES.has(path) ? "stage" : "run";
  return first !== undefined && first in DEPLOY_LAYERS && first !== "stage" && first !== "run" ? first : undefined;
}

/** Why `from` may not import `to` (two layers), or undefined when it may. */
export function layerRule(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const allowed = DEPLOY_LAYERS[from] ?? [];
  if (allowed.includes(to)) return undefined;
  return `${from} may not import ${to}; ${from} imports ${allowed.length ? allowed.join(", ") : "only @gantry/core"} (docs/architecture.md, "Import directions")`;
}

/** Every module specifier of a file's static imports and re-exports, with its line. */
export function importsOf(text: string): { line: number; spec: string }[] {
  const found: { line: number; spec: string }[] = [];
  // `import "x"`, or `import|export … from "x"` (which may span lines but holds no parenthesis, `=` or `;`).
  const pattern = /^\s*(?:import|export)\s+(?:[^"';(=]*?\bfrom\s*)?["']([^"']+)["']/gm;
  for (const m of text.matchAll(pattern)) {
    const before = text.slice(0, m.index + m[0].length);
    found.push({ line: before.split("\n").length, spec: m[1] as string });
  }
  return found;
}

/** The broken rules of one file; `file` and `srcDir` are paths relative to the repository (posix). */
export function checkFile(file: string, text: string, srcDir: string): Violation[] {
  const out: Violation[] = [];
  const deploy = srcDir === "packages/deploy/src";
  const own = deploy ? layerOf(posix.relative(srcDir, file)) : undefined;
  if (deploy && own === undefined) out.push({ file, line: 1, message: "its folder has no layer; add it to DEPLOY_LAYERS and to docs/architecture.md" });
  for (const { line, spec } of importsOf(text)) {
    if (/^@gantry\/[^/]+\/./.test(spec))
      out.push({ file, line, message: `${spec} reaches past a package's public index; import ${spec.split("/").slice(0, 2).join("/")}` });
    if (!spec.startsWith(".")) continue;
    const target = posix.normalize(posix.join(posix.dirname(file), spec));
    const pkg = posix.dirname(srcDir);
    if (!target.startsWith(`${pkg}/`)) {
      out.push({ file, line, message: `${spec} leaves ${pkg}; another package is imported through its public index (@gantry/<name>)` });
      continue;
    }
    if (!deploy || own === undefined) continue;
    const to = layerOf(posix.relative(srcDir, target).replace(/\.js$/, ".ts"));
    const why = to === undefined ? `${spec} is in a folder with no layer` : layerRule(own, to);
    if (why) out.push({ file, line, message: `${spec}: ${why}` });
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Checks every package's src folder under `repo`. */
export function checkRepo(repo: string): Violation[] {
  const packages = readdirSync(join(repo, "packages"), { withFileTypes: true }).filter((e) => e.isDirectory());
  return packages.flatMap((p) => {
    const srcDir = `packages/${p.name}/src`;
    const files = tsFiles(join(repo, srcDir)).map((f) => relative(repo, f).split(sep).join("/"));
    return files.flatMap((f) => checkFile(f, readFileSync(join(repo, f), "utf8"), srcDir));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = checkRepo(resolve(dirname(fileURLToPath(import.meta.url)), ".."));
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length) {
    console.error(`check-imports: ${violations.length} import(s) against the directions of docs/architecture.md`);
    process.exit(1);
  }
  console.log("check-imports: every import goes an allowed direction");
}
