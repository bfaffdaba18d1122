import { codeBlock, details, formatDuration, table } from "@gantry/core";
import { analysisCharts, analysisRows } from "./analysis/chart.js";
import type { DeployReport } from "./deploy.js";
import type { DeployInputs } from "./inputs.js";
import { errorRate } from "./model/model.js";
import type { TimelineEntry } from "./engine/timeline.js";

/** The outcome of the run as the `outcome` output gives it. */
export function reportedOutcome(r: DeployReport): "promoted" | "rolled-back" | "failed" {
  if (r.command === "rollback") return r.result.outcome === "promoted" ? "rolled-back" : "failed";
  return r.result.outcome;
}

/** The outcome in one sentence, with numbers (issue 6: "the step fails with a summary that says what failed"). */
export function outcomeSentence(r: DeployReport): string {
  const res = r.result;
  const active = res.active ? `${res.active.version} serves all traffic on ${res.active.color} (port ${res.active.port})` : "no version is serving";
  const traffic = !res.traffic
    ? ""
    : res.traffic.requests === 0
      ? ` No requests reached ${res.version} while it was verified.`
      : ` ${res.traffic.errors} of ${res.traffic.requests} requests to ${res.version} failed while it was verified (${(errorRate(res.traffic) ?? 0).toFixed(2)}%).`;
  if (res.outcome === "promoted") {
    const verb = r.command === "rollback" ? "rolled back to" : "promoted";
    const before = res.previousVersion ? `; ${res.previousVersion} was drained and stopped` : "";
    const fast = res.switchMs !== undefined ? ` All traffic was on it ${formatDuration(res.switchMs)} after its health gate passed.` : "";
    return `${r.app}: ${verb} ${res.version}: ${active}${before}.${fast}${traffic}`;
  }
  const back =
    res.rollbackMs !== undefined ? ` Traffic was back on ${res.active?.version} ${formatDuration(res.rollbackMs)} after the failure was detected.` : "";
  const what = res.outcome === "rolled-back" ? `${res.version} was rolled back` : `${res.version} failed`;
  return `${r.app}: ${what}: ${res.reason?.split("\n")[0]}. Now ${active}.${back}${traffic}`;
}

function figures(e: TimelineEntry): string {
  return Object.entries(e.figures)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
}

/** The gate figures against their thresholds. */
function gateRows(r: DeployReport, inputs: DeployInputs): string[][] {
  const rows: string[][] = [];
  const g = r.result.gate;
  if (g)
    rows.push([
      `health gate (${inputs.health.path})`,
      `${g.ok ? `${inputs.health.successes} × 2xx in a row` : "not passed"} after ${g.checks} checks, ${formatDuration(g.ms)}`,
      `${inputs.health.successes} in a row within ${formatDuration(inputs.health.timeoutMs)}`,
      g.ok ? "✅" : "❌",
    ]);
  for (const { weight, result } of r.result.verify) {
    const t = result.traffic;
    const rate = t ? errorRate(t) : undefined;
    rows.push([
      `error rate at ${weight}% (${formatDuration(result.ms)})`,
      t
        ? `${rate === undefined ? "no requests" : `${rate.toFixed(2)}%`} (${t.errors}/${t.requests})${t.unreadableLines ? `; ${t.unreadableLines} access-log lines not in gantry's format ignored` : ""}`
        : "not measured (no router counters)",
      `≤ ${inputs.maxErrorRate}%`,
      result.ok ? "✅" : "❌",
    ]);
    if (inputs.maxP95Ms !== undefined && t?.latencyMs !== undefined)
      rows.push([
        `${t.latencyKind === "avg" ? "avg response time (HAProxy)" : "p95 latency"} at ${weight}%`,
        `${t.latencyMs.toFixed(1)} ms`,
        `≤ ${inputs.maxP95Ms} ms`,
        t.latencyMs <= inputs.maxP95Ms ? "✅" : "❌",
      ]);
  }
  rows.push(...analysisRows(r.result.analysis ?? []));
  if (r.result.switchMs !== undefined) rows.push(["gate passed → all traffic on new", formatDuration(r.result.switchMs), "", "ℹ️"]);
  if (r.result.rollbackMs !== undefined) rows.push(["failure detected → traffic on old", formatDuration(r.result.rollbackMs), "", "ℹ️"]);
  return rows;
}

/** The job summary: outcome, gate figures against thresholds, the timeline. */
export function deploySummary(r: DeployReport, inputs: DeployInputs): string {
  const outcome = reportedOutcome(r);
  const icon = outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌";
  const parts = [`### ${icon} deploy ${r.app} ${r.result.version}: ${outcome}`, "", outcomeSentence(r), ""];
  if (r.recovery)
    parts.push(
      `> Recovered first: an unfinished ${r.recovery.found.command} of ${r.recovery.found.to.version} (${r.recovery.why}) was ${r.recovery.action}.`,
      "",
    );
  const gates = gateRows(r, inputs);
  if (gates.length) parts.push(table(["Check", "Measured", "Threshold", ""], gates), "");
  const charts = analysisCharts(r.result.analysis ?? []);
  if (charts) parts.push("Prometheus analysis per traffic step:", "", charts, "");
  parts.push(
    table(
      ["Phase", "Start", "Duration", "Figures"],
      r.timeline.entries.map((e) => [e.phase, e.start.slice(11, 23), formatDuration(e.ms), figures(e)]),
    ),
    "",
  );
  if (r.result.logTail) parts.push(details(`last output of ${r.result.version}`, codeBlock(r.result.logTail)), "");
  return parts.join("\n");
}
