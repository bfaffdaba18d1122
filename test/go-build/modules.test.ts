/**
 * go-build and the Gin service's modules (issue 11): downloaded once before the parallel builds,
 * mod-check read-only on a module with real dependencies, and a clear message when the module
 * proxy or the checksum database cannot be reached. The modules come from a local file:// proxy
 * (a module cache's cache/download folder), filled once from the Go module proxy.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freePort, sha256 } from "@gantry/core";
import { fixtureCopy, FIXTURES, runAction, scratchDir } from "../harness.js";
import { fixtureModuleProxy } from "../support/module-proxy.js";

const GIN = join("github.com", "gin-gonic", "gin@v1.11.0");
let proxy: string;
let closed: number;

/** An empty module cache of the test's own (writable, so the temp folder can be removed). */
const emptyModCache = () => ({ GOMODCACHE: scratchDir("gantry-gomodcache-"), GOFLAGS: "-modcacherw" });
const hashes = (ws: string) => ["go.mod", "go.sum"].map((f) => sha256(readFileSync(join(ws, f))));
const errorOf = (r: { annotations: { level: string; message: string }[] }) => r.annotations.find((a) => a.level === "error")?.message ?? "";

beforeAll(async () => {
  proxy = fixtureModuleProxy("example-service");
  closed = await freePort();
});

describe("go-build downloads the modules once, and mod-check reads them without changing anything", () => {
  it("one `go mod download` before two parallel builds, which find the modules there; go.mod and go.sum unchanged", async () => {
    const ws = fixtureCopy("example-service");
    const before = hashes(ws);
    // A `go` in front of the real one that records each command, and whether a build found the modules.
    const bin = scratchDir("gantry-go-wrapper-");
    const calls = join(bin, "calls.log");
    const realGo = execFileSync("sh", ["-c", "command -v go"], { encoding: "utf8" }).trim();
    writeFileSync(
      join(bin, "go"),
      [
        "#!/bin/sh",
        'if [ "$1" = build ]; then',
        `  if [ -d "$GOMODCACHE/${GIN}" ]; then echo "build (modules there)"; else echo "build (modules missing)"; fi >>"${calls}"`,
        `else echo "$*" >>"${calls}"; fi`,
        `exec "${realGo}" "$@"`,
        "",
      ].join("\n"),
    );
    chmodSync(join(bin, "go"), 0o755);
    const env = { ...emptyModCache(), GOPROXY: proxy, PATH: `${bin}:${process.env.PATH}`, SOURCE_DATE_EPOCH: "1764028800" };
    const r = await runAction(
      "go-build",
      // A version no earlier run used: a link kept in the shared GOCACHE by another test cannot stand in for a build.
      { targets: "linux/amd64,linux/arm64", parallel: "2", archive: "none", version: `v1.0.0-t${Date.now()}`, cache: "false" },
      { workspace: ws, env, post: false },
    );
    expect(r.code, r.log).toBe(0);
    const log = readFileSync(calls, "utf8").trim().split("\n");
    expect(log.filter((l) => l.startsWith("mod download"))).toEqual(["mod download"]);
    expect(log.filter((l) => l.startsWith("build"))).toEqual(["build (modules there)", "build (modules there)"]);
    expect(log.indexOf("mod download")).toBeLessThan(log.findIndex((l) => l.startsWith("list ") && l.includes(" -export ")));
    expect(r.log).toMatch(/modules: go mod download, once for every target, took /);
    expect(r.log).toContain("mod-check: go mod verify passed and go mod tidy -diff would change nothing");
    expect(existsSync(join(env.GOMODCACHE, GIN, "gin.go"))).toBe(true);
    expect(hashes(ws)).toEqual(before);
    expect(readdirSync(ws).sort(), "no file added beside the sources but dist/").toEqual([...readdirSync(join(FIXTURES, "example-service")), "dist"].sort());
  });
});

describe("go-build says what to set when the network is not there (offline runners)", () => {
  it("the module proxy and the checksum database on a closed port, an empty module cache: names GOPROXY and the ways out", async () => {
    const ws = fixtureCopy("example-service");
    const before = hashes(ws);
    const env = { ...emptyModCache(), GOPROXY: `http://127.0.0.1:${closed}`, GOSUMDB: `sum.golang.org http://127.0.0.1:${closed}` };
    const r = await runAction("go-build", { targets: "linux/amd64", archive: "none" }, { workspace: ws, env, post: false });
    expect(r.code).toBe(1);
    const message = errorOf(r);
    expect(message).toMatch(
      new RegExp(`go mod download failed: the module proxy \\(GOPROXY=http://127\\.0\\.0\\.1:${closed}\\) could not be reached to download \\S+@v`),
    );
    expect(message).toContain("connection refused");
    expect(message).toContain("restore GOMODCACHE first (go-build's cache: true does, keyed by go.sum)");
    expect(hashes(ws)).toEqual(before);
    expect(existsSync(join(ws, "dist"))).toBe(false);
  });

  it("a module go.sum lacks, and the checksum database on a closed port: names GONOSUMDB, and leaves go.sum alone", async () => {
    const ws = fixtureCopy("example-service");
    const sum = readFileSync(join(ws, "go.sum"), "utf8");
    const lacking = sum
      .split("\n")
      .filter((l) => !l.startsWith("github.com/prometheus/common v0.66.1 h1:"))
      .join("\n");
    expect(lacking).not.toBe(sum);
    writeFileSync(join(ws, "go.sum"), lacking);
    const env = { ...emptyModCache(), GOPROXY: proxy, GOSUMDB: `sum.golang.org http://127.0.0.1:${closed}` };
    const r = await runAction("go-build", { targets: "linux/amd64", archive: "none" }, { workspace: ws, env, post: false });
    expect(r.code).toBe(1);
    const message = errorOf(r);
    expect(message).toContain(
      `the checksum database (GOSUMDB=sum.golang.org http://127.0.0.1:${closed}) could not be reached to check github.com/prometheus/common@v0.66.1, whose checksum go.sum does not hold`,
    );
    expect(message).toContain("GONOSUMDB=github.com/prometheus");
    expect(message).toContain("GOSUMDB=off turns the check off for every module");
    expect(readFileSync(join(ws, "go.sum"), "utf8")).toBe(lacking);
  });
});
