import { type CutoverEngine, type CutoverResult, type EngineDeps, HELD_NOTE } from "./cutover.js";
import { type CutoverRecord, type JournalDoc, planRecovery } from "./journal.js";

export interface RecoverOptions {
  /**
   * A fleet rollout whose deployer died after some host committed to the new version (issue 7):
   * complete the hosts that were holding with their checks passed, so every host ends on one version.
   */
  completeHeld?: boolean;
}

/** What the run found and did about a cutover left behind by a dead deployer. */
export interface Recovery {
  found: CutoverRecord;
  action: "completed" | "rolled-back" | "failed";
  why: string;
  result: CutoverResult;
}

/**
 * Finishes a cutover a killed deployer left in the journal (issue 6: "a deployer killed at any
 * point leaves a state the next run completes or rolls back"). Runs under the lock, before the
 * run's own work. Every step is idempotent: a phase's action may or may not have happened.
 */
export async function recoverCutover(d: EngineDeps, doc: JournalDoc, engine: CutoverEngine, o: RecoverOptions = {}): Promise<Recovery | undefined> {
  const c = doc.cutover;
  if (!c) return undefined;
  const found = structuredClone(c);
  let plan = planRecovery(c);
  if (o.completeHeld && c.phase === "verifying" && c.transitions[c.transitions.length - 1]?.note === HELD_NOTE)
    plan = { kind: "complete", why: `${plan.why}; it had passed its checks and another host of the same rollout was already promoted` };
  // The journal may not know the new process's pid (killed between start and the next write): its pid file does.
  if (c.to.pid === undefined) c.to.pid = await d.runtime.running(c.to.color);
  if (plan.kind === "roll-back" && c.from && !(await d.runtime.alive(c.from))) {
    const toUp = await d.runtime.alive(c.to);
    const switched = c.phase === "verifying" || (c.phase === "switching" && c.weight === 100);
    if (toUp && switched) {
      plan = { kind: "complete", why: `${plan.why}; the old version ${c.from.version} is gone and ${c.to.version} is serving` };
    }
  }
  d.reporter.notice(
    `found an unfinished ${c.command} of ${c.to.version} in the journal: ${plan.why}; ${plan.kind === "complete" ? "completing it" : "rolling it back"}`,
  );
  const base: CutoverResult = { outcome: "failed", version: c.to.version, previousVersion: c.from?.version, verify: [] };
  const result = await d.timeline.span("recover", async (f) => {
    f.found = `${c.command} ${c.to.version} at ${c.phase}`;
    f.action = plan.kind;
    if (plan.kind === "complete") {
      // Promotion had begun: make sure all traffic is on the new version, then finish it.
      await d.router.route({ blue: 0, green: 0, [c.to.color]: 100 } as Record<"blue" | "green", number>, d.ports);
      return engine.promote(c, base);
    }
    return engine.rollback(c, base, `recovered: ${plan.why}`);
  });
  return { found, action: result.outcome === "promoted" ? "completed" : result.outcome, why: plan.why, result };
}
