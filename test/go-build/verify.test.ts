/**
 * go-build's verify mode and `gantry verify` (issue 15), with real git and go: a release of the
 * example service built in one repository is rebuilt from a clone in another folder, with empty Go
 * caches, and compared file by file; one changed source byte or one changed -X value fails naming
 * the file, the archive entry and the section.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { gitEnv } from "../act/act.js";
import { type ActionRun, REPO, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { fixtureModuleProxy } from "../support/module-proxy.js";
import { describeNeeding } from "../tools.js";

/**
 * Two targets, a tar.gz and a zip, for the passing run; each failing run rebuilds one of them
 * against a checksums.txt listing its archive alone: a cold Gin build (empty GOCACHE) is what costs.
 */
const TARGETS = "linux/amd64,windows/amd64";
const TAR = "hello_1.0.0_linux_amd64.tar.gz";
const ZIP = "hello_1.0.0_windows_amd64.zip";
/** A cold build of the Gin service on a loaded 2-core runner can take many minutes. */
const SLOW = 1_800_000;
const COMMIT_DATE = "2026-01-02T03:04:05Z";

interface ReportRow {
  file: string;
  expected: string;
  rebuilt: string;
  identical: boolean;
  difference: string;
}
const reportOf = (r: ActionRun) => JSON.parse(r.outputs.report ?? "[]") as ReportRow[];
const rowOf = (r: ActionRun, file: string) => reportOf(r).find((row) => row.file === file) as ReportRow;
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";

describeNeeding(["go", "git"], "go-build verify: a release rebuilt from another folder with empty caches", () => {
  let proxy: string;
  let origin: string;
  let clone: string;
  let release: string;
  let releaseCommit: string;
  /** The files of the release's checksums.txt (archives and SBOMs): its statement's subjects. */
  let listed: string[];
  let tmp: string;
  /** Go and git without the machine's caches or git config; module downloads from a local proxy. */
  let env: Record<string, string>;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", env: { ...gitEnv(cwd), GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE } }).trim();
  /** Temp folders verify left in the runner's temp folder (there should be none). */
  const leftovers = (r: ActionRun) => readdirSync(join(r.home, "temp")).filter((e) => e.startsWith("gantry-verify-"));

  beforeAll(async () => {
    proxy = fixtureModuleProxy("example-service");
    env = {
      GOPROXY: proxy,
      // No GOFLAGS=-buildvcs=false and no .gitignore for dist/: go-build's own -buildvcs=false keeps the
      // untracked out-dir out of the bytes (Go would stamp vcs.modified=true), so the clean rebuild matches.
      GOFLAGS: "",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GOMODCACHE: scratchDir("gantry-gomodcache-"),
    };
    origin = fixtureCopy("example-service");
    git(origin, "init", "-q", "-b", "main");
    git(origin, "add", "-A");
    git(origin, "commit", "-qm", "v1.0.0");
    releaseCommit = git(origin, "rev-parse", "HEAD");
    const built = await runAction("go-build", { targets: TARGETS, version: "v1.0.0" }, { workspace: origin, env, post: false, timeoutMs: SLOW });
    expect(built.code, built.log).toBe(0);
    // The release as users download it: dist/ (with go-build's provenance.intoto.json) somewhere else.
    release = scratchDir("gantry-release-");
    cpSync(join(origin, "dist"), release, { recursive: true });
    listed = readFileSync(join(release, "checksums.txt"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.slice(66));
    // Verification runs in another clone, with an uncommitted change that must not leak into the rebuild.
    tmp = scratchDir("gantry-verify-clone-");
    clone = join(tmp, "repo");
    git(tmp, "clone", "-q", origin, clone);
    writeFileSync(join(clone, "main.go"), readFileSync(join(clone, "main.go"), "utf8").replace('"dev"', '"uncommitted"'));
  }, SLOW);

  it(
    "from go-build's provenance statement alone: every subject identical, though the clone has an uncommitted change",
    async () => {
      const r = await runAction("go-build", { verify: join(release, "provenance.intoto.json") }, { workspace: clone, env, post: false, timeoutMs: SLOW });
      expect(r.code, r.log).toBe(0);
      expect(r.outputs.verified).toBe("true");
      const files = reportOf(r).map((row) => row.file);
      expect(files.sort()).toEqual([...listed].sort());
      expect(files).toEqual(expect.arrayContaining([TAR, ZIP]));
      expect(files.some((f) => f.endsWith(".spdx.json"))).toBe(true);
      expect(reportOf(r).every((row) => row.identical && row.rebuilt === row.expected && row.difference === "identical")).toBe(true);
      expect(r.summary).toContain("go-build verify: reproducible");
      expect(r.summary).toContain(releaseCommit.slice(0, 12));
      expect(r.log).toContain("empty Go caches");
      // The clean folder and its worktree are gone; the clone is as it was.
      expect(leftovers(r)).toEqual([]);
      expect(git(clone, "worktree", "list").split("\n")).toHaveLength(1);
      expect(git(clone, "status", "--porcelain")).toBe("M main.go");
      expect(existsSync(join(clone, "dist"))).toBe(false);
    },
    SLOW,
  );

  /** A checksums.txt in the release folder listing one of its archives. */
  const checksumsOf = (archive: string) => {
    const line = readFileSync(join(release, "checksums.txt"), "utf8")
      .split("\n")
      .find((l) => l.endsWith(`  ${archive}`)) as string;
    const path = join(release, `checksums-${archive}.txt`);
    writeFileSync(path, `${line}\n`);
    return path;
  };

  it(
    "one source byte changed and committed, against the release's checksum: fails naming the archive, its entry and the section",
    async () => {
      const changed = scratchDir("gantry-verify-changed-");
      git(changed, "clone", "-q", origin, "repo");
      const repo = join(changed, "repo");
      // One byte of a log line: the string data moves with it, so the code that refers to it changes too (.text comes first in the file).
      writeFileSync(join(repo, "main.go"), readFileSync(join(repo, "main.go"), "utf8").replace('log.Print("stopped")', 'log.Print("stoppeD")'));
      git(repo, "commit", "-qam", "one byte");
      const r = await runAction(
        "go-build",
        { verify: checksumsOf(TAR), "verify-ref": "HEAD", targets: "linux/amd64" },
        { workspace: repo, env, post: false, timeoutMs: SLOW },
      );
      expect(r.code, r.log).toBe(1);
      expect(r.outputs.verified).toBe("false");
      expect(rowOf(r, TAR).identical).toBe(false);
      expect(rowOf(r, TAR).difference).toMatch(/^tar\.gz entry hello \(content\): section \.text \(also [^)]*\.rodata[^)]*\)$/);
      expect(errorOf(r)).toContain(`1 of 1 files rebuilt from ${git(repo, "rev-parse", "HEAD").slice(0, 12)} differ`);
      expect(errorOf(r)).toContain(`${TAR}: tar.gz entry hello (content): section .text`);
      expect(r.summary).toContain("1 of 1 files differ");
      expect(leftovers(r)).toEqual([]);
    },
    SLOW,
  );

  it(
    "one -X value differs, via `gantry verify`: fails naming the file and section, outputs verified=false",
    () => {
      const runnerTemp = scratchDir("gantry-cli-temp-");
      const cli = [join(REPO, "dist", "cli", "gantry.js"), "verify", checksumsOf(ZIP), "--targets", "windows/amd64", "--x", "main.fault=crash"];
      const r = spawnSync(process.execPath, cli, { cwd: clone, encoding: "utf8", env: { ...process.env, ...env, HOME: tmp, RUNNER_TEMP: runnerTemp } });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^verified=false$/m);
      expect(r.stderr).toContain(`verify: 1 of 1 files rebuilt from ${releaseCommit.slice(0, 12)} differ`);
      expect(r.stderr).toMatch(new RegExp(`${ZIP.replace(/\./g, "\\.")}: zip entry hello\\.exe \\(content\\): section \\.text \\(also [^)]*\\.rdata`));
      expect(readdirSync(runnerTemp).filter((e) => e.startsWith("gantry-verify-"))).toEqual([]);
    },
    SLOW,
  );
});
