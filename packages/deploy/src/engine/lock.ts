import { randomBytes } from "node:crypto";
import { basename, join } from "node:path";
import { GantryError, type Reporter, formatDuration } from "@gantry/core";
import type { DeployerId, Host } from "../hosts/host.js";
import { localProcessInfo } from "../hosts/proc.js";
import { lockTempName, removeLockLeftovers } from "./locktemp.js";

/** `state-dir/lock/owner.json`. */
export interface LockOwner extends DeployerId {
  runId: string;
  acquired: string;
  /** Refreshed every HEARTBEAT_MS while the owner lives (in `lock/beat-<token>` when there is a token). */
  heartbeat: string;
  /**
   * Random per acquisition: ownership is this token, never the pid or the run id (issue 10: a
   * stale-lock break must not hand one lock to two deployers). Absent in locks of older gantry versions.
   */
  token?: string;
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

/** A break takes a few file operations; a `lock.breaking` folder older than this was left by a dead breaker. */
export const BREAK_STALE_MS = 10_000;

const OWNER_FILE = "owner.json";

export interface LockOptions {
  timeoutMs: number;
  runId: string;
  reporter: Reporter;
  /** Whether a pid on the deployer's own machine is alive (injectable for tests). */
  pidAlive?: (pid: number) => Promise<boolean>;
  now?: () => number;
  /** Test seams: the heartbeat period (HEARTBEAT_MS) and the wait between attempts (500 ms). */
  heartbeatMs?: number;
  pollMs?: number;
}

/** The run lost the deploy lock to another deployer: it stops where it is and changes nothing more. */
export class LockLostError extends GantryError {
  override name = "LockLostError";
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

/** Whether two owner records are the same acquisition (the heartbeat may differ). */
export function sameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  if (!a || !b) return a === b;
  return a.token === b.token && a.runId === b.runId && a.acquired === b.acquired && a.pid === b.pid && a.machine === b.machine;
}

const newToken = () => randomBytes(12).toString("hex");
const TOKEN = /^[0-9a-f]{24}$/;
/** The heartbeat of one acquisition, beside its owner record (which never changes once the lock is taken). */
const beatFile = (token: string) => `beat-${token}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The deploy lock: one cutover per app and host at a time. A lock is a folder holding its owner
 * record, put in place whole by one rename (so it is never seen without its record, and a rename
 * onto it fails while it is held). Breaking a stale lock is serialized by `lock.breaking` and moves
 * the lock to a unique name first, keeping it only if it is the record judged stale (issue 10).
 */
export class DeployLock {
  private timer?: NodeJS.Timeout;
  private readonly dir: string;
  private readonly breaking: string;
  /** The clock temp names are dated by (LockOptions.now). */
  private now: () => number = Date.now;
  private owner?: LockOwner;
  private lost?: LockLostError;
  private readonly abort = new AbortController();

  constructor(
    private readonly host: Host,
    private readonly stateDir: string,
  ) {
    this.dir = join(stateDir, "lock");
    this.breaking = join(stateDir, "lock.breaking");
  }

  /** Aborted when the lock is lost (its reason is the LockLostError). */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Takes the lock, breaking a stale one with a notice; waits up to timeoutMs for a live owner. */
  async acquire(opts: LockOptions): Promise<void> {
    const me = this.host.deployer();
    const now = opts.now ?? Date.now;
    this.now = now;
    const deadline = now() + opts.timeoutMs;
    const swept = await removeLockLeftovers(this.host, this.stateDir, now(), STALE_AFTER_MS).catch(() => []);
    if (swept.length) opts.reporter.debug(`deploy lock on ${this.host.name}: removed what killed deployers left: ${swept.join(", ")}`);
    let waitingSaid = false;
    let ownerMissingSince: number | undefined;
    for (;;) {
      const at = new Date(now()).toISOString();
      const mine: LockOwner = { ...me, runId: opts.runId, acquired: at, heartbeat: at, token: newToken() };
      if (await this.take(this.dir, mine)) {
        this.owner = mine;
        this.timer = setInterval(() => void this.beat(), opts.heartbeatMs ?? HEARTBEAT_MS);
        this.timer.unref();
        return;
      }
      const owner = await this.read(this.dir).catch(() => undefined);
      // Only a lock missing its record for a while (one an older gantry made with mkdir) means a dead deployer.
      if (!owner) ownerMissingSince ??= now();
      else ownerMissingSince = undefined;
      const stale = owner || now() - (ownerMissingSince ?? now()) > OWNER_GRACE_MS ? await staleReason(owner, me, opts) : undefined;
      if (stale && (await this.breakStale(owner, mine, now))) {
        opts.reporter.notice(`deploy lock on ${this.host.name}: broke a stale lock: ${stale}`);
        continue;
      }
      // Another deployer is breaking it: look again shortly.
      if (stale) {
        await sleep(10 + Math.random() * 40);
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
      await sleep(opts.pollMs ?? 500);
    }
  }

  /**
   * Puts a folder holding `record` at `path` by one rename; true when `path` then holds this very
   * record (SshHost's `mv` moves into an existing folder instead of failing: the re-read catches it).
   */
  private async take(path: string, record: LockOwner): Promise<boolean> {
    const tmp = lockTempName(path, "new", record.token as string, this.now());
    try {
      await this.host.mkdirp(tmp, 0o750);
      await this.host.writeFile(join(tmp, OWNER_FILE), JSON.stringify(record), 0o640);
      await this.host.rename(tmp, path);
    } catch {
      return false;
    } finally {
      await this.host.remove(tmp).catch(() => {});
    }
    const now = await this.read(path).catch(() => undefined);
    if (sameOwner(now, record)) return true;
    await this.host.remove(join(path, basename(tmp))).catch(() => {});
    return false;
  }

  /** The owner record at `path` with its latest heartbeat; undefined when missing or unreadable; throws when the host cannot be asked. */
  private async read(path: string): Promise<LockOwner | undefined> {
    const text = await this.host.readFile(join(path, OWNER_FILE));
    let owner: LockOwner;
    try {
      if (!text) return undefined;
      owner = JSON.parse(text) as LockOwner;
    } catch {
      return undefined;
    }
    if (typeof owner.token === "string" && TOKEN.test(owner.token)) {
      const beat = (await this.host.readFile(join(path, beatFile(owner.token))))?.trim();
      if (beat && Number.isFinite(Date.parse(beat))) owner.heartbeat = beat;
    }
    return owner;
  }

  /**
   * Removes the folder at `path` only if it holds `expected`: it is moved to a unique name, its
   * record checked, and put back when it is another one. Should another deployer have taken `path`
   * meanwhile, the moved lock's owner finds out at its next check (LockLostError) and stops.
   */
  private async removeIf(path: string, expected: LockOwner | undefined): Promise<boolean> {
    const aside = lockTempName(path, "gone", newToken(), this.now());
    try {
      await this.host.rename(path, aside);
    } catch {
      return false;
    }
    const moved = await this.read(aside).catch(() => undefined);
    if (sameOwner(moved, expected)) {
      await this.host.remove(aside);
      return true;
    }
    try {
      await this.host.rename(aside, path);
    } catch {
      await this.host.remove(aside).catch(() => {});
    }
    return false;
  }

  /**
   * Breaks the lock whose record was judged stale, one breaker at a time: of the deployers that
   * read the same stale record, the first breaks it and the others find it changed.
   */
  private async breakStale(judged: LockOwner | undefined, me: LockOwner, now: () => number): Promise<boolean> {
    const mutex: LockOwner = { ...me, token: newToken() };
    if (!(await this.take(this.breaking, mutex))) {
      const holder = await this.read(this.breaking).catch(() => undefined);
      const age = holder ? now() - Date.parse(holder.acquired) : Number.POSITIVE_INFINITY;
      if (!(age <= BREAK_STALE_MS)) await this.removeIf(this.breaking, holder);
      return false;
    }
    try {
      const current = await this.read(this.dir);
      return sameOwner(current, judged) && (await this.removeIf(this.dir, judged));
    } catch {
      return false;
    } finally {
      await this.removeIf(this.breaking, mutex);
    }
  }

  /** Throws LockLostError when another deployer holds the lock now; a host that cannot be asked is not a loss. */
  async verify(): Promise<void> {
    if (this.lost) throw this.lost;
    if (!this.owner) return;
    let current: LockOwner | undefined;
    try {
      current = await this.read(this.dir);
    } catch {
      return;
    }
    if (sameOwner(current, this.owner)) return;
    const by = current ? `is now held by pid ${current.pid} on ${current.machine} (run ${current.runId})` : "is gone";
    this.lost = new LockLostError(
      `the deploy lock ${this.dir} on ${this.host.name} was taken from this run (${this.owner.runId}) and ${by}; the run stopped before its next step and changed nothing more (the next run recovers what the journal shows)`,
    );
    this.owner = undefined;
    clearInterval(this.timer);
    this.abort.abort(this.lost);
    throw this.lost;
  }

  private beating = false;

  /** The heartbeat: checks the lock is still this run's, then refreshes its record. */
  private async beat(): Promise<void> {
    if (!this.owner || this.beating) return;
    this.beating = true;
    const token = this.owner.token as string;
    const tmp = lockTempName(this.dir, "beat", token, this.now());
    try {
      await this.verify();
      // Written beside the lock and renamed in: a rename never re-creates a lock folder another
      // deployer broke meanwhile, and in a folder taken since it lands under a name nobody reads.
      await this.host.writeFile(tmp, new Date().toISOString(), 0o640);
      await this.host.rename(tmp, join(this.dir, beatFile(token)));
      await this.verify();
    } catch {
      await this.host.remove(tmp).catch(() => {});
      // A LockLostError is kept in `lost` (and aborts `signal`); a missed heartbeat only matters after STALE_AFTER_MS of them.
    } finally {
      this.beating = false;
    }
  }

  /** Releases the lock if this run still holds it. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (!this.owner) return;
    await this.removeIf(this.dir, this.owner);
    this.owner = undefined;
  }
}
