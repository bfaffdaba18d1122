import { describe, expect, it } from "vitest";
import { CappedText, shorten } from "../src/capped.js";
import { GoTestStream } from "../src/events.js";
import { parseFixture, parseLines } from "./helpers.js";

const P = "example.com/gotestfix/";

describe("GoTestStream on Go 1.19 output captured here", () => {
  const s = parseFixture("go1.19-mixed.jsonl");
  const test = (pkg: string, name: string) => s.packages.get(P + pkg)?.tests.get(name);

  it("reads passing, failing, skipped and subtests", () => {
    expect(test("calc", "TestAdd")?.status).toBe("pass");
    expect(test("calc", "TestAbs/negative")?.status).toBe("pass");
    expect(test("calc", "TestSkipped")).toMatchObject({ status: "skip", skipReason: "not written yet" });
    expect(test("failing", "TestDoubleLarge")?.status).toBe("fail");
    expect(test("failing", "TestDoubleTable")?.status).toBe("fail");
    expect(test("failing", "TestDoubleTable/bad")?.status).toBe("fail");
    expect(test("failing", "TestDoubleTable/ok")?.status).toBe("pass");
    expect(s.packages.get(`${P}calc`)?.status).toBe("pass");
    expect(s.packages.get(`${P}failing`)?.status).toBe("fail");
  });

  it("drops the output of passing tests and keeps failures'", () => {
    expect(test("calc", "TestAdd")?.output).toBeUndefined();
    expect(test("failing", "TestDoubleLarge")?.output?.toString()).toContain("failing_test.go:12: Double(3) = 9, want 6");
  });

  it("reports a panicking test as failed, with the panic in its output", () => {
    expect(test("panicky", "TestLookupNil")?.status).toBe("fail");
    expect(test("panicky", "TestLookupNil")?.output?.toString()).toContain("panicky.go:9");
    expect(test("panicky", "TestAfterPanic")).toBeUndefined();
  });

  it("marks a test killed by the timeout as unfinished, with its elapsed time up to the end", () => {
    const hang = test("hang", "TestHangs");
    expect(hang?.status).toBe("unfinished");
    expect(hang?.elapsed).toBeGreaterThan(4.9);
    expect(s.packages.get(`${P}hang`)?.status).toBe("fail");
  });

  it("reads Go 1.19's plain-text build failure on stdout", () => {
    expect(s.packages.get(`${P}brokenbuild`)).toMatchObject({ status: "fail", failedBuild: `${P}brokenbuild` });
  });

  it("counts events and keeps non-JSON lines it does not understand", () => {
    expect(s.events).toBe(154);
    const t = new GoTestStream();
    t.stdoutLine("go: downloading example.com/x v1.0.0");
    t.stdoutLine("{not json");
    expect(t.other.toString()).toContain("go: downloading");
    expect(t.other.toString()).toContain("{not json");
  });

  it("attaches stderr compiler errors to the package whose build failed", () => {
    const b = parseFixture("go1.19-build-failed.stdout", "go1.19-build-failed.stderr");
    const pkg = b.packages.get(`${P}brokenbuild`);
    expect(pkg?.buildOutput).toEqual(['brokenbuild/broken_test.go:8:6: cannot use Name (untyped string constant "broken") as int value in assignment']);
  });

  it("reads the race detector's report as the failing test's output", () => {
    const r = parseFixture("go1.19-race.jsonl");
    expect(r.packages.get(`${P}racy`)?.tests.get("TestCount")?.output?.toString()).toContain("WARNING: DATA RACE");
  });

  it("records coverage lines", () => {
    const c = parseFixture("go1.19-short-cover.jsonl");
    expect(c.packages.get(`${P}calc`)?.coverage).toBe("21.2%");
  });
});

describe("GoTestStream on newer formats (hand-written, see fixtures/README.md)", () => {
  it("reads Go 1.24 build events and FailedBuild", () => {
    const s = parseFixture("go1.24-build-events.jsonl");
    const pkg = s.packages.get(`${P}brokenbuild`);
    expect(pkg?.status).toBe("fail");
    expect(pkg?.failedBuild).toBe(`${P}brokenbuild [${P}brokenbuild.test]`);
    expect(pkg?.buildOutput[0]).toMatch(/^brokenbuild\/broken_test\.go:8:6: cannot use Name/);
    expect(s.packages.get(`${P}calc`)?.tests.get("TestAdd")?.status).toBe("pass");
  });

  it("keeps Go 1.25's first error-marked message apart from t.Log lines, and ignores attr", () => {
    const s = parseFixture("go1.25-output-type.jsonl");
    const tc = s.packages.get(`${P}failing`)?.tests.get("TestDoubleLarge");
    expect(tc?.errorLines).toEqual(["    failing_test.go:12: Double(3) = 9, want 6", "        continued on a second line"]);
    expect(tc?.status).toBe("fail");
  });

  it("treats a package event without a test as the package's", () => {
    const s = parseLines([
      { Action: "output", Package: "m/x", Output: "panic: init failed\n" },
      { Action: "fail", Package: "m/x", Elapsed: 0.01 },
    ]);
    expect(s.packages.get("m/x")).toMatchObject({ status: "fail" });
    expect(s.packages.get("m/x")?.output.toString()).toContain("panic: init failed");
  });
});

describe("memory stays flat", () => {
  it("caps a test's output at head + tail however much it prints", () => {
    const s = new GoTestStream();
    s.event({ Action: "run", Package: "m", Test: "TestLoud" });
    for (let i = 0; i < 100_000; i++) s.event({ Action: "output", Package: "m", Test: "TestLoud", Output: `line ${i} ${"x".repeat(50)}\n` });
    s.event({ Action: "fail", Package: "m", Test: "TestLoud" });
    const out = s.packages.get("m")?.tests.get("TestLoud")?.output;
    expect(out?.length).toBeLessThan(70 * 1024);
    expect(out?.toString()).toContain("line 0 ");
    expect(out?.toString()).toContain("line 99999 ");
    expect(out?.toString()).toMatch(/characters of output omitted/);
  });

  it("shortens text keeping both ends", () => {
    const t = shorten(`start${"m".repeat(10_000)}end`, 200);
    expect(t.length).toBeLessThanOrEqual(200);
    expect(t.startsWith("start")).toBe(true);
    expect(t.endsWith("end")).toBe(true);
    const c = new CappedText(10, 10);
    c.append("0123456789abcdefghij0123456789\n");
    expect(c.toString()).toContain("omitted");
  });
});
