/**
 * The import directions of the whole repository, as docs/architecture.md states them and
 * scripts/check-imports.ts (run by `npm run lint`) enforces them: the package table, deploy's
 * layers, every form of import, and no cycles.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { DEPLOY_LAYERS, PACKAGE_RULES, checkFile, checkRepo, cyclesOf, importsOf, layerOf } from "../../scripts/check-imports.js";
import { REPO } from "../harness.js";
import { scratchDir } from "../support/scratch.js";

const SRC = "packages/deploy/src";
const RULES = '(docs/architecture.md, "Import directions")';

/** The rows of one table of the "Import directions" section: name → what it may import. */
function documentedTable(heading: "## Import directions" | "### Inside packages/deploy"): Record<string, string[]> {
  const doc = readFileSync(join(REPO, "docs/architecture.md"), "utf8");
  const section = doc.split("\n## Import directions\n")[1]?.split("\n## ")[0] ?? "";
  const [top, deploy] = section.split("\n### Inside packages/deploy\n");
  const rows = ((heading === "## Import directions" ? top : deploy) ?? "").split("\n").flatMap((l) => {
    const m = /^\| `([a-z-]+)` \|[^|]*\| ([^|]*) \|$/.exec(l);
    return m ? [[m[1] as string, (m[2] as string).trim() === "—" ? [] : (m[2] as string).split(",").map((s) => s.trim())] as const] : [];
  });
  return Object.fromEntries(rows);
}

describe("the import table", () => {
  it("docs/architecture.md states the same tables as scripts/check-imports.ts", () => {
    expect(Object.keys(documentedTable("## Import directions")).length).toBeGreaterThan(5);
    expect(documentedTable("## Import directions")).toEqual(PACKAGE_RULES);
    expect(documentedTable("### Inside packages/deploy")).toEqual(DEPLOY_LAYERS);
  });

  it("every import of the repository goes an allowed direction", () => {
    expect(checkRepo(REPO)).toEqual([]);
  });

  it("puts a file in the layer of its folder; top-level files are the stage or the single-host run", () => {
    expect(layerOf("stage.ts")).toBe("stage");
    expect(layerOf("deploy.ts")).toBe("run");
    expect(layerOf("hosts/ssh/session.ts")).toBe("hosts");
    expect(layerOf("routers/nginx.ts")).toBe("routers");
    expect(layerOf("ssh/fleet.ts")).toBeUndefined();
    expect(layerOf("run/deploy.ts")).toBeUndefined();
  });

  it("refuses an upward import inside deploy, naming the file, the line, the import and the rule", () => {
    const text = 'import { GantryError } from "@gantry/core";\nimport type { RouterInputs } from "../inputs.js";\n';
    expect(checkFile(`${SRC}/routers/nginx-mode.ts`, text, REPO).violations).toEqual([
      {
        file: `${SRC}/routers/nginx-mode.ts`,
        line: 2,
        message: `import "../inputs.js": routers may not import run; routers imports hosts, model ${RULES}`,
      },
    ]);
    expect(checkFile(`${SRC}/deploy.ts`, 'import { appendAudit } from "./fleet/audit.js";', REPO).violations[0]?.message).toMatch(/run may not import fleet/);
    expect(checkFile(`${SRC}/model/model.ts`, 'export * from "../hosts/host.js";', REPO).violations[0]?.message).toMatch(/model imports only @gantry\/core/);
  });

  it("lets a layer import itself and the layers below it", () => {
    const text = 'import type { Router } from "../routers/router.js";\nimport { Journal } from "./journal.js";\nimport type { Host } from "../hosts/host.js";';
    expect(checkFile(`${SRC}/engine/cutover.ts`, text, REPO).violations).toEqual([]);
    expect(checkFile(`${SRC}/fleet/remote.ts`, 'import { runDeploy } from "../deploy.js";', REPO).violations).toEqual([]);
  });

  it("refuses a file in a folder with no layer, and an import into one", () => {
    expect(checkFile(`${SRC}/ssh/fleet.ts`, "", REPO).violations[0]?.message).toMatch(/no layer/);
    expect(checkFile(`${SRC}/engine/cutover.ts`, 'import "../misc/x.js";', REPO).violations[0]?.message).toMatch(/folder with no layer/);
  });

  it("refuses reaching into another package other than through its public index", () => {
    const text = 'import { exec } from "../../core/src/exec.js";\nimport { sha256 } from "@gantry/core/src/fsx.js";\nimport { x } from "@gantry/core";';
    const found = checkFile("packages/slim/src/upx.ts", text, REPO).violations;
    expect(found.map((v) => v.line)).toEqual([1, 2]);
    expect(found[0]?.message).toMatch(/reaches into another package's src; import @gantry\/core/);
    expect(found[1]?.message).toMatch(/reaches past a package's public index; import @gantry\/core/);
  });

  it("judges a package's imports by its row: no stage imports another, the pipeline imports the stages, the CLI the pipeline", () => {
    const rule = (file: string, spec: string) => checkFile(file, `import "${spec}";`, REPO).violations.map((v) => v.message);
    expect(rule("packages/go-build/src/stage.ts", "@gantry/slim")).toEqual([
      `import "@gantry/slim": go-build may not import slim; go-build imports core ${RULES}`,
    ]);
    expect(rule("packages/core/src/units.ts", "@gantry/deploy")).toEqual([
      `import "@gantry/deploy": core may not import deploy; core imports no package of ours ${RULES}`,
    ]);
    expect(rule("packages/cli/src/cli.ts", "@gantry/image")[0]).toMatch(/cli may not import image/);
    expect(rule("packages/pipeline/src/registry.ts", "@gantry/image")).toEqual([]);
    expect(rule("packages/cli/src/cli.ts", "@gantry/pipeline")).toEqual([]);
    expect(rule("actions/go-build/src/stage.ts", "@gantry/slim")).toEqual([]);
  });

  it("finds every form of import, spread over lines, at the line of its module name", () => {
    const text = [
      "import {",
      "  a,",
      "  b,",
      '} from "./a.js";',
      'export * from "./b.js";',
      "export function f() {",
      '  return g("./c.js");',
      "}",
      'import "./d.js";',
      'import type { T } from "./e.js";',
      "export async function h() {",
      "  return (await import(",
      '    "./f.js"',
      "  )).x;",
      "}",
      'export { type U, v } from "./g.js";',
      'let t: import("./h.js").T;',
      "const later = import(`./i.js`);",
    ].join("\n");
    expect(importsOf(text)).toEqual([
      { line: 4, spec: "./a.js", kind: "import" },
      { line: 5, spec: "./b.js", kind: "export" },
      { line: 9, spec: "./d.js", kind: "import" },
      { line: 10, spec: "./e.js", kind: "import" },
      { line: 13, spec: "./f.js", kind: "dynamic" },
      { line: 16, spec: "./g.js", kind: "export" },
      { line: 17, spec: "./h.js", kind: "dynamic" },
      { line: 18, spec: "./i.js", kind: "dynamic" },
    ]);
  });

  it("refuses an import() of a computed name, which it could not judge", () => {
    expect(checkFile("packages/slim/src/upx.ts", "const m = await import(name);", REPO).violations[0]?.message).toMatch(/computed name/);
  });

  it("finds a cycle through any number of files, and none in a chain", () => {
    const edge = (to: string) => ({ to, line: 1, spec: `./${to}` });
    const cycle = new Map([
      ["a.ts", [edge("b.ts")]],
      ["b.ts", [edge("c.ts")]],
      ["c.ts", [edge("a.ts"), edge("d.ts")]],
      ["d.ts", []],
    ]);
    expect(cyclesOf(cycle).map((v) => v.message)).toEqual([
      `import "./b.ts": import cycle a.ts → b.ts → c.ts → a.ts; move what they share into a file both import ${RULES}`,
    ]);
    expect(cyclesOf(new Map([["a.ts", [edge("a.ts")]]]))).toHaveLength(1);
    expect(cyclesOf(new Map([...cycle, ["c.ts", [edge("d.ts")]]]))).toEqual([]);
  });
});

/**
 * One break of each kind planted in a copy of the repository's packages and actions, and
 * `tsx scripts/check-imports.ts --root <copy>` run on it as `npm run lint` runs it.
 */
describe("the check, on a copy of the repository with one break planted", () => {
  let copy: string;
  beforeAll(() => {
    copy = scratchDir("imports-");
    const skip = (p: string) => !p.includes("node_modules");
    cpSync(join(REPO, "packages"), join(copy, "packages"), { recursive: true, filter: skip });
    cpSync(join(REPO, "actions"), join(copy, "actions"), { recursive: true, filter: skip });
    mkdirSync(join(copy, "tmp"));
  });

  /** `tsx scripts/check-imports.ts --root <copy>`, as `npm run lint` runs it: its exit code and the broken rules it printed. */
  async function lint(): Promise<{ code: number; lines: string[] }> {
    const tsx = join(REPO, "node_modules/.bin/tsx");
    const r = await promisify(execFile)(tsx, [join(REPO, "scripts/check-imports.ts"), "--root", copy], {
      cwd: REPO,
      // tsx's cache goes in the test's folder, not the run's.
      env: { ...process.env, TMPDIR: join(copy, "tmp") },
    }).then(
      (o) => ({ code: 0, stderr: o.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    return { code: r.code, lines: r.stderr.split("\n").filter((l) => /^(packages|actions)\//.test(l)) };
  }

  /** The same check in this process (the script's start-up, TypeScript's included, takes seconds): the lines it would print. */
  async function check(): Promise<{ code: number; lines: string[] }> {
    const found = checkRepo(copy);
    return { code: found.length ? 1 : 0, lines: found.map((v) => `${v.file}:${v.line}: ${v.message}`) };
  }

  /** Plants `files` (path → new text, from the old one or "" for a new file) in the copy, runs the check, and puts the copy back. */
  async function planted(files: Record<string, (old: string) => string>, run = check): Promise<{ code: number; lines: string[] }> {
    const old = Object.fromEntries(Object.keys(files).map((f) => [f, existsSync(join(copy, f)) ? readFileSync(join(copy, f), "utf8") : undefined]));
    for (const [f, change] of Object.entries(files)) writeFileSync(join(copy, f), change(old[f] ?? ""));
    try {
      return await run();
    } finally {
      for (const [f, text] of Object.entries(old)) text === undefined ? rmSync(join(copy, f)) : writeFileSync(join(copy, f), text);
    }
  }
  const prepend = (lines: string) => (old: string) => `${lines}\n${old}`;
  const append = (lines: string) => (old: string) => `${old}\n${lines}\n`;
  /** The line number, in a file of the repository with `lines` appended, of the appended line `n` (1: the first). */
  const appendedLine = (file: string, n: number) => readFileSync(join(REPO, file), "utf8").split("\n").length + n;

  it("passes on the copy as it is", async () => {
    expect(await lint()).toEqual({ code: 0, lines: [] });
  }, 60_000);

  it("fails as `npm run lint` runs it, printing file:line, the import and the rule", async () => {
    const r = await planted({ "packages/go-build/src/stage.ts": (old) => `import { deployStage } from "@gantry/deploy";\n${old}` }, lint);
    expect(r).toEqual({
      code: 1,
      lines: [`packages/go-build/src/stage.ts:1: import "@gantry/deploy": go-build may not import deploy; go-build imports core ${RULES}`],
    });
  }, 60_000);

  it.each<{ kind: string; files: Record<string, (old: string) => string>; at: string; message: string }>([
    {
      kind: "a static import from core to a stage",
      files: { "packages/core/src/units.ts": prepend('import { goBuildStageWith } from "@gantry/go-build";') },
      at: "packages/core/src/units.ts:1",
      message: `import "@gantry/go-build": core may not import go-build; core imports no package of ours ${RULES}`,
    },
    {
      kind: "a static import, over lines, from one stage to another",
      files: { "packages/go-build/src/stage.ts": prepend('import {\n  deployStage,\n} from "@gantry/deploy";') },
      at: "packages/go-build/src/stage.ts:3",
      message: `import "@gantry/deploy": go-build may not import deploy; go-build imports core ${RULES}`,
    },
    {
      kind: "a dynamic import() going up, from a stage to the pipeline",
      files: { "packages/slim/src/upx.ts": append('export async function loaders() {\n  return (await import("@gantry/pipeline")).STAGE_LOADERS;\n}') },
      at: `packages/slim/src/upx.ts:${appendedLine("packages/slim/src/upx.ts", 2)}`,
      message: `import("@gantry/pipeline"): slim may not import pipeline; slim imports core ${RULES}`,
    },
    {
      kind: "an export … from going sideways",
      files: { "packages/image/src/index.ts": append('export { slimStage } from "@gantry/slim";') },
      at: `packages/image/src/index.ts:${appendedLine("packages/image/src/index.ts", 1)}`,
      message: `export … from "@gantry/slim": image may not import slim; image imports core ${RULES}`,
    },
    {
      kind: "a deep import into another package's src by its name",
      files: { "packages/pipeline/src/registry.ts": prepend('import type { DeployInputs } from "@gantry/deploy/src/inputs.js";') },
      at: "packages/pipeline/src/registry.ts:1",
      message: `import "@gantry/deploy/src/inputs.js": reaches past a package's public index; import @gantry/deploy ${RULES}`,
    },
    {
      kind: "a deep import into another package's src by a relative path",
      files: { "packages/pipeline/src/registry.ts": prepend('import { parseDeployInputs } from "../../deploy/src/inputs.js";') },
      at: "packages/pipeline/src/registry.ts:1",
      message: `import "../../deploy/src/inputs.js": reaches into another package's src; import @gantry/deploy (its public index) ${RULES}`,
    },
    {
      kind: "an upward import inside deploy's layers",
      files: { "packages/deploy/src/model/model.ts": prepend('import { splitCommandLine } from "../routers/cmdline.js";') },
      at: "packages/deploy/src/model/model.ts:1",
      message: `import "../routers/cmdline.js": model may not import routers; model imports only @gantry/core ${RULES}`,
    },
    {
      kind: "a cycle of values between two files",
      files: {
        "packages/core/src/planted-a.ts": () => 'import { b } from "./planted-b.js";\nexport const a = (): number => b() + 1;\n',
        "packages/core/src/planted-b.ts": () => 'import { a } from "./planted-a.js";\nexport const b = (): number => (a ? 1 : 0);\n',
      },
      at: "packages/core/src/planted-a.ts:1",
      message: `import "./planted-b.js": import cycle packages/core/src/planted-a.ts → packages/core/src/planted-b.ts → packages/core/src/planted-a.ts; move what they share into a file both import ${RULES}`,
    },
    {
      kind: "a cycle of types only between two files",
      files: {
        "packages/core/src/planted-a.ts": () => 'import type { B } from "./planted-b.js";\nexport interface A {\n  b?: B;\n}\n',
        "packages/core/src/planted-b.ts": () => 'export interface B {\n  a?: import("./planted-a.js").A;\n}\n',
      },
      at: "packages/core/src/planted-a.ts:1",
      message: `import "./planted-b.js": import cycle packages/core/src/planted-a.ts → packages/core/src/planted-b.ts → packages/core/src/planted-a.ts; move what they share into a file both import ${RULES}`,
    },
  ])(
    "fails on $kind, naming the file, the import and the rule",
    async ({ files, at, message }) => {
      expect(await planted(files)).toEqual({ code: 1, lines: [`${at}: ${message}`] });
    },
    60_000,
  );
});
