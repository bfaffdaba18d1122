/** The deploy action's analysis inputs: Prometheus and the queries that judge a release. */
import { InputError, type InputReader, type SecretInput } from "@gantry/core";
import type { InconclusivePolicy } from "./evaluate.js";
import { type AnalysisQuery, parseAnalysis } from "./parse.js";
import type { PrometheusOptions } from "./prometheus.js";

/** Every analysis input with its default (merged into DEPLOY_INPUTS; the same as actions/deploy/action.yml). */
export const ANALYSIS_INPUTS = {
  "prometheus-url": "",
  "prometheus-token": "",
  "prometheus-basic-auth": "",
  "prometheus-auth-force": "false",
  "prometheus-timeout": "5s",
  analysis: "",
  "analysis-interval": "5s",
  "analysis-failure-limit": "0",
  "analysis-inconclusive": "fail",
} as const;

/** The secrets among them: masked as they are read, never stored in the post step's state (post never queries). */
export const ANALYSIS_SECRETS: readonly SecretInput[] = [
  { input: "prometheus-token", at: ["prometheus", "token"] },
  { input: "prometheus-basic-auth", at: ["prometheus", "basicAuth"] },
];

export interface AnalysisInputs {
  /** [] = no analysis: the router's numbers alone judge the release. */
  queries: AnalysisQuery[];
  prometheus: PrometheusOptions;
  /** Credentials go over plain HTTP to a host not on loopback (`prometheus-auth-force`): warned about before the deploy. */
  authForced: boolean;
  intervalMs: number;
  failureLimit: number;
  inconclusive: InconclusivePolicy;
}

/** Parses and checks the analysis inputs; a malformed line is refused naming it. */
export function parseAnalysisInputs(read: InputReader): AnalysisInputs {
  const queries = parseAnalysis(read.lines("analysis"));
  const url = prometheusUrl(read, queries.length > 0);
  const token = read.string("prometheus-token");
  const basicAuth = read.string("prometheus-basic-auth");
  if (token && basicAuth)
    throw new InputError("prometheus-basic-auth", "(hidden)", "give prometheus-token or prometheus-basic-auth, not both; accepted: user:password");
  if (basicAuth && !/^[^:\s]+:\S+$/.test(basicAuth)) throw new InputError("prometheus-basic-auth", "(hidden)", "accepted: user:password, from a secret");
  if (token && !/^[\x21-\x7e]+$/.test(token))
    throw new InputError("prometheus-token", "(hidden)", "accepted: a bearer token of printable characters without spaces, from a secret");
  const authForced = credentialsInClear(read, url, token ? "prometheus-token" : basicAuth ? "prometheus-basic-auth" : undefined);
  const timeoutMs = read.duration("prometheus-timeout");
  if (timeoutMs < 100) throw new InputError("prometheus-timeout", read.string("prometheus-timeout"), "it must be at least 100ms");
  const intervalMs = read.duration("analysis-interval");
  if (intervalMs < 100)
    throw new InputError("analysis-interval", read.string("analysis-interval"), "it must be at least 100ms (Prometheus scrapes every second at best)");
  return {
    queries,
    prometheus: { url, timeoutMs, token, basicAuth },
    authForced,
    intervalMs,
    failureLimit: read.int("analysis-failure-limit", 0, 1000),
    inconclusive: read.choice("analysis-inconclusive", ["fail", "pass", "warn"] as const),
  };
}

/** http(s) without credentials, query or fragment (credentials go in the masked inputs); no trailing slash. */
function prometheusUrl(read: InputReader, needed: boolean): string {
  const text = read.string("prometheus-url");
  const accepted = "accepted: the http(s) URL Prometheus answers on, e.g. http://127.0.0.1:9090 (credentials in prometheus-token or prometheus-basic-auth)";
  if (!text) {
    if (needed) throw new InputError("prometheus-url", "", `it is required with analysis; ${accepted}`);
    return "";
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new InputError("prometheus-url", text, accepted);
  }
  if (u.username || u.password) throw new InputError("prometheus-url", "(a URL with credentials, hidden)", `no user:password in the URL; ${accepted}`);
  if ((u.protocol !== "http:" && u.protocol !== "https:") || u.search || u.hash) throw new InputError("prometheus-url", text, accepted);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

/** True for a URL whose host is this machine: 127.0.0.0/8, ::1 or localhost. */
export function onLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether credentials would go in the clear (plain HTTP to a host not on loopback): refused unless
 * `prometheus-auth-force`, as the image stage refuses to send registry credentials over plain HTTP.
 */
function credentialsInClear(read: InputReader, url: string, secret: string | undefined): boolean {
  const force = read.bool("prometheus-auth-force");
  if (!secret || !url.startsWith("http:") || onLoopback(url)) return false;
  if (!force)
    throw new InputError(
      "prometheus-url",
      url,
      `${secret} would go over plain HTTP to a host not on loopback (127.0.0.1, ::1, localhost), readable by anyone on the way; use https, or set prometheus-auth-force: true to send it anyway`,
    );
  return true;
}
