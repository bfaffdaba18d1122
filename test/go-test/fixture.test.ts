/**
 * The go-test action run as the runner runs it, on test/fixtures/go-test-module: passing,
 * failing, skipped, flaky, panicking, timing-out and racy tests, a build error, integration tests
 * against a service the action starts, and e2e tests against a started binary. The vuln and lint
 * layers run the real govulncheck and staticcheck in vuln-lint.test.ts.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { freePort } from "@gantry/core";

const ws = fixtureCopy("go-test-module");
const bin = scratchDir("gantry-go-test-bin-");
const kvd = join(bin, "kvd");

beforeAll(() => {
  // The fixture's own service, built once for the tests that start it as a binary.
  execFileSync("go", ["build", "-o", kvd, "./cmd/kvd"], { cwd: ws, stdio: "inherit" });
});

/** A port the OS says is free on loopback. */

/** True when something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      res(true);
    });
    s.once("error", () => res(false));
  });
}

/** The annotations at a place (the step's own failure message has none), as `file:line[:col] title`. */
const where = (r: ActionRun, level = "error") =>
  r.annotations
    .filter((a) => a.level === level && a.properties.file)
    .map((a) => `${a.properties.file}:${a.properties.line}${a.properties.col ? `:${a.properties.col}` : ""} ${a.properties.title}`);
const results = (r: ActionRun) => JSON.parse(r.outputs.results ?? "{}");
const marker = () => join(scratchDir("gantry-flaky-"), "marker");

describe("go-test on the fixture module", () => {
  it("passes vet, unit and race on passing packages, with merged coverage, a gate and JUnit", async () => {
    const r = await runAction(
      "go-test",
      { packages: "./calc ./store", layers: "vet,unit,race", "min-coverage": "20", junit: "out/results.xml" },
      { workspace: ws },
    );
    expect(r.code, r.log).toBe(0);
    // vet passed on the same packages: go test's own vet pass is not run again.
    expect(r.log).toContain("go test -json -short -vet=off ");
    expect(r.log).toContain("go test -json -race -vet=off ");
    // The gate needs only whether a block ran: set mode, atomic only where -race requires it.
    expect(r.log).toMatch(/^go test -json -short -vet=off -covermode=set -coverpkg=\S+ -coverprofile=/m);
    expect(r.log).toMatch(/^go test -json -race -vet=off -covermode=atomic -coverpkg=/m);
    expect(results(r)).toMatchObject({
      vet: { status: "passed", failed: 0 },
      unit: { status: "passed", passed: 7, failed: 0, skipped: 2, flaky: 0 },
      race: { status: "passed", passed: 8, failed: 0, skipped: 1 },
    });
    expect(Number(r.outputs.coverage)).toBeGreaterThanOrEqual(20);
    expect(r.outputs["coverage-profile"]).toBe(join(ws, "dist/coverage.out"));
    // The merged profile is one go tool cover understands, and agrees with the output.
    const func = execFileSync("go", ["tool", "cover", `-func=${r.outputs["coverage-profile"]}`], { cwd: ws }).toString();
    expect(func).toMatch(new RegExp(`total:\\s+\\(statements\\)\\s+${r.outputs.coverage}%`));
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(readFileSync(join(ws, "out/results.xml"), "utf8"));
    expect(junit.testsuites).toMatchObject({ failures: "0" });
    expect(junit.testsuites.testsuite.map((s: { name: string }) => s.name).sort()).toEqual([
      "race: example.com/gotestfix/calc",
      "race: example.com/gotestfix/store",
      "unit: example.com/gotestfix/calc",
      "unit: example.com/gotestfix/store",
      "vet: vet",
    ]);
    expect(r.summary).toContain("### go-test: ✅ passed");
    expect(r.summary).toMatch(/\*\*Coverage:\*\* [\d.]+% of statements across the layers \(minimum 20%: ✅ met\)/);
  });

  it("points each failure at its exact file and line, and fail-fast lists the layer not run", async () => {
    const r = await runAction("go-test", { packages: "./failing ./panicky ./hang ./brokenbuild", layers: "unit,vet", timeout: "3s" }, { workspace: ws });
    expect(r.code).toBe(1);
    // Packages finish in any order (go test runs them in parallel); the annotations follow the stream.
    expect(where(r).sort()).toEqual([
      "brokenbuild/broken_test.go:8:6 build failed: example.com/gotestfix/brokenbuild (unit)",
      "failing/failing_test.go:12 TestDoubleLarge failed (unit)",
      "failing/failing_test.go:22 TestDoubleTable/bad failed (unit)",
      "hang/hang_test.go:11 TestHangs did not finish (unit)",
      "panicky/panicky.go:9 TestLookupNil panicked (unit)",
    ]);
    expect(r.annotations.find((a) => a.properties.title?.startsWith("TestDoubleTable/bad"))?.message).toBe(
      "Double(5) = 15, want 10\nsecond line of the message",
    );
    expect(results(r)).toMatchObject({ unit: { status: "failed", failed: 5 }, vet: { status: "not-run" } });
    expect(JSON.parse(r.outputs["failed-tests"] ?? "[]")).toContainEqual({
      layer: "unit",
      package: "example.com/gotestfix/hang",
      test: "TestHangs",
      file: "hang/hang_test.go",
      line: 11,
    });
    expect(r.log).toContain("go-test: unit failed (5 failure(s)); not run: vet");
    expect(r.summary).toContain("| vet | ⏭️ not run | — | — | — | — | — | unit failed and fail-fast is on |");
    expect(r.summary).toContain("<details><summary>❌ unit · example.com/gotestfix/panicky · <b>TestLookupNil</b> `panicky/panicky.go:9`");
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(readFileSync(join(ws, "dist/test-results.xml"), "utf8"));
    expect(Number(junit.testsuites.failures)).toBe(6); // 5 failures + the failed parent of TestDoubleTable/bad
  });

  it("retries only the failed tests: a flaky test passes and is reported, a broken one still fails the step", async () => {
    const flakyOnly = await runAction(
      "go-test",
      { packages: "./flaky", layers: "unit", retries: "2" },
      { workspace: ws, env: { GOTESTFIX_FLAKY_MARKER: marker() } },
    );
    expect(flakyOnly.code, flakyOnly.log).toBe(0);
    expect(results(flakyOnly).unit).toMatchObject({ status: "passed", passed: 2, failed: 0, flaky: 1 });
    expect(where(flakyOnly, "warning")).toEqual(["flaky/flaky_test.go:17 TestFlaky is flaky (unit)"]);
    expect(flakyOnly.log).toContain("retry 1/2: rerunning 1 failed test(s) in 1 package(s)");
    expect(flakyOnly.log).not.toContain("retry 2/2");
    expect(flakyOnly.summary).toContain("failed, then passed on retry");

    const mixed = await runAction(
      "go-test",
      { packages: "./flaky ./failing", layers: "unit", retries: "1" },
      { workspace: ws, env: { GOTESTFIX_FLAKY_MARKER: marker() } },
    );
    expect(mixed.code).toBe(1);
    expect(results(mixed).unit).toMatchObject({ status: "failed", failed: 2, flaky: 1 });
    expect(where(mixed)).toEqual([
      "failing/failing_test.go:12 TestDoubleLarge failed (unit, in all 2 attempts)",
      "failing/failing_test.go:22 TestDoubleTable/bad failed (unit, in all 2 attempts)",
    ]);
  });

  it("race finds the data race unit misses, at its line in the module", async () => {
    const r = await runAction("go-test", { packages: "./racy", layers: "unit,race", coverage: "false" }, { workspace: ws });
    expect(r.log).not.toContain("-vet=off"); // no vet layer: go test vets as it always does
    expect(r.code).toBe(1);
    expect(results(r)).toMatchObject({ unit: { status: "passed" }, race: { status: "failed", failed: 1 } });
    expect(where(r)).toEqual(["racy/counter.go:12 TestCount has a data race (race)"]);
  });

  it("a race layer asked for that cannot run for want of a C compiler fails the step, naming the compiler and its package", async () => {
    const r = await runAction("go-test", { packages: "./calc", layers: "race", coverage: "false" }, { workspace: ws, env: { CC: "/nonexistent/gantry-cc" } });
    expect(r.code, r.log).toBe(1);
    expect(results(r).race).toMatchObject({ status: "failed" });
    expect(r.log).toContain(
      "the race detector needs cgo and a C compiler, and /nonexistent/gantry-cc (go env CC) was not found on PATH; install one (apt-get install gcc)",
    );
    expect(r.log).toContain("or mark the layer optional (race?) to skip it where its tool is missing");
  });

  it("marked optional (race?), or in the default list, a race layer that cannot run is skipped with a warning", async () => {
    const r = await runAction("go-test", { packages: "./calc", layers: "race?", coverage: "false" }, { workspace: ws, env: { CC: "/nonexistent/gantry-cc" } });
    expect(r.code, r.log).toBe(0);
    expect(results(r).race).toMatchObject({ status: "skipped" });
    expect(r.annotations.find((a) => a.level === "warning")?.message).toContain(
      "race layer skipped: the race detector needs cgo and a C compiler, and /nonexistent/gantry-cc (go env CC) was not found",
    );
    const byDefault = await runAction("go-test", { packages: "./calc", coverage: "false" }, { workspace: ws, env: { CC: "/nonexistent/gantry-cc" } });
    expect(byDefault.code, byDefault.log).toBe(0);
    expect(results(byDefault).race).toMatchObject({ status: "skipped" });
  });

  it("starts a service (go run) for the integration layer, runs only packages with integration files, and stops it", async () => {
    const port = await freePort();
    const r = await runAction(
      "go-test",
      { packages: "./calc ./store", layers: "integration", services: `PORT=${port} go run ./cmd/kvd | http://127.0.0.1:${port}/healthz | 120s` },
      { workspace: ws, env: { STORE_URL: `http://127.0.0.1:${port}` } },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.log).toMatch(/services\[1\] \(go run \.\/cmd\/kvd\): ready at http:\/\/127\.0\.0\.1:\d+\/healthz/);
    expect(r.log).toContain("-tags=integration -count=1");
    expect(results(r).integration).toMatchObject({ status: "passed", passed: 2 });
    expect(r.summary).toContain("| TestRoundTrip | example.com/gotestfix/store | integration |");
    // Stopped by its process group: go run's child is gone too.
    expect(await listening(port)).toBe(false);
  });

  it("fails before any test when a service is never ready, naming it and showing its last log lines", async () => {
    const [port, wrong] = [await freePort(), await freePort()];
    const r = await runAction("go-test", { layers: "unit", services: `PORT=${port} ${kvd} | tcp://127.0.0.1:${wrong} | 2s` }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(
      new RegExp(`services\\[1\\] \\(${kvd}\\) was not ready at tcp://127\\.0\\.0\\.1:${wrong} within 2\\.0 s; no test ran\\. Its last log lines:`),
    );
    expect(r.log).toContain(`kvd: listening on 127.0.0.1:${port}`);
    expect(r.log).not.toContain("go test -json");
    expect(await listening(port)).toBe(false);
  });

  it("e2e: starts the binary with PORT, tests it at BASE_URL, and requires a graceful shutdown", async () => {
    const inputs = { packages: "./calc ./e2e", layers: "e2e", "e2e-binary": kvd, "e2e-env": "HOST=127.0.0.1", coverage: "false" };
    const ok = await runAction("go-test", inputs, { workspace: ws });
    expect(ok.code, ok.log).toBe(0);
    expect(results(ok).e2e).toMatchObject({ status: "passed", passed: 2 });
    expect(ok.log).toMatch(/e2e: .*kvd is up at http:\/\/127\.0\.0\.1:\d+/);
    expect(ok.log).toMatch(/e2e: the binary shut down gracefully in \d+ ms/);

    const stubborn = await runAction(
      "go-test",
      { ...inputs, "e2e-env": "HOST=127.0.0.1\nKVD_IGNORE_SIGTERM=1", "e2e-shutdown-timeout": "1s" },
      { workspace: ws },
    );
    expect(stubborn.code).toBe(1);
    expect(results(stubborn).e2e).toMatchObject({ status: "failed", passed: 2, failed: 0 });
    expect(results(stubborn).e2e.reason).toBe("the binary did not exit within e2e-shutdown-timeout (1.0 s) after SIGTERM; it was killed");
    expect(stubborn.summary).toContain("e2e binary log");
  });

  it.each([
    [{ layers: "unit,integration,unit" }, "input 'layers': \"unit\" is not valid; it is listed twice"],
    [{ layers: "unit,smoke" }, "input 'layers': \"smoke\" is not valid; it is not a layer"],
    [{ "working-directory": "missing" }, "input 'working-directory': \"missing\" is not valid; the folder does not exist"],
    [{ "min-coverage": "120" }, "input 'min-coverage': \"120\" is not valid; accepted: a percentage from 0 to 100"],
  ])("rejects %j before any test runs", async (inputs, message) => {
    const r = await runAction("go-test", inputs, { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.log).toContain(message);
    expect(r.log).not.toContain("go test -json");
  });
});
