/**
 * A compiled test binary's stream, as `go tool test2json` writes it (issue 10): no event carries
 * a `Package`. Captured here from the real tools on the fixture module's `failing` package, with
 * the commands below, and counted against `go test -json` of the same package.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeNeeding } from "../../../test/tools.js";
import { annotations } from "../src/annotate.js";
import { GoTestStream, UNNAMED_PACKAGE } from "../src/events.js";
import { LayerCollector, type LayerResult, layerCounts } from "../src/results.js";
import { MODULE_DIR, PLACE, pkgDir } from "./helpers.js";

const PKG = "example.com/gotestfix/failing";

/** Runs a command and returns its stdout; the tests fail on purpose, so the exit code is not checked. */
function stdout(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r.stdout;
}

function parse(text: string, options?: { package?: string }): GoTestStream {
  const s = new GoTestStream(options);
  for (const line of text.split("\n")) s.stdoutLine(line);
  s.finish();
  return s;
}

function layer(s: GoTestStream): LayerResult {
  const c = new LayerCollector("unit", PLACE);
  c.add(s);
  const r = c.result(0);
  return { ...r, status: r.failed ? "failed" : "passed" };
}

const tests = (s: GoTestStream) => [...s.packages.values()].flatMap((p) => [...p.tests.values()].map((t) => `${t.name} ${t.status}`)).sort();

describeNeeding(["go"], "a go tool test2json stream without Package fields", () => {
  let dir: string;
  let binaryStream: string;
  let goTestStream: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gantry-test2json-"));
    const binary = join(dir, "failing.test");
    const built = spawnSync("go", ["test", "-c", "-o", binary, "./failing"], { cwd: MODULE_DIR, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`go test -c failed: ${built.stderr}`);
    // A test binary runs in its package's folder, as go test runs it.
    binaryStream = stdout("go", ["tool", "test2json", "-t", binary, "-test.v"], pkgDir(PKG));
    goTestStream = stdout("go", ["test", "-json", "-count=1", "./failing"], MODULE_DIR);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is the form without Package (the capture is what the issue describes)", () => {
    const events = binaryStream
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThan(10);
    expect(events.filter((e) => "Package" in e)).toEqual([]);
    expect(goTestStream).toContain(`"Package":"${PKG}"`);
  });

  it("counts passes and failures as go test -json of the same package does", () => {
    const s = parse(binaryStream, { package: PKG });
    expect([...s.packages.keys()]).toEqual([PKG]);
    expect(s.packages.get(PKG)?.status).toBe("fail");
    expect(tests(s)).toEqual(["TestDoubleLarge fail", "TestDoubleSmall pass", "TestDoubleTable fail", "TestDoubleTable/bad fail", "TestDoubleTable/ok pass"]);
    const reference = parse(goTestStream);
    expect(tests(s)).toEqual(tests(reference));
    expect(layerCounts(layer(s))).toEqual(layerCounts(layer(reference)));
    expect(layerCounts(layer(s))).toEqual({ passed: 2, failed: 2, skipped: 0, flaky: 0 });
  });

  it("annotates each failure at its file and line, as for go test -json", () => {
    const got = annotations([layer(parse(binaryStream, { package: PKG }))], MODULE_DIR);
    expect(got.map((a) => `${a.file}:${a.line} ${a.title}: ${a.message.split("\n")[0]}`)).toEqual([
      expect.stringMatching(/^failing\/failing_test\.go:12 .*TestDoubleLarge.*: Double\(3\) = 9, want 6$/),
      expect.stringMatching(/^failing\/failing_test\.go:22 .*TestDoubleTable\/bad.*: Double\(5\) = 15, want 10$/),
    ]);
    expect(got).toEqual(annotations([layer(parse(goTestStream))], MODULE_DIR));
  });

  it("without a package name, counts the same tests under one stand-in package", () => {
    const s = parse(binaryStream);
    expect([...s.packages.keys()]).toEqual([UNNAMED_PACKAGE]);
    expect(layerCounts(layer(s))).toEqual({ passed: 2, failed: 2, skipped: 0, flaky: 0 });
  });
});
