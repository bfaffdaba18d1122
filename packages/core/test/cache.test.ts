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
    const state = memoryState();
    settleCache(state, { ...plan, matched: "gantry-go-caches2-k-41.1" }, true);
    const r = new MemoryReporter();
    await saveCachePlan(r, state, {});
    expect(r.lines).toEqual(["cache: gantry-go-caches2-k-41.1 was restored and used; nothing to save"]);
  });

  it("settleCache records the plan main kept, with what main made of the entry", () => {
    // Written afresh from main's own record: on a runner a step's saved state reads back only in post.
    const state = memoryState();
    settleCache(state, { ...plan, matched: "gantry-go-caches2-k-41.1" }, false);
    expect(JSON.parse(state.get(StateKey.CachePlan))).toMatchObject({ key: plan.key, matched: "gantry-go-caches2-k-41.1", settled: { used: false } });
  });
});
