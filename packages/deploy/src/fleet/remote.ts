/**
 * `command: deploy` and `rollback` on remote hosts (issue 7): connect, check every host, then one
 * cutover engine per host, driven by the fleet rollout; and the post step that finishes what a
 * killed main left on the hosts and closes the connections.
 */
import { GantryError, InputError, type Reporter, type RunContext, StateKey, exists, messageOf, readManifest, savePostState } from "@gantry/core";
import { type DeployReport, recoverOnly, runDeploy } from "../deploy.js";
import { DEPLOY_SECRETS, type DeployInputs } from "../inputs.js";
import { COMMITTED_PHASES } from "../model/model.js";
import { Journal } from "../engine/journal.js";
import { auditWho } from "../engine/audit.js";
import { type SavedConnections, closeConnections, openConnections } from "../hosts/ssh/connect.js";
import { type HostOutcome, type HostTask, fleetOutcome, runFleet } from "./fleet.js";
import { preflightFleet } from "./preflight.js";
import { routerNeeds } from "../routers/routers.js";
import { type FleetReport, failureTail, fleetSentence, fleetSummary, setFleetOutputs } from "./report.js";
import { SshError, SshSession } from "../hosts/ssh/session.js";
import { SshHost } from "../hosts/ssh/sshhost.js";

/** What main leaves for post in StateKey.DeployRun for a fleet: each host's run, and the inputs (without secrets: savePostState). */
export interface SavedFleetRun {
  fleet: Record<string, { runId: string; stateDir: string }>;
  inputs: DeployInputs;
}

/** A reporter whose every line names the host it is about. */
export function hostReporter(r: Reporter, host: string): Reporter {
  const p = (m: string) => `${host}: ${m}`;
  return {
    info: (m) => r.info(p(m)),
    debug: (m) => r.debug(p(m)),
    annotate: (a) => r.annotate({ ...a, message: p(a.message) }),
    warning: (m, w) => r.warning(p(m), w),
    notice: (m, w) => r.notice(p(m), w),
    group: (t, fn) => r.group(p(t), fn),
    mask: (s) => r.mask(s),
    flush: () => r.flush(),
  };
}

/** The app's name before any host is contacted: the input, else the manifest's project. */
export async function fleetApp(inputs: DeployInputs): Promise<string> {
  if (inputs.app) return inputs.app;
  if (await exists(inputs.manifest)) return (await readManifest(inputs.manifest)).project;
  throw new InputError("app", "", "it is required when there is no manifest; accepted: the service's name, e.g. hello");
}

function outcomeOf(host: string, d: DeployReport): HostOutcome {
  return {
    host,
    outcome: d.result.outcome,
    activeColor: d.result.active?.color ?? "",
    version: d.result.active?.version ?? "",
    previousVersion: d.result.previousVersion,
    ...(d.result.reason ? { reason: d.result.reason } : {}),
  };
}

function failedOutcome(host: SshHost, err: unknown): HostOutcome {
  const lost = err instanceof SshError && err.kind === "unreachable" ? err : host.session.unreachable;
  if (lost)
    return {
      host: host.name,
      outcome: "unreachable",
      activeColor: "",
      version: "",
      reason: `${lost.message}; its journal decides what its next contact (the next deploy or rollback, or this job's post step) completes or rolls back`,
    };
  return { host: host.name, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) };
}

/** `GANTRY_DEPLOY_PAUSE_AT` for the fleet: only the host numbered GANTRY_DEPLOY_PAUSE_HOST (1-based) when it is set. */
function pauseFor(env: NodeJS.ProcessEnv, index: number): string | undefined {
  if (!env.GANTRY_DEPLOY_PAUSE_AT) return undefined;
  const only = env.GANTRY_DEPLOY_PAUSE_HOST;
  return !only || Number(only) === index + 1 ? env.GANTRY_DEPLOY_PAUSE_AT : undefined;
}

/** A whole fleet deploy or rollback; throws when the fleet did not end where the command wanted it. */
export async function runRemote(inputs: DeployInputs, ctx: RunContext, signal: AbortSignal): Promise<void> {
  if (inputs.command === "status") throw new GantryError("internal: runRemote does not run status");
  const command = inputs.command;
  const started = performance.now();
  let app: string;
  let conn: Awaited<ReturnType<typeof openConnections>>;
  try {
    app = await fleetApp(inputs);
    conn = await openConnections(inputs.remote, ctx.reporter, routerNeeds(inputs.router));
    ctx.state.set(StateKey.Cleanup, JSON.stringify(conn.saved));
    await preflightFleet(conn.hosts, inputs, app);
  } catch (err) {
    ctx.setOutput("outcome", "failed");
    throw err;
  }
  const saved: SavedFleetRun = { fleet: {}, inputs };
  const reports = new Map<string, DeployReport>();
  const who = auditWho(ctx.env);
  const tasks: HostTask[] = conn.hosts.map((host, i) => ({
    host: host.name,
    run: async (hold, hostSignal) => {
      try {
        const report = await runDeploy(inputs, {
          host,
          reporter: hostReporter(ctx.reporter, host.name),
          pauseAt: pauseFor(ctx.env, i),
          signal: AbortSignal.any([signal, hostSignal]),
          beforePromote: hold,
          who,
          onLocked: (runId, stateDir) => {
            saved.fleet[host.name] = { runId, stateDir };
            savePostState(ctx.state, StateKey.DeployRun, saved, DEPLOY_SECRETS);
          },
        });
        reports.set(host.name, report);
        return outcomeOf(host.name, report);
      } catch (err) {
        return failedOutcome(host, err);
      }
    },
  }));
  const fleet = await runFleet(tasks, inputs.remote, ctx.reporter, signal);
  // The hosts' remote shells end with the run; the masters stay for the post step.
  await Promise.all(conn.hosts.map((h) => h.session.closeShells?.()));
  const version = inputs.version || [...reports.values()][0]?.result.version || fleet.hosts.find((h) => h.version)?.version || "";
  const report: FleetReport = { app, command, version, fleet, reports, ms: performance.now() - started };
  setFleetOutputs(report, ctx);
  ctx.summary(fleetSummary(report, inputs));
  const ok = fleetOutcome(fleet) === "promoted";
  const tail = failureTail(report);
  if (!ok) throw new GantryError(tail ? `${fleetSentence(report)}\n${tail}` : fleetSentence(report));
  ctx.reporter.info(fleetSentence(report));
}

/**
 * The post step of a fleet run: every host whose journal still holds this run's cutover (main
 * was killed, or the host was unreachable) is recovered now. If any host of the run had already
 * committed to the new version, hosts that were holding with their checks passed are completed
 * rather than rolled back, so the fleet ends on one version. Then the connections are closed and
 * the key removed, whatever happened.
 */
export async function remotePost(ctx: RunContext, savedRun: SavedFleetRun | undefined, savedConn: SavedConnections | undefined): Promise<void> {
  if (!savedConn) return;
  let hosts: SshHost[] = [];
  try {
    if (!savedRun || Object.keys(savedRun.fleet).length === 0) return;
    // loadPostState has read the secrets post needs (the nginx admin token) again from post's inputs.
    const inputs = savedRun.inputs;
    hosts = savedConn.hosts.map((h) => new SshHost(new SshSession(h, savedConn.config), { needs: routerNeeds(inputs.router) }));
    const docs = await Promise.all(
      hosts.map(async (host) => {
        const run = savedRun.fleet[host.name];
        if (!run) return undefined;
        try {
          return { host, run, doc: await new Journal(host, run.stateDir).read("") };
        } catch (err) {
          ctx.reporter.warning(`deploy post step: ${host.name}: ${messageOf(err)}; its next deploy will finish its cutover`);
          return undefined;
        }
      }),
    );
    const mine = docs.filter((d): d is NonNullable<typeof d> => d !== undefined);
    const committed = mine.some(
      ({ run, doc }) =>
        (doc.cutover?.id === run.runId && COMMITTED_PHASES.includes(doc.cutover.phase)) ||
        doc.history.some((h) => h.id === run.runId && h.outcome === "promoted"),
    );
    const who = auditWho(ctx.env);
    for (const { host, run, doc } of mine) {
      if (doc.cutover?.id !== run.runId) continue;
      ctx.reporter.warning(`deploy post step: ${host.name} was left at ${doc.cutover.phase}; finishing its cutover now`);
      try {
        const r = await recoverOnly(inputs, run.stateDir, { host, reporter: hostReporter(ctx.reporter, host.name), who }, { completeHeld: committed });
        if (r)
          ctx.reporter.info(
            `${host.name}: ${r.recovery?.action ?? r.result.outcome}: ${r.result.active ? `${r.result.active.version} serves` : "nothing serves"}`,
          );
      } catch (err) {
        ctx.reporter.warning(`deploy post step: ${host.name}: recovery failed: ${messageOf(err)}; its next deploy will retry it`);
      }
    }
  } finally {
    await closeConnections(savedConn, hosts);
  }
}
