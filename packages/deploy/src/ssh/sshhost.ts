/**
 * A remote server as the cutover engine's Host (issue 7): every operation is one command over the
 * host's shared SSH connection, run by `sh` from a constant script with quoted positional values
 * (scripts.ts, shell.ts); file contents and the service's environment travel on stdin, never on
 * a command line. Health probes and HAProxy's admin socket are reached on the host itself.
 */
import { readFile, stat } from "node:fs/promises";
import net from "node:net";
import { hostname } from "node:os";
import { type ExecResult, GantryError, type Target, formatBytes } from "@gantry/core";
import type { DeployerId, Host, HostExecOptions, HttpProbe, ProcessInfo, SpawnSpec } from "../host.js";
import { PIDFILE_WRAPPER } from "../localhost.js";
import * as S from "./scripts.js";
import { type RemoteShell, SshError } from "./session.js";
import { shCommand, shScript } from "./shell.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const octal = (mode: number) => (mode & 0o7777).toString(8);

/** How a probe or socket request reaches the host's loopback, decided from what the host has. */
export type ProbeMethod = "curl" | "wget" | "channel";

export class SshHost implements Host {
  private facts?: S.HostFacts;
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

  /** Runs a constant script with values; `missingOk` turns the MISSING exit code into undefined. */
  private async sh(script: string, args: readonly (string | number)[], what: string, o: { input?: string | Buffer; timeoutMs?: number } = {}) {
    return this.session.run(shScript(script, args), { ...o, what, allowFailure: true });
  }

  private fail(what: string, r: ExecResult): never {
    const detail = (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ");
    throw new GantryError(`${this.name}: ${what} failed (exit ${r.code})${detail ? `: ${detail}` : ""}`);
  }

  /** What the host has (connects on first use: the host key and the key are checked here). */
  async probe(): Promise<S.HostFacts> {
    if (!this.facts) {
      const r = await this.sh(S.PROBE, this.o.needs ?? [], "looking at the host");
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
    const r = await this.sh(S.FREE, [dir], `looking at the free space for ${dir}`);
    if (r.code !== 0) this.fail(`looking at the free space for ${dir}`, r);
    const [kib = "", w = "", ...at] = r.stdout.trim().split(" ");
    return { kib: /^\d+$/.test(kib) ? Number(kib) : undefined, writable: w === "writable", at: at.join(" ") };
  }

  /** Whether the host's sshd opens direct-tcpip channels (AllowTcpForwarding), for probes on a host without curl or wget. */
  async channelAllowed(port: number): Promise<boolean> {
    const r = await this.session.run("", { sshArgs: ["-W", `127.0.0.1:${port}`], input: "", timeoutMs: 10_000, allowFailure: true, what: "opening a channel" });
    return !/administratively prohibited/.test(r.stderr);
  }

  async exec(argv: readonly string[], o: HostExecOptions = {}): Promise<ExecResult> {
    const r = await this.session.run(shCommand(argv), { input: o.input, timeoutMs: o.timeoutMs, allowFailure: true, what: `\`${argv.join(" ")}\`` });
    const result = { ...r, command: ["ssh", this.name, ...argv] };
    if (r.code !== 0 && !o.allowFailure) this.fail(`\`${argv.join(" ")}\``, result);
    return result;
  }

  async readFile(path: string): Promise<string | undefined> {
    const r = await this.sh(S.READ, [path], `reading ${path}`);
    if (r.code === S.MISSING) return undefined;
    if (r.code !== 0) this.fail(`reading ${path}`, r);
    return r.stdout;
  }

  async readFrom(path: string, offset: number, maxBytes: number): Promise<{ text: string; size: number } | undefined> {
    const r = await this.sh(S.READ_FROM, [path, Math.max(0, Math.floor(offset)), Math.max(0, Math.floor(maxBytes))], `reading ${path}`);
    if (r.code === S.MISSING) return undefined;
    if (r.code !== 0) this.fail(`reading ${path}`, r);
    const nl = r.stdout.indexOf("\n");
    return { size: Number(r.stdout.slice(0, nl).trim()), text: r.stdout.slice(nl + 1) };
  }

  async fileSize(path: string): Promise<number | undefined> {
    const r = await this.sh(S.SIZE, [path], `reading the size of ${path}`);
    if (r.code === S.MISSING) return undefined;
    if (r.code !== 0) this.fail(`reading the size of ${path}`, r);
    return Number(r.stdout.trim());
  }

  async writeFile(path: string, data: string, mode = 0o644): Promise<void> {
    const r = await this.sh(S.WRITE, [path, octal(mode)], `writing ${path}`, { input: data });
    if (r.code !== 0) this.fail(`writing ${path}`, r);
  }

  async rename(from: string, to: string): Promise<void> {
    const r = await this.sh(S.RENAME, [from, to], `renaming ${from}`);
    if (r.code !== 0) this.fail(`renaming ${from} to ${to}`, r);
  }

  async mkdirp(path: string, mode = 0o755): Promise<void> {
    const r = await this.sh(S.MKDIRP, [path, octal(mode)], `creating ${path}`);
    if (r.code !== 0) this.fail(`creating ${path}`, r);
  }

  async mkdirExclusive(path: string): Promise<boolean> {
    const r = await this.sh(S.MKDIR_EXCLUSIVE, [path], `creating ${path}`);
    if (r.code === S.MISSING) return false;
    if (r.code !== 0) this.fail(`creating ${path}`, r);
    return true;
  }

  async remove(path: string): Promise<void> {
    const r = await this.sh(S.REMOVE, [path], `removing ${path}`);
    if (r.code !== 0) this.fail(`removing ${path}`, r);
  }

  async list(dir: string): Promise<string[]> {
    const r = await this.sh(S.LIST, [dir], `listing ${dir}`);
    if (r.code !== 0) this.fail(`listing ${dir}`, r);
    return r.stdout.split("\n").filter(Boolean);
  }

  async exists(path: string): Promise<boolean> {
    const r = await this.sh(S.EXISTS, [path], `looking for ${path}`);
    if (r.code !== 0 && r.code !== S.MISSING) this.fail(`looking for ${path}`, r);
    return r.code === 0;
  }

  async sha256(path: string): Promise<string | undefined> {
    const r = await this.sh(S.SHA256, [path], `hashing ${path}`);
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
    const r = await this.sh(S.UPLOAD, [hostPath, octal(mode), needKiB], `uploading ${formatBytes(size)} to ${hostPath}`, {
      input: await readFile(localPath),
      timeoutMs: 600_000,
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
    const r = await this.sh(S.spawnScript(PIDFILE_WRAPPER), [spec.logFile, spec.pidFile, spec.cwd, ...spec.argv], what, { input: lines.join("") });
    const pid = Number(r.stdout.trim());
    if (r.code !== 0 || !Number.isInteger(pid) || pid <= 1) this.fail(what, r);
    return pid;
  }

  async processInfo(pid: number): Promise<ProcessInfo> {
    if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
    const r = await this.sh(S.PROCESS, [pid], `looking at process ${pid}`);
    if (r.code !== 0) this.fail(`looking at process ${pid}`, r);
    return S.parseProcess(r.stdout);
  }

  async signal(pid: number, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
    if (!Number.isInteger(pid) || pid <= 1) return;
    const r = await this.sh(S.SIGNAL, [pid, signal.slice(3)], `sending ${signal} to ${pid}`);
    if (r.code !== 0) this.fail(`sending ${signal} to process ${pid}`, r);
  }

  async portFree(port: number): Promise<boolean> {
    const r = await this.sh(S.LISTENING, [], "listing listening ports");
    if (r.code !== 0) this.fail("listing listening ports (needs /proc or ss)", r);
    return !S.isListening(r.stdout, port);
  }

  async httpGet(port: number, path: string, timeoutMs: number): Promise<HttpProbe> {
    const started = performance.now();
    const ms = () => performance.now() - started;
    const method = await this.probeMethod();
    if (method === "channel") return this.channelGet(port, path, timeoutMs, started);
    const url = `http://127.0.0.1:${port}${path}`;
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const r = await this.sh(S.HTTP_GET, [url, seconds, method], `probing ${url}`, { timeoutMs: timeoutMs + 15_000 });
    if (r.code !== 0) this.fail(`probing ${url} with ${method}`, r);
    const p = S.parseHttpGet(r.stdout);
    if ("error" in p) return { ok: false, status: 0, ms: ms(), error: p.error };
    return { ok: p.status >= 200 && p.status < 300, status: p.status, ms: p.ms ?? ms() };
  }

  /** One GET through a direct-tcpip channel (`ssh -W`): sshd connects to the host's loopback; nothing runs there. */
  private async channelGet(port: number, path: string, timeoutMs: number, started: number): Promise<HttpProbe> {
    const request = `GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: gantry-deploy\r\nConnection: close\r\n\r\n`;
    try {
      const r = await this.session.run("", {
        sshArgs: ["-W", `127.0.0.1:${port}`],
        input: request,
        timeoutMs,
        allowFailure: true,
        what: `probing port ${port}`,
      });
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(r.stdout)?.[1] ?? 0);
      const ms = performance.now() - started;
      if (status) return { ok: status >= 200 && status < 300, status, ms };
      return { ok: false, status: 0, ms, error: r.stderr.trim().split("\n")[0] || "no HTTP answer" };
    } catch (err) {
      if (err instanceof SshError && err.kind === "unreachable") throw err;
      return { ok: false, status: 0, ms: performance.now() - started, error: (err as Error).message };
    }
  }

  /**
   * How socket requests travel: a stream-local forward of the shared connection (nothing to
   * install on the host, no process per request), or socat on the host where its sshd refuses
   * forwarding (see checkSocket).
   */
  socketVia: "forward" | "socat" = "forward";

  /**
   * One exchange on a unix socket on the host (HAProxy's runtime API). An empty answer is normal
   * for `set` commands; the first one per socket is checked to tell a missing socket apart.
   */
  async socketRequest(socketPath: string, text: string, timeoutMs: number): Promise<string> {
    const line = text.endsWith("\n") ? text : `${text}\n`;
    if (this.socketVia === "socat") {
      const r = await this.sh(S.SOCAT, [socketPath, Math.max(1, Math.ceil(timeoutMs / 1000))], `talking to ${socketPath}`, {
        input: line,
        timeoutMs: timeoutMs + 10_000,
      });
      if (r.code !== 0) this.fail(`talking to ${socketPath} with socat`, r);
      return r.stdout;
    }
    for (let attempt = 0; ; attempt++) {
      let local: string;
      try {
        local = await this.session.forwardSocket(socketPath);
      } catch (err) {
        // sshd refused the stream-local forward (AllowStreamLocalForwarding no): socat on the host, if it has one.
        if (err instanceof SshError || !(await this.probe()).has.has("socat")) throw err;
        this.socketVia = "socat";
        return this.socketRequest(socketPath, text, timeoutMs);
      }
      try {
        const answer = await localExchange(local, line, timeoutMs);
        if (answer === "") await this.explainEmpty(socketPath);
        return answer;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The local end vanished with its master (a new connection was made): forward again once.
        if ((code === "ENOENT" || code === "ECONNREFUSED") && attempt === 0) {
          this.session.dropForward(socketPath);
          continue;
        }
        throw new GantryError(`${this.name}: ${socketPath}: ${code ?? (err as Error).message}`);
      }
    }
  }

  private readonly checkedSockets = new Set<string>();

  /**
   * Checks the socket answers `request` with something (HAProxy: `show cli level`). An empty
   * answer from a socket that exists means the host's sshd refused the forward: socat on the
   * host takes over when it is there; otherwise the error says what to change.
   */
  async checkSocket(socketPath: string, request: string): Promise<string> {
    const answer = await this.socketRequest(socketPath, request, 5000);
    if (answer.trim() || this.socketVia === "socat") return answer;
    if ((await this.probe()).has.has("socat")) {
      this.socketVia = "socat";
      return this.socketRequest(socketPath, request, 5000);
    }
    throw new GantryError(
      `${this.name}: ${socketPath} gave no answer through the SSH connection: its sshd seems to refuse stream-local forwarding and there is no socat on the host; set \`AllowStreamLocalForwarding yes\` for the deploy user or install socat`,
    );
  }

  private async explainEmpty(socketPath: string): Promise<void> {
    if (this.checkedSockets.has(socketPath)) return;
    const r = await this.sh(S.SOCKET_CHECK, [socketPath], `looking at ${socketPath}`);
    const state = r.stdout.trim();
    const user = (await this.probe()).user;
    if (state === "missing")
      throw new GantryError(`${this.name}: there is no socket at ${socketPath} (is HAProxy running with \`stats socket ${socketPath} level admin\`?)`);
    if (state === "denied")
      throw new GantryError(
        `${this.name}: user ${user} may not write to ${socketPath} (give its group to the deploy user, or \`stats socket … mode 660 group …\`)`,
      );
    this.checkedSockets.add(socketPath);
  }

  deployer(): DeployerId {
    return { machine: hostname(), pid: process.pid };
  }
}

/** Sends one request on a local unix socket and reads until the far end closes. */
function localExchange(path: string, text: string, timeoutMs: number): Promise<string> {
  return new Promise((res, rej) => {
    const sock = net.connect(path);
    let out = "";
    const timer = setTimeout(() => sock.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
    sock.setEncoding("utf8");
    sock.on("connect", () => sock.end(text));
    sock.on("data", (d: string) => (out += d));
    sock.on("close", () => {
      clearTimeout(timer);
      res(out);
    });
    sock.on("error", (e) => {
      clearTimeout(timer);
      rej(e);
    });
  });
}
