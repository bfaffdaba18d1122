/**
 * The inputs' roles each part declares (paths on the servers, paths on the runner, secrets), and
 * what the generic code does with them: with hosts, a path on the servers is never resolved
 * against the runner's folder.
 */
import { InputError, InputReader, mapInputSource } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { DEPLOY_INPUTS, DEPLOY_ROLES, DEPLOY_SECRETS, SERVER_PATHS, parseDeployInputs } from "../src/inputs.js";
import { deployStage } from "../src/stage.js";

const parse = (values: Record<string, string>, read = (s: Record<string, string>) => new InputReader(mapInputSource(s), DEPLOY_INPUTS)) =>
  parseDeployInputs(read(values), "/work");
const fleet = { hosts: "deploy@web-1", "ssh-insecure-skip-host-key-check": "true" };
const lua = { router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "/etc/nginx/gantry.conf", "nginx-admin-token": "0123456789abcdef0123456789abcdef" };

function errorOf(values: Record<string, string>): InputError | undefined {
  try {
    parse(values);
    return undefined;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

describe("paths on the servers, with hosts", () => {
  it.each([
    ["nginx-lua-include", { ...lua, "nginx-lua-include": "gantry.conf" }, "gantry.conf"],
    ["nginx-admin-socket", { ...lua, "nginx-admin-socket": "run/{app}.sock" }, "run/{app}.sock"],
    ["supervisor-conf-dir", { runtime: "supervisor", "supervisor-conf-dir": "conf.d" }, "conf.d"],
    ["supervisor-config", { runtime: "supervisor", "supervisor-config": "./supervisord.conf" }, "./supervisord.conf"],
  ])("refuses a relative %s, naming it, the value and what is accepted", (input, values, value) => {
    const err = errorOf({ ...fleet, ...values });
    expect(err).toBeInstanceOf(InputError);
    expect(err?.input).toBe(input);
    expect(err?.value).toBe(value);
    expect(err?.message).toMatch(/path on the servers and must be absolute; accepted: an absolute path on the servers/);
  });

  it("keeps resolving them against the workspace without hosts", () => {
    const n = parse({ ...lua, "nginx-lua-include": "gantry.conf", "nginx-admin-socket": "run/{app}.sock" }).router;
    expect(n).toMatchObject({ luaInclude: "/work/gantry.conf", adminSocket: "/work/run/{app}.sock" });
    const s = parse({ runtime: "supervisor", "supervisor-conf-dir": "conf.d", "supervisor-config": "./supervisord.conf" }).supervisor;
    expect(s).toMatchObject({ confDir: "/work/conf.d", config: "/work/supervisord.conf" });
  });

  it("takes absolute ones as they are", () => {
    const i = parse({ ...fleet, ...lua, runtime: "supervisor", "supervisor-conf-dir": "/srv/conf.d", "nginx-admin-socket": "/run/g/{app}.sock" });
    expect(i.router).toMatchObject({ luaInclude: "/etc/nginx/gantry.conf", adminSocket: "/run/g/{app}.sock" });
    expect(i.supervisor).toMatchObject({ confDir: "/srv/conf.d", config: "/etc/supervisor/supervisord.conf" });
  });

  it.each([
    ["state-dir", "/var/lib/gantry/../../etc", /must not hold a \.\. segment/],
    ["haproxy-socket", "/run/haproxy/..", /must not hold a \.\. segment/],
    ["supervisor-conf-dir", "/etc/supervisor/conf.d\x1b[2J", /must not hold control characters/],
    ["nginx-access-log", "/var/log/nginx/a\tb.log", /must not hold control characters/],
  ])("refuses %s %j (every declared path on the servers gets the same rule)", (input, value, why) => {
    const err = errorOf({ ...fleet, [input]: value });
    expect(err?.input).toBe(input);
    expect(err?.message).toMatch(why);
  });
});

/** An InputReader that notes every input read as a path. */
class PathSpy extends InputReader {
  static seen = new Set<string>();
  override path(name: string, cwd: string): string {
    PathSpy.seen.add(name);
    return super.path(name, cwd);
  }
}

describe("the declarations", () => {
  const serverPaths = DEPLOY_ROLES.flatMap((r) => r.serverPaths);
  const runnerPaths = DEPLOY_ROLES.flatMap((r) => r.runnerPaths ?? []);

  it("name each input that is a path once, as on the servers or on the runner", () => {
    // Every configuration that reads different inputs: each runtime, each router and nginx mode.
    const configs: Record<string, string>[] = [
      { runtime: "process" },
      { runtime: "docker", "image-archive": "dist/image.tar" },
      { runtime: "supervisor" },
      { runtime: "systemd" },
      { router: "nginx", "nginx-upstream-file": "/etc/nginx/up.conf" },
      { ...lua, "nginx-mode": "auto", "nginx-upstream-file": "/etc/nginx/up.conf" },
    ];
    for (const c of configs) parse(c, (s) => new PathSpy(mapInputSource(s), DEPLOY_INPUTS));
    // The criterion: read as a path (resolved against the workspace), or a default that is an
    // absolute path, but for health-path, a path in the service's URLs.
    const absolute = Object.entries(DEPLOY_INPUTS).flatMap(([k, v]) => (v.startsWith("/") && k !== "health-path" ? [k] : []));
    const pathInputs = new Set([...PathSpy.seen, ...absolute]);
    expect(pathInputs.size).toBeGreaterThanOrEqual(12);
    for (const name of pathInputs) expect([name, serverPaths.includes(name) !== runnerPaths.includes(name)]).toEqual([name, true]);
    for (const name of [...serverPaths, ...runnerPaths]) expect(Object.keys(DEPLOY_INPUTS)).toContain(name);
    expect(new Set(serverPaths).size).toBe(serverPaths.length);
    expect(SERVER_PATHS).toEqual(serverPaths);
  });

  it("give the stage its secret inputs, each once and in the table", () => {
    const names = DEPLOY_SECRETS.map((s) => s.input);
    expect(deployStage.secrets).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["env", "ssh-key", "nginx-admin-token", "prometheus-token", "prometheus-basic-auth"]));
    for (const name of names) expect(Object.keys(DEPLOY_INPUTS)).toContain(name);
  });
});
