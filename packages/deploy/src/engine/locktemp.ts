import { join } from "node:path";
import type { Host } from "../hosts/host.js";

/**
 * The deploy lock's temp names beside `state-dir/lock` (lock.ts): a lock being put in place
 * (`new`), one moved aside to be checked or removed (`gone`), a heartbeat on its way in (`beat`).
 * Each name carries the time it was made, so a deployer killed between making one and renaming
 * or removing it leaves something the next acquisition can date without a clock of the host.
 */
export type LockTempKind = "new" | "gone" | "beat";

/** `<path>.<kind>-<ms since 1970>-<token>`, e.g. `lock.new-1764470000000-0a1b…`. */
export function lockTempName(path: string, kind: LockTempKind, token: string, now: number): string {
  return `${path}.${kind}-${Math.floor(now)}-${token}`;
}

/**
 * A leftover of `lock` or `lock.breaking`, or a write's temp file of one (`….tmp-…`, LocalHost's
 * tempPath and the WRITE script's mktemp name); group 1 is its time.
 */
const LEFTOVER = /^lock(?:\.breaking)?\.(?:new|gone|beat)-(\d{1,16})-[0-9a-f]{24}(?:\.tmp-[A-Za-z0-9-]+)?$/;

/**
 * Removes the lock's temp names in `stateDir` made more than `maxAgeMs` before `now` (issue 10:
 * a deployer killed at the wrong moment left them behind for good). A live one exists for a few
 * file operations, far less than the stale limit, so it is never taken; the age is judged on the
 * deployers' clocks, as the stale lock itself is. Returns the names removed.
 */
export async function removeLockLeftovers(host: Host, stateDir: string, now: number, maxAgeMs: number): Promise<string[]> {
  const old = (await host.list(stateDir)).filter((name) => {
    const made = LEFTOVER.exec(name)?.[1];
    return made !== undefined && now - Number(made) > maxAgeMs;
  });
  const removed: string[] = [];
  for (const name of old) {
    try {
      await host.remove(join(stateDir, name));
      removed.push(name);
    } catch {
      // Left for the next run: a leftover never stops a deploy.
    }
  }
  return removed;
}
