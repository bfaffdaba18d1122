import { GantryError } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import type { Color, Traffic } from "../model/model.js";
import { type LogEntry, accessLogProblem, parseLogLine } from "./accesslog-format.js";
import type { Ports, TrafficMark } from "./router.js";

export { GANTRY_LOG_FORMAT, type LogEntry, accessLogProblem, parseLogLine } from "./accesslog-format.js";

/** The preflight of nginx-access-log ("" = none): the file exists and its lines are in gantry's format. */
export async function checkAccessLog(host: Host, path: string): Promise<void> {
  if (!path) return;
  if ((await host.fileSize(path)) === undefined) throw new GantryError(`nginx-access-log ${path} does not exist on ${host.name}`);
  const problem = await accessLogProblem(host, path);
  if (problem) throw new GantryError(problem);
}

/** Latencies kept per tally: a uniform sample (reservoir), so a p95 stays cheap under any load. */
export const LATENCY_SAMPLE = 10_000;

/** Running totals for one upstream address. */
export class UpstreamTally {
  requests = 0;
  errors = 0;
  /** Lines not in gantry's format, ignored (a client's request never decides what is counted). */
  unreadable = 0;
  private timed = 0;
  readonly latencies: number[] = [];
  constructor(readonly address: string) {}

  /** Counts an entry if it involved this upstream: an error when it answered 5xx or failed and nginx moved on. */
  add(e: LogEntry): void {
    const i = e.upstreams.indexOf(this.address);
    if (i < 0) return;
    this.requests++;
    const last = i === e.upstreams.length - 1;
    if (!last || e.status >= 500) this.errors++;
    const t = e.times[i];
    if (t === undefined) return;
    this.timed++;
    if (this.latencies.length < LATENCY_SAMPLE) this.latencies.push(t * 1000);
    else {
      const k = Math.floor(Math.random() * this.timed);
      if (k < LATENCY_SAMPLE) this.latencies[k] = t * 1000;
    }
  }
}

/** The nearest-rank percentile of a list of numbers (undefined when empty). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * A color's traffic read from the access log since a mark: each mark remembers the log's size
 * and tallies the lines after it. Both nginx modes serve the Router's `mark` and `trafficSince`
 * from one of these, or from none when no access log is configured (then traffic is unknown).
 */
export class AccessLogTraffic {
  private readonly tallies = new Map<TrafficMark, { offset: number; tally: UpstreamTally; partial: string }>();
  constructor(
    private readonly host: Host,
    private readonly path: string,
    /** The address nginx proxies to (its upstream lines say `<address>:<port>`). */
    private readonly address = "127.0.0.1",
  ) {}

  /** A mark for `color`: counts the lines its upstream answers from the log's end on. */
  static async mark(log: AccessLogTraffic | undefined, color: Color, ports: Ports): Promise<TrafficMark> {
    const mark: TrafficMark = { color, port: ports[color], data: {} };
    if (log) {
      const offset = (await log.host.fileSize(log.path)) ?? 0;
      log.tallies.set(mark, { offset, tally: new UpstreamTally(`${log.address}:${ports[color]}`), partial: "" });
    }
    return mark;
  }

  /** The traffic since `mark`, or undefined without an access log. */
  static since(log: AccessLogTraffic | undefined, mark: TrafficMark): Promise<Traffic | undefined> {
    return log ? log.since(mark) : Promise.resolve(undefined);
  }

  private async since(mark: TrafficMark): Promise<Traffic | undefined> {
    const t = this.tallies.get(mark);
    if (!t) return undefined;
    for (;;) {
      const chunk = await this.host.readFrom(this.path, t.offset, 4 * 1024 * 1024);
      if (!chunk || chunk.size < t.offset) break; // rotated: keep what was counted
      const text = t.partial + chunk.text;
      t.offset += Buffer.byteLength(chunk.text);
      const lines = text.split("\n");
      t.partial = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "") continue;
        const e = parseLogLine(line);
        if (e) t.tally.add(e);
        else t.tally.unreadable++;
      }
      if (t.offset >= chunk.size) break;
    }
    const { requests, errors, unreadable } = t.tally;
    return { requests, errors, latencyMs: percentile(t.tally.latencies, 95), latencyKind: "p95", ...(unreadable ? { unreadableLines: unreadable } : {}) };
  }
}
