/**
 * go-build's verify mode and `gantry verify` (issue 15), with real git and go: a release of the
 * example service built in one repository is rebuilt from a clone in another folder, with empty Go
 * caches, and compared file by file; one changed source byte or one changed -X value fails naming
 * the file, the archive entry and the section.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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
const CLI = join(REPO, "dist", "cli", "gantry.js");

/** A script that leaves a marker file when anything runs it (as -toolexec, -extld or CC), then runs what it wraps. */
function plantedScript(): { script: string; marker: string } {
  const dir = scratchDir("gantry-planted-");
  const script = join(dir, "planted.sh");
  const marker = join(dir, "it-ran");
  writeFileSync(script, `#!/bin/sh\necho "$@" >> '${marker}'\nexec "$@"\n`, { mode: 0o755 });
  return { script, marker };
}

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
    "from go-build's provenance statement: every subject identical, though the clone has an uncommitted change; a given input the statement records otherwise is reported",
    async () => {
      const statement = join(release, "provenance.intoto.json");
      const r = await runAction("go-build", { verify: statement, strip: "false" }, { workspace: clone, env, post: false, timeoutMs: SLOW });
      expect(r.code, r.log).toBe(0);
      expect(r.outputs.verified).toBe("true");
      // The rebuild used the statement's strip (true), and says the given one differs.
      expect(JSON.parse(r.outputs["input-differences"] ?? "null")).toEqual([{ input: "strip", given: "false", statement: "true" }]);
      expect(r.log).toContain(`verify: input strip: you gave "false" and ${statement} records "true"; the rebuild uses the statement's`);
      expect(r.summary).toContain("Inputs you gave that the statement records otherwise");
      expect(r.summary).toMatch(/\| strip \| `"false"` \| `"true"` \|/);
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
    "a tampered statement (flags -toolexec, ldflags -extld) fails `gantry verify` naming the input and value, and the planted program never runs; given to go-build, the same are refused",
    async () => {
      const { script, marker } = plantedScript();
      const own = JSON.parse(readFileSync(join(release, "provenance.intoto.json"), "utf8"));
      for (const [input, value, named] of [
        ["flags", `-toolexec=${script}`, `-toolexec=${script}`],
        // -linkmode=external makes the old code run the planted linker even without cgo.
        ["ldflags", `-s -w -extld=${script} -linkmode=external`, `-extld=${script}`],
      ] as const) {
        const tampered = structuredClone(own);
        tampered.predicate.buildDefinition.externalParameters.inputs[input] = value;
        const path = join(release, `tampered-${input}.intoto.json`);
        writeFileSync(path, JSON.stringify(tampered));
        const r = spawnSync(process.execPath, [CLI, "verify", path], {
          cwd: clone,
          encoding: "utf8",
          env: { ...process.env, ...env, HOME: scratchDir("gantry-verify-home-") },
          timeout: SLOW,
        });
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr).toContain(`input '${input}': ${JSON.stringify(named)} is not valid; -${named.slice(1).split("=")[0]} is refused in every mode`);
        expect(r.stderr).toContain(`the value is the one ${path} records in externalParameters.inputs`);
        expect(r.stdout).not.toContain("verified=");
        expect(existsSync(marker)).toBe(false);
      }
      for (const [input, value] of [
        ["flags", `-toolexec=${script}`],
        ["ldflags", `-extld ${script} -linkmode external`],
      ] as const) {
        const r = await runAction("go-build", { [input]: value, targets: "linux/amd64" }, { workspace: clone, env, post: false, timeoutMs: SLOW });
        expect(r.code, r.log).toBe(1);
        expect(errorOf(r)).toMatch(new RegExp(`^input '${input}': "-(toolexec=|extld)[^"]*" is not valid; -(toolexec|extld) is refused in every mode`));
        expect(r.outputs.artifacts).toBeUndefined();
        expect(existsSync(marker)).toBe(false);
      }
    },
    SLOW,
  );

  it(
    "`gantry verify` from an empty HOME, one -X value differs: fails naming the file and section; the rebuild's environment holds nothing the caller planted",
    () => {
      const home = scratchDir("gantry-empty-home-");
      const { script, marker } = plantedScript();
      const goenv = join(dirname(script), "go.env");
      writeFileSync(goenv, `GOFLAGS=-toolexec=${script}\n`);
      // A go on PATH that records the environment of every go command, then runs the real one.
      const bin = scratchDir("gantry-go-wrapper-");
      const envLog = join(bin, "env.log");
      const realGo = execFileSync("sh", ["-c", "command -v go"], { encoding: "utf8" }).trim();
      writeFileSync(join(bin, "go"), `#!/bin/sh\n{ echo '--- go'; env; } >> '${envLog}'\nexec '${realGo}' "$@"\n`, { mode: 0o755 });
      const caller: NodeJS.ProcessEnv = {
        ...process.env,
        ...env,
        HOME: home,
        PATH: `${bin}:${process.env.PATH}`,
        GOFLAGS: `-toolexec=${script}`,
        GOENV: goenv,
        CC: script,
        CGO_CFLAGS: "-DPLANTED",
        GITHUB_TOKEN: "ghp_plantedtoken",
      };
      // A machine where gantry never ran: no runner folders, the default ~/.cache (not the test
      // run's GANTRY_CACHE_DIR, which scripts/test.sh sets for every other test).
      for (const name of ["RUNNER_TEMP", "RUNNER_TOOL_CACHE", "XDG_CACHE_HOME", "GANTRY_CACHE_DIR"]) delete caller[name];
      const cli = [CLI, "verify", checksumsOf(ZIP), "--targets", "windows/amd64", "--x", "main.fault=crash"];
      const r = spawnSync(process.execPath, cli, { cwd: clone, encoding: "utf8", env: caller, timeout: SLOW });
      expect(r.stderr).not.toContain("ENOENT");
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^verified=false$/m);
      expect(r.stderr).toContain(`verify: 1 of 1 files rebuilt from ${releaseCommit.slice(0, 12)} differ`);
      expect(r.stderr).toMatch(new RegExp(`${ZIP.replace(/\./g, "\\.")}: zip entry hello\\.exe \\(content\\): section \\.text \\(also [^)]*\\.rdata`));
      expect(readdirSync(join(home, ".cache", "gantry", "tmp")).filter((e) => e.startsWith("gantry-verify-"))).toEqual([]);
      // The planted GOFLAGS, GOENV file and CC never ran; the rebuild's go commands saw none of them, nor the token.
      expect(existsSync(marker)).toBe(false);
      const rebuilds = readFileSync(envLog, "utf8")
        .split("--- go\n")
        .filter((e) => /^GOCACHE=.*\/gantry-verify-[^/]+\/gocache$/m.test(e));
      expect(rebuilds.length).toBeGreaterThanOrEqual(3);
      for (const e of rebuilds) {
        expect(e).not.toMatch(/^(GOFLAGS|CC|CGO_CFLAGS|GITHUB_TOKEN)=/m);
        expect(e).not.toContain("ghp_plantedtoken");
        expect(e).toMatch(/^GOENV=off$/m);
        expect(e).toMatch(/^HOME=.*\/gantry-verify-[^/]+\/home$/m);
      }
    },
    SLOW,
  );
});
