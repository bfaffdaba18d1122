import type { Reporter } from "./report.js";
import { type StateStore, StateKey } from "./state.js";

/** What to restore now and, when the exact key missed, save in the post step. */
export interface CachePlan {
  paths: string[];
  key: string;
  restoreKeys: string[];
  /** The key that was restored, if any. */
  matched?: string;
}

export interface RestoreResult {
  available: boolean;
  /** True only for an exact key match. */
  hit: boolean;
  matched?: string;
}

/**
 * Restores a cache and records the plan for post. Without a cache service (act without its
 * cache server, the CLI, this machine) it says so once and goes on.
 */
/**
 * @actions/cache (and the Azure SDK under it) is most of the bundle: load it only when a cache
 * service is there to talk to, so runs without one (act, the CLI) start faster.
 */
function cacheServiceConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

export async function restoreCache(plan: CachePlan, reporter: Reporter, state: StateStore): Promise<RestoreResult> {
  const cache = cacheServiceConfigured() ? await import("@actions/cache") : undefined;
  if (!cache?.isFeatureAvailable()) {
    reporter.info("cache: no cache service here (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL unset); going on without one");
    return { available: false, hit: false };
  }
  let matched: string | undefined;
  try {
    matched = await cache.restoreCache(plan.paths, plan.key, plan.restoreKeys);
  } catch (err) {
    reporter.warning(`cache: restore failed, going on without it: ${(err as Error).message}`);
  }
  state.set(StateKey.CachePlan, JSON.stringify({ ...plan, matched }));
  reporter.info(matched ? `cache: restored ${matched}${matched === plan.key ? " (exact)" : " (partial)"}` : `cache: no entry for ${plan.key}`);
  return { available: true, hit: matched === plan.key, matched };
}

/** The post step: saves only when the exact key missed. */
export async function saveCachePlan(reporter: Reporter, state: StateStore): Promise<void> {
  const raw = state.get(StateKey.CachePlan);
  if (!raw) return;
  const plan = JSON.parse(raw) as CachePlan;
  if (plan.matched === plan.key) {
    reporter.info(`cache: ${plan.key} was an exact hit; nothing to save`);
    return;
  }
  const cache = await import("@actions/cache");
  try {
    await cache.saveCache(plan.paths, plan.key);
    reporter.info(`cache: saved ${plan.key}`);
  } catch (err) {
    if (err instanceof cache.ReserveCacheError) reporter.info(`cache: ${plan.key} is being saved by another job; skipped`);
    else reporter.warning(`cache: save failed: ${(err as Error).message}`);
  }
}
