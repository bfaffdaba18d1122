/** Servers the image tests start on loopback and stop by pid: Debian's docker-registry and dockerd. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAction } from "../harness.js";
import { freePort } from "@gantry/core";
export { freePort };

/** A port the OS says is free on 127.0.0.1. */

async function waitFor(check: () => Promise<boolean>, what: string, log: () => string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up:\n${log()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface Registry {
  host: string;
  stop(): Promise<void>;
}

/**
 * Debian's docker-registry on 127.0.0.1 with filesystem storage; with `htpasswd`, Basic auth
 * (the bcrypt entry comes from libxcrypt through perl's crypt(): apache2-utils' htpasswd is not installed).
 */
export async function startRegistry(auth?: { user: string; password: string }): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), "gantry-registry-"));
  const port = await freePort();
  const lines = ["version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:", `    rootdirectory: ${dir}/data`, "http:", `  addr: 127.0.0.1:${port}`];
  if (auth) {
    const salt = "$2b$05$abcdefghijklmnopqrstuu";
    const hash = execFileSync("perl", ["-e", "print crypt($ARGV[0], $ARGV[1])", auth.password, salt], { encoding: "utf8" });
    if (!hash.startsWith("$2b$")) throw new Error("perl crypt() gave no bcrypt hash on this machine");
    writeFileSync(join(dir, "htpasswd"), `${auth.user}:${hash}\n`);
    lines.push("auth:", "  htpasswd:", "    realm: gantry-test", `    path: ${dir}/htpasswd`);
  }
  writeFileSync(join(dir, "config.yml"), `${lines.join("\n")}\n`);
  let log = "";
  const child = spawn("docker-registry", ["serve", join(dir, "config.yml")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const host = `127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => (await fetch(`http://${host}/v2/`)).status < 500,
      "docker-registry",
      () => log,
    );
  } catch (err) {
    await stop(child);
    throw err;
  }
  return {
    host,
    async stop() {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Dockerd {
  /** Environment for docker and the action: DOCKER_HOST on the test's socket. */
  env: Record<string, string>;
  /** The daemon's socket (in its own temp folder). */
  socket: string;
  docker(args: string[], input?: string): string;
  stop(): Promise<void>;
}

/**
 * dockerd on a temp unix socket (vfs, no bridge, no iptables): no image can be pulled; `docker load` works.
 * With `netns`, it runs in that network namespace (a test host's: its `--network host` containers
 * listen there), joined with nsenter so it keeps this machine's mounts (and cgroups). `socket`
 * puts the API socket elsewhere (where a test host's user can reach it); the daemon's own folder
 * stays directly in the temp folder, since containerd's socket path below it must fit in 108 bytes.
 */
export async function startDockerd(o: { netns?: string; socket?: string } = {}): Promise<Dockerd> {
  const dir = mkdtempSync(join(tmpdir(), "gantry-dockerd-"));
  const sock = o.socket ?? join(dir, "docker.sock");
  let log = "";
  const args = ["--host", `unix://${sock}`, "--data-root", join(dir, "data"), "--exec-root", join(dir, "exec"), "--pidfile", join(dir, "docker.pid")];
  const argv = ["dockerd", ...args, "--storage-driver=vfs", "--iptables=false", "--bridge=none"];
  const child = o.netns
    ? spawn("nsenter", [`--net=/run/netns/${o.netns}`, "--", ...argv], { stdio: ["ignore", "pipe", "pipe"] })
    : spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const env = { DOCKER_HOST: `unix://${sock}` };
  const docker = (a: string[], input?: string) =>
    execFileSync("docker", a, { env: { ...process.env, ...env }, encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
  const end = async () => {
    await stop(child);
    // A container with --network host leaves the daemon's own network namespace bind-mounted,
    // and dockerd binds its data-root onto itself: a mount left there makes the folder busy.
    for (const mount of [join(dir, "exec", "netns", "default"), join(dir, "exec"), join(dir, "data")])
      try {
        execFileSync("umount", ["-R", mount], { stdio: "ignore" });
      } catch {}
    rmSync(dir, { recursive: true, force: true });
    rmSync(sock, { force: true });
  };
  try {
    await waitFor(
      async () => existsSync(sock) && docker(["version", "--format", "{{.Server.Version}}"]).trim() !== "",
      "dockerd",
      () => log.slice(-3000),
      60_000,
    );
  } catch (err) {
    await end();
    throw err;
  }
  return { env, socket: sock, docker, stop: end };
}

export const EPOCH = { SOURCE_DATE_EPOCH: "1764028800" };

/** go-build on a copy of the example service, once per test file: returns the workspace. */
export async function buildService(workspace: string, targets: string, env: Record<string, string> = {}): Promise<void> {
  const r = await runAction(
    "go-build",
    { targets, version: "v1.2.3", archive: "none", "mod-check": "off", cache: "false" },
    { workspace, env: { ...EPOCH, ...env } },
  );
  if (r.code !== 0) throw new Error(`go-build failed:\n${r.log}`);
}

/** The JSON in a file. */
export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
