import {
  GantryError,
  type OutputValue,
  type RunContext,
  type Stage,
  TerminalReporter,
  ensureRunnerDirs,
  failureMessage,
  formatOutput,
  mapInputSource,
  memoryState,
  nearest,
  parseStageInputs,
} from "@gantry/core";
import { STAGES, pipelineStage } from "@gantry/pipeline";

const ALL: Record<string, Stage<unknown>> = { ...STAGES, pipeline: pipelineStage };

export interface CliIO {
  /** Outputs, one `name=value` line each (for scripts). */
  stdout: (text: string) => void;
  /** Progress, log and the summary. */
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function usage(): string {
  return [
    "usage: gantry <stage> [--input value | --input=value]...",
    "",
    "Runs one stage outside GitHub Actions with the same input names as its action.yml.",
    "Outputs are printed as name=value lines on stdout; progress and the summary go to stderr.",
    "",
    "stages:",
    ...Object.values(ALL).map((s) => `  ${s.name.padEnd(10)} ${s.description}`),
    "",
    "gantry <stage> --help lists the stage's inputs and their defaults.",
  ].join("\n");
}

function stageHelp(stage: Stage<unknown>): string {
  const width = Math.max(...Object.keys(stage.inputs).map((k) => k.length));
  return [
    `gantry ${stage.name}: ${stage.description}`,
    "",
    "inputs (default):",
    ...Object.entries(stage.inputs).map(([k, v]) => `  --${k.padEnd(width)}  ${v === "" ? "" : JSON.stringify(v)}`),
  ].join("\n");
}

/** `--targets a,b --cgo=true` → { targets: "a,b", cgo: "true" }; a repeated input joins with newlines. */
export function parseFlags(args: readonly string[], known: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z0-9-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) throw new GantryError(`unexpected argument ${JSON.stringify(arg)}; inputs are given as --name value`);
    const name = m[1] as string;
    if (!known.includes(name))
      throw new GantryError(
        `unknown input --${name}; nearest: ${nearest(name, known, 3)
          .map((k) => `--${k}`)
          .join(", ")}`,
      );
    let value = m[2];
    if (value === undefined) {
      value = args[i + 1];
      if (value === undefined) throw new GantryError(`--${name} needs a value`);
      i++;
    }
    values[name] = name in values ? `${values[name]}\n${value}` : value;
  }
  return values;
}

/** Runs `gantry <stage> …`; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stderr(usage());
    return name ? 0 : 2;
  }
  const stage = ALL[name];
  if (!stage) {
    io.stderr(`gantry: unknown stage ${JSON.stringify(name)}; stages: ${Object.keys(ALL).join(", ")}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stderr(stageHelp(stage));
    return 0;
  }
  ensureRunnerDirs(io.env);
  const reporter = new TerminalReporter(io.stderr, Boolean(io.env.GANTRY_DEBUG));
  const outputs: [string, OutputValue][] = [];
  const ctx: RunContext = {
    reporter,
    state: memoryState(),
    env: io.env,
    cwd: io.cwd,
    setOutput: (n, v) => void outputs.push([n, v]),
    summary: (md) => io.stderr(`\n${md}`),
  };
  let code = 0;
  try {
    const values = parseFlags(rest, Object.keys(stage.inputs));
    const inputs = await parseStageInputs(stage, mapInputSource(values), ctx);
    await stage.run(inputs, ctx);
  } catch (err) {
    reporter.flush();
    io.stderr(`gantry ${name}: ${failureMessage(err, reporter)}`);
    code = 1;
  }
  try {
    await stage.post?.(ctx);
  } catch (err) {
    io.stderr(`gantry ${name} (post): ${failureMessage(err, reporter)}`);
  }
  reporter.flush();
  for (const [n, v] of outputs) io.stdout(`${n}=${formatOutput(v)}\n`);
  return code;
}
