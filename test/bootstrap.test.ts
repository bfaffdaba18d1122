/**
 * scripts/bootstrap.sh and Go: the pinned tools need Go 1.26, so a machine without it gets Debian's
 * golang-go only when the version apt would install is new enough; Debian 12's 1.19 is never
 * installed (it would not do, and every later run would install it again), and bootstrap says what
 * is needed instead. Run on a copy of the script in a scratch repo whose npm part is already done,
 * with stand-ins for go, apt-cache and apt-get first on PATH (apt-get only logs its arguments).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "./harness.js";

const SCRIPTS = join(import.meta.dirname, "..", "scripts");

describe("scripts/bootstrap.sh installs Debian's golang-go only when it is new enough", () => {
  let repo: string;
  const fake = (name: string, body: string) => writeFileSync(join(repo, "fakebin", name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  /** Runs bootstrap with a `go` reporting `goVersion` and apt offering golang-go `candidate`. */
  const bootstrap = (goVersion: string, candidate: string) => {
    fake(
      "go",
      `echo "go $*" >>"${join(repo, "calls.log")}"\ncase "$*" in "env GOVERSION") echo ${goVersion} ;; "env GOPROXY") echo https://proxy.golang.org,direct ;; esac`,
    );
    fake("apt-cache", `printf 'golang-go:\\n  Installed: (none)\\n  Candidate: ${candidate}\\n'`);
    rmSync(join(repo, "calls.log"), { force: true });
    const env = { PATH: `${join(repo, "fakebin")}:/usr/bin:/bin`, HOME: join(repo, "home") };
    const r = spawnSync("bash", [join(repo, "scripts", "bootstrap.sh")], { cwd: repo, env, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const calls = existsSync(join(repo, "calls.log")) ? readFileSync(join(repo, "calls.log"), "utf8") : "";
    return { stderr: r.stderr, calls };
  };

  beforeAll(() => {
    repo = scratchDir("gantry-bootstrap-");
    for (const d of ["scripts", "fakebin", "home", "node_modules/.bin"]) mkdirSync(join(repo, d), { recursive: true });
    for (const f of ["bootstrap.sh", "go-tools.sh"]) cpSync(join(SCRIPTS, f), join(repo, "scripts", f));
    // Only Go to check, and one pinned tool (go-tools.sh would call `go install` for it).
    writeFileSync(join(repo, "scripts", "tools.txt"), "go golang-go\nhello tools/hello\n");
    mkdirSync(join(repo, "tools", "hello"), { recursive: true });
    writeFileSync(join(repo, "tools", "hello", "go.mod"), "module gantry.invalid/tools/hello\n");
    writeFileSync(join(repo, "tools", "hello", "go.sum"), "");
    // npm's part is done: node_modules newer than the lock file, the CLI linked.
    writeFileSync(join(repo, "package-lock.json"), "{}");
    writeFileSync(join(repo, "node_modules", ".package-lock.json"), "{}");
    writeFileSync(join(repo, "node_modules", ".bin", "gantry"), "");
    fake("apt-get", `echo "apt-get $*" >>"${join(repo, "calls.log")}"`);
    fake("id", "echo 0"); // as root, where bootstrap would install Debian packages
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("with Go 1.19 and Debian's 1.19, installs nothing, says what is needed and builds no Go tool", () => {
    const { stderr, calls } = bootstrap("go1.19.8", "2:1.19~1");
    expect(calls).not.toContain("apt-get");
    expect(calls).not.toContain("go install");
    expect(stderr).toContain("gantry needs Go 1.26 or newer, at /usr/local/go/bin/go or on PATH (found: go1.19.8)");
    expect(stderr).toContain("Debian's golang-go is used only");
    expect(stderr).toContain("(here: 2:1.19~1)");
  });

  it("with Go 1.19 and a Debian whose golang-go is 1.26, installs golang-go", () => {
    const { calls } = bootstrap("go1.19.8", "2:1.26~1");
    expect(calls).toMatch(/^apt-get install .*\bgolang-go\b/m);
  });

  it("with Go 1.26, installs nothing and builds the Go tools", () => {
    const { stderr, calls } = bootstrap("go1.26.8", "2:1.19~1");
    expect(calls).not.toContain("apt-get");
    expect(calls).toContain("go install -mod=readonly tool");
    expect(stderr).not.toContain("gantry needs Go");
  });
});
