import { MemoryReporter } from "@gantry/core";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CutoverEngine } from "../src/engine/cutover.js";
import type { DeployerId } from "../src/hosts/host.js";
import { emptyJournal } from "../src/engine/journal.js";
import { LocalHost } from "../src/hosts/localhost.js";
import { DeployLock, LockLostError, STALE_AFTER_MS } from "../src/engine/lock.js";
import { lockTempName } from "../src/engine/locktemp.js";
import { release, rig } from "./fakes.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DEAD_PID = 999_999;

/** The state folders these tests made: removed when the file ends. */
const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The real file system, as one deployer among many on the same machine (its own pid), with
 * renames and reads delayed at random to force the interleavings of issue 10's race: a deployer
 * judges a lock stale, another breaks it and takes a fresh one, then the first one's rename runs.
 */
class SlowHost extends LocalHost {
  constructor(private readonly pid: number) {
    super();
  }
  override deployer(): DeployerId {
    return { machine: "m1", pid: this.pid };
  }
  override async rename(from: string, to: string) {
    await sleep(Math.random() * 15);
    return super.rename(from, to);
  }
  override async readFile(path: string) {
    const text = await super.readFile(path);
    await sleep(Math.random() * 10);
    return text;
  }
}

/** A lock an older deployer (pid DEAD_PID, now gone) left behind: mkdir and an owner record. */
function plantDeadLock(stateDir: string) {
  mkdirSync(join(stateDir, "lock"));
  const at = new Date().toISOString();
  writeFileSync(join(stateDir, "lock", "owner.json"), JSON.stringify({ machine: "m1", pid: DEAD_PID, runId: "dead", acquired: at, heartbeat: at }));
}

describe("deploy lock under contention (issue 10)", () => {
  it("20 deployers racing to break one stale lock: never two holders at once", async () => {
    const dir = tempDir("gantry-lock-race-");
    plantDeadLock(dir);
    let holders = 0;
    let most = 0;
    const order: string[] = [];
    const deployer = async (i: number) => {
      const lock = new DeployLock(new SlowHost(1000 + i), dir);
      const opts = { timeoutMs: 120_000, runId: `r${i}`, reporter: new MemoryReporter(), pidAlive: async (pid: number) => pid !== DEAD_PID, pollMs: 5 };
      await lock.acquire(opts);
      holders++;
      most = Math.max(most, holders);
      order.push(`r${i}`);
      // Hold it across a few reads of the record, as a cutover does before each step.
      for (let k = 0; k < 3; k++) {
        await sleep(2);
        await lock.verify();
      }
      holders--;
      await lock.release();
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => deployer(i)));
    expect(most).toBe(1);
    expect(new Set(order).size).toBe(20);
  }, 60_000);

  it("a deployer whose lock was broken and taken stops: its check fails, its signal aborts, its release leaves the new lock", async () => {
    const dir = tempDir("gantry-lock-stolen-");
    const a = new DeployLock(new SlowHost(2001), dir);
    await a.acquire({ timeoutMs: 0, runId: "a", reporter: new MemoryReporter(), heartbeatMs: 20 });
    await a.verify();
    // B's clock runs past STALE_AFTER_MS: to B, A looks silent (a paused VM, a partitioned network).
    const reporter = new MemoryReporter();
    const b = new DeployLock(new SlowHost(2002), dir);
    await b.acquire({ timeoutMs: 0, runId: "b", reporter, now: () => Date.now() + STALE_AFTER_MS + 5_000, pidAlive: async () => true });
    expect(reporter.all().map((m) => m.message)).toEqual([expect.stringMatching(/broke a stale lock: its owner, pid 2001 on m1 \(run a\), has not refreshed/)]);
    for (let i = 0; i < 200 && !a.signal.aborted; i++) await sleep(10);
    expect(a.signal.aborted).toBe(true);
    expect(a.signal.reason).toBeInstanceOf(LockLostError);
    await expect(a.verify()).rejects.toThrow(
      /deploy lock .* was taken from this run \(a\) and (is now held by pid 2002 on m1 \(run b\)|is gone); the run stopped/,
    );
    await a.release();
    expect(JSON.parse(readFileSync(join(dir, "lock", "owner.json"), "utf8")).runId).toBe("b");
    await b.verify();
    await b.release();
  });

  it("a cutover whose lock was taken halts at its next step: no rollback, nothing more journaled", async () => {
    let checks = 0;
    const r = rig({
      ownsLock: async () => {
        // The fourth phase (switching) is where the lock turns out to be gone.
        if (++checks === 4) throw new LockLostError("the deploy lock was taken from this run");
      },
    });
    const doc = emptyJournal("hello");
    const engine = new CutoverEngine(r.deps, doc);
    await expect(
      engine.run({ command: "deploy", version: "v1", strategy: "blue-green", steps: [100], stage: async () => ({ release: release("v1"), env: {} }) }),
    ).rejects.toThrow(LockLostError);
    expect(r.events).toEqual(["journal:staging", "journal:starting", "isolate:blue", "start:blue:v1", "journal:gating"]);
    expect(doc.cutover?.phase).toBe("gating");
    expect(doc.history).toEqual([]);
  });

  it("the next acquisition removes the temp names a killed deployer left, older than the stale limit, never a newer one", async () => {
    const dir = tempDir("gantry-lock-leftovers-");
    const now = Date.now();
    const token = (i: number) => i.toString(16).padStart(24, "0");
    const folder = (name: string) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "owner.json"), "{}");
      return name;
    };
    const file = (name: string) => {
      writeFileSync(join(dir, name), new Date().toISOString());
      return name;
    };
    const old = now - STALE_AFTER_MS - 5_000;
    // A deployer killed inside take(), removeIf() and beat(), for the lock and for lock.breaking.
    const dead = [
      folder(lockTempName("lock", "new", token(1), old)),
      folder(lockTempName("lock", "gone", token(2), old)),
      file(lockTempName("lock", "beat", token(3), old)),
      file(`${lockTempName("lock", "beat", token(4), old)}.tmp-4242-a1b2c3`),
      folder(lockTempName("lock.breaking", "new", token(5), old)),
      folder(lockTempName("lock.breaking", "gone", token(6), old)),
    ];
    // Another deployer's, in the middle of those same steps right now (and one a second old): live.
    const live = [
      folder(lockTempName("lock", "new", token(7), now - 1_000)),
      folder(lockTempName("lock", "gone", token(8), now)),
      file(lockTempName("lock", "beat", token(9), now)),
      folder(lockTempName("lock.breaking", "new", token(10), now - STALE_AFTER_MS + 5_000)),
    ];
    // Names the lock never makes are not its to remove, however old.
    const others = [folder("lock.new-x"), file(`lock.gone-${old}-not-a-token`), file("journal.json"), folder("releases")];
    const lock = new DeployLock(new SlowHost(3001), dir);
    await lock.acquire({ timeoutMs: 0, runId: "next", reporter: new MemoryReporter(), now: () => now });
    const left = readdirSync(dir);
    for (const name of dead) expect(left, `${name} is left over`).not.toContain(name);
    for (const name of [...live, ...others, "lock"]) expect(left).toContain(name);
    await lock.release();
  });
});
