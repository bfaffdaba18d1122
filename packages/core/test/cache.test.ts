import { describe, expect, it } from "vitest";
import { saveCachePlan, settleCache } from "../src/cache.js";
import { MemoryReporter } from "../src/report.js";
import { StateKey, memoryState } from "../src/state.js";

const plan = { paths: ["/nowhere"], key: "gantry-go-caches2-k", restoreKeys: ["gantry-go-caches2-"] };

function stateWith(record: object) {
  const state = memoryState();
  state.set(StateKey.CachePlan, JSON.stringify(record));
  return state;
}

describe("what the post step saves", () => {
  it("nothing after a main step that did not succeed: its caches may be half made", async () => {
    const r = new MemoryReporter();
    await saveCachePlan(r, stateWith({ ...plan, matched: undefined }), {});
    expect(r.lines).toEqual(["cache: the main step did not succeed; nothing saved (its caches may be half made)"]);
  });

  it("nothing when the entry restored for this key served the run", async () => {
    const state = stateWith({ ...plan, matched: "gantry-go-caches2-k-41.1" });
    settleCache(state, true);
    const r = new MemoryReporter();
    await saveCachePlan(r, state, {});
    expect(r.lines).toEqual(["cache: gantry-go-caches2-k-41.1 was restored and used; nothing to save"]);
  });

  it("settleCache records what main made of the entry, and nothing without a plan", () => {
    const state = stateWith({ ...plan, matched: "gantry-go-caches2-k-41.1" });
    settleCache(state, false);
    expect(JSON.parse(state.get(StateKey.CachePlan))).toMatchObject({ settled: { used: false } });
    const empty = memoryState();
    settleCache(empty, true);
    expect(empty.get(StateKey.CachePlan)).toBe("");
  });
});
