/** The router's inputs: which router, and what it needs to reach it (haproxy-*, nginx-*). */
import { InputError, type InputReader } from "@gantry/core";
import { splitCommandLine } from "./cmdline.js";
import { HAPROXY_NAME } from "./haproxy.js";
import type { InputRoles } from "../model/model.js";

/** router: haproxy's paths on the host; no secrets. */
export const HAPROXY_ROLES: InputRoles = { serverPaths: ["haproxy-socket", "haproxy-server-state-file"], secrets: [] };

/** router: nginx's paths on the host, and its admin token, which the post step needs again to move weights back. */
export const NGINX_ROLES: InputRoles = {
  serverPaths: ["nginx-upstream-file", "nginx-pid-file", "nginx-access-log", "nginx-lua-include", "nginx-admin-socket"],
  secrets: [{ input: "nginx-admin-token", at: ["adminToken"], post: true }],
};

/** The router inputs, parsed and checked. */
export type RouterInputs =
  | { kind: "haproxy"; socket: string; backend: string; stateFile: string }
  | {
      kind: "nginx";
      upstreamFile: string;
      reloadCommand: string[];
      pidFile: string;
      accessLog: string;
      /** reload: rewrite the upstream file and reload; lua: weights through the Lua balancer's admin socket (issue 16). */
      mode: "reload" | "lua" | "auto";
      /** The include file gantry writes for lua (it goes in the user's `http {}`); "" = none. */
      luaInclude: string;
      /** May hold `{app}`, filled in run. */
      adminSocket: string;
      /** A secret: masked, sent on stdin or a forwarded socket, never stored (the post step reads it again). */
      adminToken: string;
    };

/** The shortest nginx-admin-token accepted. */
export const MIN_TOKEN_LENGTH = 32;

/** Parses and checks the router's inputs (`router` and the haproxy-* or nginx-* inputs it uses). */
export function parseRouterInputs(read: InputReader, cwd: string): RouterInputs {
  const kind = read.choice("router", ["haproxy", "nginx"] as const);
  if (kind === "haproxy") {
    const backend = read.string("haproxy-backend");
    if (!HAPROXY_NAME.test(backend)) throw new InputError("haproxy-backend", backend, "accepted: a HAProxy backend name (letters, digits, . _ : -)");
    const socket = read.path("haproxy-socket", cwd);
    if (!socket)
      throw new InputError(
        "haproxy-socket",
        "",
        "it is required with router: haproxy; accepted: the path of HAProxy's admin socket (`stats socket … level admin`)",
      );
    return { kind, socket, backend, stateFile: read.path("haproxy-server-state-file", cwd) };
  }
  const mode = read.choice("nginx-mode", ["reload", "lua", "auto"] as const);
  const upstreamFile = read.path("nginx-upstream-file", cwd);
  if (!upstreamFile && mode !== "lua")
    throw new InputError(
      "nginx-upstream-file",
      "",
      `it is required with router: nginx and nginx-mode: ${mode}; accepted: the path of a file your upstream block includes (gantry rewrites it)`,
    );
  const reload = splitCommandLine(read.string("nginx-reload-command"));
  if ("error" in reload)
    throw new InputError("nginx-reload-command", read.string("nginx-reload-command"), `${reload.error}; accepted: a command such as nginx -s reload`);
  return {
    kind,
    upstreamFile,
    reloadCommand: reload,
    pidFile: read.path("nginx-pid-file", cwd),
    accessLog: read.path("nginx-access-log", cwd),
    mode,
    ...luaInputs(read, cwd, mode),
  };
}

/** nginx-mode: lua needs the include file, the admin socket and a token (issue 16); auto uses them when given. */
function luaInputs(read: InputReader, cwd: string, mode: "reload" | "lua" | "auto"): { luaInclude: string; adminSocket: string; adminToken: string } {
  const luaInclude = read.path("nginx-lua-include", cwd);
  if (!luaInclude && mode === "lua")
    throw new InputError(
      "nginx-lua-include",
      "",
      "it is required with nginx-mode: lua; accepted: the path of the file gantry writes and your http {} block includes",
    );
  const adminSocket = read.path("nginx-admin-socket", cwd);
  if (!adminSocket || /[\s;{}"'\\]/.test(adminSocket.split("{app}").join("app")))
    throw new InputError(
      "nginx-admin-socket",
      adminSocket,
      "accepted: a unix socket path without spaces, quotes, ; { } or \\, e.g. /run/gantry/{app}-nginx.sock",
    );
  const adminToken = read.string("nginx-admin-token");
  // The token travels in an HTTP header: printable, no spaces. 32 characters or more, so that
  // guessing it through the admin socket is hopeless even for a local user who can reach it.
  const printable = /^[\x21-\x7e]*$/.test(adminToken);
  if (adminToken ? !printable || adminToken.length < MIN_TOKEN_LENGTH : mode === "lua")
    throw new InputError(
      "nginx-admin-token",
      adminToken ? `(hidden, ${[...adminToken].length} characters${printable ? "" : ", some of them spaces or not printable"})` : "",
      `accepted: a secret of at least ${MIN_TOKEN_LENGTH} printable characters without spaces (e.g. \`openssl rand -hex 32\`), passed from a repository secret (required with nginx-mode: lua)`,
    );
  return { luaInclude, adminSocket, adminToken };
}
