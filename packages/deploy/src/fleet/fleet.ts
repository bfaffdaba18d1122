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
  const outcomes = new Map<string, HostOutcome>();
  const held: Held[] = [];
  const controllers = new Map<string, AbortController>();
  let failure: FleetResult["failure"];
  const fail = (host: string, reason: string) => {
    if (failure) return;
    failure = { host, reason };
    reporter.warning(`rollout stopped: ${host}: ${reason}`);
    for (const [h, c] of controllers) if (h !== host) c.abort(`${host} failed`);
  };
  const onCancel = () => fail("deployer", `cancelled (${signal?.reason ?? "signal"})`);
  signal?.addEventListener("abort", onCancel, { once: true });

  /** Starts one host and waits until it holds (switched and verified) or ends. */
  const start = async (task: HostTask): Promise<void> => {
    const controller = new AbortController();
    controllers.set(task.host, controller);
    let reached!: () => void;
    const holding = new Promise<"held">((r) => (reached = () => r("held")));
    let release!: (reason: string | undefined) => void;
    const decision = new Promise<string | undefined>((r) => (release = r));
    const hold = () => {
      // A host that reaches its hold after the rollout failed goes straight back.
      if (failure) return Promise.resolve(`rolled back because ${failure.host} failed: ${failure.reason}`);
      reached();
      return decision;
    };
    const done = task
      .run(hold, controller.signal)
      .catch((err): HostOutcome => ({ host: task.host, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) }));
    const first = await Promise.race([holding, done]);
    if (first === "held") {
      held.push({ host: task.host, release, done });
      reporter.info(`${task.host}: switched and verified; holding the old version warm until the other hosts pass`);
      return;
    }
    outcomes.set(task.host, first);
    controllers.delete(task.host);
    if (first.outcome !== "promoted") fail(task.host, first.reason ?? first.outcome);
  };

  const concurrency = plan.rollout === "serial" ? 1 : Math.max(1, plan.maxParallel);
  for (const wave of waves(tasks, plan.canaryHosts)) {
    const queue = [...wave];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let t = queue.shift(); t && !failure; t = queue.shift()) await start(t);
    });
    await Promise.all(workers);
    if (failure) break;
  }
  signal?.removeEventListener("abort", onCancel);

  if (failure) {
    // Newest first: the host switched last goes back first (issue 7).
    const reason = `rolled back because ${failure.host} failed: ${failure.reason}`;
    for (const h of [...held].reverse()) {
      h.release(reason);
      outcomes.set(h.host, await h.done);
    }
  } else {
    for (const h of held) h.release(undefined);
    for (const h of held) outcomes.set(h.host, await h.done);
  }
  return {
    hosts: tasks.map(
      (t) =>
        outcomes.get(t.host) ?? {
          host: t.host,
          outcome: "skipped",
          activeColor: "",
          version: "",
          reason: failure ? `not started: ${failure.host} failed first` : "not started",
        },
    ),
    failure,
  };
}

/** The fleet's outcome in one word: promoted everywhere, rolled back everywhere it was tried, or failed. */
export function fleetOutcome(r: FleetResult): "promoted" | "rolled-back" | "failed" {
  if (r.hosts.every((h) => h.outcome === "promoted")) return "promoted";
  if (r.hosts.every((h) => h.outcome === "rolled-back" || h.outcome === "skipped")) return "rolled-back";
  return "failed";
}
