import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";

/**
 * What `nginx-mode` needs to know about the host's nginx before it writes the Lua include
 * (issue 16): whether nginx has the Lua module, and whether a new include passes `nginx -t`
 * on its own, before the user's config includes it.
 */

/** The nginx binary and its `-p` prefix from the reload command (relative `load_module` paths resolve against it). */
function nginxBase(reloadCommand: readonly string[]): string[] {
  if (!/(^|\/)nginx$/.test(reloadCommand[0] ?? "")) return ["nginx"];
  const i = reloadCommand.indexOf("-p");
  return i > 0 && reloadCommand[i + 1] ? [reloadCommand[0] as string, "-p", reloadCommand[i + 1] as string] : [reloadCommand[0] as string];
}

/** The user's full config as `nginx -T` prints it (same binary and options as the reload command). */
function dumpCommand(reloadCommand: readonly string[]): string[] {
  const i = reloadCommand.findIndex((a, k) => a === "-s" && reloadCommand[k + 1] === "reload");
  if (i >= 0 && /(^|\/)nginx$/.test(reloadCommand[0] ?? "")) return [...reloadCommand.slice(0, i), ...reloadCommand.slice(i + 2), "-T"];
  return ["nginx", "-T"];
}

/**
 * The Lua module of the host's nginx: `static` when compiled in (OpenResty, `nginx -V` names it),
 * else the `load_module` lines of the user's config when one loads ngx_http_lua_module (Debian's
 * libnginx-mod-http-lua, loaded through modules-enabled), else undefined: no Lua module.
 */
export async function luaModule(host: Host, reloadCommand: readonly string[]): Promise<{ loadLines: string[] } | undefined> {
  const version = await host.exec([...nginxBase(reloadCommand).slice(0, 1), "-V"], { allowFailure: true, timeoutMs: 30_000 });
  if (/lua-nginx-module|ngx_lua|ngx_http_lua|openresty/i.test(`${version.stdout}\n${version.stderr}`)) return { loadLines: [] };
  const dump = await host.exec(dumpCommand(reloadCommand), { allowFailure: true, timeoutMs: 30_000 });
  if (dump.code !== 0) return undefined;
  const loadLines = [...dump.stdout.matchAll(/^\s*(load_module\s+[^;#\n]+;)/gm)].map((m) => m[1] as string);
  return loadLines.some((l) => /ngx_http_lua_module\.so/.test(l)) ? { loadLines } : undefined;
}

/**
 * `nginx -t` of a throwaway config that holds only the module lines and the new include, in a
 * temporary folder beside the include: the include is checked before it is written in place,
 * even on the first run, when the user's config does not include it yet (review of issue 16).
 * `nginx -t` binds the admin socket and removes it again, leaving a running nginx's socket as it
 * was. Returns the last lines of nginx's complaint, or undefined when it passes.
 */
export async function testIncludeAlone(host: Host, reloadCommand: readonly string[], include: string, text: string): Promise<string | undefined> {
  const loadLines = (await luaModule(host, reloadCommand))?.loadLines ?? [];
  const tmp = join(dirname(include), `.gantry-check-${randomBytes(6).toString("hex")}`);
  await host.mkdirp(tmp, 0o700);
  try {
    const candidate = join(tmp, "include.conf");
    const conf = join(tmp, "nginx.conf");
    await host.writeFile(candidate, text, 0o640);
    await host.writeFile(
      conf,
      `${loadLines.join("\n")}\npid ${join(tmp, "nginx.pid")};\nerror_log ${join(tmp, "error.log")};\nevents {}\nhttp {\n  include ${candidate};\n}\n`,
      0o640,
    );
    const r = await host.exec([...nginxBase(reloadCommand), "-e", join(tmp, "error.log"), "-c", conf, "-t"], { allowFailure: true, timeoutMs: 30_000 });
    return r.code === 0 ? undefined : lastLines(r.stderr || r.stdout, 5);
  } finally {
    await host.remove(tmp);
  }
}

/** The admin socket's folder when gantry makes it: the deployer's, entered by nginx's group, by nobody else. */
export const SOCKET_FOLDER_MODE = 0o750;

/**
 * Why the admin socket's folder lets other users reach the socket (undefined when it does not).
 * nginx makes every unix socket it listens on 0666, so the folder is the only gate: any local
 * user who can enter it (the service itself included) could try tokens there.
 */
export async function socketFolderProblem(host: Host, socket: string): Promise<string | undefined> {
  const folder = dirname(socket);
  const r = await host.exec(["stat", "-L", "-c", "%a %U %G", folder], { allowFailure: true, timeoutMs: 30_000 });
  const m = /^([0-7]{3,4}) (\S+) (\S+)/.exec(r.stdout.trim());
  if (r.code !== 0 || !m) return `nginx-admin-socket: cannot read the mode of its folder ${folder} on ${host.name}: ${lastLines(r.stderr || r.stdout, 3)}`;
  const mode = Number.parseInt(m[1] as string, 8);
  if ((mode & 0o007) === 0) return undefined;
  return (
    `nginx-admin-socket ${socket}: its folder ${folder} on ${host.name} is mode ${(mode & 0o7777).toString(8).padStart(4, "0")} (owner ${m[2]}, group ${m[3]}), ` +
    "so every local user can reach the admin socket (nginx makes it 0666) and try tokens; " +
    `accepted: a folder only the deployer and nginx's group can enter, e.g. \`install -d -m 0750 -o <deploy user> -g <nginx's group> ${folder}\` ` +
    `(or \`chmod o-rwx ${folder}\`), or an nginx-admin-socket in such a folder`
  );
}
