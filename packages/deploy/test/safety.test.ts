/** Issue 10: values from a manifest or journal, temp files, service logs and docker argv cannot be turned against the host. */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExecResult, InputError, exec, sha256, which } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { stateDirFor } from "../src/deploy.js";
import { DockerRuntime } from "../src/runtimes/docker.js";
import { resolveImage } from "../src/runtimes/docker-image.js";
import { LOG_MODE, LocalHost } from "../src/hosts/localhost.js";
import { findRelease, resolveArtifact, stageRelease } from "../src/engine/release.js";
import { ProcessRuntime } from "../src/runtimes/runtime.js";
import { PIDFILE_WRAPPER } from "../src/hosts/localhost.js";
import { UPLOAD, WRITE, spawnScript } from "../src/hosts/ssh/scripts.js";
import { DockerHost } from "./fakes.js";

const LINUX = { os: "linux", arch: "amd64", variant: "" };
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `gantry-${name}-`));

/** A manifest beside a real binary, with one field overridden. */
function manifest(over: { version?: unknown; project?: unknown; target?: unknown; path?: unknown }): string {
  const dir = tmp("manifest");
  writeFileSync(join(dir, "hello"), "binary");
  const artifact = {
    name: "hello",
    target: over.target ?? "linux/amd64",
    os: "linux",
    arch: "amd64",
    variant: "",
    path: over.path ?? "hello",
    size: 6,
    sha256: sha256("binary"),
  };
  const m = { schema: 1, project: over.project ?? "hello", version: over.version ?? "v1.2.3", commit: "c", date: "", artifacts: [artifact] };
  writeFileSync(join(dir, "artifacts.json"), JSON.stringify(m));
  return join(dir, "artifacts.json");
}

describe("values read from the manifest are checked like inputs", () => {
  it("accepts a good manifest", async () => {
    const a = await resolveArtifact("", manifest({}), LINUX);
    expect([a.version, a.project]).toEqual(["v1.2.3", "hello"]);
  });

  it.each([
    ["version", "../../x", /: version "\.\.\/\.\.\/x" is not valid; accepted: letters, digits and \. _ \+ -/],
    ["version", "/etc", /: version "\/etc" is not valid; accepted: letters, digits/],
    ["version", "v1\nv2", /: version "v1\\nv2" is not valid/],
    ["version", "v1\u0000", /: version "v1\\u0000" is not valid/],
    ["version", "..", /: version "\.\." is not valid/],
    ["project", "../../etc", /: project "\.\.\/\.\.\/etc" is not valid; accepted: letters, digits, '\.', '_' and '-'/],
    ["project", "-rf", /: project "-rf" is not valid/],
    ["target", "linux/amd64\n::error::x", /: artifacts\[\]\.target "linux\/amd64\\n::error::x" is not valid; accepted: a Go target/],
    ["path", "bin/..", /: path of linux\/amd64 "bin\/\.\." is not valid; accepted: a file path on one line ending in a file name/],
    ["path", "hel\nlo", /: path of linux\/amd64 "hel\\nlo" is not valid; accepted: a file path on one line/],
  ])("rejects %s %j, naming the field, the value and what is accepted", async (field, value, message) => {
    const path = manifest({ [field]: value });
    await expect(resolveArtifact("", path, LINUX)).rejects.toThrow(message);
    await expect(resolveArtifact("", path, LINUX)).rejects.toThrow(`manifest ${path}`);
  });

  it("a version or app from anywhere never names a folder outside the state dir", async () => {
    const state = tmp("state");
    const outside = tmp("outside");
    writeFileSync(join(outside, "release.json"), JSON.stringify({ version: "x", binary: "x", sha256: "x", staged: "" }));
    const src = tmp("src");
    writeFileSync(join(src, "hello"), "binary");
    const artifact = { path: join(src, "hello"), sha256: sha256("binary") };
    const outward = `../../../../../../..${outside}`;
    await expect(stageRelease(new LocalHost(), state, outward, artifact, {}, [], "r1")).rejects.toThrow(/version ".*" is not valid/);
    // A journal's `previous.version` goes through findRelease (command: rollback, a cold rollback).
    await expect(findRelease(new LocalHost(), state, outward)).rejects.toThrow(/version ".*" is not valid/);
    expect(readdirSync(outside)).toEqual(["release.json"]);
    expect(readdirSync(state)).toEqual([]);
    expect(() => stateDirFor({ stateDir: "/var/lib/gantry/{app}" }, "../../etc")).toThrow(/app "\.\.\/\.\.\/etc" is not valid/);
    expect(stateDirFor({ stateDir: "/var/lib/gantry/{app}" }, "hello")).toBe("/var/lib/gantry/hello");
  });
});

/** LocalHost whose next temp name is known, so a test can plant a symlink there first. */
class PlantedHost extends LocalHost {
  constructor(private readonly planted: string) {
    super();
  }
  protected override tempFor(): string {
    return this.planted;
  }
}

/** A file outside the state dir that a planted symlink points at. */
function victim(): string {
  const path = join(tmp("victim"), "passwd");
  writeFileSync(path, "root:x:0:0\n");
  return path;
}

describe("state-dir files are created exclusively, never through a symlink", () => {
  it("writeFile and upload refuse a symlink planted at their temp name; its target is unchanged", async () => {
    const dir = tmp("symlink");
    const target = victim();
    const planted = join(dir, "planted.tmp");
    symlinkSync(target, planted);
    const host = new PlantedHost(planted);
    await expect(host.writeFile(join(dir, "journal.json"), "attack", 0o600)).rejects.toThrow(/EEXIST/);
    const src = join(tmp("src"), "hello");
    writeFileSync(src, "attack");
    symlinkSync(target, planted);
    await expect(host.upload(src, join(dir, "hello"), 0o755)).rejects.toThrow(/EEXIST/);
    expect(readFileSync(target, "utf8")).toBe("root:x:0:0\n");
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it("a new file gets exactly the mode asked for", async () => {
    const dir = tmp("modes");
    const host = new LocalHost();
    await host.writeFile(join(dir, "service.env"), "A=1\n", 0o600);
    expect(statSync(join(dir, "service.env")).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["service.env"]);
  });

  it("the pid file's temp name is not followed either (the wrapper runs remotely too)", async () => {
    const state = tmp("pid");
    const target = victim();
    mkdirSync(join(state, "run"));
    symlinkSync(target, join(state, "run", "blue.pid.tmp"));
    const host = new LocalHost();
    const pid = await host.spawnDetached({
      argv: ["/bin/sleep", "30"],
      env: {},
      cwd: state,
      logFile: join(state, "logs", "blue.log"),
      pidFile: join(state, "run", "blue.pid"),
    });
    try {
      expect(readFileSync(join(state, "run", "blue.pid"), "utf8").trim()).toBe(String(pid));
      expect(readFileSync(target, "utf8")).toBe("root:x:0:0\n");
    } finally {
      await host.signal(pid, "SIGKILL");
    }
  });
});

describe("service logs are not world-readable", () => {
  it("a new log is 0640, an old 0644 one becomes 0640, a symlinked one is refused", async () => {
    const state = tmp("logs");
    const host = new LocalHost();
    const runtime = new ProcessRuntime(host, state);
    const start = (color: "blue" | "green") =>
      host.spawnDetached({ argv: ["/bin/true"], env: {}, cwd: state, logFile: runtime.logFile(color), pidFile: runtime.pidFile(color) });
    await start("blue");
    expect(statSync(runtime.logFile("blue")).mode & 0o777).toBe(LOG_MODE);
    expect(LOG_MODE & 0o007).toBe(0);
    writeFileSync(runtime.logFile("green"), "old\n", { mode: 0o644 });
    await start("green");
    expect(statSync(runtime.logFile("green")).mode & 0o777).toBe(0o640);
    const target = victim();
    const link = join(state, "logs", "red.log");
    symlinkSync(target, link);
    await expect(host.spawnDetached({ argv: ["/bin/true"], env: {}, cwd: state, logFile: link, pidFile: join(state, "run", "red.pid") })).rejects.toThrow(
      /ELOOP/,
    );
    expect(readFileSync(target, "utf8")).toBe("root:x:0:0\n");
  });
});

describe("docker command lines (issue 10)", () => {
  it("an image reference starting with - is refused before docker runs, with a clear error", async () => {
    const host = new DockerHost(() => ({}));
    for (const ref of ["-H", "--privileged", "--privileged/app:v1", "-x/app", "--env-file=/etc/shadow"]) {
      await expect(resolveImage(host, "", ref)).rejects.toThrow(InputError);
      await expect(resolveImage(host, "", ref)).rejects.toThrow(/input 'artifact': ".*" is not valid; an image reference cannot begin with '-'/);
    }
    expect(host.argv).toEqual([]);
  });

  it("`--` ends the options before every reference and container name", async () => {
    const id = `sha256:${"a".repeat(64)}`;
    let created = false;
    const host = new DockerHost((argv) => {
      if (argv.includes("image")) return { stdout: `${id}\n` };
      if (argv.includes("run")) created = true;
      if (argv.includes("inspect"))
        return created ? { stdout: `true 4321 0 "hello" "v1" "${id}"\n` } : { code: 1, stderr: "Error: No such container: hello-blue" };
      return {};
    });
    expect(await resolveImage(host, "unix:///run/docker.sock", "ghcr.io/acme/hello:v1")).toEqual({ ref: "ghcr.io/acme/hello:v1", id });
    const rt = new DockerRuntime(host, "/state", "hello", "", 10_000);
    const slot = { color: "blue" as const, port: 8081, version: "v1" };
    expect(await rt.start(slot, { version: "v1", dir: "/state/releases/v1", binary: "", sha256: id, image: id }, { A: "1" })).toBe(4321);
    await rt.stop({ ...slot, pid: 4321 }, 10_000);
    await rt.logTail("blue", 5);
    const format = expect.stringContaining("{{json .State.Running}}");
    expect(host.argv).toEqual([
      ["docker", "-H", "unix:///run/docker.sock", "image", "inspect", "-f", "{{.Id}}", "--", "ghcr.io/acme/hello:v1"],
      ["docker", "container", "inspect", "-f", format, "--", "hello-blue"],
      [
        "docker",
        "run",
        "-d",
        "--name",
        "hello-blue",
        "--network",
        "host",
        "--label",
        "gantry.app=hello",
        "--label",
        "gantry.version=v1",
        "--env-file",
        "/state/run/blue.env",
        "--stop-timeout",
        "10",
        "--",
        id,
      ],
      ["docker", "container", "inspect", "-f", format, "--", "hello-blue"],
      ["docker", "container", "inspect", "-f", format, "--", "hello-blue"],
      ["docker", "stop", "-t", "10", "--", "hello-blue"],
      ["docker", "container", "inspect", "-f", format, "--", "hello-blue"],
      ["docker", "logs", "--tail", "5", "--", "hello-blue"],
    ]);
    expect(() => new DockerRuntime(host, "/state", "-rf", "", 1).containerName("blue")).toThrow(/app "-rf" is not valid/);
  });
});

/** Runs one of SshHost's scripts with this machine's /bin/sh, as the server would. */
async function remote(script: string, args: string[], input: string, path = process.env.PATH ?? ""): Promise<ExecResult> {
  return exec("/bin/sh", ["-c", script, "sh", ...args], { input, env: { PATH: path }, allowFailure: true });
}

/** A PATH with the base utilities the scripts use but no mktemp: the noclobber fallback. */
async function pathWithoutMktemp(): Promise<string> {
  const bin = tmp("bin");
  for (const tool of ["mkdir", "dirname", "cat", "chmod", "mv", "rm", "ln", "df", "awk", "sha256sum"]) {
    const found = await which(tool);
    if (found) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

describe("the remote scripts (issue 10)", () => {
  it.each([["with mktemp"], ["without mktemp"]])("WRITE and UPLOAD never write through a symlink at the old temp name (%s)", async (how) => {
    const path = how === "with mktemp" ? (process.env.PATH ?? "") : await pathWithoutMktemp();
    const dir = tmp("remote");
    const target = victim();
    // Planted by the same shell, at the name the scripts used to write ("$1.tmp-$$").
    const plant = `ln -s "$GANTRY_VICTIM" "$1.tmp-$$"\n`;
    const env = `export GANTRY_VICTIM=${target}\n`;
    const w = await remote(`${env}${plant}${WRITE}`, [join(dir, "service.env"), "600"], "SECRET=1\n", path);
    expect(w.code, w.stderr).toBe(0);
    expect(readFileSync(join(dir, "service.env"), "utf8")).toBe("SECRET=1\n");
    expect(statSync(join(dir, "service.env")).mode & 0o777).toBe(0o600);
    const u = await remote(`${env}${plant}${UPLOAD}`, [join(dir, "hello"), "755", "1"], "binary", path);
    expect(u.code, u.stderr).toBe(0);
    expect(readFileSync(join(dir, "hello"), "utf8")).toBe("binary");
    expect(readFileSync(target, "utf8")).toBe("root:x:0:0\n");
    expect(readdirSync(dir).filter((n) => !lstatSync(join(dir, n)).isSymbolicLink())).toEqual(["hello", "service.env"]);
  });

  it("the spawn script creates the service log 0640, and makes an old 0644 one 0640", async () => {
    const state = tmp("remote-spawn");
    const log = join(state, "logs", "blue.log");
    const pidFile = join(state, "run", "blue.pid");
    for (const before of ["none", "0644"]) {
      if (before === "0644") writeFileSync(log, "old\n", { mode: 0o644 });
      const r = await remote(spawnScript(PIDFILE_WRAPPER), [log, pidFile, state, "/bin/true"], "A=1\n");
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(log).mode & 0o777).toBe(0o640);
    }
  });
});
