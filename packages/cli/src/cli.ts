import {
  GANTRY_VERSION,
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
import { STAGE_LOADERS, loadPipelineStage } from "@gantry/pipeline";
import { inputDocs, stageHelp } from "./help.js";

/** How the CLI gets a stage: loaded when named, so one stage's run loads no other's code (issue 14). */
export type StageLoaders = Readonly<Record<string, () => Promise<Stage<unknown>>>>;

const ALL: StageLoaders = { ...STAGE_LOADERS, pipeline: loadPipelineStage };

export interface CliIO {
  /** Outputs, one `name=value` line each (for scripts). */
  stdout: (text: string) => void;
  /** Progress, log and the summary. */
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

async function usage(stages: StageLoaders): Promise<string> {
  const all = await Promise.all(Object.values(stages).map((load) => load()));
  return [
    "usage: gantry <stage> [--input value | --input=value]...",
    "",
    "Runs one stage outside GitHub Actions with the same input names as its action.yml.",
    "Outputs are printed as name=value lines on stdout; progress and the summary go to stderr.",
    "",
    "stages:",
    ...all.map((s) => `  ${s.name.padEnd(10)} ${s.description}`),
    "",
    "gantry <stage> --help lists the stage's inputs, their defaults and what each accepts.",
    "--debug (or RUNNER_DEBUG=1) prints debug lines to stderr; --version prints gantry's version.",
    "",
    "gantry verify <provenance.intoto.json | checksums.txt> [--input value]...",
    "  rebuilds the release's commit in a clean folder and compares it byte for byte:",
    "  the same as gantry go-build --verify <path> with the other inputs given.",
    "  A statement's inputs pass the same checks as given ones (no -toolexec, -extld, ...);",
    "  each input you give that the statement records otherwise is reported (input-differences).",
    "  The rebuild sees only PATH and the module proxy settings of your environment (no GOFLAGS, CC, tokens).",
  ].join("\n");
}

/** `nginx-admin-token` → `GANTRY_NGINX_ADMIN_TOKEN`: where the CLI reads a secret input, so it is not on argv (visible in ps). */
export function secretEnvName(input: string): string {
  return `GANTRY_${input.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`;
}

/**
 * The stage's secret inputs not given as flags, from GANTRY_<NAME> (secretEnvName). Returned
 * with the runner's INPUT_<NAME> names too: a stage's post step reads its secrets again from
 * INPUT_ variables as on the runner (deploy's nginx-admin-token), since state never holds them.
 */
function secretInputs(
  stage: Stage<unknown>,
  flags: Record<string, string>,
  env: NodeJS.ProcessEnv,
): { values: Record<string, string>; inputEnv: Record<string, string> } {
  const values: Record<string, string> = {};
  const inputEnv: Record<string, string> = {};
  for (const name of stage.secrets ?? []) {
    const value = flags[name] ?? env[secretEnvName(name)];
    if (value === undefined || value === "") continue;
    if (!(name in flags)) values[name] = value;
    inputEnv[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  return { values, inputEnv };
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

/** `gantry verify <path> …` → `gantry go-build --verify <path> …` (issue 15; `gantry verify --help` is go-build's help); anything else as it is. */
export function expandAlias(argv: readonly string[]): readonly string[] {
  const [name, path, ...rest] = argv;
  if (name !== "verify") return argv;
  return path === undefined || path.startsWith("-") ? ["go-build", ...argv.slice(1)] : ["go-build", "--verify", path, ...rest];
}

function printVersion(io: CliIO): number {
  io.stdout(`gantry ${GANTRY_VERSION}\n`);
  return 0;
}

/** Debug lines are printed with `--debug`, or when the runner's RUNNER_DEBUG=1 (or GANTRY_DEBUG) asks for them. */
export function debugWanted(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes("--debug") || env.RUNNER_DEBUG === "1" || Boolean(env.GANTRY_DEBUG);
}

/**
 * What the CLI prints on stderr for text a library wrote to stdout, which holds only the
 * `name=value` outputs. The toolkit's libraries (@actions/tool-cache, @actions/cache) speak in
 * workflow commands: `::debug::` lines are kept only when debugging, `::add-mask::` lines are
 * dropped (they carry the secret itself), other commands become `warning: …`-style lines, and
 * plain text passes as it is.
 */
export function libraryOutput(text: string, debug: boolean): string {
  return text
    .split(/(?<=\n)/)
    .flatMap((line) => {
      const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/s.exec(line);
      if (!m) return [line];
      if (m[1] === "add-mask" || (m[1] === "debug" && !debug)) return [];
      return [`${m[1]}: ${m[2]}`];
    })
    .join("");
}

/** Runs `gantry <stage> …`; returns the exit code. `stages` is for tests. */
export async function runCli(argv: readonly string[], io: CliIO, stages: StageLoaders = ALL): Promise<number> {
  const [name, ...rest] = expandAlias(argv.filter((a) => a !== "--debug"));
  if (name === "--version") return printVersion(io);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stderr(await usage(stages));
    return name ? 0 : 2;
  }
  if (!Object.hasOwn(stages, name)) {
    io.stderr(`gantry: unknown stage ${JSON.stringify(name)}; stages: ${Object.keys(stages).join(", ")}`);
    return 2;
  }
  const stage = await (stages[name] as () => Promise<Stage<unknown>>)();
  // go-build and the pipeline have an input named version: there `--version` asks for gantry's
  // only as the last word, where it has no value.
  if ((rest.includes("--version") && !("version" in stage.inputs)) || rest.at(-1) === "--version") return printVersion(io);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stderr(stageHelp(stage, await inputDocs(stage.name), secretEnvName));
    return 0;
  }
  ensureRunnerDirs(io.env);
  const reporter = new TerminalReporter(io.stderr, debugWanted(argv, io.env));
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
  let inputEnv: Record<string, string> = {};
  try {
    const flags = parseFlags(rest, Object.keys(stage.inputs));
    const secrets = secretInputs(stage, flags, io.env);
    inputEnv = secrets.inputEnv;
    const inputs = await parseStageInputs(stage, mapInputSource({ ...secrets.values, ...flags }), ctx);
    for (const s of stage.secrets ?? [])
      if (s in flags) reporter.warning(`--${s} on the command line is visible to every user of this machine (ps); set $${secretEnvName(s)} instead`);
    await stage.run(inputs, ctx);
  } catch (err) {
    reporter.flush();
    io.stderr(`gantry ${name}: ${failureMessage(err, reporter)}`);
    code = 1;
  }
  try {
    await stage.post?.({ ...ctx, env: { ...io.env, ...inputEnv } });
  } catch (err) {
    io.stderr(`gantry ${name} (post): ${failureMessage(err, reporter)}`);
  }
  reporter.flush();
  for (const [n, v] of outputs) io.stdout(`${n}=${formatOutput(v)}\n`);
  return code;
}
