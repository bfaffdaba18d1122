import { InputError, type RunContext, exists, messageOf, readManifest, table } from "@gantry/core";
import { makeRuntime, stateDirFor } from "./deploy.js";
import { makeRouter } from "./routers/routers.js";
import type { Host } from "./hosts/host.js";
import type { DeployInputs } from "./inputs.js";
import { Journal, planRecovery } from "./engine/journal.js";
import { ACCEPTED_APP, APP_NAME, checkName } from "./model/model.js";

/**
 * `command: status`: what serves, what is in flight (and what the next run will do with it),
 * and the last deploys. Read-only: it takes no lock and changes nothing.
 */
export async function deployStatus(inputs: DeployInputs, ctx: RunContext, host: Host): Promise<void> {
  let app = inputs.app;
  if (!app && (await exists(inputs.manifest))) {
    const project = (await readManifest(inputs.manifest)).project;
    // It names the state dir read here: checked like the app input (issue 10).
    app = project ? checkName(project, APP_NAME, `manifest ${inputs.manifest}: project`, ACCEPTED_APP) : "";
  }
  if (!app) throw new InputError("app", "", "it is required for command: status when there is no manifest; accepted: the service's name");
  const stateDir = stateDirFor(inputs, app);
  const journal = new Journal(host, stateDir);
  const doc = await journal.read(app);
  const runtime = makeRuntime(inputs, host, stateDir, app);
  const active = doc.active;
  // A process manager (supervisor) may have restarted it under a new pid since the journal was written.
  const running = active ? (await runtime.alive(active)) || (await runtime.running(active.color)) !== undefined : false;
  let routing: string;
  try {
    routing = await makeRouter(inputs.router, host, app).describe(inputs.ports);
  } catch (err) {
    routing = `unknown (${messageOf(err)})`;
  }
  const last = doc.history[doc.history.length - 1];
  ctx.setOutput("outcome", doc.cutover ? "in-flight" : (last?.outcome ?? ""));
  ctx.setOutput("active-color", active?.color ?? "");
  ctx.setOutput("version", active?.version ?? "");
  ctx.setOutput("previous-version", doc.previous?.version ?? "");
  ctx.setOutput("timeline", doc.cutover?.transitions ?? []);
  ctx.setOutput("error-rate", "");
  ctx.setOutput("analysis", []);
  const lines = [
    `### deploy status: ${app}`,
    "",
    active
      ? `${active.version} is active on ${active.color} (port ${active.port}, pid ${active.pid}, ${running ? "running" : "**not running**"}).`
      : "No version is active.",
    `Router: ${routing}.`,
    doc.previous ? `Previous release: ${doc.previous.version} (\`command: rollback\` goes back to it).` : "",
    "",
  ];
  if (doc.cutover) {
    const c = doc.cutover;
    const plan = planRecovery(c);
    lines.push(
      `**In flight:** ${c.command} of ${c.to.version} (${c.from?.version ?? "nothing"} → ${c.to.version}), phase **${c.phase}**${c.weight !== undefined ? ` at ${c.weight}%` : ""}, run ${c.id} by pid ${c.deployer.pid} on ${c.deployer.machine}.`,
      `The next deploy or rollback will ${plan.kind === "complete" ? "complete it" : "roll it back"} (if its deployer is gone).`,
      "",
      table(
        ["Phase", "At"],
        c.transitions.map((t) => [t.phase, t.at]),
      ),
      "",
    );
  }
  if (doc.history.length)
    lines.push(
      table(
        ["When", "Command", "Version", "From", "Outcome", "Reason"],
        doc.history
          .slice(-10)
          .reverse()
          .map((h) => [h.at, h.command, h.version, h.fromVersion ?? "", h.outcome, h.reason ?? ""]),
      ),
      "",
    );
  ctx.summary(lines.join("\n"));
}
