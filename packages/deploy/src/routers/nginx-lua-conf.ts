import { createHmac, randomBytes } from "node:crypto";
import { GantryError } from "@gantry/core";
import type { Color, Weights } from "../model/model.js";
import type { Ports } from "./router.js";

/**
 * The include file of `nginx-mode: lua` (issue 16): a `balancer_by_lua_block` upstream that picks
 * blue or green by weight from an `ngx.shared` dictionary, and an admin `server` on a unix socket
 * that changes the weights without a reload (ingress-nginx's approach for endpoint changes).
 * The user's config includes it in `http {}` and proxies to `gantry_<app>`.
 */

/** What the balancer routes: per color, its address, port and weight. */
export type LuaState = Record<Color, { address: string; port: number; weight: number }>;

/** `blue=127.0.0.1:8081:100,green=127.0.0.1:8082:0`: the one value the dictionary holds, set atomically. */
const STATE = /^blue=(\d{1,3}(?:\.\d{1,3}){3}|\[::1\]):(\d{1,5}):(\d{1,3}),green=(\d{1,3}(?:\.\d{1,3}){3}|\[::1\]):(\d{1,5}):(\d{1,3})$/;
/** The same shape in Lua, which the admin endpoint checks (and each address is loopback) before it stores a state. */
const LUA_STATE = "^blue=([^,]+):(%d+):(%d+),green=([^,]+):(%d+):(%d+)$";

export function encodeState(s: LuaState): string {
  return `blue=${s.blue.address}:${s.blue.port}:${s.blue.weight},green=${s.green.address}:${s.green.port}:${s.green.weight}`;
}

export function parseState(text: string): LuaState | undefined {
  const m = STATE.exec(text.trim());
  if (!m) return undefined;
  return {
    blue: { address: m[1] as string, port: Number(m[2]), weight: Number(m[3]) },
    green: { address: m[4] as string, port: Number(m[5]), weight: Number(m[6]) },
  };
}

export function stateFor(weights: Weights, ports: Ports, address: string): LuaState {
  return {
    blue: { address, port: ports.blue, weight: weights.blue },
    green: { address, port: ports.green, weight: weights.green },
  };
}

/**
 * No color takes traffic (before the first deploy): the balancer fails each request and logs why.
 * The client gets 500: inside balancer_by_lua nginx ends a failed peer choice with 500 whatever
 * status is passed to ngx.exit (checked with Debian's nginx 1.22 and its Lua module).
 */
export const EMPTY_STATE: LuaState = { blue: { address: "127.0.0.1", port: 0, weight: 0 }, green: { address: "127.0.0.1", port: 0, weight: 0 } };

export interface LuaIncludeOptions {
  app: string;
  /** The admin endpoint's unix socket. */
  socket: string;
  /** The admin token; only its HMAC-SHA1 keyed with `salt` goes into the file, so the file holds no secret. */
  token: string;
  /** Random hex, kept from one include to the next (tokenSalt) so an unchanged token leaves the file unchanged. */
  salt: string;
}

/** A new salt for the token's HMAC (review of issue 16: an unsalted hash of a short token is a lookup away). */
export const newSalt = () => randomBytes(16).toString("hex");

/** The salt an include carries (undefined for none, e.g. one written before salts). */
export function tokenSalt(text: string): string | undefined {
  return /local SALT = "([0-9a-f]{32})"/.exec(text)?.[1];
}

/** The upstream (and dictionary) name the user's `proxy_pass` points at. */
export const upstreamName = (app: string) => `gantry_${app}`;

/** The line that carries the state in the file: rewritten at every traffic change so a restarted nginx starts from it. */
const STATE_LINE = /^(\s*local FALLBACK = )"[^"\n]*"( -- gantry state)$/gm;

/** The include without its state lines: when this part changes, nginx must load the file again. */
export function setupPart(text: string): string {
  return text.replace(STATE_LINE, '$1""$2');
}

/** The include with another state (no other change: no `nginx -t` or reload needed). */
export function withState(text: string, state: LuaState): string {
  return text.replace(STATE_LINE, `$1"${encodeState(state)}"$2`);
}

/** The state the include carries, for a restart (undefined when it has none). */
export function includedState(text: string): LuaState | undefined {
  const m = /local FALLBACK = "([^"\n]*)" -- gantry state/.exec(text);
  return m ? parseState(m[1] as string) : undefined;
}

/** The include nginx-mode: lua writes: the balancer upstream, the in-flight counter and the admin server, for `state`. */
export function renderLuaInclude(o: LuaIncludeOptions, state: LuaState): string {
  if (/[\s;{}"'\\]/.test(o.socket))
    throw new GantryError(`nginx-admin-socket ${o.socket}: a path without spaces, quotes, ; { } or \\ is needed in nginx's config`);
  const dict = upstreamName(o.app);
  if (!/^[0-9a-f]{32}$/.test(o.salt)) throw new GantryError(`the admin token's salt must be 32 hex digits, not ${JSON.stringify(o.salt)}`);
  const fallback = `  local FALLBACK = "${encodeState(state)}" -- gantry state`;
  return `# Written by gantry deploy for ${o.app} (nginx-mode: lua, issue 16); the next deploy rewrites it.
# Include it once in your http {} block and send a location to it with: proxy_pass http://${dict};
# Weights change through the admin socket below, without a reload; the state line is what a
# restarted nginx starts from (the dictionary survives a reload).
lua_shared_dict ${dict} 1m;

${balancerUpstream(o.app, dict, fallback)}
${INFLIGHT_LOG}
${adminServer(o, dict, fallback)}`;
}

/** The upstream whose balancer picks each request's color by weight from the shared dictionary. */
function balancerUpstream(app: string, dict: string, fallback: string): string {
  return `upstream ${dict} {
  server 0.0.0.1; # never used: the balancer picks every peer
  balancer_by_lua_block {
    local balancer = require "ngx.balancer"
    local dict = ngx.shared["${dict}"]
${fallback}
    local state = dict:get("state") or FALLBACK
    local ctx = ngx.ctx
    -- A retry (proxy_next_upstream): the earlier try is no longer in flight.
    if ctx.gantry_color then dict:incr("inflight:" .. ctx.gantry_color, -1, 0) end
    local peers, total = {}, 0
    for color, addr, port, weight in string.gmatch(state, "(%a+)=([^,]+):(%d+):(%d+)") do
      weight = tonumber(weight)
      if weight > 0 then
        peers[#peers + 1] = { color, addr, tonumber(port), weight }
        total = total + weight
      end
    end
    if total == 0 then
      ngx.log(ngx.ERR, "gantry: no release of ${app} takes traffic")
      -- The client gets 500: nginx answers any failure of this phase with 500.
      return ngx.exit(ngx.ERROR)
    end
    -- One counter for all workers: each color gets exactly its share, in order.
    local n = (dict:incr("rr", 1, 0) or 0) % total
    local pick = peers[#peers]
    for _, p in ipairs(peers) do
      if n < p[4] then pick = p break end
      n = n - p[4]
    end
    local ok, err = balancer.set_current_peer(pick[2], pick[3])
    if not ok then
      ngx.log(ngx.ERR, "gantry: ", err)
      return ngx.exit(ngx.ERROR)
    end
    if not ctx.gantry_color then balancer.set_more_tries(1) end
    ctx.gantry_color = pick[1]
    ctx.gantry_dict = "${dict}"
    dict:incr("inflight:" .. pick[1], 1, 0)
  }
  keepalive 32;
}
`;
}

/** Counts requests in flight per color (nginx's log phase), for drains. */
const INFLIGHT_LOG = `# Counts requests in flight per color, so a drain knows when the old version has finished its work.
log_by_lua_block {
  local ctx = ngx.ctx
  if ctx.gantry_color then ngx.shared[ctx.gantry_dict]:incr("inflight:" .. ctx.gantry_color, -1, 0) end
}
`;

/** The token-guarded admin server on a unix socket that reads and sets the state. */
function adminServer(o: LuaIncludeOptions, dict: string, fallback: string): string {
  const tokenHash = createHmac("sha1", o.salt).update(o.token).digest("base64");
  return `# The admin endpoint: a unix socket, never the public listener; every request needs the token.
server {
  listen unix:${o.socket};
  access_log off;
  client_max_body_size 1k;
  client_body_buffer_size 1k;
  location / {
    content_by_lua_block {
      local dict = ngx.shared["${dict}"]
${fallback}
      -- Every refusal goes to nginx's error log (the token never: only why, and the request line).
      local function refuse(status, why)
        ngx.log(ngx.ERR, "gantry: admin request refused (", status, "): ", why)
        return ngx.exit(status)
      end
      -- HMAC-SHA1 of the token keyed with a random salt, compared in constant time (the file holds no secret).
      local SALT = "${o.salt}"
      local want = ngx.decode_base64("${tokenHash}")
      local token = string.match(ngx.var.http_authorization or "", "^Bearer (.+)$")
      local got = ngx.hmac_sha1(SALT, token or "")
      local diff = token and 0 or 1
      for i = 1, #want do diff = bit.bor(diff, bit.bxor(string.byte(got, i), string.byte(want, i))) end
      if diff ~= 0 then return refuse(401, token and "wrong token" or "no token") end
      if ngx.var.uri ~= "/state" then return refuse(404, "no such path") end
      local method = ngx.req.get_method()
      if method == "PUT" then
        ngx.req.read_body()
        local body = string.gsub(ngx.req.get_body_data() or "", "%s+$", "")
        local parts = { string.match(body, "${LUA_STATE}") }
        if #parts == 0 then return refuse(400, "the state is not blue=<address>:<port>:<weight>,green=<address>:<port>:<weight>") end
        -- Only loopback upstreams (127.0.0.0/8, ::1): whoever holds the token cannot send traffic elsewhere.
        for _, addr in ipairs({ parts[1], parts[4] }) do
          local loopback = addr == "[::1]"
          local a, b, c, d = string.match(addr, "^(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)$")
          if a then
            loopback = tonumber(a) == 127 and tonumber(b) <= 255 and tonumber(c) <= 255 and tonumber(d) <= 255
            if not loopback then return refuse(400, "upstream address " .. addr .. " is not loopback (127.0.0.0/8 or [::1])") end
          end
          if not loopback then return refuse(400, "an upstream address is not loopback (127.0.0.0/8 or [::1])") end
        end
        local ok, err = dict:set("state", body)
        if not ok then
          ngx.log(ngx.ERR, "gantry: ", err)
          return ngx.exit(500)
        end
      elseif method ~= "GET" then
        return refuse(405, "method not allowed")
      end
      ngx.say(dict:get("state") or FALLBACK)
      ngx.say("inflight blue=", dict:get("inflight:blue") or 0, ",green=", dict:get("inflight:green") or 0)
    }
  }
}
`;
}
