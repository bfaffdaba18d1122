import { MemoryReporter } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { type HostOutcome, type HostTask, type RolloutPlan, fleetOutcome, runFleet, waves } from "../../src/fleet/fleet.js";

type Behaviour = "pass" | "fail" | "unreachable" | "throw";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fake hosts: each records what it did, in order, in one shared log. */
function fleet(behaviours: Behaviour[], stepMs = 5) {
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const out = (host: string, outcome: HostOutcome["outcome"], version: string, reason?: string): HostOutcome => ({
    host,
    outcome,
    activeColor: "blue",
    version,
    ...(reason ? { reason } : {}),
  });
  const tasks: HostTask[] = behaviours.map((b, i) => {
    const host = `h${i + 1}`;
    return {
      host,
      async run(hold, signal) {
        log.push(`start ${host}`);
        running++;
        maxRunning = Math.max(maxRunning, running);
        try {
          // A failing host fails early (its gate), a passing one takes four steps (gate and verify).
          for (let t = 0; t < (b === "fail" ? 1 : 4); t++) {
            await sleep(stepMs);
            if (signal.aborted) {
              log.push(`aborted ${host}`);
              return out(host, "rolled-back", "v1", `cancelled (${signal.reason})`);
            }
          }
          if (b === "fail") {
            log.push(`gate-failed ${host}`);
            return out(host, "rolled-back", "v1", "health gate failed");
          }
          if (b === "unreachable") return out(host, "unreachable", "", `${host} is unreachable`);
          if (b === "throw") throw new Error("boom");
          log.push(`held ${host}`);
          running--;
          const reason = await hold();
          running++;
          if (reason) {
            log.push(`back ${host}`);
            return out(host, "rolled-back", "v1", reason);
          }
          log.push(`promoted ${host}`);
          return out(host, "promoted", "v2");
        } finally {
          running--;
        }
      },
    };
  });
  return { tasks, log, maxRunning: () => maxRunning };
}

const serial: RolloutPlan = { rollout: "serial", maxParallel: 1, canaryHosts: 0 };
const run = (tasks: HostTask[], plan: RolloutPlan, signal?: AbortSignal) => runFleet(tasks, plan, new MemoryReporter(), signal);

describe("fleet rollout", () => {
  it("serial: one host at a time, each held warm, then all promoted", async () => {
    const f = fleet(["pass", "pass", "pass"]);
    const r = await run(f.tasks, serial);
    expect(f.log).toEqual(["start h1", "held h1", "start h2", "held h2", "start h3", "held h3", "promoted h1", "promoted h2", "promoted h3"]);
    expect(fleetOutcome(r)).toBe("promoted");
    expect(r.hosts.map((h) => h.outcome)).toEqual(["promoted", "promoted", "promoted"]);
    expect(f.maxRunning()).toBe(1);
  });

  it("serial: a failure stops the rollout and rolls back the switched hosts, newest first", async () => {
    const f = fleet(["pass", "pass", "fail", "pass"]);
    const r = await run(f.tasks, serial);
    expect(f.log).toEqual(["start h1", "held h1", "start h2", "held h2", "start h3", "gate-failed h3", "back h2", "back h1"]);
    expect(r.failure).toEqual({ host: "h3", reason: "health gate failed" });
    expect(r.hosts.map((h) => h.outcome)).toEqual(["rolled-back", "rolled-back", "rolled-back", "skipped"]);
    expect(r.hosts[0]?.reason).toBe("rolled back because h3 failed: health gate failed");
    expect(r.hosts[3]?.reason).toBe("not started: h3 failed first");
    expect(fleetOutcome(r)).toBe("rolled-back");
  });

  it("an unreachable host fails the fleet, names the host, and the others go back", async () => {
    const f = fleet(["pass", "unreachable", "pass"]);
    const r = await run(f.tasks, serial);
    expect(f.log).toEqual(["start h1", "held h1", "start h2", "back h1"]);
    expect(r.failure?.host).toBe("h2");
    expect(r.hosts[1]).toMatchObject({ host: "h2", outcome: "unreachable" });
    expect(fleetOutcome(r)).toBe("failed");
  });

  it("a host whose task throws counts as failed", async () => {
    const r = await run(fleet(["pass", "throw"]).tasks, serial);
    expect(r.hosts[1]).toMatchObject({ outcome: "failed", reason: "boom" });
    expect(r.hosts[0]?.outcome).toBe("rolled-back");
  });

  it("parallel: at most max-parallel hosts at once", async () => {
    const f = fleet(["pass", "pass", "pass", "pass", "pass"]);
    const r = await run(f.tasks, { rollout: "parallel", maxParallel: 2, canaryHosts: 0 });
    expect(fleetOutcome(r)).toBe("promoted");
    expect(f.maxRunning()).toBe(2);
    expect(f.log.indexOf("start h3")).toBeGreaterThan(Math.min(f.log.indexOf("held h1"), f.log.indexOf("held h2")));
  });

  it("parallel: a failure aborts the hosts in flight, which roll back by themselves", async () => {
    const f = fleet(["pass", "fail", "pass", "pass"], 10);
    const r = await run(f.tasks, { rollout: "parallel", maxParallel: 3, canaryHosts: 0 });
    expect(r.failure?.host).toBe("h2");
    expect(f.log).not.toContain("start h4");
    expect(f.log).toEqual(expect.arrayContaining(["aborted h1", "aborted h3"]));
    expect(f.log).not.toContain("promoted h1");
    expect(r.hosts.map((h) => h.outcome)).toEqual(["rolled-back", "rolled-back", "rolled-back", "skipped"]);
  });

  it("canary-hosts: the first hosts pass before any other starts", async () => {
    const f = fleet(["pass", "pass", "pass", "pass"]);
    await run(f.tasks, { rollout: "parallel", maxParallel: 3, canaryHosts: 1 });
    expect(f.log.slice(0, 2)).toEqual(["start h1", "held h1"]);
    expect(f.maxRunning()).toBe(3);
    const failed = fleet(["fail", "pass", "pass"]);
    const r = await run(failed.tasks, { rollout: "parallel", maxParallel: 3, canaryHosts: 1 });
    expect(failed.log).toEqual(["start h1", "gate-failed h1"]);
    expect(r.hosts.map((h) => h.outcome)).toEqual(["rolled-back", "skipped", "skipped"]);
  });

  it("cancelling the deployer rolls every held host back", async () => {
    const f = fleet(["pass", "pass", "pass"], 15);
    const c = new AbortController();
    setTimeout(() => c.abort("SIGTERM received"), 90);
    const r = await run(f.tasks, serial, c.signal);
    expect(r.failure).toEqual({ host: "deployer", reason: "cancelled (SIGTERM received)" });
    expect(f.log.filter((l) => l.startsWith("promoted"))).toEqual([]);
    expect(fleetOutcome(r)).toBe("rolled-back");
  });

  it("splits waves for canary-hosts", () => {
    expect(waves([1, 2, 3], 0)).toEqual([[1, 2, 3]]);
    expect(waves([1, 2, 3], 1)).toEqual([[1], [2, 3]]);
    expect(waves([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
  });
});
