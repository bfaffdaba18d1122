/**
 * Issue 13's benchmark, with the CLI bundle against real HAProxy and Debian's Prometheus (scrape
 * interval 1 s) on loopback, under the same steady load: a canary (5 → 25 → 50 → 100) of a release
 * that answers 500, judged by the router gate alone (max-error-rate 1%) and by a Prometheus
 * error-rate query alone (the router gate off), 3 runs each:
 * - requests users saw fail between the start of the bad canary and its rollback;
 * - the time from the first scrape that saw the release's 500s to all traffic back on the old version;
 * and a release that leaks memory, which the router cannot see, with and without a memory query.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type GantryRun, gantry } from "../demo/lib.js";
import { startPrometheus } from "../test/deploy/prometheus.js";
import { buildReleases, freePort, get, startHaproxy, startLoad, stopServices } from "../test/deploy/support.js";
import { fixtureCopy } from "../test/harness.js";
import type { BenchRow } from "./results.js";

const RUNS = 3;
// Capped so Prometheus, HAProxy, two service versions and the load share two cores the same way in every run.
const LOAD = { connections: 50, rate: 2000 };
const ERROR_RATE =
  'error-rate: (sum(rate(http_requests_total{version="{version}",code=~"5.."}[10s])) or vector(0)) / sum(rate(http_requests_total{version="{version}"}[10s])) < 0.01';
const MEMORY = 'memory: max(process_resident_memory_bytes{color="{color}"}) < 80e6';

type Entry = { phase: string; start: string; ms: number; figures: Record<string, number | string> };
const timeline = (r: GantryRun) => JSON.parse(r.outputs.timeline ?? "[]") as Entry[];
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Epoch ms when all traffic was back on the old version (the end of the rollback phase). */
function backOnOld(r: GantryRun): number {
  const e = timeline(r).find((x) => x.phase === "rollback");
  if (!e) throw new Error(`no rollback in the timeline: ${r.stderr.slice(-500)}`);
  return Date.parse(e.start) + e.ms;
}

/** Epoch ms of the first scrape after `since` that counted a 500 from `version`, or undefined. */
async function firstBadScrape(promUrl: string, version: string, since: number): Promise<number | undefined> {
  const query = `http_requests_total{version="${version}",code="500"}[5m]`;
  const r = await get(`${promUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  const series = (JSON.parse(r.body) as { data: { result: { values: [number, string][] }[] } }).data.result;
  const times = series.flatMap((s) => s.values.filter(([t, v]) => t * 1000 >= since && Number(v) > 0).map(([t]) => t * 1000));
  return times.length ? Math.min(...times) : undefined;
}

export default async function analysisBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const ws = fixtureCopy("example-service");
  const dir = mkdtempSync(join(tmpdir(), "gantry-bench-analysis-"));
  log("building v1, a release that answers 500 and one that leaks memory …");
  // A bad release per run: a version redeployed within its queries' rate window is judged on its last attempt's samples too.
  const bad = Array.from({ length: 2 * RUNS }, (_, i) => ({ version: `v3-500-${i + 1}`, fault: "500" }));
  const m = await buildReleases(ws, [{ version: "v1" }, ...bad, { version: "v4-leak", fault: "leak" }]);
  let next = 0;
  const ports = { blue: await freePort(), green: await freePort() };
  const hp = await startHaproxy(dir, ports, { exporter: true });
  const prom = await startPrometheus(dir, [
    { job: "hello", address: `127.0.0.1:${ports.blue}`, labels: { color: "blue" } },
    { job: "hello", address: `127.0.0.1:${ports.green}`, labels: { color: "green" } },
  ]);
  const base = {
    app: "hello",
    env: "HOST=127.0.0.1",
    "haproxy-socket": hp.socket,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": join(dir, "state"),
    "health-interval": "100ms",
    "verify-window": "5s",
    "drain-timeout": "2s",
    "prometheus-url": prom.url,
    "analysis-interval": "1s",
  };
  const deploy = (inputs: Record<string, string>) => gantry("deploy", { ...base, ...inputs }, { cwd: ws, quiet: true });
  try {
    const first = await deploy({ manifest: m.v1 as string });
    if (first.outputs.outcome !== "promoted") throw new Error(`v1 was not promoted: ${first.stderr.slice(-500)}`);
    const gates = {
      "router gate alone (max-error-rate 1%)": { "max-error-rate": "1%" },
      "Prometheus error-rate query alone (router gate off)": { "max-error-rate": "100%", analysis: ERROR_RATE },
    };
    for (const [name, gate] of Object.entries(gates)) {
      const failed: number[] = [];
      const scrapeToOld: number[] = [];
      let beforeScrape = 0;
      let rps = 0;
      for (let i = 0; i < RUNS; i++) {
        const load = startLoad(`${hp.url}/api/hello`, LOAD);
        await new Promise((r) => setTimeout(r, 500));
        const since = Date.now();
        const version = (bad[next++] as { version: string }).version;
        const r = await deploy({ manifest: m[version] as string, strategy: "canary", ...gate });
        await new Promise((r) => setTimeout(r, 500));
        const l = await load.stop();
        if (r.outputs.outcome !== "rolled-back") throw new Error(`the 500 release was not rolled back (${name}): ${r.stderr.slice(-500)}`);
        failed.push(l.failed);
        rps = l.rps;
        // Scrapes after the rollback may still be ingesting: wait one interval before asking.
        await new Promise((r) => setTimeout(r, 1500));
        const seen = await firstBadScrape(prom.url, version, since);
        if (seen === undefined || seen > backOnOld(r)) beforeScrape++;
        else scrapeToOld.push(backOnOld(r) - seen);
      }
      log(
        `${name}: failed ${failed.join(", ")}; first bad scrape → old version ${scrapeToOld.join(", ")} ms; rolled back before any scrape saw a 500: ${beforeScrape}`,
      );
      rows.push({
        metric: `bad canary (answers 500), ${name}: requests users saw fail before the rollback`,
        measures: { runs: { value: failed, unit: "" }, rps: { value: Math.round(rps), unit: "req/s" } },
        show: "median {runs:median} (runs: {runs}) at ~{rps}",
      });
      rows.push({
        metric: `bad canary, ${name}: first scrape that saw a 500 → all traffic on the old version`,
        measures: { runs: { value: scrapeToOld, unit: "ms" }, before: { value: beforeScrape, unit: "" }, all: { value: RUNS, unit: "" } },
        show: scrapeToOld.length
          ? `median {runs:median} (runs: {runs})${beforeScrape ? "; {before} run(s) rolled back before any scrape saw a 500" : ""}`
          : "rolled back before any scrape saw a 500 in all {all} runs",
      });
    }
    rows.push(...(await leak(deploy, m["v4-leak"] as string)));
  } finally {
    stopServices(base["state-dir"]);
    await prom.stop();
    await hp.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}

/** A release that leaks 10 MiB a second: the memory query rolls it back; the router gate alone promotes it. */
async function leak(deploy: (i: Record<string, string>) => Promise<GantryRun>, manifest: string): Promise<BenchRow[]> {
  const judged = await deploy({ manifest, "verify-window": "20s", analysis: MEMORY });
  if (judged.outputs.outcome !== "rolled-back") throw new Error(`the leaking release was not rolled back by the memory query: ${judged.stderr.slice(-500)}`);
  const sw = timeline(judged).find((e) => e.phase === "switch 100%");
  const after = sw ? backOnOld(judged) - Date.parse(sw.start) : Number.NaN;
  const alone = await deploy({ manifest, "verify-window": "20s" });
  log(`leaking release: memory query → ${judged.outputs.outcome} ${after} ms after the switch; router gate alone → ${alone.outputs.outcome}`);
  return [
    {
      metric: "release leaking 10 MiB/s, memory query < 80e6 (verify-window 20s): outcome",
      measures: { after: { value: Number((after / 1000).toFixed(1)), unit: "s" } },
      // The outcomes are words, not figures (a release not rolled back stops the bench above).
      show: `${judged.outputs.outcome}, traffic back on the old version {after} after the switch; router gate alone: ${alone.outputs.outcome}`,
    },
  ];
}
