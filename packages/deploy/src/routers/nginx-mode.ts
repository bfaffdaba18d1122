import { GantryError, messageOf } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import type { RouterInputs } from "./inputs.js";
import type { Color, Traffic, Weights } from "../model/model.js";
import { nginxTestCommand } from "./cmdline.js";
import { luaModule } from "./nginx-lua-check.js";
import { NginxLuaRouter } from "./nginx-lua.js";
import { NginxRouter } from "./nginx.js";
import type { DrainResult, Ports, Router, TrafficMark } from "./router.js";

type NginxInputs = Extract<RouterInputs, { kind: "nginx" }>;

/** The commands nginx-reload-command runs on the host (reload, and its `nginx -t`). */
export function nginxNeeds(r: NginxInputs): string[] {
  return [...new Set([r.reloadCommand[0] as string, nginxTestCommand(r.reloadCommand)[0] as string])];
}

/** What `nginx-mode: auto` says when it falls back to reloads (issue 16). */
export const RELOAD_COST =
  "every traffic change reloads nginx, which closes idle client keep-alive connections: a client that sends its next request on one gets an error " +
  "(issue 16 measured 38 failed requests in 4 cutovers). For cutovers without reloads install libnginx-mod-http-lua and set up nginx-mode: lua (see the deploy README)";

/** The nginx router for `nginx-mode`; `notice` tells the user what auto chose and why. */
export function makeNginxRouter(r: NginxInputs, host: Host, app: string, notice?: (message: string) => void): Router {
  const reload = () => new NginxRouter({ host, upstreamFile: r.upstreamFile, reloadCommand: r.reloadCommand, pidFile: r.pidFile, accessLog: r.accessLog, app });
  const lua = () =>
    new NginxLuaRouter({
      host,
      include: r.luaInclude,
      socket: r.adminSocket.split("{app}").join(app),
      token: r.adminToken,
      reloadCommand: r.reloadCommand,
      accessLog: r.accessLog,
      app,
      notice,
    });
  if (r.mode === "reload") return reload();
  if (r.mode === "lua") return lua();
  const hasLua = async () => (await luaModule(host, r.reloadCommand)) !== undefined;
  return new AutoNginxRouter(reload, r.luaInclude && r.adminToken ? lua : undefined, hasLua, notice);
}

/** An admin request that failed because nothing listens on the socket (no file, or a stale one). */
const NOT_LISTENING = /ENOENT|ECONNREFUSED|no such file|connection refused|no socket at/i;

/**
 * `nginx-mode: auto` (issue 16): lua when nginx has the Lua module (the first run sets it up as
 * `nginx-mode: lua` does), else reload with a notice saying what reloads cost. Only an admin
 * socket nobody listens on can mean reload: an endpoint that answers otherwise (a 401 for a
 * changed token, a timeout) is gantry's balancer routing traffic, and reloads would then rewrite
 * an upstream nginx no longer uses while the old color is stopped (review of issue 16).
 */
class AutoNginxRouter implements Router {
  readonly name = "nginx";
  private chosen?: Router;
  constructor(
    private readonly reload: () => Router,
    private readonly lua: (() => NginxLuaRouter) | undefined,
    private readonly hasLua: () => Promise<boolean>,
    private readonly notice?: (message: string) => void,
  ) {}

  private async choose(): Promise<Router> {
    if (this.chosen) return this.chosen;
    let why = "nginx-lua-include and nginx-admin-token are not both set";
    if (this.lua) {
      const lua = this.lua();
      try {
        await lua.admin("GET");
        this.chosen = lua;
        return lua;
      } catch (err) {
        if (!NOT_LISTENING.test(messageOf(err)) && (await lua.socketExists()))
          throw new GantryError(
            `nginx-mode: auto: the Lua admin endpoint answers but not as expected: ${messageOf(err)}. Check nginx-admin-token (it must be the token the include was written with) and nginx-admin-socket; gantry does not fall back to reloads while the Lua balancer may be routing`,
          );
      }
      if (await this.hasLua()) {
        this.notice?.("nginx-mode: auto chose lua: nginx has the Lua module; setting up gantry's include as nginx-mode: lua does");
        this.chosen = lua;
        return lua;
      }
      why = "nginx has no Lua module (none compiled in, and no load_module of ngx_http_lua_module.so in `nginx -T`)";
    }
    this.notice?.(`nginx-mode: auto chose reload: ${why}. With reload, ${RELOAD_COST}.`);
    this.chosen = this.reload();
    return this.chosen;
  }

  async preflight(): Promise<void> {
    return (await this.choose()).preflight();
  }
  async isolate(color: Color, ports: Ports): Promise<void> {
    return (await this.choose()).isolate(color, ports);
  }
  async route(weights: Weights, ports: Ports): Promise<number> {
    return (await this.choose()).route(weights, ports);
  }
  async drain(color: Color, timeoutMs: number): Promise<DrainResult> {
    return (await this.choose()).drain(color, timeoutMs);
  }
  async retire(color: Color, ports: Ports): Promise<void> {
    return (await this.choose()).retire(color, ports);
  }
  async mark(color: Color, ports: Ports): Promise<TrafficMark> {
    return (await this.choose()).mark(color, ports);
  }
  async trafficSince(mark: TrafficMark): Promise<Traffic | undefined> {
    return (await this.choose()).trafficSince(mark);
  }
  async describe(ports: Ports): Promise<string> {
    return (await this.choose()).describe(ports);
  }
}
