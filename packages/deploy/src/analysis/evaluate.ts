/**
 * Verdicts on the `analysis` queries during a verify window (issue 13), the way Argo Rollouts runs
 * an AnalysisTemplate: every `interval` each query is measured; a value past its threshold is a
 * failed measurement, and more than `failureLimit` of them fail the step at once. A measurement
 * with no value (no data, NaN, an error, Prometheus unreachable) is inconclusive: it never ends a
 * window early, but a query still without a value at the window's end counts as
 * `analysis-inconclusive` says (default fail: gantry never promotes on missing evidence).
 */
import type { Reporter } from "@gantry/core";
import { type Color, otherColor } from "../model/model.js";
import { type AnalysisQuery, type PlaceholderValues, describeThreshold, fillQuery, meets } from "./parse.js";
import type { PrometheusClient, Sample } from "./prometheus.js";

export type InconclusivePolicy = "fail" | "pass" | "warn";

export interface AnalysisOptions {
  queries: AnalysisQuery[];
  intervalMs: number;
  /** Failed measurements of one query allowed over the run; one more fails it. */
  failureLimit: number;
  inconclusive: InconclusivePolicy;
}

export type Verdict = "pass" | "fail" | "inconclusive" | "skipped";

/** One measurement of one query, as the `analysis` output lists it. */
export interface Measurement {
  query: string;
  /** The traffic step (percent) the window belonged to. */
  step: number;
  time: string;
  value: number | null;
  /** The old version's value, for a baseline threshold. */
  baseline?: number | null;
  /** The limit the value was compared with (null when there was none: no baseline). */
  limit: number | null;
  threshold: string;
  verdict: Verdict;
  detail?: string;
}

/** What a window's queries are filled with. */
export interface StepContext {
  step: number;
  version: string;
  previousVersion?: string;
  color: Color;
  app: string;
  host: string;
}

/** A number as the summary and the reasons print it. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return "no value";
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  return abs !== 0 && (abs >= 1e5 || abs < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** The verdict on one query's sample (and its baseline's, for a baseline threshold). */
export function judge(q: AnalysisQuery, sample: Sample, baseline?: Sample): Omit<Measurement, "query" | "step" | "time"> {
  const threshold = describeThreshold(q);
  const value = "value" in sample ? sample.value : null;
  if (q.baseline && !baseline) return { value, limit: null, threshold, verdict: "skipped", detail: "no previous version to compare with" };
  if ("none" in sample) return { value, limit: null, threshold, verdict: "inconclusive", detail: sample.none };
  let limit = q.limit;
  let base: number | undefined;
  if (q.baseline && baseline) {
    if ("none" in baseline) return { value, baseline: null, limit: null, threshold, verdict: "inconclusive", detail: `baseline: ${baseline.none}` };
    base = baseline.value;
    limit = q.limit * base;
  }
  return { value, ...(base !== undefined ? { baseline: base } : {}), limit, threshold, verdict: meets(sample.value, q.op, limit) ? "pass" : "fail" };
}

/** The analysis of one run: every measurement, failures counted per query across the steps. */
export class AnalysisRun {
  readonly measurements: Measurement[] = [];
  private readonly failures = new Map<string, number>();

  constructor(
    readonly o: AnalysisOptions,
    private readonly client: PrometheusClient,
    readonly reporter: Reporter,
  ) {}

  /** The analysis of one verify window. */
  window(ctx: StepContext): AnalysisWindow {
    return new AnalysisWindow(this, ctx);
  }

  /** Measures one query (and its baseline) now. */
  async measure(q: AnalysisQuery, ctx: StepContext): Promise<Measurement> {
    const time = new Date().toISOString();
    const values: PlaceholderValues = { version: ctx.version, previous_version: ctx.previousVersion ?? "", color: ctx.color, app: ctx.app, host: ctx.host };
    const baselineOf = q.baseline && ctx.previousVersion ? { ...values, version: ctx.previousVersion, color: otherColor(ctx.color) } : undefined;
    const [sample, baseline] = await Promise.all([
      this.client.query(fillQuery(q.query, values)),
      baselineOf ? this.client.query(fillQuery(q.query, baselineOf)) : undefined,
    ]);
    return { query: q.name, step: ctx.step, time, ...judge(q, sample, baseline) };
  }

  /** Records a measurement; returns the failure reason once its query failed more than the limit allows. */
  record(m: Measurement, ctx: StepContext): string | undefined {
    this.measurements.push(m);
    if (m.verdict !== "fail") return undefined;
    const failed = (this.failures.get(m.query) ?? 0) + 1;
    this.failures.set(m.query, failed);
    if (failed <= this.o.failureLimit) return undefined;
    const q = this.o.queries.find((x) => x.name === m.query) as AnalysisQuery;
    const base = m.baseline !== undefined ? ` (baseline ${formatValue(m.baseline)} from ${ctx.previousVersion})` : "";
    return `analysis ${m.query} at ${m.step}%: ${formatValue(m.value)} is not ${q.op} ${formatValue(m.limit)}${base} (threshold ${m.threshold}; ${failed} failed measurement${failed > 1 ? "s" : ""}, analysis-failure-limit ${this.o.failureLimit}); query: ${q.query}`;
  }

  /** This step's measurements of one query. */
  ofStep(step: number, query?: string): Measurement[] {
    return this.measurements.filter((m) => m.step === step && (query === undefined || m.query === query));
  }

  /** Timeline figures for a step: each query's last value (or why it has none). */
  figures(step: number): Record<string, string> {
    const f: Record<string, string> = {};
    for (const q of this.o.queries) {
      const last = this.ofStep(step, q.name).at(-1);
      if (last) f[`analysis ${q.name}`] = last.value === null ? (last.detail ?? last.verdict) : formatValue(last.value);
    }
    return f;
  }
}

/**
 * One verify window's analysis: `tick` starts a measurement when one is due and never waits on it
 * (the router's counters keep being read every tick); `finish` takes the last one and applies the
 * inconclusive policy.
 */
export class AnalysisWindow {
  private pending?: Promise<void>;
  private nextAt = 0;
  private failure?: string;
  private closed = false;

  constructor(
    private readonly run: AnalysisRun,
    private readonly ctx: StepContext,
  ) {}

  /** The failure reason once there is one. */
  tick(now = performance.now()): string | undefined {
    if (!this.failure && !this.pending && !this.closed && now >= this.nextAt) {
      this.nextAt = now + this.run.o.intervalMs;
      this.pending = this.measureAll().finally(() => {
        this.pending = undefined;
      });
    }
    return this.failure;
  }

  /** At the window's end: one last measurement, then each query must have a value (or the policy says otherwise). */
  async finish(): Promise<string | undefined> {
    await this.pending;
    if (!this.failure) await this.measureAll();
    this.close();
    if (this.failure) return this.failure;
    for (const q of this.run.o.queries) {
      const last = this.run.ofStep(this.ctx.step, q.name).at(-1);
      if (last?.verdict !== "inconclusive") continue;
      const why = `analysis ${q.name} at ${this.ctx.step}%: no value at the end of the verify window (${last.detail})`;
      if (this.run.o.inconclusive === "fail") return `${why}; analysis-inconclusive is fail, so missing evidence does not promote`;
      if (this.run.o.inconclusive === "warn") this.run.reporter.warning(`${why}; going on (analysis-inconclusive: warn)`);
      else this.run.reporter.info(`${why}; counted as a pass (analysis-inconclusive: pass)`);
    }
    return undefined;
  }

  /** Ends the window: measurements still in flight are dropped. */
  close(): void {
    this.closed = true;
  }

  private async measureAll(): Promise<void> {
    const results = await Promise.all(this.run.o.queries.map((q) => this.run.measure(q, this.ctx)));
    if (this.closed) return;
    for (const m of results) this.failure ??= this.run.record(m, this.ctx);
  }
}
