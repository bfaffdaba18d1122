import { describe, expect, it } from "vitest";
import { type CutoverPlan, CutoverEngine } from "../src/engine/cutover.js";
import { type CutoverRecord, type JournalDoc, emptyJournal, planRecovery } from "../src/engine/journal.js";
import { PHASES, type Phase } from "../src/model/model.js";
import { recoverCutover } from "../src/engine/recover.js";
import { type Event, type Rig, release, rig } from "./fakes.js";

function plan(version: string, steps = [100], stage?: CutoverPlan["stage"]): CutoverPlan {
  return {
    command: "deploy",
    version,
    strategy: steps.length > 1 ? "canary" : "blue-green",
    steps,
    stage: stage ?? (async () => ({ release: release(version), env: {} })),
  };
}

async function deployed(r: Rig, doc: JournalDoc, version: string, steps?: number[]) {
  return new CutoverEngine(r.deps, doc).run(plan(version, steps));
}

/** A journal with v1 serving on blue, its process running. */
async function withV1(r: Rig): Promise<JournalDoc> {
  const doc = emptyJournal("hello");
  const res = await deployed(r, doc, "v1");
  expect(res.outcome).toBe("promoted");
  r.events.length = 0;
  return doc;
}

/** The phase journaled last before each action: the write-then-act rule of issue 6. */
function phaseBefore(events: Event[]): [string, string][] {
  let phase = "none";
  const out: [string, string][] = [];
  for (const e of events) {
    if (e.startsWith("journal:")) phase = e.slice(8);
    else out.push([e.split(":")[0] as string, phase]);
  }
  return out;
}

const ALLOWED: Record<string, string[]> = {
  isolate: ["starting", "rolling-back"],
  start: ["starting"],
  route: ["switching", "rolling-back"],
  drain: ["promoting", "rolling-back"],
  stop: ["stopping-old", "rolling-back", "starting"],
  retire: ["stopping-old", "rolling-back"],
};

function expectWriteThenAct(events: Event[]) {
  for (const [action, phase] of phaseBefore(events)) expect(ALLOWED[action], `${action} after journal:${phase}`).toContain(phase);
}

describe("cutover engine", () => {
  it("promotes a first deploy on blue, journaling every phase before acting", async () => {
    const r = rig();
    const doc = emptyJournal("hello");
    const res = await deployed(r, doc, "v1");
    expect(res.outcome).toBe("promoted");
    expect(res.active).toMatchObject({ color: "blue", port: 8081, version: "v1" });
    expect(r.events).toEqual([
      "journal:staging",
      "journal:starting",
      "isolate:blue",
      "start:blue:v1",
      "journal:gating",
      "journal:switching",
      "route:blue=100,green=0",
      "journal:verifying",
      "journal:promoting",
      "journal:stopping-old",
      "journal:settled",
    ]);
    expect(doc.cutover).toBeUndefined();
    expect(doc.history).toMatchObject([{ version: "v1", outcome: "promoted", command: "deploy" }]);
  });

  it("moves v2 onto green, then drains and stops v1", async () => {
    const r = rig();
    const doc = await withV1(r);
    const res = await deployed(r, doc, "v2");
    expect(res).toMatchObject({ outcome: "promoted", previousVersion: "v1", active: { color: "green", version: "v2" } });
    expect(r.events.filter((e) => !e.startsWith("journal:"))).toEqual([
      "isolate:green",
      "start:green:v2",
      "route:blue=0,green=100",
      "drain:blue",
      "stop:blue",
      "retire:blue",
    ]);
    expectWriteThenAct(r.events);
    expect(doc.previous).toEqual({ version: "v1", color: "blue" });
    expect(res.switchMs).toBeGreaterThanOrEqual(0);
  });

  it("rolls back when the health gate never passes, with the old version never stopped", async () => {
    const r = rig();
    const doc = await withV1(r);
    r.host.health.set(8082, 503);
    const res = await deployed(r, doc, "v2");
    expect(res.outcome).toBe("rolled-back");
    expect(res.reason).toMatch(/health gate failed: \/healthz did not answer 2xx 2 times in a row within 200 ms .*last: HTTP 503/);
    expect(r.events).not.toContain("stop:blue");
    expect(r.events).toContain("stop:green");
    expect(r.router.weights).toEqual({ blue: 100, green: 0 });
    expect(doc.active).toMatchObject({ color: "blue", version: "v1" });
    expect(doc.history.at(-1)).toMatchObject({ version: "v2", outcome: "rolled-back" });
    expectWriteThenAct(r.events);
  });

  it("fails the gate at once when the process exits", async () => {
    const r = rig({ gate: { path: "/healthz", successes: 3, timeoutMs: 60_000, intervalMs: 5 } });
    const doc = await withV1(r);
    r.runtime.crashes.add("v2");
    const res = await deployed(r, doc, "v2");
    expect(res.outcome).toBe("rolled-back");
    expect(res.gate?.checks).toBe(0);
    expect(res.reason).toMatch(/exited during the health gate/);
  });

  it("rolls back when the error rate after the switch is over the threshold", async () => {
    const r = rig();
    const doc = await withV1(r);
    r.router.traffic = { requests: 100, errors: 50 };
    const res = await deployed(r, doc, "v2");
    expect(res.outcome).toBe("rolled-back");
    expect(res.reason).toMatch(/error rate 50.00% \(50 of 100 requests\) is over max-error-rate 1%/);
    expect(res.rollbackMs).toBeGreaterThanOrEqual(0);
    expect(r.events.filter((e) => e.startsWith("route:"))).toEqual(["route:blue=0,green=100", "route:blue=100,green=0"]);
    expectWriteThenAct(r.events);
  });

  it("rolls back when the new version dies after the switch", async () => {
    const r = rig();
    const doc = await withV1(r);
    r.deps.verify = { windowMs: 60_000, maxErrorRate: 1, tickMs: 5, probeEveryMs: 5 };
    const orig = r.router.route.bind(r.router);
    r.router.route = async (w) => {
      const at = await orig(w);
      if (w.green === 100) setTimeout(() => r.runtime.kill("green"), 20);
      return at;
    };
    const res = await deployed(r, doc, "v2");
    expect(res.outcome).toBe("rolled-back");
    expect(res.reason).toMatch(/the process exited .* into the verify window/);
  });

  it("steps a canary through its weights and stops at the first failed step", async () => {
    const r = rig();
    const doc = await withV1(r);
    const ok = await deployed(r, doc, "v2", [5, 50, 100]);
    expect(ok.outcome).toBe("promoted");
    expect(r.events.filter((e) => e.startsWith("route:"))).toEqual(["route:blue=95,green=5", "route:blue=50,green=50", "route:blue=0,green=100"]);
    expect(ok.verify.map((v) => v.weight)).toEqual([5, 50, 100]);
    r.events.length = 0;
    r.router.traffic = { requests: 20, errors: 20 };
    const bad = await deployed(r, doc, "v3", [5, 50, 100]);
    expect(bad.outcome).toBe("rolled-back");
    expect(r.events.filter((e) => e.startsWith("route:"))).toEqual(["route:blue=5,green=95", "route:blue=0,green=100"]);
    expect(doc.active).toMatchObject({ color: "green", version: "v2" });
  });

  it("rolls back when the router refuses the switch", async () => {
    const r = rig();
    const doc = await withV1(r);
    r.router.refuse = (w) => w.green > 0;
    const res = await deployed(r, doc, "v2");
    expect(res.outcome).toBe("rolled-back");
    expect(res.reason).toMatch(/the router refused to send 100% to v2: refused by the fake/);
    expect(doc.active?.version).toBe("v1");
  });

  it("fails without touching the router or the processes when staging fails", async () => {
    const r = rig();
    const doc = await withV1(r);
    const engine = new CutoverEngine(r.deps, doc);
    await expect(
      engine.run(
        plan("v2", [100], async () => {
          throw new Error("disk full");
        }),
      ),
    ).rejects.toThrow("disk full");
    expect(r.events).toEqual(["journal:staging", "journal:settled"]);
    expect(doc.active?.version).toBe("v1");
    expect(doc.history.at(-1)).toMatchObject({ version: "v2", outcome: "failed", reason: "disk full" });
  });

  it("reports failed, with nothing serving, when a first deploy fails", async () => {
    const r = rig();
    r.host.health.set(8081, 500);
    const doc = emptyJournal("hello");
    const res = await deployed(r, doc, "v1");
    expect(res.outcome).toBe("failed");
    expect(res.reason).toMatch(/there was no previous version to go back to/);
    expect(doc.active).toBeUndefined();
  });

  it("starts the old version again (cold) when it is gone at rollback time", async () => {
    const r = rig();
    const doc = await withV1(r);
    r.host.files.set("/state/releases/v1/release.json", JSON.stringify({ version: "v1", binary: "hello", sha256: "x", staged: "" }));
    r.runtime.kill("blue");
    r.host.health.set(8082, 503);
    const res = await deployed(r, doc, "v2");
    expect(res.outcome).toBe("rolled-back");
    expect(r.events).toContain("start:blue:v1");
    expect(r.deps.timeline.find("rollback")?.figures.cold).toBe(true);
    expect(doc.active?.pid).toBe(r.runtime.procs.get("blue")?.pid);
  });
});

describe("recovery of a cutover left by a killed deployer", () => {
  function leftover(phase: Phase): CutoverRecord {
    return {
      id: "dead-run",
      command: "deploy",
      phase,
      from: { color: "blue", port: 8081, version: "v1", pid: 1000 },
      to: { color: "green", port: 8082, version: "v2", pid: phase === "staging" || phase === "starting" ? undefined : 1001 },
      strategy: "blue-green",
      steps: [100],
      weight: phase === "verifying" ? 100 : undefined,
      transitions: [],
      deployer: { machine: "test", pid: 99 },
    };
  }

  it.each(PHASES)("after %s leaves exactly one version serving", async (phase) => {
    const r = rig();
    r.runtime.procs.set("blue", { pid: 1000, version: "v1" });
    if (phase !== "staging") r.runtime.procs.set("green", { pid: 1001, version: "v2" });
    const doc: JournalDoc = { ...emptyJournal("hello"), active: { color: "blue", port: 8081, version: "v1", pid: 1000 }, cutover: leftover(phase) };
    const rec = await recoverCutover(r.deps, doc, new CutoverEngine(r.deps, doc));
    const completes = phase === "promoting" || phase === "stopping-old";
    expect(rec?.action).toBe(completes ? "completed" : "rolled-back");
    expect(doc.cutover).toBeUndefined();
    expect([...r.runtime.procs.keys()]).toEqual([completes ? "green" : "blue"]);
    expect(doc.active?.version).toBe(completes ? "v2" : "v1");
    expect(r.router.weights[completes ? "green" : "blue"]).toBe(100);
    expect(doc.history.at(-1)?.reason ?? "").toMatch(completes ? /^$/ : /recovered: the deployer \(pid 99 on test\) stopped during/);
  });

  it("completes instead of rolling back when the old version is gone and the new one serves", async () => {
    const r = rig();
    r.runtime.procs.set("green", { pid: 1001, version: "v2" });
    const doc: JournalDoc = { ...emptyJournal("hello"), active: { color: "blue", port: 8081, version: "v1", pid: 1000 }, cutover: leftover("verifying") };
    const rec = await recoverCutover(r.deps, doc, new CutoverEngine(r.deps, doc));
    expect(rec?.action).toBe("completed");
    expect(doc.active?.version).toBe("v2");
  });

  it("plans: roll back before promotion, complete after", () => {
    for (const p of PHASES) expect(planRecovery(leftover(p)).kind).toBe(p === "promoting" || p === "stopping-old" ? "complete" : "roll-back");
  });
});
