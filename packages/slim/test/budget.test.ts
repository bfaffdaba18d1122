import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkBudget, limitFor, readBaseline } from "../src/budget.js";
import type { FileReport } from "../src/slim.js";

const file = (path: string, target: string, after: number): FileReport => ({ path, target, before: after * 2, after, ratio: 0.5, steps: [], sha256: "x" });

describe("the size budget", () => {
  it("takes a target's own limit, then its os/arch's, then the general one", () => {
    const b = { all: 10, perTarget: { "linux/arm": 5, "linux/arm/v7": 6 } };
    expect(limitFor(b, "linux/arm/v7")).toBe(6);
    expect(limitFor(b, "linux/arm/v6")).toBe(5);
    expect(limitFor(b, "windows/amd64")).toBe(10);
    expect(limitFor({ perTarget: {} }, "linux/amd64")).toBeUndefined();
  });

  it("fails what is over max-size or grew more than max-growth, and passes the rest", () => {
    const files = [file("a", "linux/amd64", 900), file("b", "linux/arm64", 1200), file("c", "windows/amd64", 1000)];
    const v = checkBudget(files, { all: 1000, perTarget: {} }, 5, [
      { path: "a", target: "linux/amd64", after: 800 },
      { path: "other", target: "linux/arm64", after: 1190 },
    ]);
    expect(v.checked).toBe(true);
    expect(v.failed.map((r) => [r.path, r.over.length])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
    expect(v.failed[0]?.over[0]).toMatch(/grew 12\.5% \(800 B → 900 B\), over max-growth 5%/);
    expect(v.failed[1]?.over[0]).toMatch(/is over max-size/);
    expect(v.rows[1]?.growth).toBe(0.84);
    expect(v.notes).toEqual(["c: not in the baseline, growth not checked"]);
  });

  it("with no budget, checks nothing", () => {
    expect(checkBudget([file("a", "linux/amd64", 1)], undefined, undefined)).toMatchObject({ checked: false, failed: [] });
  });

  it("reads a report file or the report output as a baseline, and says when there is none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-baseline-"));
    writeFileSync(join(dir, "file.json"), JSON.stringify({ schema: 1, files: [{ path: "a", target: "linux/amd64", after: 5 }] }));
    writeFileSync(join(dir, "output.json"), JSON.stringify([{ path: "a", target: "linux/amd64", after: 6 }]));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ hello: 1 }));
    expect(await readBaseline(join(dir, "file.json"))).toEqual([{ path: "a", target: "linux/amd64", after: 5 }]);
    expect(await readBaseline(join(dir, "output.json"))).toEqual([{ path: "a", target: "linux/amd64", after: 6 }]);
    expect(await readBaseline(join(dir, "none.json"))).toEqual({ missing: expect.stringMatching(/cannot be read \(ENOENT\)/) });
    await expect(readBaseline(join(dir, "bad.json"))).rejects.toThrow(/is not a slim size report/);
  });
});
