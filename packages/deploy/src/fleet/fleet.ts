/**
 * The rollout across hosts (issue 7): `serial` (one host at a time), `parallel` (up to
 * max-parallel at once) and `canary-hosts` (the first N hosts, all verified, before any other is
 * touched). Each host runs its own cutover engine through its own health gate and verify window,
 * then *holds*: all traffic on the new version, the old one still running warm. Only when every
 * host has passed are they all promoted (old versions drained and stopped). A failure stops the
 * rollout and the held hosts go back to their warm old version, newest first — a rollback that
 * costs one router change per host instead of Kamal's cold start.
 */
import { type Reporter, messageOf } from "@gantry/core";
import type { Color } from "../model/model.js";

/** How one host ended the run. */
export type HostStatus = "promoted" | "rolled-back" | "failed" | "unreachable" | "skipped";

/** One host's result, as the `hosts` output lists it. */
export interface HostOutcome {
  host: string;
  outcome: HostStatus;
  /** The color serving on the host after the run ("" when none or unknown). */
  activeColor: Color | "";
  /** The version serving on the host after the run ("" when none or unknown). */
  version: string;
  previousVersion?: string;
  reason?: string;
}

/** One host's part of the rollout. */
export interface HostTask {
  host: string;
  /**
   * Runs the host's cutover. `hold()` is called by its engine once the new version has all the
   * traffic and passed its checks; it resolves with undefined to promote, or with the reason to
   * roll back. `signal` aborts the cutover (it rolls back by itself) when another host failed.
   */
  run(hold: () => Promise<string | undefined>, signal: AbortSignal): Promise<HostOutcome>;
}

/** The rollout inputs the fleet needs. */
export interface RolloutPlan {
  rollout: "serial" | "parallel";
  maxParallel: number;
  canaryHosts: number;
}

/** Every host's outcome, and what stopped the rollout. */
export interface FleetResult {
  /** In the order of the hosts input. */
  hosts: HostOutcome[];
  /** The first host that failed and why, when the rollout stopped. */
  failure?: { host: string; reason: string };
}

interface Held {
  host: string;
  release: (reason: string | undefined) => void;
  done: Promise<HostOutcome>;
}

/** Splits hosts into the canary wave and the rest. */
export function waves<T>(items: readonly T[], canaryHosts: number): T[][] {
  if (canaryHosts <= 0 || canaryHosts >= items.length) return [items.slice()];
  return [items.slice(0, canaryHosts), items.slice(canaryHosts)];
}

/** Runs the rollout; never throws for a host's failure (it is in the result). */
export async function runFleet(tasks: readonly HostTask[], plan: RolloutPlan, reporter: Reporter, signal?: AbortSignal): Promise<FleetResult> {
  const rollout = new Rollout(reporter);
  const onCancel = () => rollout.fail("deployer", `cancelled (${signal?.reason ?? "signal"})`);
  signal?.addEventListener("abort", onCancel, { once: true });
  await rollout.runWaves(tasks, plan);
  signal?.removeEventListener("abort", onCancel);
  await rollout.settleHeld();
  return rollout.result(tasks);
}

/** One rollout's state: each host's outcome, the hosts holding, and the first failure. */
class Rollout {
  private readonly outcomes = new Map<string, HostOutcome>();
  private readonly held: Held[] = [];
  private readonly controllers = new Map<string, AbortController>();
  private failure: FleetResult["failure"];

  constructor(private readonly reporter: Reporter) {}

  /** Stops the rollout at its first failure: every other host still running is aborted. */
  fail(host: string, reason: string): void {
    if (this.failure) return;
    this.failure = { host, reason };
    this.reporter.warning(`rollout stopped: ${host}: ${reason}`);
    for (const [h, c] of this.controllers) if (h !== host) c.abort(`${host} failed`);
  }

  /** The canary hosts, then the rest, at most max-parallel at once (one for serial); stops at the first failure. */
  async runWaves(tasks: readonly HostTask[], plan: RolloutPlan): Promise<void> {
    const concurrency = plan.rollout === "serial" ? 1 : Math.max(1, plan.maxParallel);
    for (const wave of waves(tasks, plan.canaryHosts)) {
      const queue = [...wave];
      const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let t = queue.shift(); t && !this.failure; t = queue.shift()) await this.startHost(t);
      });
      await Promise.all(workers);
      if (this.failure) break;
    }
  }

  /** Starts one host and waits until it holds (switched and verified) or ends. */
  private async startHost(task: HostTask): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(task.host, controller);
    let reached!: () => void;
    const holding = new Promise<"held">((r) => (reached = () => r("held")));
    let release!: (reason: string | undefined) => void;
    const decision = new Promise<string | undefined>((r) => (release = r));
    const hold = () => {
      // A host that reaches its hold after the rollout failed goes straight back.
      if (this.failure) return Promise.resolve(`rolled back because ${this.failure.host} failed: ${this.failure.reason}`);
      reached();
      return decision;
    };
    const done = task
      .run(hold, controller.signal)
      .catch((err): HostOutcome => ({ host: task.host, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) }));
    const first = await Promise.race([holding, done]);
    if (first === "held") {
      this.held.push({ host: task.host, release, done });
      this.reporter.info(`${task.host}: switched and verified; holding the old version warm until the other hosts pass`);
      return;
    }
    this.outcomes.set(task.host, first);
    this.controllers.delete(task.host);
    if (first.outcome !== "promoted") this.fail(task.host, first.reason ?? first.outcome);
  }

  /** Promotes every held host once all passed; after a failure sends them back instead, newest first (issue 7). */
  async settleHeld(): Promise<void> {
    if (this.failure) {
      // Newest first: the host switched last goes back first.
      const reason = `rolled back because ${this.failure.host} failed: ${this.failure.reason}`;
      for (const h of [...this.held].reverse()) {
        h.release(reason);
        this.outcomes.set(h.host, await h.done);
      }
    } else {
      for (const h of this.held) h.release(undefined);
      for (const h of this.held) this.outcomes.set(h.host, await h.done);
    }
  }

  /** Every host's outcome in the order of the hosts input; a host never started is `skipped`. */
  result(tasks: readonly HostTask[]): FleetResult {
    const { failure } = this;
    const skipped = (host: string): HostOutcome => ({
      host,
      outcome: "skipped",
      activeColor: "",
      version: "",
      reason: failure ? `not started: ${failure.host} failed first` : "not started",
    });
    return { hosts: tasks.map((t) => this.outcomes.get(t.host) ?? skipped(t.host)), failure };
  }
}

/** The fleet's outcome in one word: promoted everywhere, rolled back everywhere it was tried, or failed. */
export function fleetOutcome(r: FleetResult): "promoted" | "rolled-back" | "failed" {
  if (r.hosts.every((h) => h.outcome === "promoted")) return "promoted";
  if (r.hosts.every((h) => h.outcome === "rolled-back" || h.outcome === "skipped")) return "rolled-back";
  return "failed";
}
