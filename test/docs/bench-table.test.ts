import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROWS_END, docFiles, renderRows, withRowBlocks } from "../../bench/blocks.js";
import { README_END, README_START, readResults, renderTable, withTable } from "../../bench/results.js";
import { REPO } from "../harness.js";

// Issue 10: the README's figures come from the committed results file, never copied by hand.
describe("README's measured figures", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const results = readResults(REPO);

  it("come from bench/results.json, and every bench file has a recorded run", () => {
    expect(Object.keys(results).length).toBeGreaterThan(0);
    for (const [file, run] of Object.entries(results)) {
      expect(run.rows.length, file).toBeGreaterThan(0);
      expect(run.commit, file).toMatch(/^[0-9a-f]{12}(\+dirty)?$/);
      expect(Number.isNaN(Date.parse(run.date)), file).toBe(false);
      expect(run.machine.cpus, file).toBeGreaterThan(0);
    }
    expect(readme).toContain(README_START);
    expect(readme).toContain(README_END);
    expect(withTable(readme, results)).toBe(readme);
  });

  it("the check can fail: a changed figure makes the README disagree", () => {
    const [file, run] = Object.entries(results).find(([, r]) => r.rows.some((x) => x.target)) ?? [];
    expect(file).toBeDefined();
    if (!file || !run) return;
    const changed = { ...results, [file]: { ...run, rows: run.rows.map((r) => (r.target ? { ...r, value: `${r.value} (changed)` } : r)) } };
    expect(withTable(readme, changed)).not.toBe(readme);
    expect(renderTable(changed)).toContain("(changed)");
  });
});

// Issue 10: the action READMEs and docs carry their measured figures in generated bench-rows blocks.
describe("bench-rows blocks in the docs", () => {
  const results = readResults(REPO);
  const docs = docFiles(REPO).map((doc) => ({ doc, text: readFileSync(join(REPO, doc), "utf8") }));
  const blocks = (text: string) => [...text.matchAll(/<!-- bench-rows:([^\s:]+):start/g)].map((m) => m[1]);

  it("each agrees with bench/results.json", () => {
    for (const { doc, text } of docs) expect(withRowBlocks(text, results, doc), doc).toBe(text);
  });

  it("hold the measured tables of every action README and docs/scaling.md", () => {
    const expected: Record<string, string[]> = {
      "actions/go-build/README.md": ["go-build.bench.ts"],
      "actions/slim/README.md": ["slim.bench.ts"],
      "actions/image/README.md": ["image.bench.ts", "ko.bench.ts"],
      "actions/go-test/README.md": ["go-test.bench.ts"],
      "actions/deploy/README.md": ["deploy-analysis.bench.ts", "deploy.bench.ts", "deploy-ssh.bench.ts"],
      "docs/scaling.md": ["deploy-ssh.bench.ts"],
    };
    for (const [doc, files] of Object.entries(expected)) {
      const text = docs.find((d) => d.doc === doc)?.text ?? "";
      expect(blocks(text), doc).toEqual(files);
      expect(text.split(ROWS_END).length - 1, doc).toBe(files.length);
    }
  });

  it("the check can fail: a changed figure, info rows included, makes a block disagree", () => {
    const { doc, text } = docs.find((d) => d.doc === "actions/deploy/README.md") ?? { doc: "", text: "" };
    const run = results["deploy-ssh.bench.ts"];
    expect(run).toBeDefined();
    if (!run) return;
    const info = run.rows.findIndex((r) => !r.target);
    expect(info).toBeGreaterThanOrEqual(0);
    const rows = run.rows.map((r, i) => (i === info ? { ...r, value: `${r.value} (changed)` } : r));
    const changed = { ...results, "deploy-ssh.bench.ts": { ...run, rows } };
    expect(withRowBlocks(text, changed, doc)).not.toBe(text);
    expect(withRowBlocks(text, changed, doc)).toContain("(changed)");
    expect(withRowBlocks(text, { ...results, "deploy-ssh.bench.ts": { ...run, commit: "0123456789ab" } }, doc)).not.toBe(text);
  });

  it("a block without its end, or naming a bench file with no run, is an error naming the file", () => {
    expect(() => withRowBlocks("<!-- bench-rows:slim.bench.ts:start -->\n| x |\n", results, "docs/x.md")).toThrow(/docs\/x\.md.*bench-rows:end/);
    expect(() => withRowBlocks(`<!-- bench-rows:nope.bench.ts:start -->\n${ROWS_END}\n`, results, "docs/x.md")).toThrow(
      /docs\/x\.md: bench-rows names nope\.bench\.ts, which has no run/,
    );
    const filled = withRowBlocks(`before\n<!-- bench-rows:slim.bench.ts:start -->\n${ROWS_END}\nafter\n`, results);
    expect(filled).toContain(renderRows(["slim.bench.ts"], results));
    expect(filled.startsWith("before\n") && filled.endsWith("\nafter\n")).toBe(true);
    const both = renderRows(["deploy.bench.ts", "deploy-ssh.bench.ts"], results);
    expect(both).toContain("| stage | what | measured | target |");
    expect(both).toContain("| deploy (SSH) | ");
  });
});
