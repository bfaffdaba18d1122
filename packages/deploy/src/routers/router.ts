import { GantryError } from "@gantry/core";
import type { Color, Traffic, Weights } from "../model/model.js";

/** The ports of both slots. */
export type Ports = Record<Color, number>;

/**
 * What sends requests to the slots. Implementations change routing without dropping requests
 * where the proxy allows it (HAProxy's runtime API) and as gently as it allows otherwise (nginx).
 */
export interface Router {
  readonly name: "haproxy" | "nginx";
  /** Checks the router is reachable and configured as gantry needs, before anything changes. */
  preflight(): Promise<void>;
  /** Makes sure a color gets no new requests (before its process starts). */
  isolate(color: Color, ports: Ports): Promise<void>;
  /**
   * Applies the weights and reads them back; throws a RouterError when the router refuses.
   * Returns performance.now() at the moment the router had taken the change (before any
   * bookkeeping such as a state file), which is when the traffic moved.
   */
  route(weights: Weights, ports: Ports): Promise<number>;
  /** Waits until requests in flight on a color (now weighted 0) have finished, at most timeoutMs. */
  drain(color: Color, timeoutMs: number): Promise<DrainResult>;
  /** Takes a stopped color out of rotation entirely. */
  retire(color: Color, ports: Ports): Promise<void>;
  /** A mark to measure a color's traffic from. */
  mark(color: Color, ports: Ports): Promise<TrafficMark>;
  /** The color's traffic since a mark. */
  trafficSince(mark: TrafficMark): Promise<Traffic | undefined>;
  /** The color the router currently sends most traffic to, for `command: status`. */
  describe(ports: Ports): Promise<string>;
}

export interface DrainResult {
  /** True when in-flight work reached zero before the timeout. */
  drained: boolean;
  ms: number;
  /** What was still in flight at the timeout. */
  remaining?: number;
}

/** Polls what is still in flight (every 50 ms) until it reaches zero or timeoutMs passes: every router's drain. */
export async function waitDrained(inFlight: () => Promise<number>, timeoutMs: number): Promise<DrainResult> {
  const started = performance.now();
  let remaining = 0;
  do {
    remaining = await inFlight();
    if (remaining === 0) return { drained: true, ms: performance.now() - started };
    await new Promise((r) => setTimeout(r, 50));
  } while (performance.now() - started < timeoutMs);
  return { drained: false, ms: performance.now() - started, remaining };
}

/** Opaque to the engine: each router keeps what it needs to compute a delta. */
export interface TrafficMark {
  color: Color;
  port: number;
  data: Record<string, number>;
}

/** The router refused a change (a bad command, a failed `nginx -t` or reload). */
export class RouterError extends GantryError {
  override name = "RouterError";
}
