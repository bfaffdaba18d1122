/**
 * The vuln and lint layers on the real govulncheck and staticcheck (issue 11), on
 * test/fixtures/go-tools-module: it pins golang.org/x/text v0.3.6 and calls language.Parse, which
 * GO-2021-0113 says is vulnerable below v0.3.7; its vulndb/ folder is a database in govulncheck's
 * own v1 format holding that one real advisory (the public one cannot be reached from CI).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { freePort } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, removeTree, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";

/** The annotations at a place, as `file:line[:col] title`. */
const where = (r: ActionRun) =>
  r.annotations
    .filter((a) => a.level === "error" && a.properties.file)
    .map((a) => `${a.properties.file}:${a.properties.line}${a.properties.col ? `:${a.properties.col}` : ""} ${a.properties.title}`);
const results = (r: ActionRun) => JSON.parse(r.outputs.results ?? "{}");

describeNeeding(["go", "govulncheck", "staticcheck"], "go-test vuln and lint on the real govulncheck and staticcheck", () => {
  it("finds GO-2021-0113 at the call to language.Parse and staticcheck's findings at their lines, and fails", async () => {
    const ws = fixtureCopy("go-tools-module");
    const r = await runAction("go-test", { layers: "vuln,lint", "fail-fast": "false", "vuln-db": "vulndb", coverage: "false" }, { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(where(r)).toEqual(["greet/greet.go:12:26 govulncheck", "tidy/tidy.go:9:5 lint", "tidy/tidy.go:16:6 lint"]);
    expect(r.annotations.map((a) => a.message).slice(0, 3)).toEqual([
      "GO-2021-0113: Due to improper index calculation, an incorrectly formatted language tag can cause Parse to panic via an out of bounds read. (greet.Greeting calls language.Parse; golang.org/x/text@v0.3.6, fixed in v0.3.7)",
      "identical expressions on the left and right side of the '==' operator (SA4000)",
      "func shout is unused (U1000)",
    ]);
    expect(results(r)).toMatchObject({ vuln: { status: "failed", failed: 1 }, lint: { status: "failed", failed: 2 } });
    expect(r.log).toContain(`govulncheck -db file://${ws}/vulndb ./...`);
    expect(r.log).toContain("go-test: vuln failed (1 failure(s)); lint failed (2 failure(s))");
    expect(r.summary).toContain("❌ vuln: 1 finding(s)");
    expect(r.summary).toContain("greet/greet.go:12:26: GO-2021-0113:");
    expect(JSON.parse(r.outputs["failed-tests"] ?? "[]")).toEqual([]);
  });

  it("passes once golang.org/x/text is upgraded to the fixed version (from the Go module proxy)", async () => {
    const ws = fixtureCopy("go-tools-module");
    execFileSync("go", ["get", "golang.org/x/text@v0.3.7"], { cwd: ws, stdio: "pipe" });
    const r = await runAction("go-test", { packages: "./greet", layers: "vuln", "vuln-db": `file://${ws}/vulndb`, coverage: "false" }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(results(r).vuln).toMatchObject({ status: "passed", failed: 0 });
    expect(r.annotations.filter((a) => a.level === "error")).toEqual([]);
    expect(r.log).toContain("govulncheck: 0 vulnerable call(s) found");
  });

  it("an unreachable database fails the layer and says to set vuln-db", async () => {
    const ws = fixtureCopy("go-tools-module");
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await runAction("go-test", { packages: "./greet", layers: "vuln", "vuln-db": url, coverage: "false" }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(results(r).vuln.status).toBe("failed");
    expect(results(r).vuln.reason).toMatch(/^govulncheck exited with 1: .*/);
    expect(results(r).vuln.reason).toContain(`could it reach the vulnerability database ${url}? Set vuln-db to a mirror`);
  });
});

describe("go-test vuln and lint without the tools", () => {
  it("refuses a vuln-db folder that is not a database before any layer runs", async () => {
    const ws = fixtureCopy("go-tools-module");
    const r = await runAction("go-test", { layers: "vuln", "vuln-db": "greet" }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.log).toContain(`input 'vuln-db': "greet" is not valid; ${join(ws, "greet", "index", "modules.json")} is missing`);
    expect(r.log).not.toContain("go-test: layers");
  });

  describeNeeding(["go"], "without govulncheck and staticcheck, offline", () => {
    // A module cache of the test's own (never the machine's, which may hold govulncheck or not
    // hold golang.org/x/text): filled once from the Go module proxy, then read with GOPROXY=off.
    let cache: string;
    let ws: string;
    beforeAll(() => {
      cache = scratchDir("gantry-vuln-offline-");
      ws = fixtureCopy("go-tools-module");
      const goEnv = { ...process.env, GOPATH: join(cache, "gopath"), GOMODCACHE: join(cache, "mod"), GOFLAGS: "", GOTOOLCHAIN: "local" };
      execFileSync("go", ["mod", "download"], { cwd: ws, env: goEnv, stdio: "pipe" });
    });
    afterAll(() => {
      for (const d of [cache, ws]) removeTree(d);
    });

    it("marked optional, vuln is skipped and lint runs go vet only, each with a notice saying how to install the tool", async () => {
      // No govulncheck or staticcheck anywhere the action looks: not on PATH (.tools/bin is first
      // there), not in GOBIN or GOPATH/bin; GOPROXY=off keeps it from installing govulncheck.
      const PATH = (process.env.PATH ?? "")
        .split(delimiter)
        .filter((d) => !existsSync(join(d, "govulncheck")) && !existsSync(join(d, "staticcheck")))
        .join(delimiter);
      const env = { PATH, GOPATH: join(cache, "gopath"), GOMODCACHE: join(cache, "mod"), GOBIN: undefined, GOFLAGS: "", GOTOOLCHAIN: "local", GOPROXY: "off" };
      const r = await runAction("go-test", { packages: "./greet", layers: "vuln?,lint?", "vuln-db": "vulndb" }, { workspace: ws, env });
      expect(r.code, r.log).toBe(0);
      expect(results(r)).toMatchObject({ vuln: { status: "skipped" }, lint: { status: "passed", reason: "staticcheck not installed: go vet only" } });
      const notices = r.annotations.filter((a) => a.level === "notice").map((a) => a.message);
      expect(notices[0]).toContain(
        "govulncheck is not installed and could not be installed (GOPROXY=off forbids downloading it); the vuln layer did not run. Install it with go install golang.org/x/vuln/cmd/govulncheck@v1.9.0",
      );
      expect(notices[1]).toContain("lint: staticcheck is not installed");
      expect(notices[1]).toContain("install it with go install honnef.co/go/tools/cmd/staticcheck@v0.8.2");
    });
  });
});
