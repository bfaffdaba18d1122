import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { installStandin } from "../slim/upx-standin.js";
import { describeNeeding } from "../tools.js";

const FIVE = "linux/amd64, linux/arm64, linux/arm/v7, windows/amd64, darwin/arm64";
const EPOCH = { SOURCE_DATE_EPOCH: "1764028800" };

interface OutputArtifact {
  target: string;
  path: string;
  sha256: string;
  archive: string;
  "archive-sha256": string;
  sbom: { spdx: string; cyclonedx: string };
}
const artifactsOf = (r: ActionRun) => JSON.parse(r.outputs.artifacts ?? "[]") as OutputArtifact[];
const byTarget = (r: ActionRun, t: string) => artifactsOf(r).find((a) => a.target === t) as OutputArtifact;
const run = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, encoding: "utf8" });

// The standard-library-only service: a cold build of the Gin service for five targets takes
// minutes on a loaded 2-core runner. The Gin service is built in modules.test.ts, cache.test.ts,
// the warm rebuilds and upx below, and by the slim, image, go-test and deploy tests.
describe("go-build on the standard-library service, five targets", () => {
  let ws: string;
  let r: ActionRun;
  beforeAll(async () => {
    ws = fixtureCopy("stdlib-service");
    r = await runAction("go-build", { targets: FIVE, version: "v1.2.3", files: "static/index.html" }, { workspace: ws, env: EPOCH });
  });

  it("succeeds and lists every target in the outputs and the manifest", () => {
    expect(r.code, r.log).toBe(0);
    expect(artifactsOf(r).map((a) => a.target)).toEqual(["linux/amd64", "linux/arm64", "linux/arm/v7", "windows/amd64", "darwin/arm64"]);
    const manifest = JSON.parse(readFileSync(r.outputs.manifest as string, "utf8"));
    expect(manifest).toMatchObject({ schema: 1, project: "hello", version: "v1.2.3", date: "2025-11-25T00:00:00Z" });
    expect(manifest.artifacts.map((a: { path: string }) => a.path)).toContain("hello_linux_armv7/hello");
    expect(r.outputs.version).toBe("v1.2.3");
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(byTarget(r, "linux/arm64").archive).toBe(join(ws, "dist", "hello_1.2.3_linux_arm64.tar.gz"));
    expect(byTarget(r, "linux/arm64").path).toBe(join(ws, "dist", "hello_linux_arm64", "hello"));
  });

  it("binaries run and print the injected version: natively, and arm64/arm under qemu-user", () => {
    expect(run(byTarget(r, "linux/amd64").path, ["--version"])).toBe("hello v1.2.3 (commit none, built 2025-11-25T00:00:00Z)\n");
    expect(run("qemu-aarch64-static", [byTarget(r, "linux/arm64").path, "--version"])).toContain("hello v1.2.3");
    expect(run("qemu-arm-static", [byTarget(r, "linux/arm/v7").path, "--version"])).toContain("hello v1.2.3");
  });

  it("windows output is a PE (MZ, then PE\\0\\0 at e_lfanew), darwin output a 64-bit Mach-O", () => {
    const pe = readFileSync(byTarget(r, "windows/amd64").path);
    expect(pe.subarray(0, 2).toString()).toBe("MZ");
    expect(pe.subarray(pe.readUInt32LE(0x3c), pe.readUInt32LE(0x3c) + 4).toString("hex")).toBe("50450000");
    expect(byTarget(r, "windows/amd64").path.endsWith("hello.exe")).toBe(true);
    expect(readFileSync(byTarget(r, "darwin/arm64").path).readUInt32LE(0)).toBe(0xfeedfacf);
  });

  it("binaries are static and stripped", () => {
    expect(run("file", [byTarget(r, "linux/amd64").path])).toMatch(/statically linked, stripped/);
  });

  it("archives hold the binary and the extra files; windows gets a zip", () => {
    const dir = join(ws, "dist");
    expect(
      run("tar", ["-tzf", join(dir, "hello_1.2.3_linux_arm64.tar.gz")])
        .trim()
        .split("\n"),
    ).toEqual(["hello", "static/", "static/index.html"]);
    expect(run("tar", ["-tzf", join(dir, "hello_1.2.3_linux_armv7.tar.gz")])).toContain("hello");
    expect(
      run("unzip", ["-Z1", join(dir, "hello_1.2.3_windows_amd64.zip")])
        .trim()
        .split("\n"),
    ).toEqual(["hello.exe", "static/", "static/index.html"]);
  });

  it("sha256sum -c checksums.txt passes: five archives and five SBOMs", () => {
    const out = run("sha256sum", ["-c", "checksums.txt"], join(ws, "dist"));
    expect(out.trim().split("\n")).toHaveLength(10);
    expect(out).toContain("hello_windows_amd64/hello.exe.spdx.json: OK");
    expect(out).not.toMatch(/FAILED/);
  });

  it("writes a job summary with a row per target", () => {
    expect(r.summary).toContain("### go-build: hello v1.2.3");
    expect(r.summary).toMatch(/\| `linux\/arm\/v7` \| hello_linux_armv7\/hello \| [\d.]+ MiB \| `[0-9a-f]{12}` \| hello_1.2.3_linux_armv7.tar.gz \|/);
  });

  it("says once that there is no cache service, and the post step goes on", () => {
    expect(r.log).toContain("no cache service here");
    expect(r.post?.code).toBe(0);
  });

  it("gives identical bytes from another folder with an empty GOCACHE: binaries, archives and checksums.txt come from the compiler and the archive writer, not from reuse", async () => {
    const other = fixtureCopy("stdlib-service");
    // An empty GOCACHE holds no compiled package, no kept link and no kept archive (they live in
    // GOCACHE/gantry once the run's GANTRY_CACHE_DIR, where the other tests keep them, is unset).
    const gocache = scratchDir("gantry-gocache-empty-");
    // Two targets, a tar.gz and a zip: a cold build of all five takes minutes on a loaded 2-core runner.
    const two = ["linux/amd64", "windows/amd64"];
    const again = await runAction(
      "go-build",
      { targets: two.join(", "), version: "v1.2.3", files: "static/index.html" },
      { workspace: other, env: { ...EPOCH, GOCACHE: gocache, GANTRY_CACHE_DIR: undefined }, post: false },
    );
    expect(again.code, again.log).toBe(0);
    expect(again.log).not.toMatch(/reused/);
    expect(again.log.match(/: built in /g)).toHaveLength(2);
    for (const t of two) {
      expect(byTarget(again, t).sha256, t).toBe(byTarget(r, t).sha256);
      expect(byTarget(again, t)["archive-sha256"], t).toBe(byTarget(r, t)["archive-sha256"]);
    }
    // Each target's archive and SBOM (the SBOM is made from the binary, so it is identical too).
    const names = two.flatMap((t) => [basename(byTarget(r, t).archive), relative(join(ws, "dist"), byTarget(r, t).sbom.spdx)]);
    const firstLines = readFileSync(join(ws, "dist", "checksums.txt"), "utf8")
      .split("\n")
      .filter((l) => names.some((n) => l.endsWith(`  ${n}`)));
    expect(firstLines).toHaveLength(4);
    expect(readFileSync(join(other, "dist", "checksums.txt"), "utf8")).toBe(`${firstLines.join("\n")}\n`);
    // A cold build, the standard library included, of two targets: minutes on two busy cores.
  }, 600_000);
});

describe("go-build on a multi-package module", () => {
  it("builds the main under cmd/ and names the binary after it", async () => {
    const ws = fixtureCopy("multi-module");
    const r = await runAction("go-build", { main: "./cmd/server", targets: "linux/amd64,linux/arm64", version: "2.0.0", archive: "none" }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    const [amd, arm] = artifactsOf(r);
    expect(amd?.path).toMatch(/dist\/server_linux_amd64\/server$/);
    expect(run(amd?.path as string, ["--version"])).toBe("server 2.0.0\n");
    expect(run("qemu-aarch64-static", [arm?.path as string, "--version"])).toBe("server 2.0.0\n");
    expect(run("sha256sum", ["-c", "checksums.txt"], join(ws, "dist"))).toContain("server_linux_arm64/server: OK");
  });

  it("refuses a main that is not a main package", async () => {
    const r = await runAction("go-build", { main: "./internal/greet", targets: "linux/amd64" }, { workspace: fixtureCopy("multi-module") });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/input 'main': "\.\/internal\/greet" .* package greet, not a main package/);
  });
});

// Parser and failure cases run on the standard-library-only service: nothing to download.
describe("go-build refuses bad input before building anything", () => {
  it.each([
    ["linux/amd65", /"linux\/amd65".*nearest valid: linux\/amd64/],
    ["linux", /"linux".*accepted: os\/arch\[\/variant\]/],
    // linux/arm, not windows/arm: Go 1.26 removed the windows/arm port.
    ["linux/arm/v9", /"linux\/arm\/v9".*arm takes the variants v5, v6, v7/],
  ])("target %s", async (target, message) => {
    const ws = fixtureCopy("stdlib-service");
    const r = await runAction("go-build", { targets: `linux/amd64,${target}` }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(message);
    expect(existsSync(join(ws, "dist"))).toBe(false);
  });

  it.each([
    ["cgo", "maybe", /input 'cgo': "maybe" .* true or false/],
    ["archive", "rar", /input 'archive': "rar" .* auto, tar.gz, zip, none/],
    ["flags", "-o=/tmp/x", /-o is set by go-build/],
    ["x", "version=1", /input 'x'/],
    ["version", `a'b"c`, /input 'version'.*not both/],
    [
      "ldflags",
      "-X main.revision={shortcommit}",
      /input 'ldflags': "-X main.revision=\{shortcommit\}" .*unknown placeholder \{shortcommit\}; accepted: .*\{short_commit\}/,
    ],
    ["archive-name", "{{.ProjectName}}_{{.Version}}", /input 'archive-name'.*goreleaser's \{\{\.ProjectName\}\} is \{name\}/],
  ])("%s: %s", async (input, value, message) => {
    const r = await runAction("go-build", { targets: "linux/amd64", [input]: value }, { workspace: fixtureCopy("stdlib-service"), post: false });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(message);
  });

  it("a missing go.mod, and a go.mod asking for a newer Go, each in one sentence", async () => {
    const ws = fixtureCopy("stdlib-service");
    const sub = await runAction("go-build", { "working-directory": "static" }, { workspace: ws, post: false });
    expect(sub.log).toMatch(/no go\.mod in .*static: go-build needs a Go module there/);
    writeFileSync(join(ws, "go.mod"), "module example.com/hello\n\ngo 1.99\n");
    const newer = await runAction("go-build", {}, { workspace: ws, post: false });
    expect(newer.log).toMatch(/go\.mod asks for go 1\.99\.0 but the go in use is \d+\.\d+\.\d+; set go-version: 1\.99/);
  });

  it("mod-check fails with a diff when go mod tidy would change go.mod, without changing it", async () => {
    const ws = fixtureCopy("stdlib-service");
    // A required module nothing imports, replaced by a local folder: no download needed offline.
    mkdirSync(join(ws, "unused"));
    writeFileSync(join(ws, "unused", "go.mod"), "module example.com/unused\n\ngo 1.19\n");
    const untidy = "module example.com/hello\n\ngo 1.19\n\nrequire example.com/unused v0.0.0\n\nreplace example.com/unused => ./unused\n";
    writeFileSync(join(ws, "go.mod"), untidy);
    const r = await runAction("go-build", { targets: "linux/amd64" }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    expect(r.log).toContain("go.mod/go.sum are not tidy");
    expect(r.log).toContain("-require example.com/unused v0.0.0");
    expect(readFileSync(join(ws, "go.mod"), "utf8")).toBe(untidy);
    const off = await runAction("go-build", { targets: "linux/amd64", "mod-check": "off", archive: "none" }, { workspace: ws, post: false });
    expect(off.code, off.log).toBe(0);
  });
});

describe("go-build failures", () => {
  it("a compile error fails the step with an annotation at its file:line, and no stale output is left looking current", async () => {
    const ws = fixtureCopy("stdlib-service");
    const first = await runAction("go-build", { targets: "linux/amd64", version: "v1" }, { workspace: ws, post: false });
    expect(first.code, first.log).toBe(0);
    expect(existsSync(join(ws, "dist", "provenance.intoto.json"))).toBe(true);
    const src = readFileSync(join(ws, "config.go"), "utf8").replace('greeting: "Hello"', "greeting: undefinedGreeting");
    writeFileSync(join(ws, "config.go"), src);
    const r = await runAction("go-build", { targets: "linux/amd64,linux/arm64", version: "v2" }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    const line = src.split("\n").findIndex((l) => l.includes("undefinedGreeting")) + 1;
    const ann = r.annotations.find((a) => a.properties.file === "config.go");
    expect(ann?.properties.line).toBe(String(line));
    expect(ann?.message).toContain("undefined: undefinedGreeting");
    expect(r.log).toMatch(/linux\/amd64 failed to build: .*config\.go:\d+:\d+: undefined: undefinedGreeting/);
    for (const stale of ["artifacts.json", "checksums.txt", "provenance.intoto.json", "hello_1_linux_amd64.tar.gz", "hello_linux_amd64"])
      expect(existsSync(join(ws, "dist", stale))).toBe(false);
  });

  it("one target failing after another's archive was started (its link reused) leaves nothing in out-dir", async () => {
    const ws = fixtureCopy("stdlib-service");
    const first = await runAction("go-build", { targets: "linux/amd64", version: "v1" }, { workspace: ws, post: false });
    expect(first.code, first.log).toBe(0);
    // Compiled for arm64 only: linux/amd64's kept link is reused at once, and its archive starts
    // while arm64 still builds. Whether it is still being written when arm64 fails depends on
    // timing, which the test does not force; what it checks is the outcome either way.
    writeFileSync(join(ws, "broken_arm64.go"), "package main\n\nvar broken = undefinedOnArm64\n");
    const r = await runAction("go-build", { targets: "linux/amd64,linux/arm64", version: "v1" }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/linux\/arm64 failed to build: .*undefinedOnArm64/);
    expect(r.log).toMatch(/linux\/amd64: unchanged, linked binary reused/);
    // The staging folder is gone, so no archive was written into it after the run gave up.
    expect(existsSync(join(ws, "dist")) ? readdirSync(join(ws, "dist")) : []).toEqual([]);
  });

  it("passes a version with spaces, quotes and $(…) literally into the binary", async () => {
    const ws = fixtureCopy("stdlib-service");
    const version = `1.0 "beta" $(id)`;
    const r = await runAction("go-build", { targets: "linux/amd64", version, archive: "none" }, { workspace: ws, post: false });
    expect(r.code, r.log).toBe(0);
    expect(run(byTarget(r, "linux/amd64").path, ["--version"])).toContain(`hello ${version} (commit`);
  });

  it("fills placeholders in ldflags as in x (the binary prints them, never a literal {…}) and names archives goreleaser's way", async () => {
    const ws = fixtureCopy("stdlib-service");
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const r = await runAction(
      "go-build",
      { targets: "linux/amd64", version: "v0.74.3", ldflags: "-X main.commit={short_commit} -X main.date={bare_version}+{short_commit:12}" },
      { workspace: ws, env: { ...EPOCH, GITHUB_SHA: sha }, post: false },
    );
    expect(r.code, r.log).toBe(0);
    expect(run(byTarget(r, "linux/amd64").path, ["--version"])).toBe("hello v0.74.3 (commit 0123456, built 0.74.3+0123456789ab)\n");
    expect(byTarget(r, "linux/amd64").archive).toBe(join(ws, "dist", "hello_0.74.3_linux_amd64.tar.gz"));
  });

  it("refuses a version that would make an unsafe archive name", async () => {
    const r = await runAction("go-build", { targets: "linux/amd64", version: "../../etc" }, { workspace: fixtureCopy("stdlib-service"), post: false });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/input 'version': "\.\.\/\.\.\/etc" .* archive name/);
  });
});

describeNeeding(["git"], "go-build version detection", () => {
  it("takes the tag from GITHUB_REF, the commit from git, and the commit time as the date", async () => {
    const ws = fixtureCopy("multi-module");
    const git = (...args: string[]) => run("git", ["-c", "user.email=t@t", "-c", "user.name=t", ...args], ws);
    git("init", "-q");
    git("add", ".");
    execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"], {
      cwd: ws,
      env: { ...process.env, GIT_COMMITTER_DATE: "2026-01-02T03:04:05Z" },
    });
    const sha = git("rev-parse", "HEAD").trim();
    const r = await runAction(
      "go-build",
      { main: "./cmd/server", targets: "linux/amd64", archive: "none" },
      { workspace: ws, env: { GITHUB_REF: "refs/tags/v3.1.4" }, post: false },
    );
    expect(r.code, r.log).toBe(0);
    const m = JSON.parse(readFileSync(r.outputs.manifest as string, "utf8"));
    expect(m).toMatchObject({ version: "v3.1.4", commit: sha, date: "2026-01-02T03:04:05Z" });
    const described = await runAction("go-build", { main: "./cmd/server", targets: "linux/amd64", archive: "none" }, { workspace: ws, post: false });
    expect(described.outputs.version).toBe(sha.slice(0, 7)); // no tag yet; untracked dist/ does not count as dirty
    writeFileSync(join(ws, "go.mod"), `${readFileSync(join(ws, "go.mod"), "utf8")}\n`);
    const dirty = await runAction(
      "go-build",
      { main: "./cmd/server", targets: "linux/amd64", archive: "none", "mod-check": "off" },
      { workspace: ws, post: false },
    );
    expect(dirty.outputs.version).toBe(`${sha.slice(0, 7)}-dirty`);
  });
});

describe("warm rebuilds", () => {
  it("reuse an identical earlier link, and never a stale one after a code or embedded-file change", async () => {
    const ws = fixtureCopy("example-service");
    const gocache = scratchDir("gantry-gocache-");
    // Links kept in this GOCACHE alone (GOCACHE/gantry), not in the run's shared GANTRY_CACHE_DIR.
    const env = { ...EPOCH, GOCACHE: gocache, GANTRY_CACHE_DIR: undefined };
    const build = () => runAction("go-build", { targets: "linux/amd64", version: "v1" }, { workspace: ws, env, post: false });
    const first = await build();
    expect(first.log).toMatch(/linux\/amd64: built in/);
    expect(first.log).toContain("mod-check: go mod verify passed and");
    const again = await build();
    expect(again.log).toMatch(/linux\/amd64: unchanged, linked binary reused/);
    // Nothing changed since the first run verified the modules: its verdict is kept (issue 14).
    expect(again.log).toContain("mod-check: go mod verify passed before for these go.mod, go.sum and module copies");
    expect(byTarget(again, "linux/amd64").sha256).toBe(byTarget(first, "linux/amd64").sha256);
    expect(byTarget(again, "linux/amd64")["archive-sha256"]).toBe(byTarget(first, "linux/amd64")["archive-sha256"]);

    writeFileSync(join(ws, "main.go"), readFileSync(join(ws, "main.go"), "utf8").replace('fmt.Printf("hello %s', 'fmt.Printf("hi %s'));
    const changed = await build();
    expect(changed.log).toMatch(/linux\/amd64: built in/);
    expect(run(byTarget(changed, "linux/amd64").path, ["--version"])).toMatch(/^hi v1/);

    writeFileSync(join(ws, "static", "index.html"), "<p>changed</p>\n");
    const embedded = await build();
    expect(embedded.log).toMatch(/linux\/amd64: built in/);
    expect(byTarget(embedded, "linux/amd64").sha256).not.toBe(byTarget(changed, "linux/amd64").sha256);

    const stamped = await runAction("go-build", { targets: "linux/amd64", version: "v2" }, { workspace: ws, env, post: false });
    expect(stamped.log).toMatch(/linux\/amd64: built in/);
    expect(run(byTarget(stamped, "linux/amd64").path, ["--version"])).toMatch(/^hi v2/);
  });
});

describe("go-build's upx input (UPX through the slim stage; stand-in for UPX, which Debian bookworm does not ship)", () => {
  it("packs the linux binaries, leaves darwin alone, and rewrites archives and checksums to match", async () => {
    const upxDir = dirname(installStandin());
    const ws = fixtureCopy("example-service");
    const r = await runAction(
      "go-build",
      { targets: "linux/amd64, darwin/arm64", version: "v1", upx: "auto" },
      { workspace: ws, env: { ...EPOCH, PATH: `${upxDir}:${process.env.PATH}` }, post: false },
    );
    expect(r.code, r.log).toBe(0);
    const manifest = JSON.parse(readFileSync(r.outputs.manifest as string, "utf8"));
    const [linux, darwin] = manifest.artifacts;
    expect(linux.slim.steps).toEqual(["upx --best (5.2.0)"]);
    expect(linux.size).toBeLessThan(linux.slim.before);
    expect(darwin.slim["skipped-reason"]).toMatch(/darwin|macOS/i);
    expect(byTarget(r, "linux/amd64").sha256).toBe(linux.sha256);
    expect(run(byTarget(r, "linux/amd64").path, ["--version"])).toContain("hello v1");
    expect(run("sha256sum", ["-c", "checksums.txt"], join(ws, "dist"))).not.toMatch(/FAILED/);
    // The provenance is written after packing: its subjects are the packed archives' sums.
    const lines = readFileSync(join(ws, "dist", "checksums.txt"), "utf8")
      .trim()
      .split("\n");
    const statement = JSON.parse(readFileSync(r.outputs.provenance as string, "utf8"));
    expect(statement.subject.map((x: { name: string; digest: { sha256: string } }) => `${x.digest.sha256}  ${x.name}`)).toEqual(lines);
    expect(lines).toContain(`${linux["archive-sha256"]}  hello_1_linux_amd64.tar.gz`);
    const listing = run("tar", ["-tvzf", join(ws, "dist", "hello_1_linux_amd64.tar.gz"), "hello"]);
    expect(listing.split(/\s+/)[2]).toBe(String(linux.size));
  });

  it("refuses an unknown upx value before building", async () => {
    const r = await runAction("go-build", { upx: "yes please" }, { workspace: fixtureCopy("stdlib-service"), post: false });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/input 'upx': "yes please" .* accepted: auto, true, false/);
  });
});
