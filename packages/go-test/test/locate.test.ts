import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotations } from "../src/annotate.js";
import { deepestModuleFrame, firstMessage, moduleFile, parseFindings, stackFrames, testDeclaration } from "../src/locate.js";
import { LayerCollector, layerCounts } from "../src/results.js";
import { MODULE_DIR, MODULES, PLACE, parseFixture, pkgDir } from "./helpers.js";

/** Collects one fixture as a layer and returns its annotations as `file:line title`. */
function annotated(stdout: string, stderr?: string) {
  const c = new LayerCollector("unit", PLACE);
  c.add(parseFixture(stdout, stderr));
  const { failed, ...r } = c.result(1);
  return annotations([{ ...r, status: failed ? "failed" : "passed" }], MODULE_DIR).map((a) => `${a.file}:${a.line}${a.col ? `:${a.col}` : ""} ${a.title}`);
}

describe("annotations land on the exact file and line", () => {
  it("t.Errorf, a failing subtest, a panic and a timeout (Go 1.19, captured)", () => {
    expect(annotated("go1.19-mixed.jsonl")).toEqual([
      "undefined:undefined build failed: example.com/gotestfix/brokenbuild (unit)",
      "failing/failing_test.go:12 TestDoubleLarge failed (unit)",
      "failing/failing_test.go:22 TestDoubleTable/bad failed (unit)",
      "flaky/flaky_test.go:17 TestFlaky failed (unit)",
      "panicky/panicky.go:9 TestLookupNil panicked (unit)",
      "hang/hang_test.go:11 TestHangs did not finish (unit)",
    ]);
  });

  it("a build error at file:line:col, from Go 1.19's stderr", () => {
    expect(annotated("go1.19-build-failed.stdout", "go1.19-build-failed.stderr")).toEqual([
      "brokenbuild/broken_test.go:8:6 build failed: example.com/gotestfix/brokenbuild (unit)",
    ]);
  });

  it("a build error at file:line:col, from Go 1.24's build events", () => {
    expect(annotated("go1.24-build-events.jsonl")).toEqual(["brokenbuild/broken_test.go:8:6 build failed: example.com/gotestfix/brokenbuild (unit)"]);
  });

  it("a data race at its deepest frame in the module", () => {
    expect(annotated("go1.19-race.jsonl")).toEqual(["racy/counter.go:12 TestCount has a data race (unit)"]);
  });

  it("Go 1.25: the error-marked line, not an earlier t.Log line", () => {
    expect(annotated("go1.25-output-type.jsonl")).toEqual(["failing/failing_test.go:12 TestDoubleLarge failed (unit)"]);
  });
});

describe("locating helpers", () => {
  it("reads a message with its continuation lines", () => {
    const found = firstMessage(
      ["=== RUN   TestX", "    failing_test.go:22: first", "        second", "    --- FAIL: TestX"],
      pkgDir("example.com/gotestfix/failing"),
    );
    expect(found?.message).toBe("first\nsecond");
    expect(found?.ref).toEqual({ file: join(MODULE_DIR, "failing/failing_test.go"), line: 22 });
  });

  it("skips messages whose file is not in the package (testing.go from the race detector)", () => {
    expect(firstMessage(["    testing.go:1319: race detected during execution of test"], pkgDir("example.com/gotestfix/racy"))).toBeUndefined();
  });

  it("maps -trimpath frames to the module and ignores GOROOT and vendor/", () => {
    expect(moduleFile("example.com/gotestfix/panicky/panicky.go", MODULES)).toBe(join(MODULE_DIR, "panicky/panicky.go"));
    expect(moduleFile("/usr/lib/go-1.19/src/testing/testing.go", MODULES)).toBeUndefined();
    expect(moduleFile(join(MODULE_DIR, "vendor/x/y.go"), MODULES)).toBeUndefined();
  });

  it("prefers the goroutine running the test for a timeout", () => {
    const frames = stackFrames([
      "goroutine 1 [chan receive]:",
      "example.com/gotestfix/calc.helper()",
      `\t${MODULE_DIR}/calc/calc.go:10 +0x1`,
      "",
      "goroutine 7 [sleep]:",
      "example.com/gotestfix/hang.TestHangs(0xc0)",
      `\t${MODULE_DIR}/hang/hang_test.go:11 +0x25`,
    ]);
    expect(deepestModuleFrame(frames, MODULES, "TestHangs")).toEqual({ file: join(MODULE_DIR, "hang/hang_test.go"), line: 11 });
    expect(deepestModuleFrame(frames, MODULES)).toEqual({ file: join(MODULE_DIR, "calc/calc.go"), line: 10 });
  });

  it("finds a test's declaration", () => {
    expect(testDeclaration("TestDoubleTable/bad", pkgDir("example.com/gotestfix/failing"))).toEqual({
      file: join(MODULE_DIR, "failing/failing_test.go"),
      line: 15,
    });
  });

  it("parses vet and compiler findings", () => {
    expect(parseFindings(["# example.com/x", "vet: a/b.go:3:4: bad thing", "./c.go:5: other"], "/m")).toEqual([
      { file: "/m/a/b.go", line: 3, col: 4, message: "bad thing" },
      { file: "/m/c.go", line: 5, col: undefined, message: "other" },
    ]);
  });
});

describe("retries fold into one verdict per test", () => {
  const fail = (test: string) => ({ Action: "fail", Package: "m/p", Test: test });
  const pass = (test: string) => ({ Action: "pass", Package: "m/p", Test: test });
  const stream = (...events: object[]) => {
    const c = parseFixtureFromEvents(events);
    return c;
  };

  it("a test that fails then passes is flaky and the layer passes", () => {
    const c = new LayerCollector("unit", PLACE);
    c.add(stream(pass("TestA"), fail("TestB"), { Action: "fail", Package: "m/p" }));
    expect([...c.failing()]).toEqual([["m/p", ["TestB"]]]);
    c.add(stream(pass("TestB"), { Action: "pass", Package: "m/p" }));
    const r = c.result(1);
    expect(r.failed).toBe(false);
    expect(r.tests.find((t) => t.name === "TestB")).toMatchObject({ status: "pass", flaky: true, attempts: ["fail", "pass"] });
  });

  it("a test that fails in its last run fails the layer, even when other tests passed on retry (gotestsum#423)", () => {
    const c = new LayerCollector("unit", PLACE);
    c.add(stream(fail("TestA"), fail("TestB"), { Action: "fail", Package: "m/p" }));
    c.add(stream(pass("TestA"), fail("TestB"), { Action: "fail", Package: "m/p" }));
    const r = c.result(1);
    expect(r.failed).toBe(true);
    expect(layerCounts({ ...r, status: "failed" })).toMatchObject({ passed: 1, failed: 1, flaky: 1 });
  });

  it("a rerun that matched nothing does not turn a failure green", () => {
    const c = new LayerCollector("unit", PLACE);
    c.add(stream(fail("TestA"), { Action: "fail", Package: "m/p" }));
    c.add(stream({ Action: "output", Package: "m/p", Output: "testing: warning: no tests to run\n" }, { Action: "pass", Package: "m/p" }));
    expect(c.result(1).failed).toBe(true);
  });

  it("a failed parent is explained by its failed subtest, which alone is counted", () => {
    const c = new LayerCollector("unit", PLACE);
    c.add(stream(pass("TestT/ok"), fail("TestT/bad"), fail("TestT"), { Action: "fail", Package: "m/p" }));
    const r = c.result(1);
    expect(r.tests.filter((t) => t.leaf).map((t) => t.name)).toEqual(["TestT/bad"]);
    expect(layerCounts({ ...r, status: "failed" }).failed).toBe(1);
  });

  it("a package failing without a failed test (init panic) is rerun whole and reported", () => {
    const c = new LayerCollector("unit", PLACE);
    c.add(stream({ Action: "output", Package: "m/p", Output: "panic: boom\n" }, { Action: "fail", Package: "m/p" }));
    expect([...c.failing()]).toEqual([["m/p", []]]);
    const r = c.result(1);
    expect(r.packageFailures[0]).toMatchObject({ package: "m/p", located: { message: "panic: boom", kind: "panic" } });
  });
});

import { GoTestStream } from "../src/events.js";
function parseFixtureFromEvents(events: readonly object[]): GoTestStream {
  const s = new GoTestStream();
  for (const e of events) s.stdoutLine(JSON.stringify(e));
  s.finish();
  return s;
}
