import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CoverageMerger } from "../src/coverage.js";
import { junitXml } from "../src/junit.js";
import { LayerCollector, type LayerResult } from "../src/results.js";
import { goTestSummary } from "../src/summary.js";
import { MODULE_DIR, PLACE, parseFixture } from "./helpers.js";

function layer(name: "unit" | "race", fixture: string, stderr?: string): LayerResult {
  const c = new LayerCollector(name, PLACE);
  c.add(parseFixture(fixture, stderr));
  const { failed, ...r } = c.result(1234);
  return { ...r, status: failed ? "failed" : "passed" };
}

describe("JUnit", () => {
  const layers: LayerResult[] = [
    layer("unit", "go1.19-mixed.jsonl"),
    layer("race", "go1.19-race.jsonl"),
    {
      layer: "vet",
      status: "failed",
      durationMs: 10,
      tests: [],
      packageFailures: [],
      packages: [],
      runs: 1,
      findings: [{ file: join(MODULE_DIR, "x.go"), line: 3, col: 1, message: "bad <thing> & \u0001more" }],
    },
  ];
  const xml = junitXml(layers, MODULE_DIR, new Date("2026-01-01T00:00:00Z"));
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
  const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; skipped: string; testcase: unknown }[];

  it("is well-formed XML with one testsuite per package per layer", () => {
    expect(suites.map((s) => s.name)).toEqual([
      "unit: example.com/gotestfix/failing",
      "unit: example.com/gotestfix/calc",
      "unit: example.com/gotestfix/flaky",
      "unit: example.com/gotestfix/panicky",
      "unit: example.com/gotestfix/hang",
      "unit: example.com/gotestfix/brokenbuild",
      "race: example.com/gotestfix/racy",
      "vet: vet",
    ]);
    expect(xml).not.toContain("\u0001");
  });

  it("counts tests, failures and skips as go test reports them", () => {
    const calc = suites.find((s) => s.name === "unit: example.com/gotestfix/calc");
    expect(calc).toMatchObject({ tests: "8", failures: "0", skipped: "1" });
    const failing = suites.find((s) => s.name === "unit: example.com/gotestfix/failing");
    expect(failing).toMatchObject({ tests: "5", failures: "3" });
    expect(doc.testsuites.failures).toBe(String(suites.reduce((n, s) => n + Number(s.failures), 0)));
  });

  it("gives each failure its message and place, and package failures a [package] case", () => {
    const failing = suites.find((s) => s.name === "unit: example.com/gotestfix/failing")?.testcase as { name: string; failure?: { message: string } }[];
    expect(failing.find((t) => t.name === "TestDoubleLarge")?.failure?.message).toBe("Double(3) = 9, want 6 at failing/failing_test.go:12");
    const hang = suites.find((s) => s.name === "unit: example.com/gotestfix/hang")?.testcase as { name: string; failure?: { type: string } }[];
    expect(hang.find((t) => t.name === "TestHangs")?.failure?.type).toBe("timeout");
    const broken = suites.find((s) => s.name === "unit: example.com/gotestfix/brokenbuild")?.testcase as { name: string; failure: { type: string } };
    expect(broken).toMatchObject({ name: "[package]", failure: { type: "build" } });
  });
});

describe("job summary", () => {
  it("has a row per layer, the failures, the slowest tests and coverage", () => {
    const md = goTestSummary({
      layers: [layer("unit", "go1.19-mixed.jsonl"), { ...layer("race", "go1.19-race.jsonl"), status: "not-run", reason: "unit failed and fail-fast is on" }],
      passed: false,
      coverage: 71.234,
      minCoverage: 80,
      logs: [{ label: "services[1] (kvd) log", tail: "kvd: listening" }],
      workspace: MODULE_DIR,
    });
    expect(md).toContain("### go-test: ❌ failed (unit)");
    expect(md).toMatch(/\| unit \| ❌ failed \| 12 \| 6 \| 1 \| 0 \|/);
    expect(md).toContain("| race | ⏭️ not run | — | — | — | — | — | unit failed and fail-fast is on |");
    expect(md).toContain("**Coverage:** 71.2% of statements across the layers (minimum 80%: ❌ not met)");
    expect(md).toContain("<b>TestDoubleLarge</b> `failing/failing_test.go:12` — Double(3) = 9, want 6");
    expect(md).toContain("#### 10 slowest tests");
    expect(md).toContain("kvd: listening");
  });

  it("stays under the budget by cutting outputs, never by dropping failures", () => {
    const big = layer("unit", "go1.19-mixed.jsonl");
    const tests = Array.from({ length: 300 }, (_, i) => ({
      ...(big.tests.find((t) => t.name === "TestDoubleLarge") as LayerResult["tests"][number]),
      name: `TestBig${i}`,
      failure: { located: { message: `failure ${i}`, kind: "failure" as const }, output: `start ${i}\n${"é".repeat(20_000)}\nend ${i}\n`, unfinished: false },
    }));
    const md = goTestSummary({ layers: [{ ...big, tests }], passed: false, logs: [], workspace: MODULE_DIR }, 200_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(200_000);
    for (let i = 0; i < 300; i++) expect(md).toContain(`<b>TestBig${i}</b>`);
    expect(md).toContain("end 299");
  });
});

describe("coverage merge", () => {
  it("sums a block across profiles and counts it once", () => {
    const m = new CoverageMerger();
    for (const l of ["mode: atomic", "m/a.go:1.1,2.2 3 0", "m/a.go:3.1,4.2 1 0", "mode: atomic", "m/a.go:1.1,2.2 3 2", "m/b.go:1.1,2.2 4 0"]) m.line(l);
    expect(m.size).toBe(3);
    expect(m.percent()).toBeCloseTo(37.5);
    expect(m.toString()).toBe("mode: atomic\nm/a.go:1.1,2.2 3 2\nm/a.go:3.1,4.2 1 0\nm/b.go:1.1,2.2 4 0\n");
    expect(new CoverageMerger().percent()).toBeUndefined();
  });

  it("merges set and atomic layers into the stronger mode, a set block counting once", () => {
    const m = new CoverageMerger();
    for (const l of ["mode: set", "m/a.go:1.1,2.2 3 1", "m/a.go:1.1,2.2 3 1", "m/b.go:1.1,2.2 1 0", "mode: atomic", "m/a.go:1.1,2.2 3 4", "m/b.go:1.1,2.2 1 0"])
      m.line(l);
    expect(m.toString()).toBe("mode: atomic\nm/a.go:1.1,2.2 3 5\nm/b.go:1.1,2.2 1 0\n");
    expect(m.percent()).toBeCloseTo(75);
  });
});
