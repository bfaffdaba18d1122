/** Metric-gated canaries: Prometheus queries judged beside the router in every verify window. */
import { InputError, type Reporter, redactUrl } from "@gantry/core";
import { AnalysisRun } from "./evaluate.js";
import type { AnalysisInputs } from "./inputs.js";
import { ACCEPTED_ANALYSIS, type PlaceholderValues, fillQuery } from "./parse.js";
import { PrometheusClient } from "./prometheus.js";

export * from "./chart.js";
export * from "./evaluate.js";
export * from "./inputs.js";
export * from "./parse.js";
export * from "./prometheus.js";

/** The run's analysis, or undefined when no queries are set. */
export function startAnalysis(a: AnalysisInputs, reporter: Reporter): AnalysisRun | undefined {
  if (a.queries.length === 0) return undefined;
  return new AnalysisRun(
    { queries: a.queries, intervalMs: a.intervalMs, failureLimit: a.failureLimit, inconclusive: a.inconclusive },
    new PrometheusClient(a.prometheus),
    reporter,
  );
}

/**
 * Before anything changes: every query, filled as the first step will fill it, must parse in
 * Prometheus; one it refuses (errorType bad_data) is refused as an input, naming the line. A
 * Prometheus that cannot be asked now is left to analysis-inconclusive during the windows.
 */
export async function checkQueries(a: AnalysisInputs, values: PlaceholderValues, reporter: Reporter): Promise<void> {
  if (a.queries.length === 0) return;
  if (a.authForced)
    reporter.warning(
      `analysis: the Prometheus credentials go over plain HTTP to ${redactUrl(a.prometheus.url)}, not on loopback, because prometheus-auth-force is true: anyone on the way can read them`,
    );
  const client = new PrometheusClient(a.prometheus);
  const checks = await Promise.all(a.queries.map((q) => client.check(fillQuery(q.query, values))));
  for (const [i, q] of a.queries.entries()) {
    const why = checks[i]?.refused;
    if (why) throw new InputError("analysis", q.line, `Prometheus refused the query ${q.name}: ${why}; ${ACCEPTED_ANALYSIS}`);
  }
  const unanswered = checks.find((c) => c.unanswered)?.unanswered;
  if (unanswered)
    reporter.warning(
      `analysis: the queries could not be checked before the deploy (${unanswered}); analysis-inconclusive (${a.inconclusive}) decides in the verify windows`,
    );
  else reporter.info(`analysis: Prometheus at ${a.prometheus.url} accepts the ${a.queries.length} quer${a.queries.length === 1 ? "y" : "ies"}`);
}
