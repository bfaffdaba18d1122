/** The engine's hold before promotion (issue 7's fleet) and the recovery of a held host, on the in-memory rig. */
import { describe, expect, it } from "vitest";
import { type CutoverPlan, CutoverEngine, HELD_NOTE } from "../../src/engine/cutover.js";
import { type JournalDoc, emptyJournal } from "../../src/engine/journal.js";
import { recoverCutover } from "../../src/engine/recover.js";
import { type Rig, release, rig } from "../fakes.js";

const plan = (version: string): CutoverPlan => ({
  command: "deploy",
  version,
  strategy: "blue-green",
  steps: [100],
  stage: async () => ({ release: release(version), env: {} }),
});

/** v1 serving on blue. */
async function withV1(r: Rig): Promise<JournalDoc> {
  const doc = emptyJournal("hello");
  expect((await new CutoverEngine(r.deps, doc).run(plan("v1"))).outcome).toBe("promoted");
  r.events.length = 0;
  return doc;
}

describe("holding before promotion", () => {
  it("waits with all traffic on the new version and the old one running, journaled as held, then promotes", async () => {
    const r = rig();
    const doc = await withV1(r);
    let release!: (reason: string | undefined) => void;
    let held = false;
    const engine = new CutoverEngine(
      {
        ...r.deps,
        beforePromote: () => {
          held = true;
          return new Promise((res) => (release = res));
        },
      },
      doc,
    );
    const running = engine.run(plan("v2"));
    while (!held) await new Promise((res) => setTimeout(res, 1));
    expect(r.router.weights).toEqual({ blue: 0, green: 100 });
    expect([...r.runtime.procs.keys()].sort()).toEqual(["blue", "green"]);
    expect(doc.cutover?.phase).toBe("verifying");
    expect(doc.cutover?.transitions.at(-1)?.note).toBe(HELD_NOTE);
    expect(JSON.parse(r.host.files.get("/state/journal.json") as string).cutover.transitions.at(-1).note).toBe(HELD_NOTE);
    release(undefined);
    const res = await running;
    expect(res.outcome).toBe("promoted");
    expect([...r.runtime.procs.keys()]).toEqual(["green"]);
  });

  it("goes back to the warm old version when the fleet says so, with the fleet's reason", async () => {
    const r = rig();
    const doc = await withV1(r);
    const engine = new CutoverEngine({ ...r.deps, beforePromote: async () => "rolled back because web-3 failed: health gate failed" }, doc);
    const res = await engine.run(plan("v2"));
    expect(res.outcome).toBe("rolled-back");
    expect(res.reason).toBe("rolled back because web-3 failed: health gate failed");
    expect(r.events.filter((e) => e.startsWith("start:"))).toEqual(["start:green:v2"]);
    expect(r.router.weights).toEqual({ blue: 100, green: 0 });
    expect([...r.runtime.procs.keys()]).toEqual(["blue"]);
    expect(doc.history.at(-1)).toMatchObject({ version: "v2", outcome: "rolled-back", reason: "rolled back because web-3 failed: health gate failed" });
  });
});

describe("recovering a held host", () => {
  /** A deployer died while v2 was held on green (all traffic), v1 still running on blue. */
  function heldDoc(note = HELD_NOTE): JournalDoc {
    return {
      ...emptyJournal("hello"),
      active: { color: "blue", port: 8081, version: "v1", pid: 1000 },
      cutover: {
        id: "run-9",
        command: "deploy",
        phase: "verifying",
        from: { color: "blue", port: 8081, version: "v1", pid: 1000 },
        to: { color: "green", port: 8082, version: "v2", pid: 1001 },
        strategy: "blue-green",
        steps: [100],
        weight: 100,
        transitions: [{ phase: "verifying", at: "2026-11-25T00:00:00Z", ...(note ? { note } : {}) }],
        deployer: { machine: "test", pid: 99 },
      },
    };
  }
  function procs(r: Rig) {
    r.runtime.procs.set("blue", { pid: 1000, version: "v1" });
    r.runtime.procs.set("green", { pid: 1001, version: "v2" });
  }

  it("rolls it back when no host of the rollout committed", async () => {
    const r = rig();
    procs(r);
    const doc = heldDoc();
    const rec = await recoverCutover(r.deps, doc, new CutoverEngine(r.deps, doc));
    expect(rec?.action).toBe("rolled-back");
    expect(doc.active?.version).toBe("v1");
  });

  it("completes it when another host of the rollout already committed (one version everywhere)", async () => {
    const r = rig();
    procs(r);
    const doc = heldDoc();
    const rec = await recoverCutover(r.deps, doc, new CutoverEngine(r.deps, doc), { completeHeld: true });
    expect(rec?.action).toBe("completed");
    expect(rec?.why).toMatch(/another host of the same rollout was already promoted/);
    expect(doc.active?.version).toBe("v2");
    expect([...r.runtime.procs.keys()]).toEqual(["green"]);
  });

  it("still rolls back a host that had not passed its checks, even then", async () => {
    const r = rig();
    procs(r);
    const doc = heldDoc("");
    const rec = await recoverCutover(r.deps, doc, new CutoverEngine(r.deps, doc), { completeHeld: true });
    expect(rec?.action).toBe("rolled-back");
    expect(doc.active?.version).toBe("v1");
  });
});
