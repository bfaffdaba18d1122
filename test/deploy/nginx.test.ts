/**
 * The deploy action with router: nginx, against a real nginx on loopback: the upstream file it
 * owns, one reload per traffic change, the error rate read from the access log, and the requests
 * a reload costs counted under load.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GANTRY_LOG_FORMAT } from "@gantry/deploy";
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

/** Requests a load must make while the deploy it judges runs (a load that made none proves nothing). */
const MIN_REQUESTS = 300;

/**
 * Runs one deploy under load; what the load saw, and the requests it made while the deploy ran
 * (the window every assertion on the load judges). `rate` is the load's requests per second.
 */
async function deployUnderLoad(extra: Record<string, string>, rate = 4000): Promise<{ run: ActionRun; load: LoadResult; during: number }> {
  const load = startLoad(`${nx.url}/api/hello`, { connections: 100, rate });
  await new Promise((r) => setTimeout(r, 300));
  const before = load.made();
  const run = await runAction("deploy", inputs(extra), { workspace: ws });
  const during = load.made() - before;
  await new Promise((r) => setTimeout(r, 300));
  return { run, load: await load.stop(), during };
}

/**
 * A stranger's requests whose request line, User-Agent and Referer all carry `claim`, an
 * `address:port status time` triple, about `rate` per second until stopped. nginx answers a
 * request line with spaces itself (400) and logs it: only how gantry reads the log decides
 * whether such a line is counted as an answer of the color it names.
 */
function startForger(claim: string, rate: number): { made(): number; stop(): Promise<void> } {
  const port = Number(new URL(nx.url).port);
  const request = `GET /api/hello ${claim} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: ${claim}\r\nReferer: http://x/ ${claim}\r\nConnection: close\r\n\r\n`;
  const lanes = 20;
  const intervalMs = (lanes * 1000) / rate;
  let made = 0;
  let stopped = false;
  const once = () =>
    new Promise<void>((res) => {
      const s = net.connect(port, "127.0.0.1", () => s.end(request));
      s.on("data", () => {});
      s.on("error", () => res());
      s.on("close", () => {
        made++;
        res();
      });
    });
  const lane = async () => {
    while (!stopped) {
      const at = performance.now();
      await once();
      await new Promise((r) => setTimeout(r, Math.max(0, at + intervalMs - performance.now())));
    }
  };
  const running = Array.from({ length: lanes }, lane);
  return {
    made: () => made,
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

/** Runs one deploy under a real load and a forger claiming `status` for the color the deploy starts; what each made during the deploy. */
async function deployWhileForging(
  extra: Record<string, string>,
  status: number,
): Promise<{ run: ActionRun; load: LoadResult; during: number; forged: number }> {
  const idle = runningServices(stateDir).includes("blue") ? ports.green : ports.blue;
  const forger = startForger(`127.0.0.1:${idle} ${status} 0.001`, 600);
  try {
    await new Promise((r) => setTimeout(r, 300));
    const before = forger.made();
    const { run, load, during } = await deployUnderLoad(extra, 300);
    return { run, load, during, forged: forger.made() - before };
  } finally {
    await forger.stop();
  }
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
    const { run, load, during } = await deployUnderLoad({ manifest: manifests.v2 as string });
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    expect(during, "requests the load made during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    const verify = (JSON.parse(run.outputs.timeline as string) as { phase: string; figures: Record<string, number> }[]).find((e) => e.phase === "verify 100%");
    expect(verify?.figures.requests).toBeGreaterThan(0);
    expect(verify?.figures["p95-ms"]).toEqual(expect.any(Number));
    console.info(`nginx cutover v1 → v2 under load: ${load.failed} of ${load.total} requests failed (${load.non2xx} non-2xx, ${load.errors} errors)`);
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.green} weight=100 max_fails=0; # green`]);
    expect(runningServices(stateDir)).toEqual(["green"]);
  });

  it("an unhealthy release never reaches nginx: no reload, no failed request", async () => {
    const before = upstream();
    const { run, load, during } = await deployUnderLoad({ manifest: manifests["v3-unhealthy"] as string });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe("rolled-back");
    expect(upstream()).toEqual(before);
    expect(during, "requests the load made during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(load.failed).toBe(0);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("rolls back a release that answers 500, measured from the access log", async () => {
    const { run, load, during } = await deployUnderLoad({ manifest: manifests["v4-500"] as string });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe("rolled-back");
    expect(during, "requests the load made during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(Number(run.outputs["error-rate"])).toBeGreaterThan(1);
    expect(run.annotations.find((a) => a.level === "error")?.message).toMatch(/verify window at 100% failed: error rate/);
    console.info(`nginx blue-green, 500 release: users saw ${load.failed} of ${load.total} requests fail before the rollback`);
    expect(upstream()).toEqual([`server 127.0.0.1:${ports.green} weight=100 max_fails=0; # green`]);
    expect(runningServices(stateDir)).toEqual(["green"]);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("forged 5xx lines in request lines, user agents and referers do not roll back a healthy release", async () => {
    const { run, during, forged } = await deployWhileForging({ manifest: manifests.v1 as string }, 500);
    console.info(`nginx, v2 → v1 while forging 500s: ${forged} forged requests, ${during} real ones during the deploy`);
    expect(during, "real requests during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(forged, "forged requests during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(Number(run.outputs["error-rate"])).toBeLessThan(1);
    expect(await servedVersion(nx.url)).toBe("v1");
  });

  it("forged 200 lines do not promote a release that answers 500", async () => {
    // A threshold the forged lines could reach (two forged 200s for every real 500) if they were counted.
    const { run, during, forged } = await deployWhileForging({ manifest: manifests["v4-500"] as string, "max-error-rate": "50%" }, 200);
    console.info(`nginx, v1 → v4-500 while forging 200s: ${forged} forged requests, ${during} real ones during the deploy`);
    expect(during, "real requests during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(forged, "forged requests during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(run.code).toBe(1);
    expect(run.outputs.outcome, run.log).toBe("rolled-back");
    expect(Number(run.outputs["error-rate"])).toBeGreaterThan(50);
    expect(await servedVersion(nx.url)).toBe("v1");
    expect(runningServices(stateDir)).toEqual(["blue"]);
  });

  it("refuses an access log in another format at preflight, naming it and showing the line to add", async () => {
    const old = join(dir, "old-format.log");
    writeFileSync(old, '127.0.0.1 [07/Dec/2026:23:10:53 +0000] "GET /api/hello HTTP/1.1" 127.0.0.1:8081 200 0.001\n'.repeat(5));
    const before = upstream();
    const r = await runAction("deploy", inputs({ manifest: manifests.v2 as string, "nginx-access-log": old }), { workspace: ws });
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toContain(`nginx-access-log ${old} on local: its last 5 lines are not in gantry's format`);
    expect(error).toContain(GANTRY_LOG_FORMAT);
    expect(error).toContain(`access_log ${old} gantry;`);
    expect(upstream()).toEqual(before);
    expect(runningServices(stateDir)).toEqual(["blue"]);
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
      inputs({
        manifest: manifests.v2 as string,
        "nginx-mode": "auto",
        "nginx-lua-include": include,
        "nginx-admin-token": "auto-test-token-0123456789abcdef-0123456789",
      }),
      { workspace: ws },
    );
    expect(r.code, r.log).toBe(0);
    const notice = r.annotations.find((a) => a.level === "notice" && a.message.includes("nginx-mode: auto"))?.message;
    expect(notice).toMatch(/nginx-mode: auto chose reload: nginx has no Lua module/);
    expect(notice).toMatch(/closes idle client keep-alive connections/);
    expect(notice).toContain("libnginx-mod-http-lua");
    const color = r.outputs["active-color"] as "blue" | "green";
    expect(upstream()).toEqual([`server 127.0.0.1:${ports[color]} weight=100 max_fails=0; # ${color}`]);
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
        "nginx-admin-token": "lua-test-token-0123456789abcdef-0123456789",
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
