import { GantryError, type RunContext, type Stage, StateKey, envSecrets, loadPostState, messageOf, savePostState } from "@gantry/core";
import { analysisText } from "./analysis/index.js";
import { type DeployReport, recoverOnly, runDeploy } from "./deploy.js";
import { DEPLOY_INPUTS, DEPLOY_SECRETS, type DeployInputs, parseDeployInputs } from "./inputs.js";
import { Journal } from "./engine/journal.js";
import { LocalHost } from "./hosts/localhost.js";
import { errorRate } from "./model/model.js";
import { auditWho } from "./engine/audit.js";
import { savedConnections } from "./hosts/ssh/connect.js";
import { type SavedFleetRun, remotePost, runRemote } from "./fleet/remote.js";
import { remoteStatus } from "./fleet/status.js";
import { deployStatus } from "./status.js";
import { deploySummary, outcomeSentence, reportedOutcome } from "./summary.js";

/** Sets the outputs named in action.yml. */
export function setDeployOutputs(r: DeployReport, ctx: RunContext): void {
  const rate = r.result.traffic ? errorRate(r.result.traffic) : undefined;
  ctx.setOutput("outcome", reportedOutcome(r));
  ctx.setOutput("active-color", r.result.active?.color ?? "");
  ctx.setOutput("version", r.result.version);
  ctx.setOutput("previous-version", r.result.previousVersion ?? "");
  ctx.setOutput("timeline", r.timeline.entries);
  ctx.setOutput("error-rate", rate === undefined ? "" : rate.toFixed(3));
  ctx.setOutput("analysis", r.result.analysis ?? []);
  ctx.setOutput("hosts", [
    {
      host: "local",
      outcome: reportedOutcome(r),
      "active-color": r.result.active?.color ?? "",
      version: r.result.active?.version ?? "",
      "previous-version": r.result.previousVersion ?? "",
      ...(r.result.reason ? { reason: r.result.reason.split("\n")[0] } : {}),
    },
  ]);
}

/** Cancelling the job (SIGINT, then SIGTERM) rolls the cutover back instead of leaving it half done. */
function cancellation(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => controller.abort(`${sig} received`);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

async function run(inputs: DeployInputs, ctx: RunContext): Promise<void> {
  if (inputs.remote.hosts.length > 0) {
    if (inputs.command === "status") return remoteStatus(inputs, ctx);
    const cancel = cancellation();
    try {
      return await runRemote(inputs, ctx, cancel.signal);
    } finally {
      cancel.dispose();
    }
  }
  const host = new LocalHost();
  if (inputs.command === "status") return deployStatus(inputs, ctx, host);
  const cancel = cancellation();
  let report: DeployReport;
  try {
    report = await runDeploy(inputs, {
      host,
      reporter: ctx.reporter,
      pauseAt: ctx.env.GANTRY_DEPLOY_PAUSE_AT || undefined,
      signal: cancel.signal,
      who: auditWho(ctx.env),
      // The inputs ride along (without their secrets) so post works for the CLI too.
      onLocked: (runId, stateDir) => savePostState(ctx.state, StateKey.DeployRun, { runId, stateDir, inputs }, DEPLOY_SECRETS),
    });
  } catch (err) {
    ctx.setOutput("outcome", "failed");
    throw err;
  } finally {
    cancel.dispose();
  }
  setDeployOutputs(report, ctx);
  ctx.summary(deploySummary(report, inputs));
  if (report.result.analysis?.length) ctx.reporter.info(`analysis (value per traffic step):\n${analysisText(report.result.analysis)}`);
  const tail = report.result.logTail ? `last output of ${report.result.version}:\n${report.result.logTail}` : "";
  if (reportedOutcome(report) !== "promoted" && !(inputs.command === "rollback" && reportedOutcome(report) === "rolled-back")) {
    // The release's last lines go in the error itself (issue 12: the journal's or supervisor's lines in the error).
    throw new GantryError(tail ? `${outcomeSentence(report)}\n${tail}` : outcomeSentence(report));
  }
  if (tail) ctx.reporter.info(tail);
  ctx.reporter.info(outcomeSentence(report));
}

/**
 * The post step: when main died mid-cutover (cancelled, killed, out of memory), the journal
 * still names its run; run the recovery now rather than leave two versions up until the next deploy.
 */
async function post(ctx: RunContext): Promise<void> {
  const connections = savedConnections(ctx.state.get(StateKey.Cleanup));
  // A fleet run (issue 7): recover what main left on the hosts, close the connections, remove the key.
  if (connections) return remotePost(ctx, loadPostState<SavedFleetRun>(ctx.state, StateKey.DeployRun, DEPLOY_SECRETS, ctx.env), connections);
  const saved = loadPostState<{ runId: string; stateDir: string; inputs: DeployInputs }>(ctx.state, StateKey.DeployRun, DEPLOY_SECRETS, ctx.env);
  if (!saved) return;
  const { runId, stateDir, inputs } = saved;
  const host = new LocalHost();
  const doc = await new Journal(host, stateDir).read("");
  if (doc.cutover?.id !== runId) return;
  ctx.reporter.warning(`deploy: the main step stopped during ${doc.cutover.phase}; finishing the cutover now`);
  try {
    const report = await recoverOnly(inputs, stateDir, { host, reporter: ctx.reporter });
    if (report) ctx.summary(deploySummary(report, inputs));
  } catch (err) {
    ctx.reporter.warning(`deploy post step: recovery failed: ${messageOf(err)}; the next deploy will retry it`);
  }
}

export const deployStage: Stage<DeployInputs> = {
  name: "deploy",
  description: "Zero-downtime blue-green or canary cutover of a Go service behind HAProxy or nginx, with health gates and automatic rollback.",
  inputs: DEPLOY_INPUTS,
  secrets: DEPLOY_SECRETS.map((s) => s.input),
  parse(read, ctx) {
    const inputs = parseDeployInputs(read, ctx.cwd);
    // Values of `secrets.*` are masked by the runner already; mask values whose key names a secret
    // (core's rule, the same as go-test's) and URL passwords too, but not every value (masking
    // HOST=127.0.0.1 would hide every address in the log) nor one or two characters.
    for (const value of envSecrets(inputs.env)) if (value.length >= 3) ctx.reporter.mask(value);
    return inputs;
  },
  run,
  post,
};
