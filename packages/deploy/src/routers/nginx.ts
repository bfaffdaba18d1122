import { ExecError, GantryError, lastLines, messageOf } from "@gantry/core";
import { AccessLogTraffic, checkAccessLog } from "./accesslog.js";
import { nginxTestCommand } from "./cmdline.js";
import type { Host } from "../hosts/host.js";
import { COLORS, type Color, type Traffic, type Weights } from "../model/model.js";
import { type DrainResult, type Ports, type Router, RouterError, type TrafficMark, waitDrained } from "./router.js";

export interface NginxOptions {
  host: Host;
  /** The file gantry owns, included inside the user's `upstream { … }` block. */
  upstreamFile: string;
  reloadCommand: readonly string[];
  pidFile: string;
  /** Optional access log written with gantry's `log_format` (GANTRY_LOG_FORMAT). */
  accessLog: string;
  app: string;
  address?: string;
  /** How long a reload may take to show up as new workers. */
  reloadTimeoutMs?: number;
}

/** The upstream file for these weights; every port is listed `down` when nothing takes traffic (nginx needs one server). */
export function renderUpstream(weights: Weights, ports: Ports, app: string, address = "127.0.0.1"): string {
  const on = COLORS.filter((c) => weights[c] > 0);
  const lines = on.length
    ? on.map((c) => `server ${address}:${ports[c]} weight=${weights[c]} max_fails=0; # ${c}`)
    : COLORS.map((c) => `server ${address}:${ports[c]} down; # ${c}`);
  return `# Written by gantry deploy for ${app}; the next deploy rewrites it.\n${lines.join("\n")}\n`;
}

/** The server lines of an upstream file, without comments (to tell whether a rewrite changes anything). */
function serverLines(text: string | undefined): string {
  return (text ?? "")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean)
    .join("\n");
}

/**
 * Routes through an nginx upstream file: written atomically, checked with `nginx -t`, then a
 * reload; the previous file comes back when the test or the reload fails. A reload closes idle
 * keep-alive client connections in the old workers (REFERENCE: 73 failed requests in 4 naive
 * cutovers), so gantry reloads once per traffic change and never for an isolate or a retire
 * that changes nothing, waits until the new workers run before anything else happens, and keeps
 * the old version up until the old workers have exited.
 */
export class NginxRouter implements Router {
  readonly name = "nginx";
  private oldWorkers: number[] = [];
  /** Server lines `nginx -t` accepted in this run: going back to one of them (a rollback) skips the test, for speed. */
  private readonly tested = new Set<string>();
  private readonly log?: AccessLogTraffic;
  constructor(private readonly o: NginxOptions) {
    if (o.accessLog) this.log = new AccessLogTraffic(o.host, o.accessLog, o.address);
  }

  private get host(): Host {
    return this.o.host;
  }

  async preflight(): Promise<void> {
    const test = nginxTestCommand(this.o.reloadCommand);
    try {
      await this.host.exec(test, { timeoutMs: 30_000 });
    } catch (err) {
      const detail = err instanceof ExecError ? lastLines(err.result.stderr, 5) : messageOf(err);
      throw new GantryError(`nginx-reload-command: \`${test.join(" ")}\` failed on ${this.host.name} before any change: ${detail}`);
    }
    if ((await this.host.readFile(this.o.upstreamFile)) === undefined)
      throw new GantryError(
        `nginx-upstream-file ${this.o.upstreamFile} does not exist on ${this.host.name}; create it with the current server line and include it in your upstream block`,
      );
    if ((await this.master()) === undefined)
      throw new GantryError(
        `nginx-pid-file ${this.o.pidFile}: no running nginx master found on ${this.host.name}; start nginx or point nginx-pid-file at its pid file`,
      );
    await checkAccessLog(this.host, this.o.accessLog);
  }

  private async master(): Promise<number | undefined> {
    const pid = Number((await this.host.readFile(this.o.pidFile))?.trim());
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    return (await this.host.processInfo(pid)).state === "running" ? pid : undefined;
  }

  /** The master's workers; `shuttingDown` marks the ones an earlier reload retired. */
  private async workers(master: number): Promise<{ pid: number; shuttingDown: boolean }[]> {
    const { stdout } = await this.host.exec(["ps", "-e", "-o", "pid=", "-o", "ppid=", "-o", "args="]);
    return stdout
      .split("\n")
      .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === master)
      .map((m) => ({ pid: Number(m[1]), shuttingDown: /shutting down/.test(m[3] as string) }));
  }

  /** Returns performance.now() once nginx runs the new file (or at once when nothing changed). */
  private async write(content: string): Promise<number> {
    const previous = await this.host.readFile(this.o.upstreamFile);
    if (serverLines(previous) === serverLines(content)) return performance.now();
    const restore = async () => {
      if (previous !== undefined) await this.host.writeFile(this.o.upstreamFile, previous);
    };
    if (previous !== undefined) this.tested.add(serverLines(previous));
    await this.host.writeFile(this.o.upstreamFile, content);
    if (!this.tested.has(serverLines(content))) {
      const test = nginxTestCommand(this.o.reloadCommand);
      const t = await this.host.exec(test, { allowFailure: true, timeoutMs: 30_000 });
      if (t.code !== 0) {
        await restore();
        throw new RouterError(`\`${test.join(" ")}\` rejected the new upstream file (restored the previous one): ${lastLines(t.stderr, 5)}`);
      }
      this.tested.add(serverLines(content));
    }
    const master = await this.master();
    if (master === undefined) {
      await restore();
      throw new RouterError(`nginx is not running (no live master in ${this.o.pidFile}); restored the previous upstream file`);
    }
    const before = (await this.workers(master)).filter((w) => !w.shuttingDown).map((w) => w.pid);
    const r = await this.host.exec(this.o.reloadCommand, { allowFailure: true, timeoutMs: 30_000 });
    if (r.code !== 0) {
      await restore();
      await this.host.exec(this.o.reloadCommand, { allowFailure: true, timeoutMs: 30_000 });
      throw new RouterError(`\`${this.o.reloadCommand.join(" ")}\` failed (restored the previous upstream file): ${lastLines(r.stderr || r.stdout, 5)}`);
    }
    // `nginx -s reload` only signals the master: wait until the old workers are retired, so
    // nothing downstream (stopping the old version) races with workers still on the old file.
    const deadline = performance.now() + (this.o.reloadTimeoutMs ?? 10_000);
    for (;;) {
      const now = await this.workers(master);
      const stillServing = now.filter((w) => before.includes(w.pid) && !w.shuttingDown);
      if (stillServing.length === 0 && now.some((w) => !before.includes(w.pid))) {
        this.oldWorkers = before;
        return performance.now();
      }
      if (performance.now() > deadline) {
        await restore();
        await this.host.exec(this.o.reloadCommand, { allowFailure: true, timeoutMs: 30_000 });
        throw new RouterError(
          `nginx did not start workers with the new upstream file within ${this.o.reloadTimeoutMs ?? 10_000} ms; restored the previous file`,
        );
      }
      await new Promise((res) => setTimeout(res, 20));
    }
  }

  async isolate(color: Color, ports: Ports): Promise<void> {
    const current = serverLines(await this.host.readFile(this.o.upstreamFile));
    const addr = `${this.o.address ?? "127.0.0.1"}:${ports[color]}`;
    const lines = current.split("\n").filter((l) => l && !l.includes(addr));
    if (lines.length === current.split("\n").filter(Boolean).length) return;
    const others = COLORS.filter((c) => c !== color && lines.some((l) => l.includes(`:${ports[c]}`) && !/\bdown\b/.test(l)));
    const weights = { blue: 0, green: 0 } as Weights;
    for (const c of others) weights[c] = 100;
    await this.write(renderUpstream(weights, ports, this.o.app, this.o.address));
  }

  route(weights: Weights, ports: Ports): Promise<number> {
    return this.write(renderUpstream(weights, ports, this.o.app, this.o.address));
  }

  /** In-flight requests on the old workers finish before they exit: wait for that. */
  async drain(_color: Color, timeoutMs: number): Promise<DrainResult> {
    const master = await this.master();
    if (master === undefined) return { drained: true, ms: 0 };
    return waitDrained(async () => (await this.workers(master)).filter((w) => this.oldWorkers.includes(w.pid)).length, timeoutMs);
  }

  async retire(): Promise<void> {
    // The retired color is already out of the upstream file; another reload would only cost requests.
  }

  mark(color: Color, ports: Ports): Promise<TrafficMark> {
    return AccessLogTraffic.mark(this.log, color, ports);
  }

  trafficSince(mark: TrafficMark): Promise<Traffic | undefined> {
    return AccessLogTraffic.since(this.log, mark);
  }

  async describe(): Promise<string> {
    return serverLines(await this.host.readFile(this.o.upstreamFile)).replace(/\n/g, "; ") || "(empty upstream file)";
  }
}
