/**
 * `command: status` across the fleet (issue 7): per host what serves, what is in flight and what
 * its next contact will do with it, and the last lines of its audit log. Read-only: no lock, no
 * change; a host that cannot be reached is listed as such.
 */
import { join } from "node:path";
import { type RunContext, messageOf, table } from "@gantry/core";
import { makeRuntime, stateDirFor } from "../deploy.js";
import { makeRouter, routerNeeds } from "../routers/routers.js";
import type { DeployInputs } from "../inputs.js";
import { Journal, planRecovery } from "../engine/journal.js";
import { AUDIT_FILE, parseAudit } from "../engine/audit.js";
import { closeConnections, openConnections } from "../hosts/ssh/connect.js";
import { fleetApp } from "./remote.js";
import type { SshHost } from "../hosts/ssh/sshhost.js";

/** One host in `command: status`, as the `hosts` output lists it. */
export interface HostStatusRow {
  host: string;
  /** The last run's outcome, `in-flight`, or `unreachable`. */
  outcome: string;
  "active-color": string;
  version: string;
  "previous-version": string;
  /** One line for the summary. */
  detail: string;
}

async function hostStatus(host: SshHost, inputs: DeployInputs, app: string): Promise<HostStatusRow> {
  const stateDir = stateDirFor(inputs, app);
  try {
    const doc = await new Journal(host, stateDir).read(app);
    const a = doc.active;
    const runtime = makeRuntime(inputs, host, stateDir, app);
    const running = a ? (await runtime.alive(a)) || (await runtime.running(a.color)) !== undefined : false;
    const routing = await makeRouter(inputs.router, host, app)
      .describe(inputs.ports)
      .catch((err: unknown) => `unknown (${messageOf(err)})`);
    const audit = parseAudit((await host.readFile(join(stateDir, AUDIT_FILE))) ?? "").slice(-3);
    const last = doc.history[doc.history.length - 1];
    const c = doc.cutover;
    const flight = c
      ? ` **In flight:** ${c.command} of ${c.to.version} at ${c.phase} (run ${c.id}); the next run will ${planRecovery(c).kind === "complete" ? "complete" : "roll back"} it.`
      : "";
    const serving = a ? `${a.version} on ${a.color}, pid ${a.pid} ${running ? "running" : "**not running**"}` : "nothing active";
    const trail = audit.map((e) => `${e.at.slice(0, 19)} ${e.who}: ${e.command} ${e.version} ${e.outcome}`).join("; ");
    return {
      host: host.name,
      outcome: c ? "in-flight" : (last?.outcome ?? ""),
      "active-color": a?.color ?? "",
      version: a?.version ?? "",
      "previous-version": doc.previous?.version ?? "",
      detail: `${serving}; router: ${routing}.${flight}${trail ? ` Audit: ${trail}` : ""}`,
    };
  } catch (err) {
    return { host: host.name, outcome: "unreachable", "active-color": "", version: "", "previous-version": "", detail: messageOf(err) };
  }
}

const same = (values: string[]) => (new Set(values).size === 1 ? (values[0] as string) : "");

/** Reads every host at once and reports; sets the same outputs as a deploy, plus `hosts`. */
export async function remoteStatus(inputs: DeployInputs, ctx: RunContext): Promise<void> {
  const app = await fleetApp(inputs);
  const conn = await openConnections(inputs.remote, ctx.reporter, routerNeeds(inputs.router));
  try {
    const hosts = await Promise.all(conn.hosts.map((h) => hostStatus(h, inputs, app)));
    const outcome = hosts.some((h) => h.outcome === "in-flight")
      ? "in-flight"
      : hosts.some((h) => h.outcome === "unreachable")
        ? "unreachable"
        : same(hosts.map((h) => h.outcome));
    ctx.setOutput("outcome", outcome);
    ctx.setOutput("active-color", same(hosts.map((h) => h["active-color"])));
    ctx.setOutput("version", same(hosts.map((h) => h.version)));
    ctx.setOutput("previous-version", same(hosts.map((h) => h["previous-version"])));
    ctx.setOutput("timeline", []);
    ctx.setOutput("error-rate", "");
    ctx.setOutput("analysis", []);
    ctx.setOutput(
      "hosts",
      hosts.map(({ detail: _, ...h }) => h),
    );
    const versions = new Set(hosts.map((h) => h.version));
    const head =
      versions.size === 1 && hosts.every((h) => h.outcome !== "unreachable")
        ? `All ${hosts.length} host(s) serve ${hosts[0]?.version || "nothing"}.`
        : `The hosts do not all serve the same version (${[...versions].map((v) => v || "nothing").join(", ")}).`;
    ctx.summary(
      [
        `### deploy status: ${app} on ${hosts.length} host(s)`,
        "",
        head,
        "",
        table(
          ["Host", "Version", "Color", "Last outcome", "Details"],
          hosts.map((h) => [h.host, h.version, h["active-color"], h.outcome, h.detail]),
        ),
        "",
      ].join("\n"),
    );
  } finally {
    await closeConnections(conn.saved, conn.hosts);
  }
}
