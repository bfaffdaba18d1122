/**
 * A steady keep-alive load for the kill tests (issue 10). autocannon's rate limit sends each
 * second's requests in one burst at the start of the second and then idles, so a recovery that
 * takes a few hundred milliseconds can fall between bursts and see no request at all. Here every
 * connection sends its next request a fixed interval after the previous one started, the
 * connections staggered, so requests are spread over every moment of a kill and its recovery.
 * No retries: every non-2xx answer and every connection error or timeout counts as failed.
 * killUnderLoad wraps one kill case in it and checks what it saw.
 */
import http from "node:http";
import { expect } from "vitest";
import type { StepRun } from "../harness.js";
import type { RunningAction } from "./spawn.js";
import { type Load, type LoadResult, waitFor } from "./support.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One GET on a keep-alive agent: its status, 0 when the connection failed or timed out. */
function request(url: URL, agent: http.Agent, timeoutMs: number): Promise<number> {
  return new Promise((res) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (r) => {
      r.resume();
      r.on("end", () => res(r.statusCode ?? 0));
      r.on("error", () => res(0));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => res(0));
  });
}

/** `connections` keep-alive connections sharing `rate` requests per second, evenly, until stopped. */
export function startSteadyLoad(target: string, o: { connections?: number; rate?: number } = {}): Load {
  const connections = o.connections ?? 50;
  const intervalMs = (connections * 1000) / (o.rate ?? 2000);
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const started = performance.now();
  let stopped = false;
  let made = 0;
  let non2xx = 0;
  let errors = 0;
  const lane = async (i: number) => {
    await sleep((i * intervalMs) / connections);
    while (!stopped) {
      const at = performance.now();
      const status = await request(url, agent, 10_000);
      made++;
      if (status === 0) errors++;
      else if (status < 200 || status >= 300) non2xx++;
      await sleep(Math.max(0, at + intervalMs - performance.now()));
    }
  };
  const lanes = Array.from({ length: connections }, (_, i) => lane(i));
  return {
    failed: () => non2xx + errors,
    made: () => made,
    stop: async (): Promise<LoadResult> => {
      stopped = true;
      // Requests in flight are awaited, so each one counts.
      await Promise.all(lanes);
      agent.destroy();
      const seconds = (performance.now() - started) / 1000;
      return { total: made, ok: made - non2xx - errors, failed: non2xx + errors, non2xx, errors, rps: made / seconds };
    },
  };
}

/**
 * Runs `deploy` while a steady keep-alive load goes to each URL, from the loads' first answers
 * until each has answers from after the deploy; what the deploy returned and what each load saw.
 */
export async function deployUnderLoad<T>(
  urls: readonly string[],
  deploy: () => Promise<T>,
  o: { connections: number; rate: number } = { connections: 50, rate: 1000 },
): Promise<{ run: T; loads: LoadResult[] }> {
  const loads = urls.map((u) => startSteadyLoad(u, o));
  await waitFor("the load's first answers", () => loads.every((l) => l.made() > 100));
  const run = await deploy();
  const after = loads.map((l) => l.made());
  await waitFor("answers after the deploy", () => loads.every((l, i) => l.made() > (after[i] as number) + 100));
  return { run, loads: await Promise.all(loads.map((l) => l.stop())) };
}

/** A v1 → v2 cutover under load: promoted to green, under a load that really ran (over 500 requests) and failed none. */
export function expectCleanCutover(label: string, run: StepRun & { outputs: Record<string, string> }, load: LoadResult): void {
  expect(run.code, run.log).toBe(0);
  expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
  console.info(`${label}, v1 → v2 under load: ${load.failed} of ${load.total} requests failed`);
  expect(load.total).toBeGreaterThan(500);
  expect(load.failed).toBe(0);
}

/**
 * `kill -9` of the active release under a steady load (`connections` keep-alive connections):
 * waits until its process manager has `restarted` it and the load has made 300 requests since
 * the kill; what the load saw.
 */
export async function killUnderSteadyLoad(
  url: string,
  o: { connections: number; kill: () => void; manager: string; restarted: () => boolean },
): Promise<LoadResult> {
  const load = startSteadyLoad(url, { connections: o.connections, rate: 1000 });
  let result: LoadResult;
  try {
    await waitFor("the load's first answers", () => load.made() > 100);
    o.kill();
    const atKill = load.made();
    await waitFor(`${o.manager} to restart the release`, o.restarted);
    await waitFor("answers from the restarted release", () => load.made() > atKill + 300);
  } finally {
    result = await load.stop();
  }
  return result;
}

/** SIGKILLs a deployer, noting how many requests the load had made by then. */
export type Kill = (run: RunningAction) => Promise<void>;

/**
 * Requests the load must have made in each window it judges: while the deployer lies dead (from
 * the kill until the recovery starts), and after the kill in all. A load that made none in a
 * window proves nothing about it. A post-step recovery can take well under a second, so the load
 * runs on past it, on the recovered version, until it has made them.
 */
const MIN_REQUESTS = 300;

/**
 * Runs one kill case under a steady load on `url` (through HAProxy), then checks that the
 * load really ran in each window (the deployer lying dead, the recovery, after it) and that not
 * one of its requests failed in any of them.
 */
export async function killUnderLoad(url: string, label: string, fn: (kill: Kill) => Promise<void>): Promise<void> {
  const load = startSteadyLoad(url, { connections: 100, rate: 2000 });
  const windows = { atKill: Number.NaN, failedAtKill: 0, atRecovery: Number.NaN, failedAtRecovery: 0, atEnd: 0, failedAtEnd: 0 };
  const kill: Kill = async (run) => {
    windows.atKill = load.made();
    windows.failedAtKill = load.failed();
    await run.kill();
    // The deployer now lies dead: the load runs on until this window holds enough requests to
    // judge it, before the case goes on to the status check and the recovery.
    await waitFor(`${MIN_REQUESTS} requests while the deployer lies dead`, () => load.made() - windows.atKill >= MIN_REQUESTS, 20_000);
    windows.atRecovery = load.made();
    windows.failedAtRecovery = load.failed();
  };
  let total: number;
  let failed: number;
  try {
    await fn(kill);
    windows.atEnd = load.made();
    windows.failedAtEnd = load.failed();
    // Not a timing assertion: a stalled load shows up as too few requests below.
    await waitFor(`${MIN_REQUESTS} requests after the recovery`, () => load.made() - windows.atEnd >= MIN_REQUESTS, 20_000).catch(() => {});
  } finally {
    ({ total, failed } = await load.stop());
  }
  const dead = windows.atRecovery - windows.atKill;
  const recovery = windows.atEnd - windows.atRecovery;
  const after = total - windows.atEnd;
  console.info(`${label}: ${failed} of ${total} requests failed; ${dead} made while the deployer lay dead, ${recovery} during the recovery, ${after} after it`);
  expect(dead, "requests the load made while the deployer lay dead").toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect(windows.failedAtRecovery - windows.failedAtKill, "requests failed while the deployer lay dead").toBe(0);
  expect(recovery, "requests the load made while the recovery ran").toBeGreaterThan(0);
  expect(windows.failedAtEnd - windows.failedAtRecovery, "requests failed while the recovery ran").toBe(0);
  expect(after, "requests the load made after the recovery").toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect(failed).toBe(0);
}

/**
 * The check every deploy-under-load case ends with: each load ran across the deploy (it starts
 * before and stops after it) and made at least `min` requests there, so "none failed" judges a
 * window the load really covered; then not one of its requests failed.
 */
export function expectNoneFailed(label: string, loads: LoadResult | readonly LoadResult[], min = 250): void {
  const all = Array.isArray(loads) ? loads : [loads as LoadResult];
  console.info(`${label}: ${all.map((l) => `${l.failed} of ${l.total}`).join(", ")} requests failed`);
  expect(all.length, "loads judged").toBeGreaterThan(0);
  for (const [i, l] of all.entries()) {
    expect(l.total, `requests load ${i + 1} made across the deploy`).toBeGreaterThanOrEqual(min);
    expect(l.failed, `requests of load ${i + 1} that failed`).toBe(0);
  }
}
