/**
 * Issue 6's performance targets, measured with the CLI bundle against real HAProxy and nginx on
 * loopback, under autocannon (100 keep-alive connections, no retries, full speed):
 * - requests failed across 10 consecutive blue-green cutovers: HAProxy (target 0); nginx through
 *   gantry side by side with the naive rewrite-upstream + reload + stop-old;
 * - health gate passed → all traffic on the new version (target < 100 ms with HAProxy);
 * - failure detected → traffic back on the old version (target < 1 s);
 * - requests users saw fail before a release answering 500 was rolled back: blue-green vs canary;
 * - nginx-mode reload vs lua (the Lua balancer, no reload), 10 cutovers each under the
 *   same load, plus a canary 5 → 25 → 100 through lua;
 * - runtime: supervisor and runtime: systemd (in a container whose PID 1 is systemd),
 *   10 cutovers each behind HAProxy under the same load, with the time the process manager adds to
 *   starting the new version and stopping the old one (runtime-cutovers.ts).
 * Verify windows are 1 s (not the 30 s default) so the bench ends in minutes; the windows do not
 * change what is measured.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type GantryRun, gantry } from "../demo/lib.js";
import { buildReleases, freePort, get, startHaproxy, startLoad, startNginx, stopServices } from "../test/deploy/support.js";
import { supervisorCutovers, systemdCutovers } from "./runtime-cutovers.js";
import { fixtureCopy, removeTree } from "../test/harness.js";
import type { Measure } from "./figures.js";
import type { BenchRow } from "./results.js";

const ms = (value: number): Measure => ({ value, unit: "ms" });
const count = (value: number): Measure => ({ value, unit: "" });
/** A load's outcome as raw measures: requests failed (non-2xx and connection errors), of how many, at what rate. */
const failedOf = (l: { failed: number; total: number; non2xx?: number; errors?: number; rps: number }): Record<string, Measure> => ({
  failed: count(l.failed),
  total: count(l.total),
  ...(l.non2xx === undefined ? {} : { non2xx: count(l.non2xx) }),
  ...(l.errors === undefined ? {} : { errors: count(l.errors) }),
  rps: { value: Math.round(l.rps), unit: "req/s" },
});

const CUTOVERS = 10;
const LOAD = { connections: 100 };

type Entry = { phase: string; ms: number; figures: Record<string, number | string> };
const timeline = (r: GantryRun) => JSON.parse(r.outputs.timeline ?? "[]") as Entry[];
const figure = (r: GantryRun, phase: string, name: string) => Number(timeline(r).find((e) => e.phase === phase)?.figures[name]);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const log = (line: string) => process.stderr.write(`${line}\n`);

export default async function deployBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const ws = fixtureCopy("example-service");
  const dir = mkdtempSync(join(tmpdir(), "gantry-bench-deploy-"));
  log("building v1, v2 and a release that answers 500 …");
  const m = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-500", fault: "500" }]);
  const hpPorts = { blue: await freePort(), green: await freePort() };
  const nxPorts = { blue: await freePort(), green: await freePort() };
  const hpDir = join(dir, "haproxy");
  const nxDir = join(dir, "nginx");
  const luaDir = join(dir, "nginx-lua");
  mkdirSync(hpDir);
  mkdirSync(nxDir);
  mkdirSync(luaDir);
  const hp = await startHaproxy(hpDir, hpPorts);
  const nx = await startNginx(nxDir, nxPorts.blue);
  const luaPorts = { blue: await freePort(), green: await freePort() };
  const lx = await startNginx(luaDir, luaPorts.blue, { lua: true });
  const naiveProcs: number[] = [];
  const common = { app: "hello", env: "HOST=127.0.0.1", "health-interval": "100ms", "verify-window": "1s", "drain-timeout": "5s" };
  const hpInputs = { ...common, "haproxy-socket": hp.socket, ports: `${hpPorts.blue},${hpPorts.green}`, "state-dir": join(hpDir, "state") };
  const nxInputs = {
    ...common,
    router: "nginx",
    "nginx-upstream-file": nx.upstreamFile,
    "nginx-reload-command": nx.reloadCommand,
    "nginx-pid-file": nx.pidFile,
    "nginx-access-log": nx.accessLog,
    ports: `${nxPorts.blue},${nxPorts.green}`,
    "state-dir": join(nxDir, "state"),
  };
  const luaInputs = {
    ...common,
    router: "nginx",
    "nginx-mode": "lua",
    "nginx-lua-include": join(luaDir, "gantry-hello.conf"),
    // In a folder gantry makes 0750: it refuses an admin socket other users can reach.
    "nginx-admin-socket": join(luaDir, "run", "admin.sock"),
    // A throwaway token for this bench (the CLI takes inputs as arguments).
    "nginx-admin-token": randomBytes(16).toString("hex"),
    "nginx-reload-command": lx.reloadCommand,
    "nginx-access-log": lx.accessLog,
    ports: `${luaPorts.blue},${luaPorts.green}`,
    "state-dir": join(luaDir, "state"),
  };
  const deploy = (inputs: Record<string, string>) => gantry("deploy", inputs, { cwd: ws, quiet: true });
  try {
    // 1. HAProxy: 10 cutovers under load.
    await deploy({ ...hpInputs, manifest: m.v1 as string });
    let load = startLoad(`${hp.url}/api/hello`, LOAD);
    const gateToTraffic: number[] = [];
    for (let i = 0; i < CUTOVERS; i++) {
      const r = await deploy({ ...hpInputs, manifest: m[i % 2 === 0 ? "v2" : "v1"] as string });
      if (r.outputs.outcome !== "promoted") throw new Error(`HAProxy cutover ${i + 1} was not promoted: ${r.stderr.slice(-500)}`);
      gateToTraffic.push(figure(r, "switch 100%", "ms-from-gate"));
    }
    let l = await load.stop();
    log(`haproxy: ${l.failed} of ${l.total} failed over ${CUTOVERS} cutovers`);
    rows.push({
      metric: `HAProxy: requests failed across ${CUTOVERS} blue-green cutovers (${LOAD.connections} keep-alive connections, {rps})`,
      measures: failedOf(l),
      show: "{failed} of {total}",
      target: { measure: "failed", equals: 0 },
    });
    rows.push({
      metric: "HAProxy: health gate passed → all traffic on the new version",
      measures: { p50: ms(pct(gateToTraffic, 50)), max: ms(Math.max(...gateToTraffic)) },
      show: "p50 {p50}, max {max}",
      target: { measure: "p50", below: ms(100) },
    });

    // 2. A release answering 500 after the switch: blue-green, then canary (5% first), under the same load.
    const rollbackMs: number[] = [];
    for (const strategy of ["blue-green", "canary"]) {
      const failures: number[] = [];
      for (let i = 0; i < 3; i++) {
        load = startLoad(`${hp.url}/api/hello`, LOAD);
        await new Promise((r) => setTimeout(r, 500));
        const r = await deploy({ ...hpInputs, manifest: m["v3-500"] as string, strategy });
        await new Promise((r) => setTimeout(r, 500));
        l = await load.stop();
        if (r.outputs.outcome !== "rolled-back") throw new Error(`the 500 release was not rolled back (${strategy}): ${r.stderr.slice(-500)}`);
        rollbackMs.push(figure(r, "rollback", "ms-to-old-version"));
        failures.push(l.failed);
      }
      log(`haproxy ${strategy}, 500 release: ${failures.join(", ")} failed`);
      rows.push({
        metric: `HAProxy ${strategy}${strategy === "canary" ? " (5% first)" : ""}: requests users saw fail before a 500-answering release was rolled back`,
        measures: { runs: { value: failures, unit: "" }, rps: { value: Math.round(l.rps), unit: "req/s" } },
        show: "median {runs:median} (runs: {runs}) at ~{rps}",
      });
    }
    rows.push({
      metric: "HAProxy: failure detected → all traffic on the old version",
      measures: { p50: ms(pct(rollbackMs, 50)), max: ms(Math.max(...rollbackMs)) },
      show: "p50 {p50}, max {max}",
      target: { measure: "max", below: { value: 1, unit: "s" } },
    });
    stopServices(hpInputs["state-dir"]);

    // 3. nginx: gantry's cutover vs the naive one, 10 each, under the same load.
    await deploy({ ...nxInputs, manifest: m.v1 as string });
    rows.push(await keepaliveControl(join(dir, "nginx-control"), nx.upstreamFile));
    load = startLoad(`${nx.url}/api/hello`, LOAD);
    for (let i = 0; i < CUTOVERS; i++) {
      const r = await deploy({ ...nxInputs, manifest: m[i % 2 === 0 ? "v2" : "v1"] as string });
      if (r.outputs.outcome !== "promoted") throw new Error(`nginx cutover ${i + 1} was not promoted: ${r.stderr.slice(-500)}`);
    }
    const viaGantry = await load.stop();
    stopServices(nxInputs["state-dir"]);
    const naive = await naiveCutovers(nx, nxPorts, m, naiveProcs);
    log(`nginx: gantry ${viaGantry.failed}/${viaGantry.total}, naive ${naive.failed}/${naive.total}`);
    rows.push({
      metric: `nginx through gantry (nginx-mode reload): requests failed across ${CUTOVERS} cutovers ({rps})`,
      measures: failedOf(viaGantry),
      show: "{failed} of {total} ({non2xx} non-2xx, {errors} connection errors)",
    });
    rows.push({
      metric: `nginx, naive rewrite upstream + reload + stop old: requests failed across ${CUTOVERS} cutovers ({rps})`,
      measures: failedOf(naive),
      show: "{failed} of {total} ({non2xx} non-2xx, {errors} connection errors)",
    });

    // 4. nginx-mode lua, the same 10 cutovers under the same load, then a canary.
    await deploy({ ...luaInputs, manifest: m.v1 as string }); // writes the include and names the two lines
    await lx.useLuaInclude(luaInputs["nginx-lua-include"], "hello");
    const first = await deploy({ ...luaInputs, manifest: m.v1 as string });
    if (first.outputs.outcome !== "promoted") throw new Error(`nginx lua: v1 was not promoted: ${first.stderr.slice(-500)}`);
    load = startLoad(`${lx.url}/api/hello`, LOAD);
    for (let i = 0; i < CUTOVERS; i++) {
      const r = await deploy({ ...luaInputs, manifest: m[i % 2 === 0 ? "v2" : "v1"] as string });
      if (r.outputs.outcome !== "promoted") throw new Error(`nginx lua cutover ${i + 1} was not promoted: ${r.stderr.slice(-500)}`);
    }
    const viaLua = await load.stop();
    load = startLoad(`${lx.url}/api/hello`, LOAD);
    const canary = await deploy({ ...luaInputs, manifest: m.v2 as string, strategy: "canary", "canary-steps": "5,25,100" });
    if (canary.outputs.outcome !== "promoted") throw new Error(`nginx lua canary was not promoted: ${canary.stderr.slice(-500)}`);
    const luaCanary = await load.stop();
    log(`nginx: reload ${viaGantry.failed}/${viaGantry.total}, lua ${viaLua.failed}/${viaLua.total}, lua canary ${luaCanary.failed}/${luaCanary.total}`);
    rows.push({
      metric: `nginx-mode lua: requests failed across ${CUTOVERS} cutovers ({rps}; nginx-mode reload above: {reloadFailed})`,
      measures: { ...failedOf(viaLua), reloadFailed: { value: viaGantry.failed, unit: "" } },
      show: "{failed} of {total} ({non2xx} non-2xx, {errors} connection errors)",
      target: { measure: "failed", equals: 0 },
    });
    rows.push({
      metric: "nginx-mode lua: requests failed across a canary 5 → 25 → 100 ({rps})",
      measures: failedOf(luaCanary),
      show: "{failed} of {total}",
      target: { measure: "failed", equals: 0 },
    });
    // 5. runtime: supervisor behind the same HAProxy, then runtime: systemd in a systemd container, 10 cutovers each under the same load.
    const plan = { cutovers: CUTOVERS, load: LOAD, manifests: m, common };
    rows.push(...(await supervisorCutovers(join(dir, "supervisor"), plan, ws, { inputs: hpInputs, url: hp.url })));
    rows.push(...(await systemdCutovers(join(dir, "systemd"), plan, ws)));
  } finally {
    stopServices(hpInputs["state-dir"]);
    stopServices(nxInputs["state-dir"]);
    stopServices(luaInputs["state-dir"]);
    for (const pid of naiveProcs) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    await hp.stop();
    await nx.stop();
    await lx.stop();
    removeTree(dir);
    removeTree(ws);
  }
  return rows;
}

/**
 * The control for the nginx rows: the same load through an nginx with its default keepalive_requests
 * (1000) in front of the release gantry just started, with no cutover at all. Every connection error
 * here is autocannon writing on a connection nginx closed with `Connection: close`; the nginx of the
 * other rows sets keepalive_requests high (test/deploy/support.ts), so their errors are the cutovers'.
 */
async function keepaliveControl(dir: string, upstreamFile: string): Promise<BenchRow> {
  mkdirSync(dir);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(readFileSync(upstreamFile, "utf8"))?.[1]);
  const control = await startNginx(dir, port, { keepaliveRequests: 1000 });
  try {
    const load = startLoad(`${control.url}/api/hello`, LOAD);
    await new Promise((r) => setTimeout(r, 20_000));
    const l = await load.stop();
    return {
      metric: "nginx with its default keepalive_requests (1000), the same load for 20 s, no cutover at all ({rps})",
      measures: failedOf(l),
      show: "{failed} of {total} failed ({errors} connection errors): autocannon ignores Connection: close; the other nginx rows set keepalive_requests 1000000",
    };
  } finally {
    await control.stop();
  }
}

/**
 * The hand-made cutover teams write: start the new version on the other port, wait until it
 * answers, rewrite the upstream file, `nginx -s reload`, stop the old version right away.
 */
async function naiveCutovers(nx: Awaited<ReturnType<typeof startNginx>>, ports: { blue: number; green: number }, m: Record<string, string>, procs: number[]) {
  const binary = (v: string) => {
    const manifest = JSON.parse(readFileSync(m[v] as string, "utf8")) as { artifacts: { path: string }[] };
    return join(dirname(m[v] as string), (manifest.artifacts[0] as { path: string }).path);
  };
  const start = async (v: string, port: number) => {
    const child = spawn(binary(v), [], { env: { PORT: String(port), HOST: "127.0.0.1" }, stdio: "ignore", detached: true });
    procs.push(child.pid as number);
    while ((await get(`http://127.0.0.1:${port}/healthz`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
    return child;
  };
  const sh = (cmd: string) => new Promise<void>((res) => spawn("sh", ["-c", cmd], { stdio: "ignore" }).on("exit", () => res()));
  let current = await start("v1", ports.blue);
  let port = ports.blue;
  writeFileSync(nx.upstreamFile, `server 127.0.0.1:${port};\n`);
  await sh(nx.reloadCommand);
  await new Promise((r) => setTimeout(r, 1000));
  const load = startLoad(`${nx.url}/api/hello`, LOAD);
  for (let i = 0; i < CUTOVERS; i++) {
    const nextPort = port === ports.blue ? ports.green : ports.blue;
    const next = await start(i % 2 === 0 ? "v2" : "v1", nextPort);
    writeFileSync(nx.upstreamFile, `server 127.0.0.1:${nextPort};\n`);
    await sh(nx.reloadCommand);
    current.kill("SIGTERM");
    current = next;
    port = nextPort;
    await new Promise((r) => setTimeout(r, 1500));
  }
  const result = await load.stop();
  current.kill("SIGTERM");
  return result;
}
