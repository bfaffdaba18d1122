import { formatDuration } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { type Slot, type Traffic, errorRate } from "../model/model.js";
import type { Router, TrafficMark } from "../routers/router.js";
import type { Runtime } from "../runtimes/runtime.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface GateOptions {
  path: string;
  /** 2xx answers in a row that pass the gate. */
  successes: number;
  timeoutMs: number;
  intervalMs: number;
}

export interface GateResult {
  ok: boolean;
  checks: number;
  ms: number;
  reason?: string;
}

/**
 * The health gate (issue 6, step 3): `path` must answer 2xx `successes` times in a row within
 * `timeoutMs`; a process that exits during the gate fails it at once. The probes run on the host
 * (a remote host checks its own loopback).
 */
export async function healthGate(host: Host, runtime: Runtime, slot: Slot, o: GateOptions, signal?: AbortSignal): Promise<GateResult> {
  const started = performance.now();
  let inRow = 0;
  let checks = 0;
  let last = "no answer yet";
  for (;;) {
    if (signal?.aborted) return { ok: false, checks, ms: performance.now() - started, reason: `cancelled (${signal.reason})` };
    if (!(await runtime.alive(slot)))
      return {
        ok: false,
        checks,
        ms: performance.now() - started,
        reason: `the process exited during the health gate, ${formatDuration(performance.now() - started)} after it started`,
      };
    const left = o.timeoutMs - (performance.now() - started);
    if (left <= 0) break;
    const probe = await host.httpGet(slot.port, o.path, Math.max(100, Math.min(5000, left)));
    checks++;
    last = probe.error ? probe.error : `HTTP ${probe.status}`;
    inRow = probe.ok ? inRow + 1 : 0;
    if (inRow >= o.successes) return { ok: true, checks, ms: performance.now() - started };
    await sleep(Math.min(o.intervalMs, Math.max(0, o.timeoutMs - (performance.now() - started))));
  }
  return {
    ok: false,
    checks,
    ms: performance.now() - started,
    reason: `${o.path} did not answer 2xx ${o.successes} times in a row within ${formatDuration(o.timeoutMs)} (${checks} checks, last: ${last})`,
  };
}

export interface VerifyOptions {
  windowMs: number;
  /** Percent. */
  maxErrorRate: number;
  maxP95Ms?: number;
  healthPath: string;
  /** How often the process and the router counters are read. */
  tickMs?: number;
  /** How often the health path is probed. */
  probeEveryMs?: number;
  /** The metric analysis beside the router's numbers (issue 13), when `analysis` is set. */
  analysis?: WindowCheck;
}

/** A check that runs beside the router's counters for one window (analysis/evaluate.ts). */
export interface WindowCheck {
  /** Called every tick, never waits: the failure reason once there is one. */
  tick(now: number): string | undefined;
  /** At the window's end: the failure reason, or undefined to pass. */
  finish(): Promise<string | undefined>;
  /** The window ended early: drop what is still in flight. */
  close(): void;
}

export interface VerifyResult {
  ok: boolean;
  reason?: string;
  /** The new version's traffic over the window, as the router counted it (undefined when it cannot count). */
  traffic?: Traffic;
  ms: number;
  /** performance.now() when the failure was detected. */
  detectedAt?: number;
}

/** Fewest errors before the window may end early: a single error is not a verdict. */
export const EARLY_MIN_ERRORS = 5;
/** Fewest requests before the latency may end the window early. */
export const EARLY_MIN_LATENCY_REQUESTS = 200;

/** Why the traffic so far fails the thresholds, or undefined. `final` at the end of the window. */
export function trafficVerdict(t: Traffic, o: Pick<VerifyOptions, "maxErrorRate" | "maxP95Ms">, final: boolean): string | undefined {
  const rate = errorRate(t);
  if (rate !== undefined && rate > o.maxErrorRate && (final || t.errors >= EARLY_MIN_ERRORS || t.requests >= 100)) {
    return `error rate ${rate.toFixed(2)}% (${t.errors} of ${t.requests} requests) is over max-error-rate ${o.maxErrorRate}%`;
  }
  if (o.maxP95Ms !== undefined && t.latencyMs !== undefined && t.latencyMs > o.maxP95Ms && (final || t.requests >= EARLY_MIN_LATENCY_REQUESTS)) {
    const what = t.latencyKind === "avg" ? "average response time (HAProxy rtime; it keeps no percentiles)" : "p95 latency";
    return `${what} ${t.latencyMs.toFixed(1)} ms is over max-p95 ${o.maxP95Ms} ms`;
  }
  return undefined;
}

/**
 * The verify window (issue 6, step 5): for `windowMs` after a traffic step the new version must
 * stay up, keep answering its health path, and its error rate and latency as the router counts
 * them must stay under the thresholds, counted from `mark` (taken before the traffic moved). It
 * ends at the first failure, so a bad release serves one tick (50 ms) past the evidence, not the
 * whole window. The metric analysis (issue 13), when given, is judged beside them on every tick.
 */
export async function verifyWindow(
  host: Host,
  runtime: Runtime,
  router: Router,
  slot: Slot,
  mark: TrafficMark,
  o: VerifyOptions,
  signal?: AbortSignal,
): Promise<VerifyResult> {
  const started = performance.now();
  const tick = o.tickMs ?? 50;
  const probeEvery = o.probeEveryMs ?? 1000;
  let traffic: Traffic | undefined;
  let lastProbe = started;
  let failedProbes = 0;
  const fail = (reason: string): VerifyResult => ({ ok: false, reason, traffic, ms: performance.now() - started, detectedAt: performance.now() });
  try {
    for (;;) {
      if (signal?.aborted) return fail(`cancelled (${signal.reason})`);
      if (!(await runtime.alive(slot))) return fail(`the process exited ${formatDuration(performance.now() - started)} into the verify window`);
      traffic = (await router.trafficSince(mark)) ?? traffic;
      const elapsed = performance.now() - started;
      const final = elapsed >= o.windowMs;
      const verdict = (traffic && trafficVerdict(traffic, o, final)) || o.analysis?.tick(performance.now());
      if (verdict) return fail(verdict);
      if (performance.now() - lastProbe >= probeEvery || final) {
        lastProbe = performance.now();
        const probe = await host.httpGet(slot.port, o.healthPath, 2000);
        failedProbes = probe.ok ? 0 : failedProbes + 1;
        // Two in a row: one slow answer under load is not a verdict.
        if (failedProbes >= 2) return fail(`${o.healthPath} answered ${probe.error ?? `HTTP ${probe.status}`} twice in a row during the verify window`);
      }
      if (final) {
        const analysis = await o.analysis?.finish();
        return analysis ? fail(analysis) : { ok: true, traffic, ms: elapsed };
      }
      await sleep(Math.min(tick, o.windowMs - elapsed));
    }
  } finally {
    o.analysis?.close();
  }
}
