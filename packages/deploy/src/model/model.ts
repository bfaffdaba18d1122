/** The values the cutover engine, the runtimes and the routers share. */
import { GantryError, type SecretInput } from "@gantry/core";

/** The two slots a service alternates between (blue-green). */
export type Color = "blue" | "green";
export const COLORS: readonly Color[] = ["blue", "green"];

export function otherColor(c: Color): Color {
  return c === "blue" ? "green" : "blue";
}

/** One version of the app on one slot. */
export interface Slot {
  color: Color;
  port: number;
  version: string;
  /** Set once the process started. */
  pid?: number;
}

/** Share of new requests per color, in percent (they add up to 100, or to 0 when nothing serves). */
export type Weights = Record<Color, number>;

/** Weights that send `percent` of the traffic to `to` and the rest to `from` (when there is one). */
export function splitWeights(to: Color, percent: number, hasFrom: boolean): Weights {
  const w = { blue: 0, green: 0 } as Weights;
  w[to] = hasFrom ? percent : 100;
  if (hasFrom) w[otherColor(to)] = 100 - percent;
  return w;
}

/** A release in `state-dir/releases/<version>/`. */
export interface Release {
  version: string;
  dir: string;
  /** Absolute path of the binary on the host ("" for runtime: docker). */
  binary: string;
  /** The sha256 of the binary, or of the image's config (its ID) for runtime: docker. */
  sha256: string;
  /** runtime: docker: the image ID the containers run. */
  image?: string;
}

/** What the router saw of one color's traffic over a period. */
export interface Traffic {
  requests: number;
  /** 5xx answers and failed connections or responses. */
  errors: number;
  /** A latency figure in ms, when the router gives one. */
  latencyMs?: number;
  /** `p95` from an access log; `avg` from HAProxy, which publishes no percentiles. */
  latencyKind?: "p95" | "avg";
  /** Access-log lines not in gantry's format, ignored (nginx; absent when there were none). */
  unreadableLines?: number;
}

export function errorRate(t: Traffic): number | undefined {
  return t.requests > 0 ? (100 * t.errors) / t.requests : undefined;
}

/**
 * The phases of a cutover, in order. Each is written to the journal before its action is taken
 * (issue 6: write-then-act), so a deployer killed anywhere leaves the next run a known point.
 */
export const PHASES = ["staging", "starting", "gating", "switching", "verifying", "promoting", "stopping-old", "rolling-back"] as const;
export type Phase = (typeof PHASES)[number];

/** Phases after which the new version has proven itself: a killed deployer is completed from there, never rolled back. */
export const COMMITTED_PHASES: readonly Phase[] = ["promoting", "stopping-old"];

export type Outcome = "promoted" | "rolled-back" | "failed";

export type Command = "deploy" | "rollback" | "status";

/** An app's name: it names the state dir (`{app}`) and the containers; the same rule as the `app` input. */
export const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** A version: it names `releases/<version>/`; the same rule as the `version` input. */
export const RELEASE_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
/** A file name inside a release folder (the binary's): one name on one line. */
export const FILE_NAME = /^[^/\\\0\r\n]{1,255}$/;
export const ACCEPTED_FILE_NAME = "a file name on one line, without / or \\, not . or ..";
/** A Go target as go-build writes it: `linux/arm/v7`. */
export const TARGET_NAME = /^[a-z0-9]{1,32}\/[a-z0-9]{1,32}(\/[a-z0-9.]{1,16})?$/;

/**
 * Throws unless `value` matches `rule`: a value read from a manifest or a journal names files in
 * the state dir, so `../x`, `/etc`, a NUL or a newline must never reach a path (issue 10).
 */
export function checkName(value: unknown, rule: RegExp, where: string, accepted: string): string {
  if (typeof value === "string" && rule.test(value) && value !== "." && value !== "..") return value;
  throw new GantryError(`${where} ${JSON.stringify(value)} is not valid; accepted: ${accepted}`);
}

export const ACCEPTED_APP = "letters, digits, '.', '_' and '-', at most 63, starting with a letter or digit";
export const ACCEPTED_VERSION = "letters, digits and . _ + - (it names a folder), at most 128, starting with a letter or digit, e.g. v1.2.3";

/**
 * What the generic code (masking, the post step's state, the checks `hosts` adds) must know of a
 * part's inputs, declared once beside where the part (a router, a runtime, the hosts) parses them.
 */
export interface InputRoles {
  /** Inputs that name a path on the host the service runs on: with hosts, absolute paths on the servers, never resolved against the runner's folder. */
  readonly serverPaths: readonly string[];
  /** Inputs that name a path on the runner (resolved against the workspace, also with hosts). */
  readonly runnerPaths?: readonly string[];
  /** Secret inputs; each `at` is relative to the part's own parsed inputs. */
  readonly secrets: readonly SecretInput[];
}

/** A part's roles as seen from the inputs that hold the part's own under `key`. */
export function rolesWithin(key: string, roles: InputRoles): InputRoles {
  return { ...roles, secrets: roles.secrets.map((s) => (s.at ? { ...s, at: [key, ...s.at] } : s)) };
}
