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

/** SIGKILLs a deployer, noting how many requests the load had made by then. */
export type Kill = (run: RunningAction) => Promise<void>;

/**
 * Requests the load must have made after each kill (issue 10: a load that made none proves
 * nothing). A post-step recovery can take well under a second, so the load runs on past it, on
 * the recovered version, until it has made them.
 */
const MIN_REQUESTS = 300;

/**
 * Runs one kill case under a steady load on `url` (through HAProxy), then checks that the
 * load really ran across the kill and the recovery, and that not one of its requests failed.
 */
export async function killUnderLoad(url: string, label: string, fn: (kill: Kill) => Promise<void>): Promise<void> {
  const load = startSteadyLoad(url, { connections: 100, rate: 2000 });
  let atKill = Number.NaN;
  const kill: Kill = async (run) => {
    atKill = load.made();
    await run.kill();
  };
  let duringRecovery = 0;
  let total: number;
  let failed: number;
  try {
    await fn(kill);
    duringRecovery = load.made() - atKill;
    // Not a timing assertion: a stalled load shows up as too few requests below.
    await waitFor(`${MIN_REQUESTS} requests after the kill`, () => load.made() - atKill >= MIN_REQUESTS, 20_000).catch(() => {});
  } finally {
    ({ total, failed } = await load.stop());
  }
  const afterKill = load.made() - atKill;
  console.info(`${label}: ${failed} of ${total} requests failed; ${duringRecovery} made from the kill to the end of the recovery, ${afterKill} after the kill`);
  expect(duringRecovery, "requests the load made while the deployer lay dead and the recovery ran").toBeGreaterThan(0);
  expect(afterKill, "requests the load made after the kill").toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect(failed).toBe(0);
}
