/**
 * Issue 16 over SSH: nginx-mode lua on a host reached through a real sshd on loopback. The include
 * is written and checked with `nginx -t` as the host's deploy user, and the weights change through
 * the admin socket forwarded over the SSH connection, the token on that socket only: no reload and
 * no failed request under a non-retrying keep-alive load.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { startSteadyLoad } from "../deploy/steady-load.js";
import { LUA_MODULES, type Nginx, QUICK_GATES, buildReleases, freePort, servedVersion, startNginx, waitFor } from "../deploy/support.js";
import { describeNeeding, lacking } from "../tools.js";
import { giveToHostUser, hostFolder } from "./servers.js";
import { type SshTestHost, startSshHost } from "./testhost.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "nginx", ...LUA_MODULES, "root"];
const HAVE = !lacking(NEEDS).length;
const TOKEN = "ssh-admin-token-0123456789abcdef-0123456789";
const ws = fixtureCopy("example-service");
let host: SshTestHost;
let nx: Nginx;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;
/** nginx's folder on the host, its Lua include and admin socket. */
let nxDir: string;
let include: string;
let socket: string;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }]);
  host = await startSshHost(scratchDir("gantry-deploy-ssh-lua-"));
  nxDir = hostFolder(join(host.srv, "nginx"));
  include = join(nxDir, "gantry", "hello.conf");
  // In a folder gantry makes, as the deploy user, that only it and nginx's group can enter.
  socket = join(nxDir, "run", "admin.sock");
  ports = { blue: await freePort(), green: await freePort() };
  nx = await startNginx(nxDir, ports.blue, { lua: true });
  // The deploy user runs `nginx -t`, which opens the logs and the pid file.
  for (const f of ["error.log", "access.log", "nginx.pid"]) giveToHostUser(join(nxDir, f));
}, 120_000);

afterAll(async () => {
  await host?.stop();
  await nx?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...host.inputs,
    app: "hello",
    router: "nginx",
    "nginx-mode": "lua",
    "nginx-lua-include": include,
    "nginx-admin-socket": socket,
    "nginx-admin-token": TOKEN,
    // The deploy user's PATH has no /usr/sbin.
    "nginx-reload-command": nx.reloadCommand.replace(/^nginx /, "/usr/sbin/nginx "),
    "nginx-access-log": nx.accessLog,
    ports: `${ports.blue},${ports.green}`,
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    ...extra,
  };
}

const visible = (r: ActionRun) => r.log.replace(/^::add-mask::.*$/gm, "");

describeNeeding(NEEDS, "deploy over SSH with nginx-mode: lua", () => {
  it("writes the include on the host as its deploy user and names the two lines", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toContain(`include ${include};`);
    expect(readFileSync(include, "utf8")).toMatch(/balancer_by_lua_block/);
    expect(statSync(dirname(socket)).mode & 0o777).toBe(0o750);
    await nx.useLuaInclude(include, "hello");
    // nginx (root) made the socket; the deploy user must be able to write to it, as with HAProxy's.
    giveToHostUser(socket);
  });

  it("cuts over v1 → v2 through the forwarded admin socket: no reload, no failed request, no token in the log", async () => {
    const first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(first.code, first.log).toBe(0);
    const workers = nx.workers();
    const load = startSteadyLoad(`${nx.url}/api/hello`, { connections: 100, rate: 1000 });
    let r: ActionRun;
    let made: number;
    let failed: number;
    try {
      await waitFor("the load's first answers", () => load.made() > 100);
      const before = { made: load.made(), failed: load.failed() };
      r = await runAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws });
      made = load.made() - before.made;
      failed = load.failed() - before.failed;
    } finally {
      await load.stop();
    }
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.outcome).toBe("promoted");
    expect(made, "requests the load made during the cutover").toBeGreaterThanOrEqual(300);
    expect(failed, "requests that failed during the cutover").toBe(0);
    expect(nx.workers()).toEqual(workers);
    expect(await servedVersion(nx.url)).toBe("v2");
    expect(visible(r)).not.toContain(TOKEN);
    expect(host.sshd.log()).not.toContain(TOKEN);
  });
});
