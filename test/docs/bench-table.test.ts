import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
