/**
 * Issue 12: deploy's import directions, as docs/architecture.md states them and
 * scripts/check-imports.ts (run by `npm run lint`) enforces them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOY_LAYERS, checkFile, checkRepo, importsOf, layerOf } from "../../scripts/check-imports.js";
import { REPO } from "../harness.js";

const SRC = "packages/deploy/src";

/** The rows of the "Import directions" table: layer → the layers it may import. */
function documentedLayers(): Record<string, string[]> {
  const doc = readFileSync(join(REPO, "docs/architecture.md"), "utf8");
  const section = doc.split("## Import directions")[1]?.split("\n## ")[0] ?? "";
  const rows = section.split("\n").flatMap((l) => {
    const m = /^\| `([a-z]+)` \|[^|]*\| ([^|]*) \|$/.exec(l);
    return m ? [[m[1] as string, (m[2] as string).trim() === "—" ? [] : (m[2] as string).split(",").map((s) => s.trim())] as const] : [];
  });
  return Object.fromEntries(rows);
}

describe("deploy's import directions", () => {
  it("docs/architecture.md states the same table as scripts/check-imports.ts", () => {
    expect(documentedLayers()).toEqual(DEPLOY_LAYERS);
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

  it("refuses an upward import, naming the file, the line and the rule", () => {
    const text = 'import { GantryError } from "@gantry/core";\nimport type { RouterInputs } from "../inputs.js";\n';
    expect(checkFile(`${SRC}/routers/nginx-mode.ts`, text, SRC)).toEqual([
      {
        file: `${SRC}/routers/nginx-mode.ts`,
        line: 2,
        message: '../inputs.js: routers may not import run; routers imports hosts, model (docs/architecture.md, "Import directions")',
      },
    ]);
    expect(checkFile(`${SRC}/deploy.ts`, 'import { appendAudit } from "./fleet/audit.js";', SRC)[0]?.message).toMatch(/run may not import fleet/);
    expect(checkFile(`${SRC}/model/model.ts`, 'export * from "../hosts/host.js";', SRC)[0]?.message).toMatch(/model imports only @gantry\/core/);
  });

  it("lets a layer import itself and the layers below it", () => {
    const text = 'import type { Router } from "../routers/router.js";\nimport { Journal } from "./journal.js";\nimport type { Host } from "../hosts/host.js";';
    expect(checkFile(`${SRC}/engine/cutover.ts`, text, SRC)).toEqual([]);
    expect(checkFile(`${SRC}/fleet/remote.ts`, 'import { runDeploy } from "../deploy.js";', SRC)).toEqual([]);
  });

  it("refuses a file in a folder with no layer, and an import into one", () => {
    expect(checkFile(`${SRC}/ssh/fleet.ts`, "", SRC)[0]?.message).toMatch(/no layer/);
    expect(checkFile(`${SRC}/engine/cutover.ts`, 'import "../misc/x.js";', SRC)[0]?.message).toMatch(/folder with no layer/);
  });

  it("refuses reaching into another package other than through its public index", () => {
    const text = 'import { exec } from "../../core/src/exec.js";\nimport { sha256 } from "@gantry/core/src/fsx.js";\nimport { x } from "@gantry/core";';
    const found = checkFile("packages/slim/src/upx.ts", text, "packages/slim/src");
    expect(found.map((v) => v.line)).toEqual([1, 2]);
    expect(found[0]?.message).toMatch(/leaves packages\/slim/);
    expect(found[1]?.message).toMatch(/import @gantry\/core$/);
  });

  it("finds imports and re-exports spread over lines, at the line of their module name", () => {
    const text = 'import {\n  a,\n  b,\n} from "./a.js";\nexport * from "./b.js";\nexport function f() {\n  return g("./c.js");\n}\nimport "./d.js";\n';
    expect(importsOf(text)).toEqual([
      { line: 4, spec: "./a.js" },
      { line: 5, spec: "./b.js" },
      { line: 9, spec: "./d.js" },
    ]);
  });
});
