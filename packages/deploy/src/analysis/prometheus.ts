/**
 * A small client for Prometheus' instant query API (`GET /api/v1/query`). Every answer
 * becomes a number or the reason there is none: no data, NaN, several series, an error.
 */
import { fetchWithTimeout, messageOf, readBodyLimited, redactUrl, safeText } from "@gantry/core";

export interface PrometheusOptions {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:9090 or https://host/prometheus. */
  url: string;
  /**
   * Both the idle limit and the whole request's deadline: a deploy holds its lock and its canary
   * weights while it waits, so a Prometheus that drips its answer must not hold it for longer.
   */
  timeoutMs: number;
  /** A bearer token (secret); "" = none. */
  token: string;
  /** `user:password` for basic auth (secret); "" = none. */
  basicAuth: string;
}

/** A query's value, or why it has none (an inconclusive measurement). */
export type Sample = { value: number } | { none: string };

/**
 * Why an empty vector has no value. The classic case: a ratio whose numerator selects a series
 * that does not exist yet (a release that never answered 500 has no `code="500"` series), which
 * makes the whole division empty; Argo Rollouts' docs suggest the same `or vector(0)`.
 */
export const NO_DATA =
  'no data: the query matched no series. A ratio is empty when its numerator has none (a release that never answered 500 has no code="500" series); if no series means 0, write that part as (… or vector(0))';

/** Prometheus answers are small vectors; a bigger one is refused, never buffered. */
const MAX_ANSWER = 1 << 20;

interface ApiAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

export class PrometheusClient {
  constructor(private readonly o: PrometheusOptions) {}

  /** The instant value of `promql` now. */
  async query(promql: string): Promise<Sample> {
    const answer = await this.ask(promql);
    if ("none" in answer) return answer;
    return sampleOf(answer);
  }

  /**
   * Prometheus' own parse error for `promql` (errorType bad_data) as `refused`, or why it could
   * not be asked as `unanswered`; `{}` when Prometheus accepts the query.
   */
  async check(promql: string): Promise<{ refused?: string; unanswered?: string }> {
    const answer = await this.ask(promql);
    if ("none" in answer) return { unanswered: answer.none };
    if (answer.status === "error" && answer.errorType === "bad_data") return { refused: safeText(answer.error ?? "bad_data") };
    return {};
  }

  private async ask(promql: string): Promise<ApiAnswer | { none: string }> {
    const url = `${this.o.url}/api/v1/query?${new URLSearchParams({ query: promql })}`;
    try {
      const res = await fetchWithTimeout(url, { headers: this.headers(), deadlineMs: this.o.timeoutMs }, this.o.timeoutMs);
      const body = (await readBodyLimited(res, MAX_ANSWER, `the answer of ${redactUrl(url)}`)).toString("utf8");
      try {
        return JSON.parse(body) as ApiAnswer;
      } catch {
        return { none: `Prometheus answered HTTP ${res.status} without JSON: ${safeText(body.slice(0, 200))}` };
      }
    } catch (err) {
      return { none: `Prometheus at ${redactUrl(this.o.url)} could not be asked: ${messageOf(err)}` };
    }
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { accept: "application/json" };
    if (this.o.token) h.authorization = `Bearer ${this.o.token}`;
    else if (this.o.basicAuth) h.authorization = `Basic ${Buffer.from(this.o.basicAuth).toString("base64")}`;
    return h;
  }
}

/** One number from an answer: a scalar, or a vector of exactly one series. */
export function sampleOf(a: ApiAnswer): Sample {
  if (a.status !== "success") return { none: `Prometheus: ${safeText(`${a.errorType ?? "error"}: ${a.error ?? "no status"}`)}` };
  const { resultType, result } = a.data ?? {};
  let pair: unknown;
  if (resultType === "scalar") pair = result;
  else if (resultType === "vector" && Array.isArray(result)) {
    if (result.length === 0) return { none: NO_DATA };
    if (result.length > 1) return { none: `${result.length} series (aggregate the query to one, e.g. with sum() or max())` };
    pair = (result[0] as { value?: unknown }).value;
  } else return { none: `a ${safeText(String(resultType))} result (the query must give one number)` };
  const text = Array.isArray(pair) ? pair[1] : undefined;
  const value = typeof text !== "string" ? Number.NaN : text === "+Inf" ? Number.POSITIVE_INFINITY : text === "-Inf" ? Number.NEGATIVE_INFINITY : Number(text);
  // "NaN" is what 0/0 gives (no requests yet): no evidence either way. ±Inf is a value.
  if (Number.isNaN(value)) return { none: text === "NaN" ? "NaN" : `an unreadable value ${safeText(String(text))}` };
  return { value };
}
