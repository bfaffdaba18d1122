import { join } from "node:path";
import { GantryError, type Reporter, formatDuration } from "@gantry/core";
import type { DeployerId, Host } from "./host.js";
import { localProcessInfo } from "./localhost.js";

/** `state-dir/lock/owner.json`. */
export interface LockOwner extends DeployerId {
  runId: string;
  acquired: string;
  /** Refreshed every HEARTBEAT_MS while the owner lives. */
  heartbeat: string;
}

export const HEARTBEAT_MS = 5_000;
/**
 * A lock whose owner has not refreshed it for this long is stale. Stale locks left by dead
 * deployers are Kamal's most reported lock problem (kamal#185, #1517): gantry breaks them itself,
 * at once when the owner ran on this machine and its pid is gone, else after this silence.
 */
export const STALE_AFTER_MS = 30_000;

/** How long a lock may exist without its owner record before it counts as abandoned. */
export const OWNER_GRACE_MS = 2_000;

export interface LockOptions {
  timeoutMs: number;
  runId: string;
  reporter: Reporter;
  /** Whether a pid on the deployer's own machine is alive (injectable for tests). */
  pidAlive?: (pid: number) => Promise<boolean>;
  now?: () => number;
}

/** Why an existing lock can be broken, or undefined when its owner may still be alive. */
export async function staleReason(owner: LockOwner | undefined, me: DeployerId, opts: Pick<LockOptions, "pidAlive" | "now">): Promise<string | undefined> {
  const now = (opts.now ?? Date.now)();
  if (!owner) return "the lock has no readable owner record (its deployer died while taking it)";
  if (owner.machine === me.machine && owner.pid !== me.pid) {
    const alive = await (opts.pidAlive ?? (async (pid) => (await localProcessInfo(pid)).state === "running"))(owner.pid);
    if (!alive) return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), is no longer running`;
  }
  const silent = now - Date.parse(owner.heartbeat);
  if (Number.isFinite(silent) && silent > STALE_AFTER_MS)
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), has not refreshed it for ${formatDuration(silent)}`;
  return undefined;
}

/** The deploy lock: one cutover per app and host at a time. */
export class DeployLock {
  private timer?: NodeJS.Timeout;
  private readonly dir: string;
  private readonly ownerFile: string;
  private owner?: LockOwner;

  constructor(
    private readonly host: Host,
    stateDir: string,
  ) {
    this.dir = join(stateDir, "lock");
    this.ownerFile = join(this.dir, "owner.json");
  }

  /** Takes the lock, breaking a stale one with a notice; waits up to timeoutMs for a live owner. */
  async acquire(opts: LockOptions): Promise<void> {
    const me = this.host.deployer();
    const now = opts.now ?? Date.now;
    const deadline = now() + opts.timeoutMs;
    let waitingSaid = false;
    let ownerMissingSince: number | undefined;
    for (;;) {
      if (await this.host.mkdirExclusive(this.dir)) {
        const at = new Date(now()).toISOString();
        this.owner = { ...me, runId: opts.runId, acquired: at, heartbeat: at };
        await this.host.writeFile(this.ownerFile, JSON.stringify(this.owner));
        this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
        this.timer.unref();
        return;
      }
      const owner = await this.readOwner();
      // The owner record is written right after the mkdir: only a record missing for a while means a dead deployer.
      if (!owner) ownerMissingSince ??= now();
      else ownerMissingSince = undefined;
      const stale = owner || now() - (ownerMissingSince ?? now()) > OWNER_GRACE_MS ? await staleReason(owner, me, opts) : undefined;
      if (stale) {
        opts.reporter.notice(`deploy lock on ${this.host.name}: broke a stale lock: ${stale}`);
        // Rename first: of two deployers breaking the same lock, only one rename succeeds.
        const aside = `${this.dir}.stale-${opts.runId}`;
        try {
          await this.host.rename(this.dir, aside);
          await this.host.remove(aside);
        } catch {
          // Someone else broke or released it; go round again.
        }
        continue;
      }
      if (now() >= deadline) {
        throw new GantryError(
          `the deploy lock ${this.dir} on ${this.host.name} is held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}, since ${owner?.acquired}); waited ${formatDuration(opts.timeoutMs)} (lock-timeout)`,
        );
      }
      if (!waitingSaid)
        opts.reporter.info(`deploy lock held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}); waiting up to ${formatDuration(opts.timeoutMs)}`);
      waitingSaid = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private async readOwner(): Promise<LockOwner | undefined> {
    try {
      const text = await this.host.readFile(this.ownerFile);
      return text ? (JSON.parse(text) as LockOwner) : undefined;
    } catch {
      return undefined;
    }
  }

  private async beat(): Promise<void> {
    if (!this.owner) return;
    this.owner.heartbeat = new Date().toISOString();
    try {
      await this.host.writeFile(this.ownerFile, JSON.stringify(this.owner));
    } catch {
      // A missed heartbeat only matters after STALE_AFTER_MS of them.
    }
  }

  /** Releases the lock if this run still holds it. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (!this.owner) return;
    const current = await this.readOwner();
    if (current?.runId === this.owner.runId) await this.host.remove(this.dir);
    this.owner = undefined;
  }
}
