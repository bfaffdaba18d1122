/** A fleet run's outputs and job summary: the fleet in one sentence, a row per host, each host's own summary folded. */
import { type RunContext, details, formatDuration, table } from "@gantry/core";
import { sumTraffic } from "../engine/cutover.js";
import type { DeployReport } from "../deploy.js";
import type { DeployInputs } from "../inputs.js";
import { errorRate } from "../model/model.js";
import { deploySummary } from "../summary.js";
import { type FleetResult, type HostOutcome, fleetOutcome } from "./fleet.js";

/** Everything a fleet run reports. */
export interface FleetReport {
  app: string;
  command: "deploy" | "rollback";
  /** The version the run put in service or tried to. */
  version: string;
  fleet: FleetResult;
  /** Each host's own report, for the hosts whose cutover ran to an end. */
  reports: Map<string, DeployReport>;
  ms: number;
}

/** The `outcome` output: as for one host, over the whole fleet (a rollback's success is `rolled-back`). */
export function fleetReportedOutcome(r: FleetReport): "promoted" | "rolled-back" | "failed" {
  const o = fleetOutcome(r.fleet);
  if (r.command === "rollback") return o === "promoted" ? "rolled-back" : "failed";
  return o;
}

/** One host's outcome as the `hosts` output gives it (a successful rollback is `rolled-back` there too). */
export function hostReportedOutcome(command: "deploy" | "rollback", h: HostOutcome): string {
  if (command === "rollback") return h.outcome === "promoted" ? "rolled-back" : h.outcome === "rolled-back" ? "failed" : h.outcome;
  return h.outcome;
}

/** The same value on every host, else "". */
function common(values: readonly (string | undefined)[]): string {
  const set = new Set(values.map((v) => v ?? ""));
  return set.size === 1 ? ([...set][0] as string) : "";
}

/** The `hosts` output: per host outcome, active color, version (issue 7). */
export function hostsOutput(r: FleetReport): Record<string, string>[] {
  return r.fleet.hosts.map((h) => ({
    host: h.host,
    outcome: hostReportedOutcome(r.command, h),
    "active-color": h.activeColor,
    version: h.version,
    "previous-version": h.previousVersion ?? "",
    ...(h.reason ? { reason: h.reason.split("\n")[0] as string } : {}),
  }));
}

/** Sets the deploy action's outputs for a fleet run. */
export function setFleetOutputs(r: FleetReport, ctx: RunContext): void {
  const traffic = sumTraffic([...r.reports.values()].flatMap((d) => (d.result.traffic ? [d.result.traffic] : [])));
  const rate = traffic ? errorRate(traffic) : undefined;
  ctx.setOutput("outcome", fleetReportedOutcome(r));
  ctx.setOutput("active-color", common(r.fleet.hosts.map((h) => h.activeColor)));
  ctx.setOutput("version", r.version);
  ctx.setOutput("previous-version", common(r.fleet.hosts.map((h) => h.previousVersion)));
  ctx.setOutput(
    "timeline",
    [...r.reports.entries()].flatMap(([host, d]) => d.timeline.entries.map((e) => ({ host, ...e }))),
  );
  ctx.setOutput("error-rate", rate === undefined ? "" : rate.toFixed(3));
  ctx.setOutput(
    "analysis",
    [...r.reports.entries()].flatMap(([host, d]) => (d.result.analysis ?? []).map((m) => ({ host, ...m }))),
  );
  ctx.setOutput("hosts", hostsOutput(r));
}

/** The fleet's outcome in one sentence, naming the host that stopped it. */
export function fleetSentence(r: FleetReport): string {
  const n = r.fleet.hosts.length;
  const outcome = fleetReportedOutcome(r);
  const took = formatDuration(r.ms);
  if (outcome !== "failed" && !r.fleet.failure) {
    const verb = r.command === "rollback" ? "rolled back to" : "promoted";
    return `${r.app}: ${verb} ${r.version} on all ${n} host(s) in ${took}.`;
  }
  const f = r.fleet.failure;
  const why = f ? `${f.host} failed: ${f.reason.split("\n")[0]}` : "a host failed";
  const bad = r.fleet.hosts.filter((h) => h.outcome === "unreachable" || h.outcome === "failed");
  const back = r.fleet.hosts.filter((h) => h.outcome === "rolled-back").map((h) => h.host);
  const parts = [`${r.app}: ${r.command} of ${r.version} stopped: ${why}.`];
  const untouched = r.fleet.hosts.filter((h) => h.outcome === "skipped").map((h) => h.host);
  if (back.length) parts.push(`Rolled back to their previous version: ${back.join(", ")}.`);
  if (untouched.length) parts.push(`Not touched: ${untouched.join(", ")}.`);
  for (const h of bad)
    parts.push(
      h.outcome === "unreachable"
        ? `${h.host} is unreachable; its journal decides what its next contact completes or rolls back.`
        : `${h.host}: ${h.reason?.split("\n")[0] ?? "failed"}.`,
    );
  return parts.join(" ");
}

/** The failing host's release output (issue 12: the journal's or supervisor's lines in the error), or "". */
export function failureTail(r: FleetReport): string {
  const host = r.fleet.failure?.host;
  const d = host ? r.reports.get(host) : undefined;
  return d?.result.logTail ? `last output of ${d.result.version} on ${host}:\n${d.result.logTail}` : "";
}

/** The job summary of a fleet run. */
export function fleetSummary(r: FleetReport, inputs: DeployInputs): string {
  const outcome = fleetReportedOutcome(r);
  const icon = outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌";
  const rows = r.fleet.hosts.map((h) => {
    const d = r.reports.get(h.host);
    return [
      h.host,
      hostReportedOutcome(r.command, h),
      h.version ? `${h.version} (${h.activeColor || "?"})` : "—",
      d ? formatDuration(d.timeline.entries.reduce((s, e) => s + e.ms, 0)) : "",
      (h.reason ?? "").split("\n")[0] as string,
    ];
  });
  const plan = `rollout ${inputs.remote.rollout}${inputs.remote.rollout === "parallel" ? ` (max-parallel ${inputs.remote.maxParallel})` : ""}${inputs.remote.canaryHosts ? `, canary-hosts ${inputs.remote.canaryHosts}` : ""}`;
  const parts = [`### ${icon} deploy ${r.app} ${r.version} to ${r.fleet.hosts.length} host(s): ${outcome}`, "", fleetSentence(r), "", `_${plan}_`, ""];
  parts.push(table(["Host", "Outcome", "Serving", "Time", "Reason"], rows), "");
  for (const [host, d] of r.reports) parts.push(details(`${host}: ${d.result.outcome}`, deploySummary(d, inputs)), "");
  return parts.join("\n");
}
