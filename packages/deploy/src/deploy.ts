import { dirname, join } from "node:path";
import { GantryError, InputError, type Reporter, messageOf } from "@gantry/core";
import { checkQueries, startAnalysis } from "./analysis/index.js";
import { type CutoverPlan, type CutoverResult, CutoverEngine, type EngineDeps } from "./engine/cutover.js";
import { DockerRuntime } from "./runtimes/docker.js";
import { type ImageChoice, loadImage, resolveImage } from "./runtimes/docker-image.js";
import type { Host } from "./hosts/host.js";
import type { DeployInputs } from "./inputs.js";
import { makeRouter } from "./routers/routers.js";
import { Journal, type JournalDoc, runId as newRunId } from "./engine/journal.js";
import { DeployLock, LockLostError } from "./engine/lock.js";
import { ACCEPTED_APP, APP_NAME, type Color, checkName, otherColor } from "./model/model.js";
import { type RecoverOptions, type Recovery, recoverCutover } from "./engine/recover.js";
import { type ArtifactChoice, findRelease, pruneReleases, releaseEnv, resolveArtifact, stageImageRelease, stageRelease } from "./engine/release.js";
import { ProcessRuntime, type Runtime } from "./runtimes/runtime.js";
import { SupervisorRuntime } from "./runtimes/supervisor.js";
import { SystemdRuntime } from "./runtimes/systemd.js";
import { type AuditEntry, appendAudit } from "./engine/audit.js";
import { Timeline } from "./engine/timeline.js";

/** Everything a deploy or rollback run reports. */
export interface DeployReport {
  app: string;
  command: "deploy" | "rollback";
  stateDir: string;
  result: CutoverResult;
  recovery?: Recovery;
  timeline: Timeline;
  runId: string;
  /** Releases removed past keep-releases. */
  pruned: string[];
}

export interface DeployOptions {
  host: Host;
  reporter: Reporter;
  /** GANTRY_DEPLOY_PAUSE_AT: the test seam that holds the engine right after a phase is journaled. */
  pauseAt?: string;
  signal?: AbortSignal;
  /** Called once the lock is held, with the run id (the action saves it for its post step). */
  onLocked?: (runId: string, stateDir: string) => void;
  /** The fleet's hold before promotion (issue 7); see EngineDeps.beforePromote. */
  beforePromote?: () => Promise<string | undefined>;
  /** Who runs the deploy, for the host's audit log (issue 7); no audit entry without it. */
  who?: string;
}

/** The runtime the inputs choose, for one app's state dir on a host. */
export function makeRuntime(
  inputs: Pick<DeployInputs, "runtime" | "dockerHost" | "stopTimeoutMs" | "drainTimeoutMs" | "supervisor" | "systemd">,
  host: Host,
  stateDir: string,
  app: string,
): Runtime {
  if (inputs.runtime === "docker") return new DockerRuntime(host, stateDir, app, inputs.dockerHost, inputs.stopTimeoutMs);
  if (inputs.runtime === "supervisor") return new SupervisorRuntime(host, stateDir, app, { ...inputs.supervisor, stopWaitMs: inputs.drainTimeoutMs });
  if (inputs.runtime === "systemd")
    return new SystemdRuntime(host, stateDir, app, {
      user: inputs.supervisor.user,
      stopTimeoutMs: inputs.drainTimeoutMs,
      overrides: inputs.systemd.overrides,
      unitDir: SYSTEMD_UNIT_DIR,
    });
  return new ProcessRuntime(host, stateDir);
}

/** Where runtime: systemd writes its units: the administrator's unit folder. */
const SYSTEMD_UNIT_DIR = "/etc/systemd/system";

/** `state-dir` with `{app}` filled in; the app names one folder, never `..` or a path (issue 10). */
export function stateDirFor(inputs: Pick<DeployInputs, "stateDir">, app: string): string {
  return inputs.stateDir.split("{app}").join(checkName(app, APP_NAME, "app", ACCEPTED_APP));
}

function engineDeps(
  inputs: DeployInputs,
  o: DeployOptions,
  lock: DeployLock,
  parts: Pick<EngineDeps, "runtime" | "router" | "journal" | "timeline" | "runId">,
): EngineDeps {
  return {
    ...parts,
    ownsLock: () => lock.verify(),
    host: o.host,
    reporter: o.reporter,
    ports: inputs.ports,
    gate: inputs.health,
    verify: { windowMs: inputs.verifyWindowMs, maxErrorRate: inputs.maxErrorRate, maxP95Ms: inputs.maxP95Ms },
    analysis: startAnalysis(inputs.analysis, o.reporter),
    drainTimeoutMs: inputs.drainTimeoutMs,
    stopTimeoutMs: inputs.stopTimeoutMs,
    stepPauseMs: inputs.stepPauseMs,
    pauseAt: o.pauseAt,
    // A lost lock also ends the health gate's and the verify windows' waits.
    signal: o.signal ? AbortSignal.any([o.signal, lock.signal]) : lock.signal,
    beforePromote: o.beforePromote,
  };
}

/** Appends the run's outcome to the host's audit log (issue 7), when the caller said who runs it. */
async function audit(o: DeployOptions, stateDir: string, runId: string, e: Pick<AuditEntry, "command" | "version" | "from" | "outcome" | "reason">) {
  if (!o.who) return;
  const me = o.host.deployer();
  const entry: AuditEntry = { at: new Date().toISOString(), who: o.who, runner: `${me.machine} pid ${me.pid}`, ...e, run: runId };
  await appendAudit(o.host, stateDir, entry, (m) => o.reporter.warning(m));
}

/** The audit record of a cutover that an earlier, killed run left unfinished and this run completed or rolled back. */
function auditRecovery(o: DeployOptions, stateDir: string, runId: string, recovery: Recovery) {
  return audit(o, stateDir, runId, {
    command: "recover",
    version: recovery.found.to.version,
    from: recovery.found.from?.version,
    outcome: recovery.action,
    reason: recovery.why,
  });
}

/** The idle slot's port must be free, or held by a leftover process of this app that the run will stop. */
async function checkIdlePort(host: Host, runtime: Runtime, doc: JournalDoc, inputs: DeployInputs): Promise<void> {
  const idle: Color = doc.active ? otherColor(doc.active.color) : "blue";
  const port = inputs.ports[idle];
  if (await host.portFree(port)) return;
  if (await runtime.running(idle)) return;
  throw new InputError(
    "ports",
    `${inputs.ports.blue},${inputs.ports.green}`,
    `port ${port} (the idle ${idle} slot) is in use by another process on ${host.name}; free it or choose other ports`,
  );
}

/** What is known about the app before anything changes: artifact, names, router, journal. */
async function prepare(inputs: DeployInputs, o: DeployOptions) {
  const docker = inputs.runtime === "docker";
  const artifact: ArtifactChoice | undefined =
    inputs.command === "deploy" && !docker ? await resolveArtifact(inputs.artifact, inputs.manifest, await o.host.platform()) : undefined;
  const app = inputs.app || artifact?.project;
  if (!app) throw new InputError("app", "", "it is required when the artifact does not come from a manifest; accepted: the service's name, e.g. hello");
  const stateDir = stateDirFor(inputs, app);
  const router = makeRouter(inputs.router, o.host, app, (m) => o.reporter.notice(m));
  await router.preflight();
  const runtime = makeRuntime(inputs, o.host, stateDir, app);
  await runtime.preflight?.();
  // After the runtime's preflight, so an unreachable daemon is named as such.
  const image: ImageChoice | undefined =
    inputs.command === "deploy" && docker ? await resolveImage(o.host, inputs.dockerHost, inputs.artifact, inputs.imageArchive) : undefined;
  const version = inputs.version || artifact?.version || artifact?.sha256.slice(0, 12) || imageVersion(image) || "";
  const journal = new Journal(o.host, stateDir);
  const doc = await journal.read(app);
  if (doc.app !== app) throw new GantryError(`${journal.path} belongs to app ${doc.app}, not ${app}; give each app its own state-dir`);
  await checkIdlePort(o.host, runtime, doc, inputs);
  const idle: Color = doc.active ? otherColor(doc.active.color) : "blue";
  await checkQueries(inputs.analysis, { version, previous_version: doc.active?.version ?? "", color: idle, app, host: o.host.name }, o.reporter);
  return { artifact, image, app, version, stateDir, router, runtime, journal };
}

/** The image, `docker load`ed on the host first when it lacks it (issue 12): with the ID the daemon gave it there. */
async function loadedImage(o: DeployOptions, inputs: DeployInputs, image: ImageChoice): Promise<ImageChoice> {
  if (!image.load) return image;
  o.reporter.info(`the docker daemon on ${o.host.name} lacks ${image.ref} as image-archive holds it: streaming ${image.load.path} into docker load there`);
  return { ref: image.ref, id: await loadImage(o.host, inputs.dockerHost, { ...image, load: image.load }) };
}

/** An image's version: its reference's tag, else the start of its ID. */
function imageVersion(image: ImageChoice | undefined): string {
  if (!image) return "";
  const tag = /:([\w][\w.-]{0,127})$/.exec(image.ref.split("@")[0]?.split("/").pop() ?? "")?.[1];
  return tag ?? image.id.slice(7, 19);
}

/** A whole `command: deploy` or `command: rollback` run: checks, lock, recovery, cutover, pruning. */
export async function runDeploy(inputs: DeployInputs, o: DeployOptions): Promise<DeployReport> {
  if (inputs.command === "status") throw new GantryError("internal: runDeploy does not run status");
  const command = inputs.command;
  const { artifact, image, app, version, stateDir, router, runtime, journal } = await prepare(inputs, o);
  const timeline = new Timeline();
  const runId = newRunId();
  // Parents a first deploy makes are 0755 like /var/lib's, so a service user (runtime: systemd) can reach its release.
  await o.host.mkdirp(dirname(stateDir), 0o755);
  await o.host.mkdirp(stateDir, 0o750);
  const lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId, reporter: o.reporter }));
  o.onLocked?.(runId, stateDir);
  try {
    const doc = await journal.read(app);
    const deps = engineDeps(inputs, o, lock, { runtime, router, journal, timeline, runId });
    const engine = new CutoverEngine(deps, doc);
    const recovery = await recoverCutover(deps, doc, engine);
    await checkIdlePort(o.host, runtime, doc, inputs);
    const plan: CutoverPlan =
      command === "deploy"
        ? {
            command,
            version,
            strategy: inputs.strategy,
            steps: inputs.steps,
            stage: async () => {
              const running = [doc.active?.version, doc.previous?.version].filter((v): v is string => Boolean(v));
              const { release, reused } = image
                ? await stageImageRelease(o.host, stateDir, version, await loadedImage(o, inputs, image), inputs.env, running, runId)
                : await stageRelease(o.host, stateDir, version, artifact as ArtifactChoice, inputs.env, running, runId);
              if (reused) o.reporter.info(`release ${version} is already in ${release.dir} (same sha256); reusing it`);
              return { release, env: inputs.env };
            },
          }
        : await rollbackPlan(o.host, stateDir, doc, inputs);
    if (recovery) await auditRecovery(o, stateDir, runId, recovery);
    let result: CutoverResult;
    try {
      result = await engine.run(plan);
    } catch (err) {
      if (err instanceof LockLostError) throw err;
      await audit(o, stateDir, runId, { command, version: plan.version, from: doc.active?.version, outcome: "failed", reason: messageOf(err) });
      throw err;
    }
    await audit(o, stateDir, runId, {
      command,
      version: plan.version,
      from: result.previousVersion,
      outcome: result.outcome,
      reason: result.reason,
    });
    const protect = [doc.active?.version, doc.previous?.version, version].filter((v): v is string => Boolean(v));
    const pruned = await pruneReleases(o.host, stateDir, inputs.keepReleases, protect);
    return { app, command, stateDir, result, recovery, timeline, runId, pruned };
  } finally {
    await lock.release();
  }
}

/**
 * Only the recovery of an unfinished cutover (the post step after a killed main): lock, then
 * complete or roll back what the journal says, nothing else. Undefined when nothing was in flight.
 */
export async function recoverOnly(inputs: DeployInputs, stateDir: string, o: DeployOptions, ro: RecoverOptions = {}): Promise<DeployReport | undefined> {
  const journal = new Journal(o.host, stateDir);
  const first = await journal.read("");
  if (!first.cutover) return undefined;
  const app = first.app;
  const router = makeRouter(inputs.router, o.host, app, (m) => o.reporter.notice(m));
  await router.preflight();
  const timeline = new Timeline();
  const runId = newRunId();
  const lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId, reporter: o.reporter }));
  try {
    const doc = await journal.read(app);
    const deps = engineDeps(inputs, o, lock, { runtime: makeRuntime(inputs, o.host, stateDir, app), router, journal, timeline, runId });
    const recovery = await recoverCutover(deps, doc, new CutoverEngine(deps, doc), ro);
    if (!recovery) return undefined;
    await auditRecovery(o, stateDir, runId, recovery);
    return { app, command: recovery.found.command, stateDir, result: recovery.result, recovery, timeline, runId, pruned: [] };
  } finally {
    await lock.release();
  }
}

/** `command: rollback`: a cutover back to the previous release, through the same gates. */
async function rollbackPlan(host: Host, stateDir: string, doc: JournalDoc, inputs: DeployInputs): Promise<CutoverPlan> {
  const target = doc.previous;
  if (!target) throw new GantryError(`there is no previous release of ${doc.app} in ${join(stateDir, "journal.json")} to roll back to`);
  const release = await findRelease(host, stateDir, target.version);
  if (!release) throw new GantryError(`the previous release ${target.version} is no longer in ${join(stateDir, "releases")} (pruned past keep-releases?)`);
  return {
    command: "rollback",
    version: target.version,
    strategy: inputs.strategy,
    steps: inputs.steps,
    stage: async () => ({ release, env: await releaseEnv(host, release) }),
  };
}
