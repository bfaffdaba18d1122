/**
 * A remote server as the cutover engine's Host (issue 7): every operation is one command over the
 * host's shared SSH connection, run by `sh` from a constant script with quoted positional values
 * (scripts.ts, shell.ts); file contents and the service's environment travel on stdin, never on
 * a command line. Health probes and HAProxy's admin socket are reached on the host itself.
 */
import { readFile, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { type ExecResult, GantryError, type Target, formatBytes } from "@gantry/core";
import type { DeployerId, Host, HostExecOptions, HttpProbe, ProcessInfo, SpawnSpec } from "../host.js";
import { PIDFILE_WRAPPER } from "../localhost.js";
import * as S from "./scripts.js";
import { Loopback, type ProbeMethod } from "./loopback.js";
import type { RemoteShell } from "./session.js";
import { shCommand, shScript } from "./shell.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const octal = (mode: number) => (mode & 0o7777).toString(8);

/** A remote server as the engine's Host, over one SSH connection. */
export class SshHost implements Host {
  private facts?: S.HostFacts;
  private readonly loopback = new Loopback(this);
  constructor(
    readonly session: RemoteShell,
    private readonly o: {
      /** Extra commands the router needs (e.g. nginx, systemctl), looked for by the probe. */
      needs?: readonly string[];
      /** How to make health probes, instead of choosing from what the host has. */
      probe?: ProbeMethod;
    } = {},
  ) {}

  get name(): string {
    return this.session.label;
  }

  /** Runs one of scripts.ts's constant scripts with its values; the caller reads the exit code. */
  async runScript(
    script: string,
    args: readonly (string | number)[],
    what: string,
    o: { input?: string | Buffer; timeoutMs?: number; ownChannel?: boolean } = {},
  ) {
    return this.session.run(shScript(script, args), { ...o, what, allowFailure: true });
  }

  /** Throws the failure of a script, naming the host and what it was doing. */
  fail(what: string, r: ExecResult): never {
    const detail = (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ");
    throw new GantryError(`${this.name}: ${what} failed (exit ${r.code})${detail ? `: ${detail}` : ""}`);
  }

  /** What the host has (connects on first use: the host key and the key are checked here). */
  async probe(): Promise<S.HostFacts> {
    if (!this.facts) {
      const r = await this.runScript(S.PROBE, this.o.needs ?? [], "looking at the host");
      if (r.code !== 0) this.fail("looking at the host", r);
      this.facts = S.parseProbe(r.stdout);
    }
    return this.facts;
  }

  async platform(): Promise<Target> {
    return (await this.probe()).platform;
  }

  /** The way health probes are made on this host. */
  async probeMethod(): Promise<ProbeMethod> {
    if (this.o.probe) return this.o.probe;
    const { has } = await this.probe();
    return has.has("curl") ? "curl" : has.has("wget") ? "wget" : "channel";
  }

  /** Free space (KiB) where a folder is or would be created, and whether the user may create it. */
  async freeSpace(dir: string): Promise<{ kib?: number; writable: boolean; at: string }> {
    const r = await this.runScript(S.FREE, [dir], `looking at the free space for ${dir}`);
    if (r.code !== 0) this.fail(`looking at the free space for ${dir}`, r);
    const [kib = "", w = "", ...at] = r.stdout.trim().split(" ");
    return { kib: /^\d+$/.test(kib) ? Number(kib) : undefined, writable: w === "writable", at: at.join(" ") };
  }

  /** Whether the host's sshd opens direct-tcpip channels (AllowTcpForwarding), for probes on a host without curl or wget. */
  async channelAllowed(port: number): Promise<boolean> {
    const r = await this.session.run("", {
      sshArgs: ["-W", `127.0.0.1:${port}`],
      input: "",
      timeoutMs: 20_000,
      allowFailure: true,
      ownConnection: true,
      what: "opening a channel",
    });
    return !/administratively prohibited/.test(r.stderr);
  }

  async exec(argv: readonly string[], o: HostExecOptions = {}): Promise<ExecResult> {
    const r = await this.session.run(shCommand(argv), {
      input: o.input,
      inputFile: o.inputFile,
      timeoutMs: o.timeoutMs,
      allowFailure: true,
      what: `\`${argv.join(" ")}\``,
    });
    const result = { ...r, command: ["ssh", this.name, ...argv] };
    if (r.code !== 0 && !o.allowFailure) this.fail(`\`${argv.join(" ")}\``, result);
    return result;
  }

  async readFile(path: string): Promise<string | undefined> {
    const r = await this.runScript(S.READ, [path], `reading ${path}`);
    if (r.code === S.MISSING) return undefined;
    if (r.code !== 0) this.fail(`reading ${path}`, r);
    return r.stdout;
  }

  async readFrom(path: string, offset: number, maxBytes: number): Promise<{ text: string; size: number } | undefined> {
    const r = await this.runScript(S.READ_FROM, [path, Math.max(0, Math.floor(offset)), Math.max(0, Math.floor(maxBytes))], `reading ${path}`);
    if (r.code === S.MISSING) return undefined;
    if (r.code !== 0) this.fail(`reading ${path}`, r);
    const nl = r.stdout.indexOf("\n");
    return { size: Number(r.stdout.slice(0, nl).trim()), text: r.stdout.slice(nl + 1) };
  }

  async fileSize(path: string): Promise<number | undefined> {
    const r = await this.runScript(S.SIZE, [path], `reading the size of ${path}`);
    if (r.code === S.MISSING) return undefined;
    if (r.code !== 0) this.fail(`reading the size of ${path}`, r);
    return Number(r.stdout.trim());
  }

  async writeFile(path: string, data: string, mode = 0o644): Promise<void> {
    const r = await this.runScript(S.WRITE, [path, octal(mode)], `writing ${path}`, { input: data });
    if (r.code !== 0) this.fail(`writing ${path}`, r);
  }

  async rename(from: string, to: string): Promise<void> {
    const r = await this.runScript(S.RENAME, [from, to], `renaming ${from}`);
    if (r.code !== 0) this.fail(`renaming ${from} to ${to}`, r);
  }

  async mkdirp(path: string, mode = 0o755): Promise<void> {
    const r = await this.runScript(S.MKDIRP, [path, octal(mode)], `creating ${path}`);
    if (r.code !== 0) this.fail(`creating ${path}`, r);
  }

  async remove(path: string): Promise<void> {
    const r = await this.runScript(S.REMOVE, [path], `removing ${path}`);
    if (r.code !== 0) this.fail(`removing ${path}`, r);
  }

  async list(dir: string): Promise<string[]> {
    const r = await this.runScript(S.LIST, [dir], `listing ${dir}`);
    if (r.code !== 0) this.fail(`listing ${dir}`, r);
    return r.stdout.split("\n").filter(Boolean);
  }

  async exists(path: string): Promise<boolean> {
    const r = await this.runScript(S.EXISTS, [path], `looking for ${path}`);
    if (r.code !== 0 && r.code !== S.MISSING) this.fail(`looking for ${path}`, r);
    return r.code === 0;
  }

  async sha256(path: string): Promise<string | undefined> {
    const r = await this.runScript(S.SHA256, [path], `hashing ${path}`);
    if (r.code === S.MISSING) return undefined;
    const sha = S.parseSha(r.stdout);
    if (r.code !== 0 || !sha) this.fail(`hashing ${path} (needs sha256sum, shasum or openssl)`, r);
    return sha;
  }

  /** Streams the file over the connection after checking the free space; returns the sha256 computed on the host. */
  async upload(localPath: string, hostPath: string, mode: number): Promise<string> {
    const size = (await stat(localPath)).size;
    // Room for the file plus 10% and 1 MiB, so the journal and logs can still be written afterwards.
    const needKiB = Math.ceil((size * 1.1) / 1024) + 1024;
    const r = await this.runScript(S.UPLOAD, [hostPath, octal(mode), needKiB], `uploading ${formatBytes(size)} to ${hostPath}`, {
      input: await readFile(localPath),
      timeoutMs: 600_000,
      // A release is megabytes: streamed on an exec channel of its own, not through the host's shell.
      ownChannel: true,
    });
    if (r.code === S.NO_SPACE || /No space left on device/.test(r.stderr))
      throw new GantryError(
        `${this.name}: the disk is full: ${r.stderr.trim().split("\n").pop()} (the release is ${formatBytes(size)}); free space in state-dir, or lower keep-releases. Nothing was changed on it.`,
      );
    const sha = S.parseSha(r.stdout);
    if (r.code !== 0 || !sha) this.fail(`uploading to ${hostPath} (needs sha256sum, shasum or openssl)`, r);
    return sha;
  }

  async spawnDetached(spec: SpawnSpec): Promise<number> {
    const lines = Object.entries(spec.env).map(([k, v]) => {
      // The environment is read line by line on the host: a name must be a name and a value one line.
      if (!ENV_NAME.test(k) || /[\0\r\n]/.test(v))
        throw new GantryError(`the environment variable ${JSON.stringify(k)} cannot be passed to ${this.name} (one line, a valid name)`);
      return `${k}=${v}\n`;
    });
    const what = `starting ${spec.argv[0]}`;
    const r = await this.runScript(S.spawnScript(PIDFILE_WRAPPER), [spec.logFile, spec.pidFile, spec.cwd, ...spec.argv], what, { input: lines.join("") });
    const pid = Number(r.stdout.trim());
    if (r.code !== 0 || !Number.isInteger(pid) || pid <= 1) this.fail(what, r);
    return pid;
  }

  async processInfo(pid: number): Promise<ProcessInfo> {
    if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
    const r = await this.runScript(S.PROCESS, [pid], `looking at process ${pid}`);
    if (r.code !== 0) this.fail(`looking at process ${pid}`, r);
    return S.parseProcess(r.stdout);
  }

  async signal(pid: number, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
    if (!Number.isInteger(pid) || pid <= 1) return;
    const r = await this.runScript(S.SIGNAL, [pid, signal.slice(3)], `sending ${signal} to ${pid}`);
    if (r.code !== 0) this.fail(`sending ${signal} to process ${pid}`, r);
  }

  async portFree(port: number): Promise<boolean> {
    const r = await this.runScript(S.LISTENING, [], "listing listening ports");
    if (r.code !== 0) this.fail("listing listening ports (needs /proc or ss)", r);
    return !S.isListening(r.stdout, port);
  }

  httpGet(port: number, path: string, timeoutMs: number): Promise<HttpProbe> {
    return this.loopback.httpGet(port, path, timeoutMs);
  }

  socketRequest(socketPath: string, text: string, timeoutMs: number): Promise<string> {
    return this.loopback.socketRequest(socketPath, text, timeoutMs);
  }

  /** See Loopback.checkSocket (HAProxy's preflight through the SSH connection). */
  checkSocket(socketPath: string, request: string): Promise<string> {
    return this.loopback.checkSocket(socketPath, request);
  }

  deployer(): DeployerId {
    return { machine: hostname(), pid: process.pid };
  }
}
