import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { type YamlBlock, allYamlBlocks, asWorkflow, syntaxErrors, yamlBlocks } from "./yaml-blocks.js";

// Issue 11: every ```yaml example in the READMEs and docs parses, and the workflow ones pass actionlint.
const blocks = allYamlBlocks(REPO);

describe("YAML examples in the docs", () => {
  it("are found in the READMEs", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(new Set(blocks.map((b) => b.file))).toContain("actions/slim/README.md");
  });

  it.each(blocks.map((b) => [`${b.file}:${b.line}`, b] as const))("%s parses", (_, block) => {
    expect(syntaxErrors(block)).toEqual([]);
  });

  it("the check can fail: an expression unquoted in a flow map (slim's README before issue 11) is an error", () => {
    const expression = ["$", "{{ github.sha }}"].join("");
    const [bad] = yamlBlocks("x.md", `text\n\`\`\`yaml\n- uses: actions/cache@v4\n  with: { key: slim-${expression} }\n\`\`\`\n`);
    expect(syntaxErrors(bad as YamlBlock).join("\n")).toMatch(/^x\.md:4: /);
  });
});

/** Runs actionlint on the given workflows; its findings, each with the doc's file and line. */
function actionlint(dir: string, items: { name: string; block: YamlBlock; text: string; offset: number }[]): string[] {
  for (const { name, text } of items) writeFileSync(join(dir, name), text);
  // The deploy README runs on the server itself, a self-hosted runner labelled with its name.
  const config = join(dir, "actionlint.yaml");
  writeFileSync(config, "self-hosted-runner:\n  labels: [web-1]\n");
  // shellcheck and pyflakes are off so the result does not depend on what else is installed.
  const args = ["-format", "{{json .}}", "-shellcheck=", "-pyflakes=", "-config-file", config, ...items.map((i) => join(dir, i.name))];
  let out: string;
  try {
    out = execFileSync("actionlint", args, { encoding: "utf8" });
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (e.status !== 1) throw new Error(`actionlint failed (${e.status}): ${e.stderr}`);
    out = e.stdout ?? "";
  }
  const found = JSON.parse(out || "[]") as { filepath: string; line: number; message: string; kind: string }[];
  return found.map((f) => {
    const item = items.find((i) => f.filepath.endsWith(i.name));
    const where = item ? `${item.block.file}:${item.block.line + f.line - 1 - item.offset}` : f.filepath;
    return `${where}: ${f.message} [${f.kind}]`;
  });
}

describeNeeding(["actionlint"], "workflow examples in the docs under actionlint", () => {
  const dir = scratchDir("gantry-actionlint-");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("every block that is a workflow, or a job's steps, passes", () => {
    const items = blocks.flatMap((block, n) => {
      const wf = asWorkflow(block);
      return wf ? [{ name: `doc-${n}.yml`, block, ...wf }] : [];
    });
    // The top-level README, go-build's steps and the workflows of go-test, image and slim at least.
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(actionlint(dir, items)).toEqual([]);
  });

  it("the check can fail: a misspelt input of a known action, on the doc's own line", () => {
    const text = "- uses: actions/checkout@v4\n  with: { fetch-dept: 0 }\n";
    const block: YamlBlock = { file: "x.md", line: 10, text };
    const wf = asWorkflow(block);
    expect(wf).toBeDefined();
    const found = actionlint(dir, [{ name: "bad.yml", block, ...(wf as NonNullable<typeof wf>) }]);
    expect(found.join("\n")).toMatch(/^x\.md:11: input "fetch-dept" is not defined/);
  });
});
