/**
 * Metric-gated canaries (issue 13) with the real thing: Prometheus from Debian's package scraping
 * the example service's /metrics every second (each slot's port labelled with its color, as users
 * configure it) and HAProxy's built-in exporter; the deploy action through the harness decides
 * from the queries' values, beside HAProxy's counters, under a steady load.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PrometheusClient, fillQuery } from "../../packages/deploy/src/analysis/index.js";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { type Prometheus, startPrometheus } from "./prometheus.js";
import {
  type Haproxy,
  type LoadResult,
  buildReleases,
  freePort,
  runningServices,
  servedVersion,
  startHaproxy,
  startLoad,
  stopServices,
  haproxyInputs,
  QUICK_GATES,
} from "./support.js";

const NEEDS = ["haproxy", "prometheus", "curl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-analysis-");
const stateDir = join(dir, "state");
let hp: Haproxy;
let prom: Prometheus;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;

// Short rate windows so a test reacts in seconds; `or vector(0)`: no 5xx series yet is a rate of 0, not "no data".
const ERROR_RATE =
  'error-rate: (sum(rate(http_requests_total{version="{version}",code=~"5.."}[10s])) or vector(0)) / sum(rate(http_requests_total{version="{version}"}[10s])) < 0.05';
const P95 = 'p95: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{version}"}[10s]))) < 0.3';
const MEMORY = 'memory: max(process_resident_memory_bytes{color="{color}"}) < 80e6';
// Against the version being replaced; its range outlasts the 100% window, when the old version no longer gets requests.
const P95_VS_OLD =
  'p95-vs-old: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{version}",route="/api/hello"}[30s]))) <= 3 * baseline';

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-500", fault: "500" }, { version: "v4-leak", fault: "leak" }]);
  ports = { blue: await freePort(), green: await freePort() };
  hp = await startHaproxy(dir, ports, { exporter: true });
  prom = await startPrometheus(dir, [
    { job: "hello", address: `127.0.0.1:${ports.blue}`, labels: { color: "blue" } },
    { job: "hello", address: `127.0.0.1:${ports.green}`, labels: { color: "green" } },
    { job: "haproxy", address: (hp.metricsUrl as string).replace(/^http:\/\/|\/metrics$/g, "") },
  ]);
});

afterAll(async () => {
  stopServices(stateDir);
  await prom?.stop();
  await hp?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    app: "hello",
    router: "haproxy",
    ...haproxyInputs(hp, ports, stateDir),
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    "verify-window": "4s",
    "prometheus-url": prom.url,
    "prometheus-timeout": "2s",
    "analysis-interval": "1s",
    ...extra,
  };
}

/** Runs a deploy while a light steady load goes through HAProxy (two cores are shared with Go and Prometheus). */
async function deployUnderLoad(extra: Record<string, string>): Promise<{ run: ActionRun; load: LoadResult }> {
  const load = startLoad(`${hp.url}/api/hello`, { connections: 10, rate: 300 });
  await new Promise((r) => setTimeout(r, 300));
  const run = await runAction("deploy", inputs(extra), { workspace: ws });
  await new Promise((r) => setTimeout(r, 300));
  return { run, load: await load.stop() };
}

interface OutMeasurement {
  query: string;
  step: number;
  value: number | null;
  verdict: string;
  detail?: string;
}
const measurements = (run: ActionRun) => JSON.parse(run.outputs.analysis ?? "[]") as OutMeasurement[];
const phases = (run: ActionRun) => (JSON.parse(run.outputs.timeline ?? "[]") as { phase: string }[]).map((e) => e.phase);
const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === "error")?.message ?? "";

/** A load judged on its failures must first have been a load: a few hundred requests over the deploy it ran beside. */
function expectLoadMade(load: LoadResult, what: string): void {
  console.info(`analysis, ${what}: ${load.failed} of ${load.total} requests failed`);
  expect(load.total, `${what}: requests made during the deploy`).toBeGreaterThanOrEqual(300);
}

describeNeeding(NEEDS, "deploy with Prometheus analysis", () => {
  it("refuses a malformed line or a query Prometheus refuses before anything changes, naming the line", async () => {
    const cases: [string, RegExp][] = [
      [
        "error-rate: sum(rate(http_requests_total[1m]))",
        /input 'analysis': "error-rate: sum\(rate\(http_requests_total\[1m\]\)\)" is not valid; it does not end with a comparison/,
      ],
      [
        'p95: histogram_quantile(0.95, sum by (le) (rate(x{version="{version}"}[1m])) < 0.3',
        /input 'analysis': "p95: .*" is not valid; the query has an unclosed \(/,
      ],
      [
        "cpu: rate(process_cpu_seconds_total) < 0.5",
        /input 'analysis': "cpu: rate\(process_cpu_seconds_total\) < 0\.5" is not valid; Prometheus refused the query cpu: .*range vector/,
      ],
      ["mem: max(process_resident_memory_bytes) < 256MB", /input 'analysis': "mem: .*" is not valid; it does not end with a comparison and a threshold/],
    ];
    for (const [line, message] of cases) {
      const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, analysis: line }), { workspace: ws });
      expect(r.code, r.log).toBe(1);
      expect(errorOf(r)).toMatch(message);
      expect(runningServices(stateDir)).toEqual([]);
    }
  });

  it("gives Prometheus hostile values as strings it parses, regex-quoted in =~ matchers", async () => {
    const client = new PrometheusClient({ url: prom.url, timeoutMs: 5000, token: "", basicAuth: "" });
    // Two hello targets (blue and green), one haproxy: `.*` unquoted would match all three jobs.
    const count = 'count(up{job=~"{app}"}) or vector(0)';
    const fill = (app: string) => fillQuery(count, { version: "v1", previous_version: "", color: "blue", app, host: "local" });
    expect(await client.query(fill("hello"))).toEqual({ value: 2 });
    expect(await client.query(fill("hel.*"))).toEqual({ value: 0 });
    expect(await client.query(fill(".*"))).toEqual({ value: 0 });
    for (const hostile of ['"}', 'x"} or vector(1) or up{a="', "a\\b", "line\nbreak", "it's", "`", "(a|b)[x]{1}^$"]) {
      for (const query of [count, 'count(up{job="{app}"}) or vector(0)', 'count(up{job!~"{app}"})']) {
        const filled = fillQuery(query, { version: "v1", previous_version: "", color: "blue", app: hostile, host: "local" });
        expect(await client.check(filled), `${query} with ${JSON.stringify(hostile)}: ${filled}`).toEqual({});
        if (query !== 'count(up{job!~"{app}"})') expect(await client.query(filled), filled).toEqual({ value: 0 });
        else expect(await client.query(filled), filled).toEqual({ value: 3 });
      }
    }
  });

  it("deploys v1 first, judged by the queries (no baseline yet: skipped)", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, analysis: [MEMORY, P95_VS_OLD].join("\n") }), {
      workspace: ws,
    });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.outcome).toBe("promoted");
    const ms = measurements(r);
    // Until Prometheus has scraped the new process its memory has no data: inconclusive, never failed.
    const memory = ms.filter((m) => m.query === "memory");
    expect(memory.map((m) => m.verdict)).not.toContain("fail");
    expect(memory.at(-1)?.verdict).toBe("pass");
    expect(ms.filter((m) => m.query === "p95-vs-old").map((m) => m.verdict)).toContain("skipped");
    expect(await servedVersion(hp.url)).toBe("v1");
  });

  it("promotes a healthy v2 through 5 → 25 → 50 → 100 with every query passing, charted in the summary", async () => {
    const { run, load } = await deployUnderLoad({
      manifest: manifests.v2 as string,
      strategy: "canary",
      analysis: [ERROR_RATE, P95, MEMORY, P95_VS_OLD].join("\n"),
      // Prometheus without a web config ignores it; it must still never be printed or stored.
      "prometheus-token": "s3cret-prom-token",
    });
    expect(run.code, run.log).toBe(0);
    expect(run.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-prom-token");
    // The post step's saved inputs hold the analysis, without its credentials.
    expect(run.state["gantry-deploy-run"]).toContain(`"prometheus":{"url":"${prom.url}"`);
    expect(JSON.stringify(run.state)).not.toContain("s3cret-prom-token");
    expect(run.outputs).toMatchObject({ outcome: "promoted", version: "v2", "previous-version": "v1" });
    expect(phases(run)).toEqual(expect.arrayContaining(["verify 5%", "verify 25%", "verify 50%", "verify 100%", "stop-old"]));
    const ms = measurements(run);
    for (const step of [5, 25, 50, 100])
      for (const query of ["error-rate", "p95", "memory", "p95-vs-old"]) {
        const own = ms.filter((m) => m.step === step && m.query === query);
        expect(own.length, `${query} at ${step}%`).toBeGreaterThan(0);
        expect(own.at(-1)?.verdict, `${query} at ${step}%: ${JSON.stringify(own.at(-1))}`).toBe("pass");
      }
    expect(run.summary).toMatch(/\| analysis error-rate at 5% \| 0 \(\d+ measurements\) \| < 0\.05 \| ✅ \|/);
    expect(run.summary).toMatch(
      /```mermaid\nxychart-beta\n {2}title "error-rate: bars measured, line threshold \(< 0\.05\)"\n {2}x-axis \["5%", "25%", "50%", "100%"\]/,
    );
    expect(run.log).toMatch(/analysis \(value per traffic step\):\nquery\s+5%\s+25%\s+50%\s+100%\s+threshold\nerror-rate\s+0\s/);
    const timeline = JSON.parse(run.outputs.timeline ?? "[]") as { phase: string; figures: Record<string, unknown> }[];
    expect(timeline.find((e) => e.phase === "verify 25%")?.figures).toMatchObject({ "analysis error-rate": "0", "analysis memory": expect.any(String) });
    expectLoadMade(load, "healthy canary v1 → v2");
    expect(load.failed).toBe(0);
    expect(await servedVersion(hp.url)).toBe("v2");
    // Prometheus saw HAProxy's side too (its built-in exporter).
    expect(await prom.value('sum(haproxy_backend_http_responses_total{proxy="app"})')).toBeGreaterThan(0);
  });

  it("says why a ratio whose numerator has no series has no data, and suggests or vector(0)", async () => {
    const client = new PrometheusClient({ url: prom.url, timeoutMs: 5000, token: "", basicAuth: "" });
    // v2 served the load above: the denominator has a value; no release ever answered 599.
    const numerator = 'sum(rate(http_requests_total{version="v2",code="599"}[5m]))';
    const denominator = 'sum(rate(http_requests_total{version="v2"}[5m]))';
    expect(await client.query(denominator)).toEqual({ value: expect.any(Number) });
    const sample = await client.query(`${numerator} / ${denominator}`);
    expect(sample).toEqual({ none: expect.stringMatching(/^no data: the query matched no series\. A ratio is empty when its numerator has none/) });
    expect("none" in sample ? sample.none : "").toContain("write that part as (… or vector(0))");
    expect(await client.query(`(${numerator} or vector(0)) / ${denominator}`)).toEqual({ value: 0 });
  });

  it("rolls back a release whose error rate climbs, by the query, before 100% of the traffic reaches it", async () => {
    // The router's own gate is off (max-error-rate 100%): the query alone decides.
    const { run, load } = await deployUnderLoad({
      manifest: manifests["v3-500"] as string,
      strategy: "canary",
      "max-error-rate": "100%",
      analysis: [ERROR_RATE, MEMORY].join("\n"),
    });
    expect(run.code, run.log).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: "rolled-back", "active-color": "green", version: "v3-500" });
    expect(errorOf(run)).toMatch(/verify window at (5|25|50)% failed: analysis error-rate at (5|25|50)%: [\d.e-]+ is not < 0\.05 .*query: \(sum\(rate/);
    expect(phases(run)).not.toContain("switch 100%");
    expect(measurements(run).some((m) => m.query === "error-rate" && m.verdict === "fail")).toBe(true);
    expect(run.summary).toMatch(/\| analysis error-rate at \d+% \| [\d.e-]+ \(\d+ measurements?\) \| < 0\.05 \| ❌ \|/);
    expectLoadMade(load, "v3-500 canary rolled back by the error-rate query");
    expect(runningServices(stateDir)).toEqual(["green"]);
    expect(await servedVersion(hp.url)).toBe("v2");
  });

  it("rolls back a release that leaks memory by the memory threshold (the router sees nothing wrong)", async () => {
    const { run, load } = await deployUnderLoad({
      manifest: manifests["v4-leak"] as string,
      "verify-window": "15s",
      analysis: [ERROR_RATE, MEMORY].join("\n"),
    });
    expect(run.code, run.log).toBe(1);
    expect(run.outputs.outcome).toBe("rolled-back");
    expect(errorOf(run)).toMatch(
      /verify window at 100% failed: analysis memory at 100%: [\d.e+]+ is not < 8\.000e\+7 .*query: max\(process_resident_memory_bytes\{color="\{color\}"\}\)/,
    );
    const mem = measurements(run).filter((m) => m.query === "memory" && m.value !== null);
    expect(mem.at(-1)?.value).toBeGreaterThanOrEqual(80e6);
    expectLoadMade(load, "v4-leak rolled back by the memory query");
    expect(load.failed).toBe(0);
    expect(runningServices(stateDir)).toEqual(["green"]);
    expect(await servedVersion(hp.url)).toBe("v2");
  });

  it("follows analysis-inconclusive when Prometheus cannot be reached or a query has no data", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const failed = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "prometheus-url": closed, analysis: MEMORY, "verify-window": "2s" }), {
      workspace: ws,
    });
    expect(failed.code, failed.log).toBe(1);
    expect(failed.outputs.outcome).toBe("rolled-back");
    expect(errorOf(failed)).toMatch(
      /analysis memory at 100%: no value at the end of the verify window \(Prometheus at http:\/\/127\.0\.0\.1:\d+\/ could not be asked: .*\); analysis-inconclusive is fail/,
    );
    expect(await servedVersion(hp.url)).toBe("v2");

    const warned = await runAction(
      "deploy",
      inputs({ manifest: manifests.v1 as string, "prometheus-url": closed, analysis: MEMORY, "analysis-inconclusive": "warn", "verify-window": "2s" }),
      { workspace: ws },
    );
    expect(warned.code, warned.log).toBe(0);
    expect(warned.outputs.outcome).toBe("promoted");
    expect(warned.annotations.filter((a) => a.level === "warning").map((a) => a.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/analysis memory at 100%: no value .*going on \(analysis-inconclusive: warn\)/)]),
    );

    const noData = 'absent: sum(no_such_metric{version="{version}"}) < 1';
    const passed = await runAction(
      "deploy",
      inputs({ manifest: manifests.v2 as string, analysis: noData, "analysis-inconclusive": "pass", "verify-window": "2s" }),
      {
        workspace: ws,
      },
    );
    expect(passed.code, passed.log).toBe(0);
    const noValues = measurements(passed);
    expect(noValues.length).toBeGreaterThan(0);
    for (const m of noValues) expect(m).toMatchObject({ verdict: "inconclusive", detail: expect.stringMatching(/^no data: the query matched no series/) });
    const refused = await runAction("deploy", inputs({ manifest: manifests.v1 as string, analysis: noData, "verify-window": "2s" }), { workspace: ws });
    expect(refused.outputs.outcome).toBe("rolled-back");
    expect(errorOf(refused)).toMatch(
      /analysis absent at 100%: no value at the end of the verify window \(no data: the query matched no series\. A ratio is empty when its numerator has none .*write that part as \(… or vector\(0\)\)\); analysis-inconclusive is fail/,
    );
    expect(await servedVersion(hp.url)).toBe("v2");
  });
});
