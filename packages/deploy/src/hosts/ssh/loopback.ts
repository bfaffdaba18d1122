/**
 * Reaching the host's own loopback over its SSH connection (issue 7: health checks and HAProxy's
 * runtime API "on the host"): HTTP probes with curl or wget on the host, else through sshd's
 * direct-tcpip channel (`ssh -W`); unix sockets through a stream-local forward of the shared
 * connection, else socat on the host.
 */
import net from "node:net";
import { type ExecResult, GantryError } from "@gantry/core";
import type { HttpProbe } from "../host.js";
import * as S from "./scripts.js";
import { type RemoteShell, SshError } from "./session.js";

/** How a probe reaches the host's loopback, decided from what the host has. */
export type ProbeMethod = "curl" | "wget" | "channel";

/** What Loopback needs from its SshHost. */
export interface LoopbackHost {
  readonly name: string;
  readonly session: RemoteShell;
  probe(): Promise<S.HostFacts>;
  probeMethod(): Promise<ProbeMethod>;
  runScript(script: string, args: readonly (string | number)[], what: string, o?: { input?: string | Buffer; timeoutMs?: number }): Promise<ExecResult>;
  fail(what: string, r: ExecResult): never;
}

/** A host's loopback as seen from the deployer, through the host's SSH connection. */
export class Loopback {
  /**
   * How socket requests travel: a stream-local forward of the shared connection (nothing to
   * install on the host, no process per request), or socat on the host where its sshd refuses
   * forwarding (see checkSocket).
   */
  socketVia: "forward" | "socat" = "forward";
  private readonly checkedSockets = new Set<string>();

  constructor(private readonly h: LoopbackHost) {}

  private get name(): string {
    return this.h.name;
  }

  /** One GET to http://127.0.0.1:port/path, made on the host. */
  async httpGet(port: number, path: string, timeoutMs: number): Promise<HttpProbe> {
    const started = performance.now();
    const ms = () => performance.now() - started;
    const method = await this.h.probeMethod();
    if (method === "channel") return this.channelGet(port, path, timeoutMs, started);
    const url = `http://127.0.0.1:${port}${path}`;
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const r = await this.h.runScript(S.HTTP_PROBE, [url, seconds, method], `probing ${url}`, { timeoutMs: timeoutMs + 15_000 });
    if (r.code !== 0) this.h.fail(`probing ${url} with ${method}`, r);
    const p = S.parseHttpProbe(r.stdout);
    if ("error" in p) return { ok: false, status: 0, ms: ms(), error: p.error };
    return { ok: p.status >= 200 && p.status < 300, status: p.status, ms: p.ms ?? ms() };
  }

  /** One GET through a direct-tcpip channel (`ssh -W`): sshd connects to the host's loopback; nothing runs there. */
  private async channelGet(port: number, path: string, timeoutMs: number, started: number): Promise<HttpProbe> {
    const request = `GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: gantry-deploy\r\nConnection: close\r\n\r\n`;
    try {
      const r = await this.h.session.run("", {
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
   * One exchange on a unix socket on the host (HAProxy's runtime API). An empty answer is normal
   * for `set` commands; the first one per socket is checked to tell a missing socket apart.
   */
  async socketRequest(socketPath: string, text: string, timeoutMs: number): Promise<string> {
    const line = text.endsWith("\n") ? text : `${text}\n`;
    if (this.socketVia === "socat") {
      const r = await this.h.runScript(S.SOCAT, [socketPath, Math.max(1, Math.ceil(timeoutMs / 1000))], `talking to ${socketPath}`, {
        input: line,
        timeoutMs: timeoutMs + 10_000,
      });
      if (r.code !== 0) this.h.fail(`talking to ${socketPath} with socat`, r);
      return r.stdout;
    }
    for (let attempt = 0; ; attempt++) {
      let local: string;
      try {
        local = await this.h.session.forwardSocket(socketPath);
      } catch (err) {
        // sshd refused the stream-local forward (AllowStreamLocalForwarding no): socat on the host, if it has one.
        if (err instanceof SshError || !(await this.h.probe()).has.has("socat")) throw err;
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
        // (HAProxy's runtime commands are idempotent, so sending one again is safe.)
        if ((code === "ENOENT" || code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE") && attempt === 0) {
          this.h.session.dropForward(socketPath);
          continue;
        }
        // The master took the connection but the channel was reset: the socket is missing, or sshd refused the forward.
        if (code === "ECONNRESET" || code === "EPIPE") {
          await this.explainEmpty(socketPath, true);
          if ((await this.h.probe()).has.has("socat")) {
            this.socketVia = "socat";
            return this.socketRequest(socketPath, text, timeoutMs);
          }
          throw new GantryError(this.refused(socketPath));
        }
        throw new GantryError(`${this.name}: ${socketPath}: ${code ?? (err as Error).message}`);
      }
    }
  }

  /**
   * Checks the socket answers `request` with something (HAProxy: `show cli level`). An empty
   * answer from a socket that exists means the host's sshd refused the forward: socat on the
   * host takes over when it is there; otherwise the error says what to change.
   */
  async checkSocket(socketPath: string, request: string): Promise<string> {
    const answer = await this.socketRequest(socketPath, request, 5000);
    if (answer.trim() || this.socketVia === "socat") return answer;
    if ((await this.h.probe()).has.has("socat")) {
      this.socketVia = "socat";
      return this.socketRequest(socketPath, request, 5000);
    }
    throw new GantryError(this.refused(socketPath));
  }

  private refused(socketPath: string): string {
    return `${this.name}: ${socketPath} cannot be reached through the SSH connection: its sshd seems to refuse stream-local forwarding and there is no socat on the host; set \`AllowStreamLocalForwarding yes\` for the deploy user or install socat`;
  }

  /** Throws a clear error when the socket is missing or not writable for the user; `always` checks even a socket checked before. */
  private async explainEmpty(socketPath: string, always = false): Promise<void> {
    if (this.checkedSockets.has(socketPath) && !always) return;
    const r = await this.h.runScript(S.SOCKET_CHECK, [socketPath], `looking at ${socketPath}`);
    const state = r.stdout.trim();
    const user = (await this.h.probe()).user;
    if (state === "missing")
      throw new GantryError(`${this.name}: there is no socket at ${socketPath} (is HAProxy running with \`stats socket ${socketPath} level admin\`?)`);
    if (state === "denied")
      throw new GantryError(
        `${this.name}: user ${user} may not write to ${socketPath} (give its group to the deploy user, or \`stats socket … mode 660 group …\`)`,
      );
    this.checkedSockets.add(socketPath);
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
