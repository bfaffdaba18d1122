import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../harness.js";
import { sectionTable, tableProblems } from "./action-tables.js";

interface ActionYml {
  inputs?: Record<string, { default?: unknown } | null>;
  outputs?: Record<string, { default?: unknown; description?: string } | null>;
}

// Issue 11: each action's README lists exactly its action.yml's inputs (with the same defaults) and outputs.
describe.each(readdirSync(join(REPO, "actions")).sort())("actions/%s/README.md", (stage) => {
  const file = `actions/${stage}/README.md`;
  const readme = readFileSync(join(REPO, file), "utf8");
  const action = parse(readFileSync(join(REPO, "actions", stage, "action.yml"), "utf8")) as ActionYml;

  it("lists every input of action.yml with its default, and no other", () => {
    expect(tableProblems(file, "input", sectionTable(readme, "Inputs"), action.inputs ?? {})).toEqual([]);
  });

  it("lists every output of action.yml, and no other", () => {
    expect(tableProblems(file, "output", sectionTable(readme, "Outputs"), action.outputs ?? {})).toEqual([]);
  });
});

describe("the table check can fail", () => {
  const declared = { cgo: { default: "false" }, name: { default: "" }, targets: { default: "linux/amd64" } };
  const table = (rows: string) => sectionTable(`## Inputs\n| Input | Default | |\n|---|---|---|\n${rows}\n## Next\n`, "Inputs");

  it("passes a table that agrees, with prose for an empty default", () => {
    const rows = "| `cgo` | `false` | x |\n| `name` | last element of `main` | x |\n| `targets` | `linux/amd64` | x |";
    expect(tableProblems("x.md", "input", table(rows), declared)).toEqual([]);
  });

  it("names a wrong default, a missing input and one action.yml does not have", () => {
    const rows = "| `cgo` | `true` | x |\n| `name` | | x |\n| `tragets` | `linux/amd64` | x |";
    expect(tableProblems("x.md", "input", table(rows), declared)).toEqual([
      `x.md:4: cgo's default is "false" in action.yml, "\`true\`" in the table`,
      "x.md:6: input tragets is not in action.yml",
      "x.md: input targets of action.yml is not in the table",
    ]);
  });
});
