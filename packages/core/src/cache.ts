import { randomBytes } from "node:crypto";
import type { Reporter } from "./report.js";
import { type StateStore, StateKey } from "./state.js";

/**
 * What to restore now and save in the post step. `key` names what an entry holds (toolchain,
 * targets, dependencies); each saved entry is `<key>-<run>`, and a restore takes the newest of
 * them, so an entry found useless is replaced by the next good one instead of being trusted
 * forever (cache entries cannot be overwritten or deleted through the cache service).
 */
export interface CachePlan {
  paths: string[];
  key: string;
  restoreKeys: string[];
}

/** The plan as main left it for post: what was restored, and what the main step made of it. */
export interface CacheRecord extends CachePlan {
  /** The entry restored, if any. */
  matched?: string;
  /** Set by settleCache once the main step succeeded; post saves nothing without it. */
  settled?: { used: boolean };
}

export interface RestoreResult {
  available: boolean;
  /** An entry saved for this very key was restored (not one through the restore-keys). */
  hit: boolean;
  matched?: string;
  /**
   * Called once the main step succeeded: post may save (settleCache). Main keeps the record itself,
   * since a step's own saved state reads back only in its post step.
   */
  settle(used: boolean): void;
}

/**
 * @actions/cache (and the Azure SDK under it) is most of the bundle: load it only when a cache
 * service is there to talk to, so runs without one (act, the CLI) start faster.
 */
function cacheServiceConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

/**
 * Restores a cache and records the plan for post. Without a cache service (act without its
 * cache server, the CLI, this machine) it says so once and goes on.
 */
export async function restoreCache(plan: CachePlan, reporter: Reporter, state: StateStore): Promise<RestoreResult> {
  const cache = cacheServiceConfigured() ? await import("@actions/cache") : undefined;
  if (!cache?.isFeatureAvailable()) {
    reporter.info("cache: no cache service here (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL unset); going on without one");
    return { available: false, hit: false, settle: () => undefined };
  }
  let matched: string | undefined;
  try {
    matched = await cache.restoreCache(plan.paths, plan.key, [`${plan.key}-`, ...plan.restoreKeys]);
  } catch (err) {
    reporter.warning(`cache: restore failed, going on without it: ${(err as Error).message}`);
  }
  const record: CacheRecord = { ...plan, matched };
  state.set(StateKey.CachePlan, JSON.stringify(record));
  const hit = matched?.startsWith(`${plan.key}-`) ?? false;
  reporter.info(matched ? `cache: restored ${matched}${hit ? " (this key)" : " (partial, through the restore-keys)"}` : `cache: no entry for ${plan.key}`);
  return { available: true, hit, matched, settle: (used) => settleCache(state, record, used) };
}

/**
 * The main step succeeded: post may save. `used` says whether the entry restored for this key
 * served the run; when it did not (restored, yet everything was made anew), post saves a new
 * entry that later runs restore instead.
 */
export function settleCache(state: StateStore, record: CacheRecord, used: boolean): void {
  state.set(StateKey.CachePlan, JSON.stringify({ ...record, settled: { used } }));
}

/** A name for one saved entry: the run (and attempt) that saved it, else a random one. */
function entrySuffix(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? "1"}` : randomBytes(6).toString("hex");
}

/**
 * The post step: saves only after a main step that succeeded (one that failed may leave the
 * caches half made, and an entry saved then would be restored as a hit by every later run),
 * and only when no entry for this key was restored and used.
 */
export async function saveCachePlan(reporter: Reporter, state: StateStore, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const raw = state.get(StateKey.CachePlan);
  if (!raw) return;
  const plan = JSON.parse(raw) as CacheRecord;
  if (!plan.settled) {
    reporter.info("cache: the main step did not succeed; nothing saved (its caches may be half made)");
    return;
  }
  const hit = plan.matched?.startsWith(`${plan.key}-`) ?? false;
  if (hit && plan.settled.used) {
    reporter.info(`cache: ${plan.matched} was restored and used; nothing to save`);
    return;
  }
  const key = `${plan.key}-${entrySuffix(env)}`;
  const cache = await import("@actions/cache");
  try {
    await cache.saveCache(plan.paths, key);
    reporter.info(`cache: saved ${key}${hit ? ` (${plan.matched} was restored but held little of use)` : ""}`);
  } catch (err) {
    if (err instanceof cache.ReserveCacheError) reporter.info(`cache: ${key} is being saved by another job; skipped`);
    else reporter.warning(`cache: save failed: ${(err as Error).message}`);
  }
}
