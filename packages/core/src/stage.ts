import * as core from "@actions/core";
import { GantryError, messageOf } from "./errors.js";
import { InputReader, type InputSource, envInputSource } from "./inputs.js";
import { ActionsReporter, type Reporter } from "./report.js";
import { type StateStore, actionsState } from "./state.js";
import { writeSummary } from "./summary.js";

export type OutputValue = string | number | boolean | object | undefined;

/** What a stage gets besides its inputs: no runner globals reach the packages. */
export interface RunContext {
  reporter: Reporter;
  state: StateStore;
  env: NodeJS.ProcessEnv;
  /** Directory relative paths resolve against (the workspace). */
  cwd: string;
  setOutput(name: string, value: OutputValue): void;
  /** Appends markdown to the job summary (or the terminal). */
  summary(markdown: string): void;
}

/**
 * One stage of the pipeline, as the action entry and the CLI both run it.
 * `inputs` lists every input with its default: the same table as the action.yml (a test checks).
 */
export interface Stage<I> {
  name: string;
  description: string;
  inputs: Readonly<Record<string, string>>;
  /** Inputs whose values are masked as soon as they are read. */
  secrets?: readonly string[];
  /** A mode of the stage's own that the root action does not offer (go-build's verify): its inputs and outputs stay out of the pipeline. */
  standalone?: { readonly inputs: readonly string[]; readonly outputs: readonly string[] };
  parse(read: InputReader, ctx: RunContext): I | Promise<I>;
  run(inputs: I, ctx: RunContext): Promise<void>;
  post?(ctx: RunContext): Promise<void>;
}

/** Masks the secret inputs, then parses; the stage's first line of work follows (markStartup). */
export async function parseStageInputs<I>(stage: Stage<I>, source: InputSource, ctx: RunContext): Promise<I> {
  const read = new InputReader(source, stage.inputs);
  for (const name of stage.secrets ?? []) {
    const value = read.string(name);
    if (value) {
      ctx.reporter.mask(value);
      for (const line of value.split(/\r?\n/)) if (line.trim().length > 3) ctx.reporter.mask(line.trim());
    }
  }
  const inputs = await stage.parse(read, ctx);
  markStartup(stage.name, ctx.env);
  return inputs;
}

/** The start-up marker's environment variable and line prefix (bench/startup.bench.ts reads them). */
export const STARTUP_MARK_ENV = "GANTRY_STARTUP_MARK";
export const STARTUP_MARK_PREFIX = "gantry-startup:";

/**
 * Issue 14's start-up measure: with GANTRY_STARTUP_MARK set, one line on stderr the moment a stage's
 * inputs are parsed and its run begins (its first line of work): `gantry-startup: <stage> <wall> <cpu>`,
 * the wall-clock time in ms since the epoch (to the µs), which the bench compares with the moment it
 * spawned node, and the CPU time (user + system, ms) the process has used so far.
 */
export function markStartup(stage: string, env: NodeJS.ProcessEnv): void {
  if (!env[STARTUP_MARK_ENV]) return;
  const cpu = process.cpuUsage();
  const wall = performance.timeOrigin + performance.now();
  process.stderr.write(`${STARTUP_MARK_PREFIX} ${stage} ${wall.toFixed(3)} ${((cpu.user + cpu.system) / 1000).toFixed(1)}\n`);
}

function formatOutput(value: OutputValue): string {
  if (value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function actionsContext(reporter: Reporter): RunContext {
  return {
    reporter,
    state: actionsState,
    env: process.env,
    cwd: process.cwd(),
    setOutput: (name, value) => core.setOutput(name, formatOutput(value)),
    summary: (md) => writeSummary(md, reporter),
  };
}

/** Reports a failure: user errors as one sentence, anything else with its stack in debug. */
export function failureMessage(err: unknown, reporter: Reporter): string {
  if (!(err instanceof GantryError) && err instanceof Error && err.stack) reporter.debug(err.stack);
  return messageOf(err);
}

/** The main step of an action. */
export async function runActionMain<I>(stage: Stage<I>): Promise<void> {
  const reporter = new ActionsReporter();
  const ctx = actionsContext(reporter);
  try {
    const inputs = await parseStageInputs(stage, envInputSource(), ctx);
    await stage.run(inputs, ctx);
  } catch (err) {
    reporter.flush();
    core.setFailed(failureMessage(err, reporter));
  } finally {
    reporter.flush();
  }
}

/** The post step of an action: failures here warn, they never fail the job. */
export async function runActionPost<I>(stage: Stage<I>): Promise<void> {
  const reporter = new ActionsReporter();
  try {
    await stage.post?.(actionsContext(reporter));
  } catch (err) {
    reporter.warning(`post step: ${failureMessage(err, reporter)}`);
  } finally {
    reporter.flush();
  }
}

export { formatOutput };
