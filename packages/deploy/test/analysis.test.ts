import http from "node:http";
import type { AddressInfo } from "node:net";
import { InputError, InputReader, MemoryReporter, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisCharts, analysisRows, analysisText } from "../src/analysis/chart.js";
import { AnalysisRun, type Measurement, type StepContext, judge } from "../src/analysis/evaluate.js";
import { checkQueries } from "../src/analysis/index.js";
import type { AnalysisInputs } from "../src/analysis/inputs.js";
import { fillQuery, parseAnalysis } from "../src/analysis/parse.js";
import { PrometheusClient, type Sample, sampleOf } from "../src/analysis/prometheus.js";
import { DEPLOY_INPUTS, parseDeployInputs } from "../src/inputs.js";
import { type CutoverPlan, CutoverEngine } from "../src/engine/cutover.js";
import { emptyJournal } from "../src/engine/journal.js";
import { deployStage } from "../src/stage.js";
import { release, rig } from "./fakes.js";

const ERROR_RATE =
  'error-rate: sum(rate(http_requests_total{version="{version}",code=~"5.."}[1m])) / sum(rate(http_requests_total{version="{version}"}[1m])) < 0.01';
const P95 = 'p95: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{version}"}[1m]))) < 0.3';
const MEMORY = 'memory: max(process_resident_memory_bytes{color="{color}"}) < 256e6';
const BASELINE = 'p95-vs-old: histogram_quantile(0.95, sum by (le) (rate(x_bucket{version="{version}"}[1m]))) <= 1.2 * baseline';

function refusal(lines: string[]): InputError {
  try {
    parseAnalysis(lines);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe("analysis lines", () => {
  it("parses the issue's examples: name, PromQL, comparison, threshold or baseline", () => {
    const [e, p, m, b] = parseAnalysis([ERROR_RATE, P95, MEMORY, BASELINE]);
    expect(e).toMatchObject({ name: "error-rate", op: "<", limit: 0.01, baseline: false });
    expect(e?.query).toMatch(/^sum\(rate\(.*\[1m\]\)\)$/);
    expect(p).toMatchObject({ name: "p95", op: "<", limit: 0.3 });
    expect(m).toMatchObject({ name: "memory", limit: 256e6 });
    expect(b).toMatchObject({ name: "p95-vs-old", op: "<=", limit: 1.2, baseline: true });
  });

  it.each([
    ["error-rate sum(rate(x[1m])) < 0.01", /does not start with a name/],
    ["error-rate: sum(rate(x[1m]))", /does not end with a comparison and a threshold/],
    ["error-rate: sum(rate(x[1m])) < lots", /does not end with a comparison/],
    ['mem: max(y{color="{colour}"}) < 1', /unknown placeholder \{colour\}/],
    ["cpu: sum(rate(x[1m]) < 0.5", /unclosed \(/],
    ['cpu: sum(x{a="b}) < 0.5', /unclosed "/],
    ["cpu: sum(x]) < 0.5", /unmatched \]/],
    ["cpu: sum(x) < 2 * baseline", /needs \{version\} or \{color\}/],
  ])("refuses %s, naming the line", (line, why) => {
    const err = refusal([line]);
    expect(err.message).toContain(`input 'analysis': ${JSON.stringify(line)}`);
    expect(err.message).toMatch(why);
    expect(err.message).toMatch(/accepted: one `name: <PromQL> <op> <threshold>` per line/);
  });

  it("refuses a name used twice", () => {
    expect(refusal(["a: x < 1", "a: y < 2"]).message).toMatch(/the name a is used twice/);
  });

  it("gives any text a list of queries or a clear error, never a crash", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }), (lines) => {
        try {
          for (const q of parseAnalysis(lines)) expect(Number.isFinite(q.limit)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
    );
  });

  it("fills placeholders, escaped for a PromQL string", () => {
    const values = { version: 'v1"}or vector(1)', previous_version: "v0", color: "blue", app: "hello", host: "local" };
    expect(fillQuery('x{version="{version}",color="{color}",app="{app}"}', values)).toBe('x{version="v1\\"}or vector(1)",color="blue",app="hello"}');
  });

  const hostile = (version: string) => ({ version, previous_version: "v0", color: "blue", app: "hello", host: "local" });
  it.each([
    ['v1"}or vector(1)', 'v1\\"}or vector(1)', 'v1\\"\\\\}or vector\\\\(1\\\\)'],
    [".*", ".*", "\\\\.\\\\*"],
    ["v1.2.3+build", "v1.2.3+build", "v1\\\\.2\\\\.3\\\\+build"],
    ["a\\b", "a\\\\b", "a\\\\\\\\b"],
    ["a\nb\r", "a\\u000ab\\u000d", "a\\u000ab\\u000d"],
    ["it's", "it's", "it's"],
    ["^(a|b)[0-9]{2}$?", "^(a|b)[0-9]{2}$?", "\\\\^\\\\(a\\\\|b\\\\)\\\\[0-9\\\\]\\\\{2\\\\}\\\\$\\\\?"],
  ])("fills %j escaped for a string, and regex-quoted then escaped inside =~ and !~ matchers", (value, asString, asRegex) => {
    expect(fillQuery('x{version="{version}"}', hostile(value))).toBe(`x{version="${asString}"}`);
    expect(fillQuery('x{version=~"{version}"}', hostile(value))).toBe(`x{version=~"${asRegex}"}`);
    expect(fillQuery('x{version!~ "{version}|old"}', hostile(value))).toBe(`x{version!~ "${asRegex}|old"}`);
  });

  it("escapes the quote a single-quoted string opened with", () => {
    expect(fillQuery("x{version='{version}'}", hostile(`it's "x"`))).toBe(`x{version='it\\'s "x"'}`);
    expect(fillQuery("x{version=~'{version}'}", hostile("a.b'"))).toBe("x{version=~'a\\\\.b\\''}");
  });

  it("refuses a placeholder inside a backtick raw string, naming the input and the line", () => {
    const line = "err: sum(x{version=~`{version}.*`}) < 1";
    const err = refusal([line]);
    expect(err.message).toContain(`input 'analysis': ${JSON.stringify(line)} is not valid`);
    expect(err.message).toMatch(/the placeholder \{version\} is inside a backtick raw string/);
    // A raw string without a placeholder is the user's own PromQL.
    expect(parseAnalysis(["err: sum(x{route=~`/api/.*`}) < 1"])).toHaveLength(1);
  });
});

describe("Prometheus answers", () => {
  const vector = (...values: string[]) => ({
    status: "success",
    data: { resultType: "vector", result: values.map((v) => ({ metric: {}, value: [1764028800, v] })) },
  });

  it("reads one number from a vector of one series or a scalar", () => {
    expect(sampleOf(vector("0.25"))).toEqual({ value: 0.25 });
    expect(sampleOf({ status: "success", data: { resultType: "scalar", result: [1, "3e6"] } })).toEqual({ value: 3e6 });
    expect(sampleOf(vector("+Inf"))).toEqual({ value: Number.POSITIVE_INFINITY });
  });

  it("has no value for no data, NaN, several series or an error", () => {
    expect(sampleOf(vector())).toEqual({
      none: expect.stringMatching(/^no data: the query matched no series\. A ratio is empty when its numerator has none .*\(… or vector\(0\)\)$/),
    });
    expect(sampleOf(vector("NaN"))).toEqual({ none: "NaN" });
    expect(sampleOf(vector("1", "2"))).toEqual({ none: expect.stringMatching(/^2 series \(aggregate/) });
    expect(sampleOf({ status: "error", errorType: "execution", error: "query timed out" })).toEqual({ none: "Prometheus: execution: query timed out" });
  });
});

describe("verdicts", () => {
  const [rate, , , base] = parseAnalysis([ERROR_RATE, P95, MEMORY, BASELINE]) as [never, never, never, never];

  it("passes under the threshold, fails over it, is inconclusive without a value", () => {
    expect(judge(rate, { value: 0.001 })).toMatchObject({ verdict: "pass", value: 0.001, limit: 0.01 });
    expect(judge(rate, { value: 0.2 })).toMatchObject({ verdict: "fail", value: 0.2 });
    expect(judge(rate, { none: "no data" })).toMatchObject({ verdict: "inconclusive", value: null, detail: "no data" });
  });

  it("compares with the old version's value; skips without a previous version", () => {
    expect(judge(base, { value: 0.11 }, { value: 0.1 })).toMatchObject({ verdict: "pass", baseline: 0.1, limit: 0.12 });
    expect(judge(base, { value: 0.13 }, { value: 0.1 })).toMatchObject({ verdict: "fail" });
    expect(judge(base, { value: 0.13 })).toMatchObject({ verdict: "skipped" });
    expect(judge(base, { value: 0.13 }, { none: "no data" })).toMatchObject({ verdict: "inconclusive", detail: "baseline: no data" });
  });
});

/** A Prometheus stand-in: each query's answers in turn (the last one repeats). */
function fakeClient(answers: Record<string, Sample[]>): PrometheusClient {
  const seen: Record<string, number> = {};
  return {
    query: async (promql: string) => {
      const key = Object.keys(answers).find((k) => promql.includes(k)) as string;
      const list = answers[key] as Sample[];
      const i = seen[key] ?? 0;
      seen[key] = i + 1;
      return list[Math.min(i, list.length - 1)] as Sample;
    },
  } as unknown as PrometheusClient;
}

describe("a verify window's analysis", () => {
  const ctx: StepContext = { step: 5, version: "v2", previousVersion: "v1", color: "green", app: "hello", host: "local" };
  const queries = parseAnalysis(['err: sum(err{version="{version}"}) < 0.01', 'mem: max(mem{color="{color}"}) < 100']);

  async function runWindow(answers: Record<string, Sample[]>, o: { failureLimit?: number; inconclusive?: "fail" | "pass" | "warn"; ticks?: number }) {
    const reporter = new MemoryReporter();
    const run = new AnalysisRun(
      { queries, intervalMs: 0, failureLimit: o.failureLimit ?? 0, inconclusive: o.inconclusive ?? "fail" },
      fakeClient(answers),
      reporter,
    );
    const w = run.window(ctx);
    let reason: string | undefined;
    for (let i = 0; i < (o.ticks ?? 3) && !reason; i++) {
      reason = w.tick(performance.now());
      await new Promise((r) => setTimeout(r, 5));
    }
    reason ??= await w.finish();
    return { reason, run, reporter };
  }

  it("fails at the first value past the threshold, naming the query, its value and the threshold", async () => {
    const { reason, run } = await runWindow({ err: [{ value: 0.001 }, { value: 0.5 }], mem: [{ value: 50 }] }, {});
    expect(reason).toBe(
      'analysis err at 5%: 0.5 is not < 0.01 (threshold < 0.01; 1 failed measurement, analysis-failure-limit 0); query: sum(err{version="{version}"})',
    );
    expect(run.measurements.filter((m) => m.query === "err").map((m) => m.verdict)).toEqual(["pass", "fail"]);
  });

  it("allows analysis-failure-limit failed measurements", async () => {
    const { reason } = await runWindow({ err: [{ value: 0.5 }, { value: 0.001 }], mem: [{ value: 50 }] }, { failureLimit: 1 });
    expect(reason).toBeUndefined();
    const again = await runWindow({ err: [{ value: 0.5 }, { value: 0.001 }, { value: 0.6 }], mem: [{ value: 50 }] }, { failureLimit: 1 });
    expect(again.reason).toMatch(/^analysis err at 5%: 0\.6 is not < 0\.01 .*2 failed measurements, analysis-failure-limit 1/);
  });

  it("does not end a window early on no data, but a query still without a value at its end follows analysis-inconclusive", async () => {
    const answers = { err: [{ none: "no data" }], mem: [{ value: 50 }] };
    expect((await runWindow(answers, {})).reason).toMatch(
      /^analysis err at 5%: no value at the end of the verify window \(no data\); analysis-inconclusive is fail/,
    );
    const warned = await runWindow(answers, { inconclusive: "warn" });
    expect(warned.reason).toBeUndefined();
    warned.reporter.flush();
    expect(warned.reporter.annotations.map((a) => a.message).join("\n")).toMatch(/analysis err at 5%: no value .*going on \(analysis-inconclusive: warn\)/);
    expect((await runWindow(answers, { inconclusive: "pass" })).reason).toBeUndefined();
    // Data that arrives before the end is evidence enough.
    expect((await runWindow({ err: [{ none: "no data" }, { value: 0 }], mem: [{ value: 50 }] }, {})).reason).toBeUndefined();
  });

  it("puts the measurements in the summary's rows, a Mermaid chart per query and a compact table", () => {
    const m = (query: string, step: number, value: number | null, verdict: Measurement["verdict"]): Measurement => ({
      query,
      step,
      time: "2026-11-30T06:00:00.000Z",
      value,
      limit: 0.01,
      threshold: "< 0.01",
      verdict,
      ...(value === null ? { detail: "no data" } : {}),
    });
    const ms = [m("err", 5, null, "inconclusive"), m("err", 5, 0.001, "pass"), m("err", 25, 0.2, "fail"), m("mem", 5, null, "inconclusive")];
    expect(analysisRows(ms)).toEqual([
      ["analysis err at 5%", "0.001 (2 measurements)", "< 0.01", "✅"],
      ["analysis mem at 5%", "no data (1 measurement)", "< 0.01", "⚠️"],
      ["analysis err at 25%", "0.2 (1 measurement)", "< 0.01", "❌"],
    ]);
    expect(analysisCharts(ms)).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title "err: bars measured, line threshold (< 0.01)"',
        '  x-axis ["5%", "25%"]',
        '  y-axis "err"',
        "  bar [0.001, 0.2]",
        "  line [0.01, 0.01]",
        "```",
      ].join("\n"),
    );
    expect(analysisText(ms)).toBe(["query  5%     25%       threshold", "err    0.001  0.2 FAIL  < 0.01", "mem    n/a ?            < 0.01"].join("\n"));
  });
});

describe("analysis inputs", () => {
  const parse = (values: Record<string, string>) => parseDeployInputs(new InputReader(mapInputSource(values), DEPLOY_INPUTS), "/work").analysis;
  const message = (values: Record<string, string>) => {
    try {
      parse(values);
    } catch (err) {
      return (err as Error).message;
    }
    return "parsed";
  };

  it("has the defaults: no queries, 5 s interval, no failure allowed, missing evidence fails", () => {
    expect(parse({})).toEqual({
      queries: [],
      prometheus: { url: "", timeoutMs: 5000, token: "", basicAuth: "" },
      authForced: false,
      intervalMs: 5000,
      failureLimit: 0,
      inconclusive: "fail",
    });
    expect(parse({ analysis: MEMORY, "prometheus-url": "http://127.0.0.1:9090/prom/" }).prometheus.url).toBe("http://127.0.0.1:9090/prom");
  });

  it("refuses what it cannot use, naming the input", () => {
    expect(message({ analysis: MEMORY })).toMatch(/input 'prometheus-url': "" is not valid; it is required with analysis/);
    expect(message({ "prometheus-url": "ftp://x" })).toMatch(/input 'prometheus-url': "ftp:\/\/x"/);
    const withPassword = message({ "prometheus-url": "http://me:pa55word@x:9090" });
    expect(withPassword).toMatch(/no user:password in the URL/);
    expect(withPassword).not.toContain("pa55word");
    expect(message({ "prometheus-token": "t", "prometheus-basic-auth": "u:p" })).toMatch(/not both/);
    expect(message({ "analysis-inconclusive": "maybe" })).toMatch(/input 'analysis-inconclusive': "maybe" is not valid; accepted: fail, pass, warn/);
    expect(message({ "analysis-interval": "10ms" })).toMatch(/input 'analysis-interval'.*at least 100ms/);
  });

  it("refuses credentials over plain HTTP to a host not on loopback unless prometheus-auth-force is true", () => {
    const remote = { analysis: MEMORY, "prometheus-url": "http://prom.example.com:9090" };
    expect(message({ ...remote, "prometheus-token": "t0k3n" })).toMatch(
      /^input 'prometheus-url': "http:\/\/prom\.example\.com:9090" is not valid; prometheus-token would go over plain HTTP to a host not on loopback .*set prometheus-auth-force: true/,
    );
    expect(message({ ...remote, "prometheus-basic-auth": "me:pw" })).toMatch(/prometheus-basic-auth would go over plain HTTP/);
    expect(message({ ...remote, "prometheus-token": "t0k3n" })).not.toContain("t0k3n");
    expect(parse({ ...remote, "prometheus-token": "t", "prometheus-auth-force": "true" }).authForced).toBe(true);
    expect(message({ ...remote, "prometheus-token": "t", "prometheus-auth-force": "yes" })).toMatch(/input 'prometheus-auth-force': "yes"/);
    // https, loopback, or no credentials at all: nothing to refuse or warn about.
    for (const url of ["https://prom.example.com", "http://127.0.0.1:9090", "http://localhost:9090", "http://[::1]:9090"])
      expect(parse({ analysis: MEMORY, "prometheus-url": url, "prometheus-token": "t" }).authForced, url).toBe(false);
    expect(parse(remote).authForced).toBe(false);
  });

  it("masks the Prometheus credentials", () => {
    expect(deployStage.secrets).toEqual(expect.arrayContaining(["prometheus-token", "prometheus-basic-auth"]));
  });
});

describe("the Prometheus client", () => {
  let server: http.Server;
  let url: string;
  const seen: { url?: string; auth?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "42"] }] } }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("asks /api/v1/query with the token or basic auth", async () => {
    expect(await new PrometheusClient({ url, timeoutMs: 2000, token: "tok", basicAuth: "" }).query('up{a="b"}')).toEqual({ value: 42 });
    await new PrometheusClient({ url, timeoutMs: 2000, token: "", basicAuth: "me:pw" }).query("up");
    expect(seen).toEqual([
      { url: `/api/v1/query?query=${encodeURIComponent('up{a="b"}').replace(/%20/g, "+")}`, auth: "Bearer tok" },
      { url: "/api/v1/query?query=up", auth: `Basic ${Buffer.from("me:pw").toString("base64")}` },
    ]);
  });

  it("warns before the deploy when prometheus-auth-force sends credentials in the clear", async () => {
    const reporter = new MemoryReporter();
    const a: AnalysisInputs = {
      queries: parseAnalysis(["up: sum(up) > 0"]),
      prometheus: { url, timeoutMs: 2000, token: "tok", basicAuth: "" },
      authForced: true,
      intervalMs: 1000,
      failureLimit: 0,
      inconclusive: "fail",
    };
    await checkQueries(a, { version: "v1", previous_version: "", color: "blue", app: "hello", host: "local" }, reporter);
    reporter.flush();
    expect(reporter.annotations.filter((x) => x.level === "warning").map((x) => x.message)).toEqual([
      `analysis: the Prometheus credentials go over plain HTTP to ${url}/, not on loopback, because prometheus-auth-force is true: anyone on the way can read them`,
    ]);
  });

  it("gives up on a Prometheus that drips its answer a byte at a time at prometheus-timeout, naming the URL and the limit", async () => {
    const drip = http.createServer((_req, res) => {
      // One byte every 300 ms, never 1 s without one: only an overall deadline stops it.
      res.writeHead(200, { "content-type": "application/json" });
      const t = setInterval(() => res.write(" "), 300);
      res.on("close", () => clearInterval(t));
    });
    await new Promise<void>((r) => drip.listen(0, "127.0.0.1", r));
    const dripUrl = `http://127.0.0.1:${(drip.address() as AddressInfo).port}`;
    try {
      const started = performance.now();
      const sample = await new PrometheusClient({ url: dripUrl, timeoutMs: 1000, token: "", basicAuth: "" }).query('up{a="s3cret"}');
      const took = performance.now() - started;
      expect(sample).toEqual({
        none: `Prometheus at ${dripUrl}/ could not be asked: GET ${dripUrl}/api/v1/query was not done within the 1.0 s overall limit`,
      });
      expect(took).toBeGreaterThanOrEqual(950);
      expect(took).toBeLessThan(2500);
    } finally {
      drip.closeAllConnections();
      await new Promise<void>((r) => drip.close(() => r()));
    }
  });

  it("turns an unreachable Prometheus into a measurement without a value, naming it", async () => {
    const closed = new PrometheusClient({ url: "http://127.0.0.1:1", timeoutMs: 2000, token: "", basicAuth: "" });
    expect(await closed.query("up")).toEqual({ none: expect.stringMatching(/^Prometheus at http:\/\/127\.0\.0\.1:1\/ could not be asked: /) });
  });
});

describe("the cutover engine with analysis", () => {
  it("measures each canary step beside the router and rolls back at the first step whose query fails", async () => {
    const r = rig();
    // The query's value is the new version's current weight: it passes at 5% and 25%, fails at 50%.
    const weight = () => Number(/green=(\d+)/.exec(r.events.filter((e) => e.startsWith("route:")).at(-1) ?? "")?.[1] ?? 0);
    const client = { query: async () => ({ value: weight() }) } as unknown as PrometheusClient;
    const queries = parseAnalysis(['share: sum(x{version="{version}"}) < 30']);
    const analysis = new AnalysisRun({ queries, intervalMs: 0, failureLimit: 0, inconclusive: "fail" }, client, r.reporter);
    const doc = emptyJournal("hello");
    const engine = (deps = r.deps) => new CutoverEngine(deps, doc);
    const plan = (version: string, steps: number[]): CutoverPlan => ({
      command: "deploy",
      version,
      strategy: "canary",
      steps,
      stage: async () => ({ release: release(version), env: {} }),
    });
    expect((await engine().run(plan("v1", [100]))).outcome).toBe("promoted");
    const res = await engine({ ...r.deps, analysis }).run(plan("v2", [5, 25, 50, 100]));
    expect(res.outcome).toBe("rolled-back");
    expect(res.reason).toMatch(/^verify window at 50% failed: analysis share at 50%: 50 is not < 30 /);
    expect(r.events).not.toContain("route:blue=0,green=100");
    expect([...new Set(res.analysis?.map((m) => m.step))]).toEqual([5, 25, 50]);
    expect(r.deps.timeline.find("verify 25%")?.figures).toMatchObject({ passed: true, "analysis share": "25" });
  });
});
