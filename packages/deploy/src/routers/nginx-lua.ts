import { dirname } from "node:path";
import { ExecError, GantryError, lastLines, messageOf } from "@gantry/core";
import { AccessLogTraffic, checkAccessLog } from "./accesslog.js";
import { nginxTestCommand } from "./cmdline.js";
import type { Host } from "../hosts/host.js";
import { SOCKET_FOLDER_MODE, socketFolderProblem, testIncludeAlone } from "./nginx-lua-check.js";
import { COLORS, type Color, type Traffic, type Weights } from "../model/model.js";
import {
  EMPTY_STATE,
  type LuaState,
  encodeState,
  includedState,
  parseState,
  newSalt,
  renderLuaInclude,
  setupPart,
  stateFor,
  tokenSalt,
  upstreamName,
  withState,
} from "./nginx-lua-conf.js";
import { type DrainResult, type Ports, type Router, RouterError, type TrafficMark, waitDrained } from "./router.js";

export interface NginxLuaOptions {
  host: Host;
  /** The include file gantry writes; the user's `http {}` includes it. */
  include: string;
  socket: string;
  token: string;
  /** Only to derive `nginx -t` and for the one reload when the include itself changes. */
  reloadCommand: readonly string[];
  accessLog: string;
  app: string;
  address?: string;
  /** Tells the user about the one-time reload when the include changes. */
  notice?: (message: string) => void;
}

/** What the admin endpoint answers: the state the balancer routes by and the requests in flight per color. */
export interface AdminAnswer {
  state: LuaState;
  inflight: Record<Color, number>;
}

const ADMIN_TIMEOUT_MS = 5_000;
/** The include holds the token's keyed hash and the admin socket: readable by nginx's group, not by everyone. */
const INCLUDE_MODE = 0o640;
const NO_LUA_HINT = " (the Lua module is not loaded: apt-get install libnginx-mod-http-lua)";
const NO_LUA = /unknown directive "(lua_shared_dict|balancer_by_lua_block|log_by_lua_block)"/;

/**
 * Routes through the Lua balancer of `nginx-mode: lua` (issue 16): weights change in nginx's
 * shared dictionary through the admin socket, so no reload closes a client's keep-alive
 * connection. The include file keeps the same state for a restarted nginx.
 */
export class NginxLuaRouter implements Router {
  readonly name = "nginx";
  private readonly log?: AccessLogTraffic;
  constructor(private readonly o: NginxLuaOptions) {
    if (o.accessLog) this.log = new AccessLogTraffic(o.host, o.accessLog, o.address);
  }

  private get host(): Host {
    return this.o.host;
  }

  /** The two lines a user adds, for messages. */
  setupLines(): string {
    return `add \`include ${this.o.include};\` to your http {} block and \`proxy_pass http://${upstreamName(this.o.app)};\` to the location, then reload nginx once`;
  }

  async preflight(): Promise<void> {
    await this.test("before any change");
    // nginx -t binds the admin socket (then removes it): its folder must be there for either test.
    await this.host.mkdirp(dirname(this.o.socket), SOCKET_FOLDER_MODE);
    const open = await socketFolderProblem(this.host, this.o.socket);
    if (open) throw new GantryError(open);
    const changed = await this.writeInclude();
    if (changed === "updated") {
      this.o.notice?.(`nginx-mode: lua: ${this.o.include} changed (token, socket or gantry's balancer); reloading nginx once to load it`);
      const r = await this.host.exec(this.o.reloadCommand, { allowFailure: true, timeoutMs: 30_000 });
      if (r.code !== 0) throw new GantryError(`nginx-reload-command: \`${this.o.reloadCommand.join(" ")}\` failed: ${lastLines(r.stderr || r.stdout, 5)}`);
    }
    const deadline = performance.now() + 10_000;
    for (;;) {
      try {
        await this.admin("GET");
        break;
      } catch (err) {
        if (changed !== "updated" || performance.now() > deadline)
          throw new GantryError(
            `nginx-mode: lua: the admin endpoint on ${this.host.name} (${this.o.socket}) did not answer: ${messageOf(err)}. ${changed === "created" ? `gantry wrote ${this.o.include}; ` : ""}${this.setupLines()}`,
          );
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    await checkAccessLog(this.host, this.o.accessLog);
  }

  private async test(when: string): Promise<void> {
    const test = nginxTestCommand(this.o.reloadCommand);
    try {
      await this.host.exec(test, { timeoutMs: 30_000 });
    } catch (err) {
      const detail = err instanceof ExecError ? lastLines(err.result.stderr, 5) : messageOf(err);
      throw new GantryError(`nginx-reload-command: \`${test.join(" ")}\` failed on ${this.host.name} ${when}: ${detail}`);
    }
  }

  /**
   * Writes the include when its setup part (not the state line) differs. It is checked alone with
   * `nginx -t` of a throwaway config first (on a first run the user's config does not include it
   * yet), then in place with the user's config; the previous file comes back when that fails, so
   * the running config is untouched.
   */
  private async writeInclude(): Promise<"same" | "created" | "updated"> {
    const previous = await this.host.readFile(this.o.include);
    const state = (previous && includedState(previous)) || EMPTY_STATE;
    const salt = (previous && tokenSalt(previous)) || newSalt();
    const next = renderLuaInclude({ app: this.o.app, socket: this.o.socket, token: this.o.token, salt }, state);
    if (previous !== undefined && setupPart(previous) === setupPart(next)) return "same";
    await this.host.mkdirp(dirname(this.o.include));
    const alone = await testIncludeAlone(this.host, this.o.reloadCommand, this.o.include, next);
    if (alone !== undefined)
      throw new GantryError(
        `nginx -t of gantry's Lua include alone failed on ${this.host.name}: ${alone}${NO_LUA.test(alone) ? NO_LUA_HINT : ""}; ${this.o.include} was not ${previous === undefined ? "written" : "changed"}, nginx was not reloaded`,
      );
    await this.host.writeFile(this.o.include, next, INCLUDE_MODE);
    try {
      await this.test("with gantry's Lua include");
    } catch (err) {
      if (previous === undefined) await this.host.remove(this.o.include);
      else await this.host.writeFile(this.o.include, previous, INCLUDE_MODE);
      const hint = NO_LUA.test(messageOf(err)) ? NO_LUA_HINT : "";
      throw new GantryError(
        `${messageOf(err)}${hint}; ${previous === undefined ? "removed" : "restored the previous"} ${this.o.include}, nginx was not reloaded`,
      );
    }
    return previous === undefined ? "created" : "updated";
  }

  /** Whether the admin socket's file is there (nginx-mode: auto tells "nobody listens" from "answers otherwise"). */
  socketExists(): Promise<boolean> {
    return this.host.exists(this.o.socket);
  }

  /** One request to the admin endpoint; the token goes in a header on the socket, never on a command line. */
  async admin(method: "GET" | "PUT", body = ""): Promise<AdminAnswer> {
    const payload = body ? `${body}\n` : "";
    const request = `${method} /state HTTP/1.0\r\nHost: gantry\r\nAuthorization: Bearer ${this.o.token}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`;
    const answer = await this.host.socketRequest(this.o.socket, request, ADMIN_TIMEOUT_MS);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
    if (status === 401) throw new RouterError(`the admin endpoint ${this.o.socket} refused nginx-admin-token (401)`);
    const text = answer.slice(answer.indexOf("\r\n\r\n") + 4);
    const [stateLine = "", inflightLine = ""] = text.split("\n");
    const state = parseState(stateLine);
    const inflight = /^inflight blue=(-?\d+),green=(-?\d+)/.exec(inflightLine);
    if (status !== 200 || !state || !inflight)
      throw new RouterError(`the admin endpoint ${this.o.socket} answered ${status ? `HTTP ${status}` : "no HTTP"}: ${JSON.stringify(answer.slice(0, 200))}`);
    return { state, inflight: { blue: Number(inflight[1]), green: Number(inflight[2]) } };
  }

  /** Sets the state, then writes it into the include for a restarted nginx; returns when nginx routes by it. */
  private async apply(state: LuaState): Promise<number> {
    const { state: now } = await this.admin("PUT", encodeState(state));
    const at = performance.now();
    if (encodeState(now) !== encodeState(state)) throw new RouterError(`the admin endpoint kept ${encodeState(now)} instead of ${encodeState(state)}`);
    const text = await this.host.readFile(this.o.include);
    if (text !== undefined && includedState(text) && encodeState(includedState(text) as LuaState) !== encodeState(state))
      await this.host.writeFile(this.o.include, withState(text, state), INCLUDE_MODE);
    return at;
  }

  async isolate(color: Color, ports: Ports): Promise<void> {
    const { state } = await this.admin("GET");
    if (state[color].weight === 0) return;
    const weights = { blue: 0, green: 0 } as Weights;
    for (const c of COLORS) if (c !== color && state[c].weight > 0 && state[c].port === ports[c]) weights[c] = 100;
    await this.apply(stateFor(weights, ports, this.o.address ?? "127.0.0.1"));
  }

  route(weights: Weights, ports: Ports): Promise<number> {
    return this.apply(stateFor(weights, ports, this.o.address ?? "127.0.0.1"));
  }

  /** The balancer counts requests in flight per color (log phase): wait until the old color has none. */
  drain(color: Color, timeoutMs: number): Promise<DrainResult> {
    return waitDrained(async () => Math.max(0, (await this.admin("GET")).inflight[color]), timeoutMs);
  }

  async retire(): Promise<void> {
    // Weight 0 already keeps every new request away from the retired color.
  }

  mark(color: Color, ports: Ports): Promise<TrafficMark> {
    return AccessLogTraffic.mark(this.log, color, ports);
  }

  trafficSince(mark: TrafficMark): Promise<Traffic | undefined> {
    return AccessLogTraffic.since(this.log, mark);
  }

  async describe(): Promise<string> {
    let state: LuaState | undefined;
    let from = "";
    try {
      state = (await this.admin("GET")).state;
    } catch (err) {
      const text = await this.host.readFile(this.o.include);
      state = text ? includedState(text) : undefined;
      from = ` (from ${this.o.include}; the admin endpoint did not answer: ${messageOf(err)})`;
    }
    if (!state) return "(no Lua state)";
    const s = state;
    return `${COLORS.map((c) => `${c} ${s[c].address}:${s[c].port} weight ${s[c].weight}`).join("; ")}${from}`;
  }
}
