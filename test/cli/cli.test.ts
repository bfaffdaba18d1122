import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, fixtureCopy, runAction } from "../harness.js";

const gantry = (args: string[], cwd = REPO) => spawnSync(process.execPath, [join(REPO, "dist/cli/gantry.js"), ...args], { cwd, encoding: "utf8" });

describe("gantry CLI", () => {
  it("lists the stages, and a stage's inputs with their defaults", () => {
    const help = gantry(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/go-build\s+Cross-compile/);
    const stage = gantry(["go-build", "--help"]);
    expect(stage.stderr).toContain('--targets               "linux/amd64,linux/arm64"');
    // Each input's description, from action.yml as the README's table: what it accepts is there.
    expect(stage.stderr).toMatch(/--targets .*\n +Comma- or newline-separated os\/arch\[\/variant\]/);
    expect(gantry(["pipeline", "--help"]).stderr).toMatch(/--slim-max-size .*\n +\S/);
  });

  it("--version prints gantry's version, alone and after a stage", () => {
    const root = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string };
    expect(gantry(["--version"]).stdout).toBe(`gantry ${root.version}\n`);
    expect(gantry(["slim", "--version"]).stdout).toBe(`gantry ${root.version}\n`);
  });

  it("stdout holds only name=value lines: the toolkit's debug lines go to stderr, and only with --debug", () => {
    const ws = fixtureCopy("multi-module");
    const build = gantry(["go-build", "--main", "./cmd/server", "--targets=linux/amd64", "--version", "v7"], ws);
    expect(build.status, build.stderr).toBe(0);
    for (const args of [["slim"], ["slim", "--debug"]]) {
      const r = gantry(args, ws);
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.trimEnd().split("\n");
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line).toMatch(/^[a-z0-9-]+=/);
    }
  });

  it("refuses an unknown stage or input, suggesting the nearest", () => {
    expect(gantry(["go-bild"]).stderr).toContain('unknown stage "go-bild"');
    const r = gantry(["go-build", "--target", "linux/amd64"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown input --target; nearest: --targets");
  });

  it("runs a stage with the action's input names, outputs as name=value on stdout", () => {
    const ws = fixtureCopy("multi-module");
    const r = gantry(["go-build", "--main", "./cmd/server", "--targets=linux/amd64", "--version", "v7", "--archive", "none"], ws);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^version=v7$/m);
    expect(r.stdout).toMatch(new RegExp(`^manifest=${join(ws, "dist", "artifacts.json")}$`, "m"));
    expect(r.stderr).toContain("[1/1] linux/amd64:");
    expect(r.stderr).toContain("| `linux/amd64` | server_linux_amd64/server |");
  });

  it("exits 1 with the error in one sentence", () => {
    const r = gantry(["go-build", "--targets", "linux/amd65"], fixtureCopy("example-service"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/gantry go-build: input 'targets': "linux\/amd65"/);
  });
});

describe("the root action (pipeline)", () => {
  it("runs go-build with go-build's own input names and passes its outputs through", async () => {
    const ws = fixtureCopy("example-service");
    const r = await runAction(".", { stages: "go-build", targets: "linux/amd64", version: "v5", archive: "none" }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.version).toBe("v5");
    expect(existsSync(r.outputs.manifest as string)).toBe(true);
    expect(JSON.parse(readFileSync(r.outputs.manifest as string, "utf8")).artifacts).toHaveLength(1);
    expect(r.post?.code).toBe(0);
  });

  it("refuses an unknown stage name", async () => {
    const r = await runAction(".", { stages: "go-build,upload" }, { workspace: fixtureCopy("example-service"), post: false });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/input 'stages': "upload" is not valid; accepted: go-build/);
  });
});
