/**
 * scripts/go-tools.sh (issue 11): builds the Go tools of scripts/tools.txt into .tools/bin, each
 * from its tools/<name>/go.mod; a warm run builds nothing, a changed go.mod rebuilds that tool,
 * `bench` tools only with --bench, and a tool that does not build is named while the others go on.
 * Run on a copy of the script in a scratch repo, with tools that are packages of their own module
 * (nothing to download: GOPROXY=off), and its own HOME, GOCACHE and GOMODCACHE.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeNeeding } from "./tools.js";
import { scratchDir } from "./harness.js";

const SCRIPT = join(import.meta.dirname, "..", "scripts", "go-tools.sh");

describeNeeding(["go"], "scripts/go-tools.sh builds the pinned tools into .tools/bin", () => {
  let repo: string;
  let env: NodeJS.ProcessEnv;

  /** A tool module tools/<name> whose one tool prints `<name> <word>` (println: no package to compile but the runtime). */
  const tool = (name: string, word: string, body = `println("${name} ${word}")`) => {
    const dir = join(repo, "tools", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "go.mod"), `module gantry.invalid/tools/${name}\n\ngo 1.22\n\ntool gantry.invalid/tools/${name}\n\n// ${word}\n`);
    writeFileSync(join(dir, "go.sum"), "");
    writeFileSync(join(dir, "main.go"), `package main\n\nfunc main() { ${body} }\n`);
  };
  const run = (...args: string[]) => {
    const r = spawnSync("bash", [join(repo, "scripts", "go-tools.sh"), ...args], { env, encoding: "utf8", timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stderr;
  };
  const bin = (name: string) => join(repo, ".tools", "bin", name);
  const say = (name: string) => spawnSync(bin(name), { encoding: "utf8" }).stderr.trim();

  beforeAll(() => {
    repo = scratchDir("gantry-go-tools-");
    mkdirSync(join(repo, "scripts"));
    cpSync(SCRIPT, join(repo, "scripts", "go-tools.sh"));
    writeFileSync(join(repo, "scripts", "tools.txt"), "# command package\ngit git\nhello tools/hello\nlater tools/later bench\n");
    tool("hello", "one");
    tool("later", "one");
    const home = join(repo, "home");
    mkdirSync(home);
    env = { ...process.env, HOME: home, GOPATH: join(home, "go"), GOCACHE: join(home, "cache"), GOMODCACHE: join(home, "mod"), GOPROXY: "off", GOFLAGS: "" };
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("builds the test tools (not the bench ones) on a cold run, and nothing on a warm one", () => {
    expect(run()).toContain("building hello from tools/hello/go.mod");
    expect(say("hello")).toBe("hello one");
    expect(existsSync(bin("later"))).toBe(false);
    const built = statSync(bin("hello")).mtimeMs;
    expect(run()).not.toContain("building");
    expect(statSync(bin("hello")).mtimeMs).toBe(built);
  });

  it("rebuilds a tool whose go.mod changed, and only that one; --bench adds the bench tools", () => {
    tool("hello", "two");
    expect(run()).toContain("building hello");
    expect(say("hello")).toBe("hello two");
    const bench = run("--bench");
    expect(bench).toContain("building later");
    expect(bench).not.toContain("building hello");
    expect(say("later")).toBe("later one");
    expect(run("--bench")).not.toContain("building");
  });

  it("rebuilds a tool whose binary is gone", () => {
    rmSync(bin("hello"));
    expect(run()).toContain("building hello");
    expect(say("hello")).toBe("hello two");
  });

  it("names a tool that does not build, builds the others, and tries it again next time", () => {
    tool("hello", "three", "println(undefinedName)");
    tool("later", "two");
    const err = run("--bench");
    expect(err).toMatch(/undefined: undefinedName/);
    expect(err).toContain("could not build hello");
    expect(say("later")).toBe("later two");
    expect(existsSync(join(repo, ".tools", "stamps", "hello"))).toBe(false);
    expect(run()).toContain("building hello");
  });

  it("never falls back to fetching from version control: `direct` is dropped from GOPROXY", () => {
    // A `go` first on PATH that logs the GOPROXY each call sees, then runs the real one.
    const real = spawnSync("sh", ["-c", "command -v go"], { env, encoding: "utf8" }).stdout.trim();
    const fake = join(repo, "fakebin");
    mkdirSync(fake);
    writeFileSync(join(fake, "go"), `#!/bin/sh\necho "$GOPROXY $1" >>"${join(repo, "go.log")}"\nexec "${real}" "$@"\n`, { mode: 0o755 });
    tool("hello", "four");
    const saved = { PATH: env.PATH, GOPROXY: env.GOPROXY };
    Object.assign(env, { PATH: `${fake}:${env.PATH}`, GOPROXY: "https://proxy.example.invalid,direct" });
    try {
      expect(run()).toContain("building hello");
    } finally {
      Object.assign(env, saved);
    }
    expect(readFileSync(join(repo, "go.log"), "utf8")).toContain("https://proxy.example.invalid install");
    // GOPROXY=direct alone: the default proxy instead (the script used to exit 1 here, silently).
    tool("hello", "five");
    Object.assign(env, { PATH: `${fake}:${env.PATH}`, GOPROXY: "direct" });
    try {
      expect(run()).toContain("building hello");
    } finally {
      Object.assign(env, saved);
    }
    expect(readFileSync(join(repo, "go.log"), "utf8")).toContain("https://proxy.golang.org install");
  });
});
