/**
 * The 10-cutover run of deploy.bench.ts for the process managers (keep 0 failed requests per
 * cutover with the systemd and Supervisor runtimes too), each under the same keep-alive load, with what the manager adds to starting the new
 * version and stopping the old one (the timeline's `start` and `stop-old` phases):
 * - runtime: supervisor behind the bench's HAProxy, through a supervisord of the bench's own;
 * - runtime: systemd in a container whose PID 1 is systemd (test/deploy/systemd-host.ts), with
 *   HAProxy as one of its units and the CLI run inside it through nsenter; the load comes in over
 *   the container's veth.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type GantryRun, REPO, gantry } from "../demo/lib.js";
import { haproxyConfig, servedVersion, startLoad, waitFor } from "../test/deploy/support.js";
import { startSupervisord } from "../test/deploy/supervisord.js";
import { bootSystemdHost, testUnit } from "../test/deploy/systemd-host.js";
import { removeTree } from "../test/harness.js";
import { lacking } from "../test/tools.js";
import type { BenchRow } from "./results.js";

type Deploy = (inputs: Record<string, string>) => Promise<GantryRun>;

/** What every run shares: how many cutovers, the load, the releases (v1, v2), the common inputs. */
export interface CutoverPlan {
  cutovers: number;
  load: { connections: number };
  manifests: Record<string, string>;
  common: Record<string, string>;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const log = (line: string) => process.stderr.write(`${line}\n`);
const phaseMs = (r: GantryRun, phase: string) =>
  (JSON.parse(r.outputs.timeline ?? "[]") as { phase: string; ms: number }[]).find((e) => e.phase === phase)?.ms ?? Number.NaN;

/** v1, then `cutovers` alternating cutovers under the load on `url`; the rows that report them. */
async function cutoverRows(name: string, startStop: string, plan: CutoverPlan, deploy: Deploy, url: string): Promise<BenchRow[]> {
  const first = await deploy({ manifest: plan.manifests.v1 as string });
  if (first.outputs.outcome !== "promoted") throw new Error(`${name}: v1 was not promoted: ${first.stderr.slice(-500)}`);
  const load = startLoad(`${url}/api/hello`, plan.load);
  const start: number[] = [];
  const stop: number[] = [];
  for (let i = 0; i < plan.cutovers; i++) {
    const r = await deploy({ manifest: plan.manifests[i % 2 === 0 ? "v2" : "v1"] as string });
    if (r.outputs.outcome !== "promoted") throw new Error(`${name} cutover ${i + 1} was not promoted: ${r.stderr.slice(-500)}`);
    start.push(phaseMs(r, "start"));
    stop.push(phaseMs(r, "stop-old"));
  }
  const l = await load.stop();
  log(`${name}: ${l.failed} of ${l.total} failed over ${plan.cutovers} cutovers`);
  return [
    {
      metric: `${name}: requests failed across ${plan.cutovers} cutovers (${plan.load.connections} keep-alive connections, {rps})`,
      measures: { rps: { value: Math.round(l.rps), unit: "req/s" }, failed: { value: l.failed, unit: "" }, total: { value: l.total, unit: "" } },
      show: "{failed} of {total}",
      target: { measure: "failed", equals: 0 },
    },
    {
      metric: `${name}: ${startStop}`,
      measures: { start: { value: pct(start, 50), unit: "ms" }, stop: { value: pct(stop, 50), unit: "ms" } },
      show: "p50 {start} / {stop}",
    },
  ];
}

/** runtime: supervisor behind the bench's HAProxy (`hp`: its inputs and URL), with a supervisord started in `dir`. */
export async function supervisorCutovers(
  dir: string,
  plan: CutoverPlan,
  cwd: string,
  hp: { inputs: Record<string, string>; url: string },
): Promise<BenchRow[]> {
  const sv = await startSupervisord(dir);
  const base = {
    ...plan.common,
    ...hp.inputs,
    "state-dir": join(dir, "state"),
    runtime: "supervisor",
    "supervisor-conf-dir": sv.confDir,
    "supervisor-config": sv.config,
    // Stated: the bench's supervisord runs on this machine, where a gantry-hello user must not be created.
    user: "root",
  };
  try {
    const deploy: Deploy = (extra) => gantry("deploy", { ...base, ...extra }, { cwd, quiet: true });
    const what = "start of the new version (write, reread, update, start, RUNNING) / stop of the old one (stop, autostart off, update)";
    return await cutoverRows("runtime: supervisor behind HAProxy", what, plan, deploy, hp.url);
  } finally {
    await sv.stop();
  }
}

const SYSTEMD_NEEDS = ["root", "systemd-nspawn", "nsenter", "mount", "ip", "haproxy", "systemd-analyze"];
const PORTS = { blue: 8081, green: 8082 };

/** runtime: systemd inside a systemd container (`dir` shared with it), HAProxy a unit there; `ws` holds the releases. */
export async function systemdCutovers(dir: string, plan: CutoverPlan, ws: string): Promise<BenchRow[]> {
  const missing = lacking(SYSTEMD_NEEDS);
  if (missing.length) return [{ metric: "runtime: systemd: 10 cutovers", show: `not measured: needs ${missing.join(", ")}` }];
  const hp = join(dir, "haproxy");
  mkdirSync(hp, { recursive: true });
  const socket = join(hp, "admin.sock");
  const stateFile = join(hp, "haproxy.state");
  writeFileSync(join(hp, "haproxy.cfg"), haproxyConfig({ socket, stateFile, bind: "*:8080", ports: PORTS }));
  const host = await bootSystemdHost({
    binds: [ws, dir, REPO],
    units: { "gantry-test-haproxy.service": testUnit("the bench's HAProxy", `/usr/sbin/haproxy -db -f ${join(hp, "haproxy.cfg")}`) },
  });
  const url = `http://${host.address}:8080`;
  const base = {
    ...plan.common,
    runtime: "systemd",
    "haproxy-socket": socket,
    "haproxy-server-state-file": stateFile,
    ports: `${PORTS.blue},${PORTS.green}`,
    "state-dir": "/var/lib/gantry/hello",
  };
  try {
    await waitFor("HAProxy in the container", async () => (await servedVersion(url)) !== "HTTP 0", 20_000);
    const wrap = [...host.enter(), "env", `--chdir=${ws}`];
    const deploy: Deploy = (extra) => gantry("deploy", { ...base, ...extra }, { cwd: ws, quiet: true, wrap });
    const what = "start of the new version (unit written and verified, daemon-reload, enable, start, active) / stop of the old one (stop, disable)";
    return await cutoverRows("runtime: systemd behind HAProxy, systemd as PID 1 of a container", what, plan, deploy, url);
  } finally {
    await host.stop();
    // Outside vitest nothing removes the container's overlay folder: the bench does, once it is unmounted.
    if (!readFileSync("/proc/self/mounts", "utf8").includes(` ${host.root} `)) removeTree(dirname(host.root));
  }
}
