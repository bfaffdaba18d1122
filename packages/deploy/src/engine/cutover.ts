import { type Reporter, formatDuration, messageOf } from "@gantry/core";
import type { AnalysisRun, Measurement } from "../analysis/evaluate.js";
import { type GateOptions, type GateResult, type VerifyOptions, type VerifyResult, healthGate, verifyWindow } from "./health.js";
import type { Host } from "../hosts/host.js";
import type { CutoverRecord, Journal, JournalDoc } from "./journal.js";
import { LockLostError } from "./lock.js";
import { type Color, type Outcome, type Phase, type Release, type Slot, type Traffic, otherColor, splitWeights } from "../model/model.js";
import { BASE_ENV, findRelease, releaseEnv } from "./release.js";
import type { Ports, Router, TrafficMark } from "../routers/router.js";
import type { Runtime } from "../runtimes/runtime.js";
import type { Timeline } from "./timeline.js";

/** Everything the engine acts through. */
export interface EngineDeps {
  host: Host;
  runtime: Runtime;
  router: Router;
  journal: Journal;
  reporter: Reporter;
  timeline: Timeline;
  ports: Ports;
  gate: GateOptions;
  verify: Omit<VerifyOptions, "healthPath" | "analysis">;
  /** The Prometheus queries judged beside the router in every verify window (issue 13). */
  analysis?: AnalysisRun;
  drainTimeoutMs: number;
  stopTimeoutMs: number;
  stepPauseMs: number;
  runId: string;
  /** Test seam (GANTRY_DEPLOY_PAUSE_AT): wait forever right after this phase is journaled. */
  pauseAt?: string;
  signal?: AbortSignal;
  /**
   * Called once the new version has all the traffic and passed every verify window, before the
   * old version is drained and stopped: a fleet rollout (issue 7) holds each host here, old
   * version warm, until every host has passed. Resolves undefined to promote, or the reason to
   * roll back instead (the journal stays at `verifying`, so a deployer that dies while holding
   * leaves a cutover the next run rolls back).
   */
  beforePromote?: () => Promise<string | undefined>;
  /**
   * Throws LockLostError when another deployer took the deploy lock (issue 10): checked before
   * every phase, so a run that lost the lock halts at its next step and changes nothing more.
   */
  ownsLock?: () => Promise<void>;
}

/** A release put in place, with the environment it starts with. */
type Staged = { release: Release; env: Record<string, string> };

export interface CutoverPlan {
  command: "deploy" | "rollback";
  version: string;
  strategy: "blue-green" | "canary";
  steps: number[];
  /** Puts the release in place; runs after the `staging` phase is journaled. */
  stage: () => Promise<Staged>;
}

export interface CutoverResult {
  outcome: Outcome;
  /** The slot serving after the run (undefined when nothing does). */
  active?: Slot;
  /** The version this run tried to put in service. */
  version: string;
  /** The version that served before the run. */
  previousVersion?: string;
  reason?: string;
  /** The new version's last output lines when it failed. */
  logTail?: string;
  gate?: GateResult;
  verify: { weight: number; result: VerifyResult }[];
  /** Over every verify window of the run. */
  traffic?: Traffic;
  /** Every measurement of the `analysis` queries (issue 13). */
  analysis?: Measurement[];
  /** From the passed health gate to all traffic on the new version. */
  switchMs?: number;
  /** From the detected failure to all traffic on the old version. */
  rollbackMs?: number;
}

/** The journal note of a cutover holding before promotion (EngineDeps.beforePromote). */
export const HELD_NOTE = "held: passed its checks, waiting for the other hosts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The cutover state machine (issue 6): start on the idle color → health gate → traffic steps,
 * each verified → drain and stop the old version; any failure before promotion rolls back to the
 * old version, which kept running. Each phase is journaled before its action.
 */
export class CutoverEngine {
  constructor(
    private readonly d: EngineDeps,
    private readonly doc: JournalDoc,
  ) {}

  private async transition(c: CutoverRecord, phase: Phase, patch: Partial<CutoverRecord> = {}, note?: string): Promise<void> {
    await this.d.ownsLock?.();
    Object.assign(c, patch);
    c.phase = phase;
    c.transitions.push({ phase, at: new Date().toISOString(), ...(note ? { note } : {}) });
    this.doc.cutover = c;
    await this.d.journal.write(this.doc);
    if (this.d.pauseAt === phase) {
      this.d.reporter.info(`gantry deploy: paused at phase ${phase} (GANTRY_DEPLOY_PAUSE_AT)`);
      this.d.reporter.flush();
      await new Promise(() => setInterval(() => {}, 60_000));
    }
  }

  /** The active slot from the journal, with a warning when its process is gone. */
  async activeSlot(): Promise<Slot | undefined> {
    const a = this.doc.active;
    if (!a) return undefined;
    if (await this.d.runtime.alive(a)) return { ...a };
    const restarted = await this.restartedPid(a);
    if (restarted) {
      this.d.reporter.info(
        `the active version ${a.version} (${a.color}) was restarted by ${this.d.runtime.name} since the last run: pid ${a.pid} → ${restarted}`,
      );
      return { ...a, pid: restarted };
    }
    this.d.reporter.warning(`the active version ${a.version} (${a.color}, pid ${a.pid}) is not running; a rollback would have to start it again`);
    return { ...a };
  }

  /** The new pid of a slot whose process manager (supervisor's autorestart) started the same release again. */
  private async restartedPid(slot: Slot): Promise<number | undefined> {
    const pid = await this.d.runtime.running(slot.color);
    if (!pid || pid === slot.pid) return undefined;
    const release = await findRelease(this.d.host, this.d.journal.stateDir, slot.version);
    return release && (await this.d.runtime.runsRelease(pid, release)) ? pid : undefined;
  }

  /** Runs a whole cutover to the plan's version. */
  async run(plan: CutoverPlan): Promise<CutoverResult> {
    const from = await this.activeSlot();
    const c = this.begin(plan, from);
    const result: CutoverResult = { outcome: "failed", version: plan.version, previousVersion: from?.version, verify: [] };
    if (this.d.analysis) result.analysis = this.d.analysis.measurements;
    try {
      await this.transition(c, "staging");
      const staged = await this.stageRelease(plan);
      await this.transition(c, "starting");
      await this.startNew(plan, c.to, staged);
      await this.transition(c, "gating", { to: c.to });
      const gate = await this.healthGate(c.to);
      result.gate = gate;
      if (!gate.ok) return await this.rollback(c, result, `health gate failed: ${gate.reason}`);
      const shifted = await this.shiftTraffic(c, plan, result, performance.now());
      if (shifted) return shifted;
      const held = await this.holdBeforePromote(c, result);
      if (held) return held;
      return await this.promote(c, result);
    } catch (err) {
      return await this.failed(c, result, err);
    }
  }

  /** The record of a new cutover onto the idle color (blue on a first deploy). */
  private begin(plan: CutoverPlan, from: Slot | undefined): CutoverRecord {
    const color: Color = from ? otherColor(from.color) : "blue";
    const to: Slot = { color, port: this.d.ports[color], version: plan.version };
    const { command, strategy, steps } = plan;
    return { id: this.d.runId, command, phase: "staging", from, to, strategy, steps, transitions: [], deployer: this.d.host.deployer() };
  }

  /** Puts the release in place (the `stage` span). */
  private stageRelease(plan: CutoverPlan): Promise<Staged> {
    return this.d.timeline.span("stage", async (f) => {
      const s = await plan.stage();
      f.release = s.release.dir;
      return s;
    });
  }

  /** Starts the release on the idle color, or takes over the same release still running there (the `start` span). */
  private async startNew(plan: CutoverPlan, to: Slot, { release, env }: Staged): Promise<void> {
    const { d } = this;
    await d.timeline.span("start", async (f) => {
      const leftover = await d.runtime.running(to.color);
      await d.router.isolate(to.color, d.ports);
      if (leftover && (await d.runtime.runsRelease(leftover, release))) {
        // `command: rollback` to a version still running: take it over warm, it still has to pass the gate.
        d.reporter.info(`${plan.version} is still running on ${to.color} (pid ${leftover}); using it warm`);
        to.pid = leftover;
        f.warm = true;
      } else {
        if (leftover) {
          d.reporter.notice(`stopped a leftover process (pid ${leftover}) on the idle ${to.color} slot before starting ${plan.version}`);
          await d.runtime.stop({ ...to, pid: leftover }, d.stopTimeoutMs);
        }
        to.pid = await d.runtime.start(to, release, { ...BASE_ENV, ...env, PORT: String(to.port) });
      }
      f.color = to.color;
      f.port = to.port;
      f.pid = to.pid;
    });
  }

  /** The new version's health gate (the `health-gate` span). */
  private healthGate(to: Slot): Promise<GateResult> {
    const { d } = this;
    return d.timeline.span("health-gate", async (f) => {
      const g = await healthGate(d.host, d.runtime, to, d.gate, d.signal);
      Object.assign(f, { checks: g.checks, passed: g.ok, "successes-needed": d.gate.successes });
      return g;
    });
  }

  /** Moves traffic step by step, each step verified; the rollback's result when a step fails, undefined when all passed. */
  private async shiftTraffic(c: CutoverRecord, plan: CutoverPlan, result: CutoverResult, gatePassed: number): Promise<CutoverResult | undefined> {
    const { d } = this;
    const verifyTraffic: Traffic[] = [];
    for (const [i, weight] of plan.steps.entries()) {
      await this.transition(c, "switching", { weight });
      // Counted from before the switch, so the first verify tick already sees the first answers.
      const mark = await d.router.mark(c.to.color, d.ports);
      let appliedAt: number;
      try {
        appliedAt = await this.switchStep(c, weight, gatePassed);
      } catch (err) {
        return await this.rollback(c, result, `the router refused to send ${weight}% to ${plan.version}: ${messageOf(err)}`);
      }
      if (weight === 100) result.switchMs = appliedAt - gatePassed;
      await this.transition(c, "verifying");
      const v = await this.verifyStep(c, weight, mark);
      result.verify.push({ weight, result: v });
      if (v.traffic) verifyTraffic.push(v.traffic);
      result.traffic = sumTraffic(verifyTraffic);
      if (!v.ok) return await this.rollback(c, result, `verify window at ${weight}% failed: ${v.reason}`, v.detectedAt);
      if (i < plan.steps.length - 1 && d.stepPauseMs > 0) await sleep(d.stepPauseMs);
    }
    return undefined;
  }

  /** Sends `weight`% to the new version (the `switch` span); resolves when the router applied it. */
  private switchStep(c: CutoverRecord, weight: number, gatePassed: number): Promise<number> {
    const { d } = this;
    return d.timeline.span(`switch ${weight}%`, async (f) => {
      f.weight = weight;
      const at = await d.router.route(splitWeights(c.to.color, weight, c.from !== undefined), d.ports);
      if (weight === 100) f["ms-from-gate"] = Math.round(at - gatePassed);
      return at;
    });
  }

  /** One verify window at `weight`%: the router's traffic, health and the analysis queries (the `verify` span). */
  private verifyStep(c: CutoverRecord, weight: number, mark: TrafficMark): Promise<VerifyResult> {
    const { d } = this;
    return d.timeline.span(`verify ${weight}%`, async (f) => {
      const analysis = d.analysis?.window({
        step: weight,
        version: c.to.version,
        previousVersion: c.from?.version,
        color: c.to.color,
        app: this.doc.app,
        host: d.host.name,
      });
      const r = await verifyWindow(d.host, d.runtime, d.router, c.to, mark, { ...d.verify, healthPath: d.gate.path, analysis }, d.signal);
      Object.assign(f, { passed: r.ok, ...(r.traffic ? trafficFigures(r.traffic) : { requests: "not measured" }), ...d.analysis?.figures(weight) });
      return r;
    });
  }

  /** A fleet holds here until every host passed (EngineDeps.beforePromote); the rollback's result when it says no. */
  private async holdBeforePromote(c: CutoverRecord, result: CutoverResult): Promise<CutoverResult | undefined> {
    if (!this.d.beforePromote) return undefined;
    // Marked in the journal: a fleet whose deployer died after another host committed completes held hosts (fleet/remote.ts).
    await this.transition(c, "verifying", {}, HELD_NOTE);
    const reason = await this.d.beforePromote();
    return reason ? await this.rollback(c, result, reason) : undefined;
  }

  /** A step threw: a staging failure is recorded and rethrown, a later one rolls back (unless the lock was lost or the rollback itself failed). */
  private async failed(c: CutoverRecord, result: CutoverResult, err: unknown): Promise<CutoverResult> {
    // Another deployer holds the lock now: rolling back or settling would act under its lock.
    if (err instanceof LockLostError) throw err;
    if (c.phase === "staging") {
      // Nothing serving was touched yet: record the failure, keep the active version, report the error.
      await this.settle(c, "failed", messageOf(err), this.doc.active);
      throw err;
    }
    if (c.phase === "rolling-back" || c.phase === "promoting" || c.phase === "stopping-old") throw err;
    return await this.rollback(c, result, `${c.phase} failed: ${messageOf(err)}`);
  }

  /** Drains and stops the old version, then records the new one as active (issue 6, step 6). */
  async promote(c: CutoverRecord, result: CutoverResult): Promise<CutoverResult> {
    const { d } = this;
    const from = c.from;
    await this.transition(c, "promoting");
    if (from) {
      await d.timeline.span("drain", async (f) => {
        const r = await d.router.drain(from.color, d.drainTimeoutMs);
        Object.assign(f, { drained: r.drained, ...(r.remaining ? { "still-in-flight": r.remaining } : {}) });
        if (!r.drained)
          d.reporter.warning(`${from.version} still had ${r.remaining} request(s) in flight after drain-timeout ${formatDuration(d.drainTimeoutMs)}`);
      });
    }
    await this.transition(c, "stopping-old");
    if (from) {
      await d.timeline.span("stop-old", async (f) => {
        const s = await d.runtime.stop(from, d.stopTimeoutMs);
        f.signal = s.signal;
        await d.router.retire(from.color, d.ports);
      });
    }
    await this.settle(c, "promoted", undefined, c.to);
    return { ...result, outcome: "promoted", active: c.to };
  }

  /** Sends all traffic back to the old version, stops the new one, records why (issue 6, step 7). */
  async rollback(c: CutoverRecord, result: CutoverResult, reason: string, detectedAt = performance.now()): Promise<CutoverResult> {
    const { d } = this;
    d.reporter.warning(`rolling back ${c.to.version}: ${reason}`);
    await this.transition(c, "rolling-back", { reason });
    let restored: Slot | undefined;
    await d.timeline.span("rollback", async (f) => {
      f.reason = reason.split("\n")[0] as string;
      if (c.from) {
        restored = (await d.runtime.alive(c.from)) ? c.from : await this.coldStart(c.from);
        if (restored) {
          const appliedAt = await d.router.route(splitWeights(c.from.color, 100, false), d.ports);
          result.rollbackMs = appliedAt - detectedAt;
          f["ms-to-old-version"] = Math.round(result.rollbackMs);
          f.cold = restored !== c.from;
        }
      }
      if (!restored) await d.router.isolate(c.to.color, d.ports);
      // Only now, off the critical path from detection to the old version: what the new one printed.
      result.logTail = (await d.runtime.logTail(c.to.color, 10).catch(() => "")) || undefined;
      if (restored) await d.router.drain(c.to.color, Math.min(d.drainTimeoutMs, 5_000));
      await d.runtime.stop(c.to, d.stopTimeoutMs);
      await d.router.retire(c.to.color, d.ports);
    });
    const outcome: Outcome = restored ? "rolled-back" : "failed";
    if (restored) c.from = restored;
    await this.settle(c, outcome, reason, restored);
    const why = restored
      ? reason
      : `${reason}; ${c.from ? `the previous version ${c.from.version} could not be started again either` : "there was no previous version to go back to"}`;
    return { ...result, outcome, reason: why, active: restored };
  }

  /** Starts a stopped old version again on its slot and gates it (a cold rollback, only when it was not running). */
  private async coldStart(slot: Slot): Promise<Slot | undefined> {
    const { d } = this;
    const release = await findRelease(d.host, d.journal.stateDir, slot.version);
    if (!release) return undefined;
    d.reporter.warning(`the previous version ${slot.version} is not running; starting it again (a cold rollback)`);
    const leftover = await d.runtime.running(slot.color);
    if (leftover) await d.runtime.stop({ ...slot, pid: leftover }, d.stopTimeoutMs);
    const env = await releaseEnv(d.host, release);
    const started: Slot = { ...slot, pid: await d.runtime.start(slot, release, { ...BASE_ENV, ...env, PORT: String(slot.port) }) };
    const gate = await healthGate(d.host, d.runtime, started, d.gate);
    return gate.ok ? started : undefined;
  }

  /** Ends the cutover in the journal: the active slot, the previous release and one history entry. */
  private async settle(c: CutoverRecord, outcome: Outcome, reason: string | undefined, active: Slot | undefined): Promise<void> {
    const doc = this.doc;
    if (outcome === "promoted" && c.from) doc.previous = { version: c.from.version, color: c.from.color };
    doc.active = active;
    doc.history.push({
      id: c.id,
      at: new Date().toISOString(),
      command: c.command,
      version: c.to.version,
      color: c.to.color,
      ...(c.from ? { fromVersion: c.from.version } : {}),
      outcome,
      ...(reason ? { reason: reason.split("\n")[0] } : {}),
    });
    doc.cutover = undefined;
    await this.d.journal.write(doc);
  }
}

export function sumTraffic(list: readonly Traffic[]): Traffic | undefined {
  if (list.length === 0) return undefined;
  const last = list[list.length - 1] as Traffic;
  const unreadable = list.reduce((s, t) => s + (t.unreadableLines ?? 0), 0);
  return {
    requests: list.reduce((s, t) => s + t.requests, 0),
    errors: list.reduce((s, t) => s + t.errors, 0),
    latencyMs: last.latencyMs,
    latencyKind: last.latencyKind,
    ...(unreadable ? { unreadableLines: unreadable } : {}),
  };
}

export function trafficFigures(t: Traffic): Record<string, number | string> {
  const f: Record<string, number | string> = { requests: t.requests, errors: t.errors };
  if (t.requests > 0) f["error-rate-%"] = Number(((100 * t.errors) / t.requests).toFixed(3));
  if (t.latencyMs !== undefined) f[t.latencyKind === "avg" ? "avg-ms" : "p95-ms"] = Number(t.latencyMs.toFixed(1));
  if (t.unreadableLines) f["unreadable-log-lines"] = t.unreadableLines;
  return f;
}
