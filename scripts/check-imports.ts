/**
 * The import directions of docs/architecture.md ("Import directions"), checked by `npm run lint`.
 * Every module specifier of every file under packages/<name>/src and actions/ is judged: static
 * imports, `import type`, `export … from`, `import()` (awaited or not) and `import("x").T` types
 * alike, found by the TypeScript parser so that no form or line break hides one. The rules:
 * - a package imports only the packages of its row of PACKAGE_RULES, through their public index
 *   (`@gantry/<name>`), never a deep `@gantry/<name>/…` path nor a relative path out of its `src/`;
 * - inside packages/deploy/src every file belongs to a layer, and a relative import stays in its
 *   layer or goes down to one the layer's row of DEPLOY_LAYERS names;
 * - no file reaches itself again through its imports (type-only ones count: a cycle of types is
 *   still two files that cannot be understood one without the other).
 * Each broken rule is printed as `file:line: …` and the script exits 1.
 * `tsx scripts/check-imports.ts --root <dir>` checks another copy of the repository.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const STAGES = ["deploy", "go-build", "go-test", "image", "slim"] as const;

/**
 * Each unit of the repository → the packages it may import (besides itself). A unit is a package
 * (packages/<name>/src) or `actions` (actions/, each action's entry: it assembles its stage).
 */
export const PACKAGE_RULES: Readonly<Record<string, readonly string[]>> = {
  actions: ["pipeline", ...STAGES, "core"],
  cli: ["pipeline", "core"],
  pipeline: [...STAGES, "core"],
  ...Object.fromEntries(STAGES.map((s) => [s, ["core"]])),
  core: [],
};

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

const RULES = '(docs/architecture.md, "Import directions")';

/** The top-level files of packages/deploy/src that make the stage; every other top-level file is the single-host run. */
const STAGE_FILES = new Set(["stage.ts", "index.ts"]);

/** One broken rule, at a file's line. */
export interface Violation {
  file: string;
  line: number;
  message: string;
}

/** One module specifier a file names, and how. */
export interface ImportRef {
  line: number;
  spec: string;
  /** `import`/`import type`, `export … from`, `import()` (as a call or in a type). */
  kind: "import" | "export" | "dynamic";
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
  return `${from} may not import ${to}; ${from} imports ${allowed.length ? allowed.join(", ") : "only @gantry/core"} ${RULES}`;
}

/** Why unit `from` may not import package `to`, or undefined when it may. */
export function packageRule(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (!(to in PACKAGE_RULES) || to === "actions") return `@gantry/${to} is no package of the table ${RULES}`;
  const allowed = PACKAGE_RULES[from] ?? [];
  if (allowed.includes(to)) return undefined;
  return `${from} may not import ${to}; ${from} imports ${allowed.length ? allowed.join(", ") : "no package of ours"} ${RULES}`;
}

/** Every module specifier of a file, with the line of its module name; a computed `import(x)` has spec "". */
export function importsOf(text: string, fileName = "x.ts"): ImportRef[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const add = (node: ts.Node, spec: string, kind: ImportRef["kind"]) =>
    found.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, spec, kind });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier, node.moduleSpecifier.text, "import");
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      add(node.moduleSpecifier, node.moduleSpecifier.text, "export");
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      add(e, ts.isStringLiteral(e) ? e.text : "", "import");
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) add(arg, arg.text, "dynamic");
      else add(node, "", "dynamic");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      add(node.argument.literal, node.argument.literal.text, "dynamic");
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The unit of a repository path (posix): a package name, `actions`, or undefined outside both. */
export function unitOf(path: string): string | undefined {
  const m = /^packages\/([^/]+)\/src\//.exec(path);
  if (m) return m[1];
  return path.startsWith("actions/") ? "actions" : undefined;
}

/** The file a relative specifier names, as a repository path (posix), trying the TypeScript source of a `.js` name. */
function resolveFile(repo: string, from: string, spec: string): string {
  const target = posix.normalize(posix.join(posix.dirname(from), spec));
  const candidates = [target.replace(/\.js$/, ".ts"), target.replace(/\.mjs$/, ".mts"), `${target}.ts`, `${target}/index.ts`, target];
  return candidates.find((c) => existsSync(join(repo, c)) && statSync(join(repo, c)).isFile()) ?? target.replace(/\.js$/, ".ts");
}

/** One file's imports judged: its broken rules, and the files of ours it imports (for the cycle check). */
export function checkFile(file: string, text: string, repo = ""): { violations: Violation[]; edges: { to: string; line: number; spec: string }[] } {
  const violations: Violation[] = [];
  const edges: { to: string; line: number; spec: string }[] = [];
  const own = unitOf(file);
  const deploySrc = "packages/deploy/src";
  const ownLayer = own === "deploy" ? layerOf(posix.relative(deploySrc, file)) : undefined;
  const bad = (line: number, spec: string, kind: ImportRef["kind"], why: string) =>
    violations.push({
      file,
      line,
      message: `${kind === "dynamic" ? `import("${spec}")` : kind === "export" ? `export … from "${spec}"` : `import "${spec}"`}: ${why}`,
    });
  if (own === "deploy" && ownLayer === undefined)
    violations.push({ file, line: 1, message: "its folder has no layer; add it to DEPLOY_LAYERS and to docs/architecture.md" });
  for (const { line, spec, kind } of importsOf(text, file)) {
    if (spec === "") {
      violations.push({ file, line, message: "import() of a computed name cannot be checked; name the module in a string" });
      continue;
    }
    const pkg = /^@gantry\/([^/]+)(\/.*)?$/.exec(spec);
    if (pkg) {
      const to = pkg[1] as string;
      if (pkg[2]) bad(line, spec, kind, `reaches past a package's public index; import @gantry/${to} ${RULES}`);
      const why = own ? packageRule(own, to) : undefined;
      if (why) bad(line, spec, kind, why);
      else if (!pkg[2] && to !== own) edges.push({ to: `packages/${to}/src/index.ts`, line, spec });
      continue;
    }
    if (!spec.startsWith(".")) continue;
    const target = resolveFile(repo, file, spec);
    // A package's own files outside src (stages.json, say) are its own too.
    const targetUnit = own && own !== "actions" && target.startsWith(`packages/${own}/`) ? own : unitOf(target);
    if (own !== "actions" && targetUnit !== own) {
      const home = own ? `packages/${own}/src` : posix.dirname(file);
      bad(
        line,
        spec,
        kind,
        targetUnit && targetUnit !== "actions"
          ? `reaches into another package's src; import @gantry/${targetUnit} (its public index) ${RULES}`
          : `leaves ${home}; another package is imported through its public index (@gantry/<name>) ${RULES}`,
      );
      continue;
    }
    if (own === "actions" && targetUnit !== "actions") {
      bad(line, spec, kind, `reaches into ${target}; an action imports a package through its public index (@gantry/<name>) ${RULES}`);
      continue;
    }
    edges.push({ to: target, line, spec });
    if (own !== "deploy" || ownLayer === undefined) continue;
    const to = layerOf(posix.relative(deploySrc, target));
    const why = to === undefined ? "is in a folder with no layer" : layerRule(ownLayer, to);
    if (why) bad(line, spec, kind, why);
  }
  return { violations, edges };
}

/** Every cycle of the import graph (one per strongly connected set of files), as a violation at its first import. */
export function cyclesOf(graph: ReadonlyMap<string, readonly { to: string; line: number; spec: string }[]>): Violation[] {
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        connect(to);
        low.set(v, Math.min(low.get(v) as number, low.get(to) as number));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v) as number, index.get(to) as number));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      components.push(c);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  const out: Violation[] = [];
  for (const c of components) {
    const members = new Set(c);
    const start = [...c].sort()[0] as string;
    if (c.length === 1 && !(graph.get(start) ?? []).some((e) => e.to === start)) continue;
    // The shortest way from start back to itself inside the component.
    const prev = new Map<string, string>();
    const queue = [start];
    let found = false;
    while (queue.length && !found) {
      const v = queue.shift() as string;
      for (const { to } of graph.get(v) ?? []) {
        if (!members.has(to)) continue;
        if (to === start) {
          prev.set(start, v);
          found = true;
          break;
        }
        if (!prev.has(to)) {
          prev.set(to, v);
          queue.push(to);
        }
      }
    }
    const path = [start];
    for (let v = prev.get(start) as string; v !== start; v = prev.get(v) as string) path.unshift(v);
    path.unshift(start);
    const first = (graph.get(start) ?? []).find((e) => e.to === path[1]);
    out.push({
      file: start,
      line: first?.line ?? 1,
      message: `import "${first?.spec}": import cycle ${path.join(" → ")}; move what they share into a file both import ${RULES}`,
    });
  }
  return out;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : tsFiles(p);
    return /\.[cm]?tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Checks every file of packages/<name>/src and actions/ under `repo`. */
export function checkRepo(repo: string): Violation[] {
  const packages = readdirSync(join(repo, "packages"), { withFileTypes: true }).filter((e) => e.isDirectory());
  const violations: Violation[] = [];
  for (const p of packages)
    if (!(p.name in PACKAGE_RULES))
      violations.push({ file: `packages/${p.name}`, line: 1, message: `a package with no row; add it to PACKAGE_RULES and to docs/architecture.md` });
  const files = [...packages.flatMap((p) => tsFiles(join(repo, "packages", p.name, "src"))), ...tsFiles(join(repo, "actions"))].map((f) =>
    relative(repo, f).split(sep).join("/"),
  );
  const graph = new Map<string, { to: string; line: number; spec: string }[]>();
  for (const f of files.sort()) {
    const r = checkFile(f, readFileSync(join(repo, f), "utf8"), repo);
    violations.push(...r.violations);
    graph.set(f, r.edges);
  }
  return [...violations, ...cyclesOf(graph)];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--root");
  const root = at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1] as string) : resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const violations = checkRepo(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length) {
    console.error(`check-imports: ${violations.length} import(s) against the directions of docs/architecture.md`);
    process.exit(1);
  }
  console.log("check-imports: every import goes an allowed direction");
}
