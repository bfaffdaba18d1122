import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROWS_END, docFiles, renderRows, withRowBlocks } from "../../bench/blocks.js";
import { type BenchRow, README_END, README_START, readResults, renderRow, renderTable, withTable } from "../../bench/results.js";
import { REPO } from "../harness.js";

// The README's figures come from the committed results file, never copied by hand.
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
    const changed = { ...results, [file]: { ...run, rows: run.rows.map((r) => (r.target ? { ...r, show: `${r.show} (changed)` } : r)) } };
    expect(withTable(readme, changed)).not.toBe(readme);
    expect(renderTable(changed)).toContain("(changed)");
  });
});

// The action READMEs and docs carry their measured figures in generated bench-rows blocks.
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
      "actions/go-test/README.md": ["go-test.bench.ts", "go-test-suite.bench.ts"],
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
    const rows = run.rows.map((r, i) => (i === info ? { ...r, show: `${r.show} (changed)` } : r));
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

// Every ratio and ✓/✗ is computed from the raw measures when the table is rendered; the file stores none.
describe("bench verdicts", () => {
  const row = (gantry: number): BenchRow => ({
    metric: "cold: gantry vs the loop",
    measures: { gantry: { value: gantry, unit: "s" }, loop: { value: 150, unit: "s" } },
    show: "{gantry} vs {loop} ({gantry/loop})",
    target: { measure: "gantry", peer: "loop", ratioAtMost: 1.0 },
  });

  it("a measurement over its target renders ✗, one under renders ✓", () => {
    expect(renderRow("x.bench.ts", row(160.3))).toEqual({
      metric: "cold: gantry vs the loop",
      measured: "160.3 s vs 150 s (1.07×)",
      target: "≤ 1.0×",
      met: false,
    });
    expect(renderRow("x.bench.ts", row(140))).toMatchObject({ measured: "140 s vs 150 s (0.93×)", met: true });
    const table = (gantry: number) =>
      renderTable({ "x.bench.ts": { date: "2026-12-01T00:00:00Z", commit: "0123456789ab", machine: MACHINE, rows: [row(gantry)] } });
    expect(table(160.3)).toContain("| 160.3 s vs 150 s (1.07×) | ≤ 1.0× ✗ |");
    expect(table(140)).toContain("| 140 s vs 150 s (0.93×) | ≤ 1.0× ✓ |");
  });

  it("states a ratio target with every decimal it has: 1.03×, not 1.0×", () => {
    const tight = (gantry: number): BenchRow => ({ ...row(gantry), target: { measure: "gantry", peer: "loop", ratioAtMost: 1.03 } });
    expect(renderRow("x.bench.ts", tight(153))).toMatchObject({ measured: "153 s vs 150 s (1.02×)", target: "≤ 1.03×", met: true });
    expect(renderRow("x.bench.ts", tight(156))).toMatchObject({ measured: "156 s vs 150 s (1.04×)", target: "≤ 1.03×", met: false });
  });

  it("reads no stored verdict or figure: a row claiming ok, or carrying a value, still renders from its measures", () => {
    const claims = { ...row(160.3), verdict: "ok", value: "1 s (0.01×)" } as BenchRow;
    expect(renderRow("x.bench.ts", claims)).toMatchObject({ measured: "160.3 s vs 150 s (1.07×)", met: false });
  });

  it("compares across units and judges the worst run when asked", () => {
    const r: BenchRow = {
      metric: "m",
      measures: { max: { value: [800, 1200], unit: "ms" } },
      show: "{max:max}",
      target: { measure: "max", below: { value: 1, unit: "s" }, worst: true },
    };
    expect(renderRow("x.bench.ts", r)).toMatchObject({ measured: "1200 ms", target: "< 1 s", met: false });
    expect(renderRow("x.bench.ts", { ...r, target: { measure: "max", below: { value: 1.1, unit: "s" } } }).met).toBe(true);
  });

  it("a negative difference prints with a minus sign, not +-", () => {
    const r: BenchRow = { metric: "m", measures: { d: { value: -16, unit: "ms" }, base: { value: 7.07, unit: "s" } }, show: "{d:+} ({d/base:%})" };
    expect(renderRow("x.bench.ts", r).measured).toBe("−16 ms (−0.2%)");
    expect(renderRow("x.bench.ts", { ...r, measures: { ...r.measures, d: { value: 72, unit: "ms" } } }).measured).toBe("+72 ms (1%)");
  });

  it("a go-build cold row measured before the like-for-like method is shown as not measured yet, with no verdict", () => {
    const old = renderRow("go-build.bench.ts", { ...row(140), metric: "cold, 5 targets: gantry vs the loop" });
    expect(old.measured).toBe("not measured yet with the like-for-like method");
    expect(old.met).toBeUndefined();
    expect(renderRow("go-build.bench.ts", { ...row(140), metric: "cold, 5 targets: gantry vs the loop", method: "like-for-like" }).met).toBe(true);
  });

  it("bench/results.json holds raw measures only: no verdict, no value string, no unknown key", () => {
    for (const [file, run] of Object.entries(readResults(REPO)))
      for (const r of run.rows) {
        expect(
          Object.keys(r).filter((k) => !["metric", "measures", "show", "target", "method"].includes(k)),
          `${file}: ${r.metric}`,
        ).toEqual([]);
        for (const m of Object.values(r.measures ?? {}))
          expect(
            [m.value].flat().every((v) => typeof v === "number" && Number.isFinite(v)),
            r.metric,
          ).toBe(true);
        // A ratio or percentage typed into the measured cell would be a stored figure: they come from {a/b} placeholders.
        // (Metric names may state settings such as "canary 5%" or "the same stream 4×".)
        expect(r.show.replace(/\{[^}]*\}/g, ""), `${file}: ${r.metric}`).not.toMatch(/\d\s*(×|%)/);
      }
  });
});

const MACHINE = { cpus: 2, cpu: "test", memoryGiB: 1, kernel: "k", node: "v20", go: "go1" };
