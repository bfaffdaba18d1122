import { GantryError, messageOf } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import type { SshHost } from "../hosts/ssh/sshhost.js";
import { COLORS, type Color, type Traffic, type Weights } from "../model/model.js";
import { type ServerState, applied, describeServerState, parseServersState } from "./haproxy-state.js";
import { type DrainResult, type Ports, type Router, RouterError, type TrafficMark, waitDrained } from "./router.js";

/** One server row of `show stat`, by column name. */
export type StatRow = Record<string, string>;

/** Parses `show stat` CSV into the rows of one backend, by server name. */
export function parseShowStat(csv: string, backend: string): Map<string, StatRow> {
  const lines = csv.split("\n");
  const header = lines.find((l) => l.startsWith("# "));
  if (!header) throw new RouterError(`HAProxy answered \`show stat\` with no header: ${JSON.stringify(csv.slice(0, 200))}`);
  const names = header.slice(2).split(",");
  const rows = new Map<string, StatRow>();
  for (const line of lines) {
    if (line.startsWith("#") || !line.includes(",")) continue;
    const cells = line.split(",");
    if (cells[0] !== backend) continue;
    const row: StatRow = {};
    names.forEach((n, i) => {
      if (n) row[n] = cells[i] ?? "";
    });
    rows.set(row.svname as string, row);
  }
  return rows;
}

const num = (row: StatRow, key: string) => Number(row[key] || 0);

/** Requests answered or failed by a server, and the failures among them (5xx, connection and response errors). */
export function serverCounters(row: StatRow): { requests: number; errors: number; inFlight: number; rtime: number } {
  const answered = ["hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other"].reduce((s, k) => s + num(row, k), 0);
  const failed = num(row, "econ") + num(row, "eresp");
  return { requests: answered + failed, errors: num(row, "hrsp_5xx") + failed, inFlight: num(row, "scur") + num(row, "qcur"), rtime: num(row, "rtime") };
}

/** Names HAProxy accepts for a backend; anything else could smuggle a second runtime-API command. */
export const HAPROXY_NAME = /^[A-Za-z0-9._:-]+$/;

export interface HaproxyOptions {
  host: Host;
  socket: string;
  backend: string;
  /** `server-state-file` to keep current (empty: do not write one). */
  stateFile: string;
  /** The address the slots listen on, as HAProxy reaches them. */
  address?: string;
}

/**
 * Routes through HAProxy's runtime API on its admin socket: `set server <backend>/<color>
 * addr|weight|state`, no reload, so no connection is closed (REFERENCE: 4 cutovers, 0 failed
 * requests). Every change is read back from `show servers state` and judged on the admin state
 * and weight gantry set (haproxy-state.ts), never on HAProxy's own health check, and that state is
 * saved to the server-state file so a HAProxy restart keeps the active color.
 */
export class HaproxyRouter implements Router {
  readonly name = "haproxy";
  private readonly address: string;
  constructor(private readonly o: HaproxyOptions) {
    if (!HAPROXY_NAME.test(o.backend)) throw new GantryError(`haproxy-backend ${JSON.stringify(o.backend)} is not a HAProxy name`);
    this.address = o.address ?? "127.0.0.1";
  }

  private async send(commands: string[]): Promise<string> {
    try {
      return await this.o.host.socketRequest(this.o.socket, commands.join("; "), 5000);
    } catch (err) {
      throw new RouterError(`HAProxy admin socket ${this.o.socket} on ${this.o.host.name}: ${messageOf(err)}`);
    }
  }

  private async servers(): Promise<Map<string, StatRow>> {
    return parseShowStat(await this.send(["show stat"]), this.o.backend);
  }

  private server(rows: Map<string, StatRow>, color: Color): StatRow {
    const row = rows.get(color);
    if (!row)
      throw this.missing(
        [...rows.keys()].filter((k) => k !== "BACKEND"),
        color,
      );
    return row;
  }

  /** The error for a backend with no server `color`: the backend itself missing when it has no server at all. */
  private missing(have: string[], color: Color): RouterError {
    return new RouterError(
      have.length === 0
        ? `HAProxy has no backend '${this.o.backend}' (haproxy-backend); declare it with servers blue and green`
        : `HAProxy backend '${this.o.backend}' has no server '${color}' (it has ${have.join(", ")}); declare servers blue and green`,
    );
  }

  async preflight(): Promise<void> {
    let level: string;
    try {
      level = (await this.o.host.socketRequest(this.o.socket, "show cli level", 5000)).trim();
    } catch (err) {
      throw new GantryError(
        `haproxy-socket: cannot reach HAProxy's admin socket ${this.o.socket} on ${this.o.host.name} (${messageOf(err)}); is HAProxy running with \`stats socket ${this.o.socket} level admin\`?`,
      );
    }
    if (level !== "admin")
      throw new GantryError(`haproxy-socket ${this.o.socket} has level ${JSON.stringify(level)}; gantry needs \`stats socket … level admin\``);
    const rows = await this.servers();
    for (const c of COLORS) this.server(rows, c);
  }

  /** The servers of the backend as `show servers state` has them: admin state, weight, address, HAProxy's health. */
  private async states(): Promise<Map<string, ServerState>> {
    return parseServersState(await this.send([`show servers state ${this.o.backend}`]), this.o.backend);
  }

  private state(states: Map<string, ServerState>, color: Color): ServerState {
    const s = states.get(color);
    if (!s) throw this.missing([...states.keys()], color);
    return s;
  }

  async isolate(color: Color, ports: Ports): Promise<void> {
    const cmd = [`set server ${this.o.backend}/${color} state maint`, `set server ${this.o.backend}/${color} addr ${this.address} port ${ports[color]}`];
    const answer = await this.send(cmd);
    const s = this.state(await this.states(), color);
    if (s.admin !== "maint")
      throw new RouterError(`HAProxy did not put ${this.o.backend}/${color} in maintenance (it reports ${describeServerState(s)}): ${answer.trim()}`);
    await this.saveState();
  }

  async route(weights: Weights, ports: Ports): Promise<number> {
    const b = this.o.backend;
    const on = COLORS.filter((c) => weights[c] > 0);
    const off = COLORS.filter((c) => weights[c] === 0);
    // One line, one round trip, executed in order by HAProxy: the servers taking traffic are
    // ready before the others drain, and `show servers state` at the end reads the result back.
    const commands = [
      ...on.flatMap((c) => [
        `set server ${b}/${c} addr ${this.address} port ${ports[c]}`,
        `set server ${b}/${c} weight ${weights[c]}`,
        `set server ${b}/${c} state ready`,
      ]),
      ...off.map((c) => `set server ${b}/${c} state drain`),
      `show servers state ${b}`,
    ];
    const answer = await this.send(commands);
    const appliedAt = performance.now();
    const states = parseServersState(answer, b);
    const messages = answer.slice(0, Math.max(0, answer.search(/^1\n# be_id /m))).trim();
    for (const c of COLORS) {
      const s = this.state(states, c);
      // Judged on the admin state and weight alone: under `check`, a slot with no process behind it is DOWN whatever gantry set.
      const want = { weight: weights[c], addr: this.address, port: ports[c] };
      if (!applied(s, want))
        throw new RouterError(
          `HAProxy refused the change for ${b}/${c} (wanted ${weights[c] > 0 ? `ready, weight ${weights[c]} at ${this.address}:${ports[c]}` : "drain or maint"}; it reports ${describeServerState(s)}): ${messages || "no message"}`,
        );
    }
    await this.saveState();
    return appliedAt;
  }

  drain(color: Color, timeoutMs: number): Promise<DrainResult> {
    return waitDrained(async () => serverCounters(this.server(await this.servers(), color)).inFlight, timeoutMs);
  }

  async retire(color: Color): Promise<void> {
    await this.send([`set server ${this.o.backend}/${color} state maint`]);
    await this.saveState();
  }

  async mark(color: Color, ports: Ports): Promise<TrafficMark> {
    const c = serverCounters(this.server(await this.servers(), color));
    return { color, port: ports[color], data: { requests: c.requests, errors: c.errors } };
  }

  async trafficSince(mark: TrafficMark): Promise<Traffic> {
    const c = serverCounters(this.server(await this.servers(), mark.color));
    return {
      requests: c.requests - (mark.data.requests ?? 0),
      errors: c.errors - (mark.data.errors ?? 0),
      // HAProxy keeps no percentiles: rtime is its average over the server's last 1024 requests.
      latencyMs: c.rtime,
      latencyKind: "avg",
    };
  }

  async describe(): Promise<string> {
    const rows = await this.servers();
    return COLORS.map((c) => {
      const r = rows.get(c);
      return r ? `${c}: ${r.status}, weight ${r.weight}, ${r.addr}` : `${c}: not declared`;
    }).join("; ");
  }

  /** Writes `show servers state` to the server-state file, so a restart of HAProxy keeps the active color. */
  private async saveState(): Promise<void> {
    if (!this.o.stateFile) return;
    const state = await this.send(["show servers state"]);
    if (!/^1\n# be_id/.test(state)) throw new RouterError(`HAProxy answered \`show servers state\` unexpectedly: ${state.slice(0, 200)}`);
    await this.o.host.writeFile(this.o.stateFile, state.replace(/\n+$/, "\n"));
  }
}

/** HAProxy's preflight on a host: the admin socket answers through the SSH connection, at level admin. */
export async function haproxyProblems(host: SshHost, socket: string): Promise<string[]> {
  try {
    const level = (await host.checkSocket(socket, "show cli level")).trim();
    return level === "admin" ? [] : [`haproxy-socket ${socket} has level ${JSON.stringify(level)}; gantry needs \`stats socket … level admin\``];
  } catch (err) {
    return [messageOf(err).replace(`${host.name}: `, "")];
  }
}
