/**
 * The coverage gate through the bundled action (issue 10, "tests that can fail"): every test
 * passes, but coverage under `min-coverage` fails the step, naming the input, its value and the
 * coverage measured; at the measured value it passes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { describeNeeding } from "../tools.js";

const ws = fixtureCopy("go-test-module");
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
const inputs = { packages: "./calc", layers: "unit", junit: "" };

describeNeeding(["go"], "go-test's coverage gate on the fixture module", () => {
  it("fails the step when coverage is below min-coverage, though every test passed", async () => {
    const r = await runAction("go-test", { ...inputs, "min-coverage": "99.5" }, { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(JSON.parse(r.outputs.results ?? "{}").unit).toMatchObject({ status: "passed", failed: 0 });
    const measured = r.outputs.coverage ?? "";
    expect(measured).toMatch(/^\d+\.\d$/);
    expect(Number(measured)).toBeLessThan(99.5);
    expect(errorOf(r)).toBe(`go-test: coverage ${measured}% is below min-coverage 99.5%`);
    expect(r.summary).toContain(`**Coverage:** ${measured}% of statements across the layers (minimum 99.5%: ❌ not met)`);
    // The merged profile is still written, for a look at what is not covered.
    expect(readFileSync(join(ws, "dist/coverage.out"), "utf8")).toMatch(/^mode: /);
  });

  it("measures nothing when no gate or profile asks: no -cover flag on the go test command line, no coverage output", async () => {
    const r = await runAction("go-test", { packages: "./calc", layers: "unit,race", junit: "" }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    const commands = r.log.split("\n").filter((l) => l.startsWith("go test -json "));
    expect(commands).toHaveLength(2);
    for (const c of commands) expect(c).not.toMatch(/-cover/);
    expect(r.outputs.coverage).toBe("");
    expect(r.outputs["coverage-profile"]).toBe("");
  });

  it("passes at the coverage it measured", async () => {
    const first = await runAction("go-test", { ...inputs, coverage: "true" }, { workspace: ws });
    expect(first.code, first.log).toBe(0);
    const measured = Math.floor(Number(first.outputs.coverage) * 10) / 10;
    const r = await runAction("go-test", { ...inputs, "min-coverage": String(measured) }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.summary).toContain(`(minimum ${measured}%: ✅ met)`);
  });
});
