/**
 * The deploy action with router: nginx, against a real nginx on loopback: the upstream file it
 * owns, one reload per traffic change, the error rate read from the access log, and the requests
 * a reload costs counted under load.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import {
  type LoadResult,
  type Nginx,
  buildReleases,
  freePort,
  runningServices,
  servedVersion,
  startLoad,
  startNginx,
  stopServices,
  QUICK_GATES,
} from "./support.js";

const NEEDS = ["nginx", "curl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-nginx-");
const stateDir = join(dir, "state");
let nx: Nginx;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [
    { version: "v1" },
    { version: "v2" },
    { version: "v3-unhealthy", fault: "unhealthy" },
    { version: "v4-500", fault: "500" },
  ]);
  ports = { blue: await freePort(), green: await freePort() };
  nx = await startNginx(dir, ports.blue);
});

afterAll(async () => {
  stopServices(stateDir);
  await nx?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    app: "hello",
    router: "nginx",
    "nginx-upstream-file": nx.upstreamFile,
    "nginx-reload-command": nx.reloadCommand,
    "nginx-pid-file": nx.pidFile,
    "nginx-access-log": nx.accessLog,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": stateDir,
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    "drain-timeout": "5s",
    ...extra,
  };
}

async function deployUnderLoad(extra: Record<string, string>): Promise<{ run: ActionRun; load: LoadResult }> {
  const load = startLoad(`${nx.url}/api/hello`, { connections: 100, rate: 4000 });
  await new Promise((r) => setTimeout(r, 300));
  const run = await runAction("deploy", inputs(extra), { workspace: ws });
  await new Promise((r) => setTimeout(r, 300));
  return { run, load: await load.stop() };
}

const upstream = () =>
  readFileSync(nx.upstreamFile, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("server"));

describeNeeding(NEEDS, "deploy with nginx", () => {
  it("refuses a missing nginx binary before anything changes", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "nginx-reload-command": "/nonexistent/nginx -s reload" }), {
      workspace: ws,
    });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(
      /nginx-reload-command: `\/nonexistent\/nginx -t` failed on local before any change/,
    );
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.blue};`]);
  });

  it("deploys v1 and owns the upstream file", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.blue} weight=100 max_fails=0; # blue`]);
    expect(await servedVersion(nx.url)).toBe("v1");
  });

  it("cuts over to v2 under load with one reload, counting what it cost", async () => {
    const { run, load } = await deployUnderLoad({ manifest: manifests.v2 as string });
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    const verify = (JSON.parse(run.outputs.timeline as string) as { phase: string; figures: Record<string, number> }[]).find((e) => e.phase === "verify 100%");
    expect(verify?.figures.requests).toBeGreaterThan(0);
    expect(verify?.figures["p95-ms"]).toEqual(expect.any(Number));
    console.info(`nginx cutover v1 → v2 under load: ${load.failed} of ${load.total} requests failed (${load.non2xx} non-2xx, ${load.errors} errors)`);
    expect(load.total).toBeGreaterThan(1000);
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.green} weight=100 max_fails=0; # green`]);
    expect(runningServices(stateDir)).toEqual(["green"]);
  });

  it("an unhealthy release never reaches nginx: no reload, no failed request", async () => {
    const before = upstream();
    const { run, load } = await deployUnderLoad({ manifest: manifests["v3-unhealthy"] as string });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe("rolled-back");
    expect(upstream()).toEqual(before);
    expect(load.failed).toBe(0);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("rolls back a release that answers 500, measured from the access log", async () => {
    const { run, load } = await deployUnderLoad({ manifest: manifests["v4-500"] as string });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe("rolled-back");
    expect(Number(run.outputs["error-rate"])).toBeGreaterThan(1);
    expect(run.annotations.find((a) => a.level === "error")?.message).toMatch(/verify window at 100% failed: error rate/);
    console.info(`nginx blue-green, 500 release: users saw ${load.failed} of ${load.total} requests fail before the rollback`);
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.green} weight=100 max_fails=0; # green`]);
    expect(runningServices(stateDir)).toEqual(["green"]);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("a canary step writes both servers with their weights", async () => {
    const { run } = await deployUnderLoad({ manifest: manifests.v1 as string, strategy: "canary", "canary-steps": "20,100", "verify-window": "500ms" });
    expect(run.code, run.log).toBe(0);
    const switched = (JSON.parse(run.outputs.timeline as string) as { phase: string }[]).map((e) => e.phase).filter((p) => p.startsWith("switch"));
    expect(switched).toEqual(["switch 20%", "switch 100%"]);
    expect(await servedVersion(nx.url)).toBe("v1");
  });

  it("nginx-mode: auto on nginx without the Lua module reloads, with a notice saying what that costs (issue 16)", async () => {
    const include = join(dir, "gantry-lua.conf");
    const r = await runAction(
      "deploy",
      inputs({ manifest: manifests.v2 as string, "nginx-mode": "auto", "nginx-lua-include": include, "nginx-admin-token": "auto-test-token-0123456789" }),
      { workspace: ws },
    );
    expect(r.code, r.log).toBe(0);
    const notice = r.annotations.find((a) => a.level === "notice" && a.message.includes("nginx-mode: auto"))?.message;
    expect(notice).toMatch(/nginx-mode: auto chose reload: nginx has no Lua module/);
    expect(notice).toMatch(/closes idle client keep-alive connections/);
    expect(notice).toContain("libnginx-mod-http-lua");
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.green} weight=100 max_fails=0; # green`]);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("nginx-mode: lua on nginx without the Lua module: the include fails nginx -t alone and is never written (first run)", async () => {
    const include = join(dir, "lua-first", "hello.conf");
    const workers = nx.workers();
    const r = await runAction(
      "deploy",
      inputs({
        manifest: manifests.v1 as string,
        "nginx-mode": "lua",
        "nginx-lua-include": include,
        "nginx-admin-socket": join(dir, "lua-first", "admin.sock"),
        "nginx-admin-token": "lua-test-token-0123456789",
      }),
      { workspace: ws },
    );
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toMatch(/nginx -t of gantry's Lua include alone failed on local: [\s\S]*unknown directive "lua_shared_dict"/);
    expect(error).toContain("apt-get install libnginx-mod-http-lua");
    expect(error).toContain(`${include} was not written`);
    expect(existsSync(include)).toBe(false);
    expect(readdirSync(dirname(include))).toEqual([]);
    expect(nx.workers()).toEqual(workers);
    expect(await servedVersion(nx.url)).toBe("v2");
  });
});
