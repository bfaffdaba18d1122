#!/usr/bin/env node
import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  STAGE_LOADERS,
  loadPipelineStage
} from "../chunks/chunk-BKFM5GMF.js";
import {
  GantryError,
  TerminalReporter,
  ensureRunnerDirs,
  failureMessage,
  formatOutput,
  mapInputSource,
  memoryState,
  nearest,
  parseStageInputs
} from "../chunks/chunk-7256D67N.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/cli/src/cli.ts
var ALL = { ...STAGE_LOADERS, pipeline: loadPipelineStage };
async function usage(stages) {
  return [
    "usage: gantry <stage> [--input value | --input=value]...",
    "",
    "Runs one stage outside GitHub Actions with the same input names as its action.yml.",
    "Outputs are printed as name=value lines on stdout; progress and the summary go to stderr.",
    "",
    "stages:",
    ...(await Promise.all(Object.values(stages).map((load) => load()))).map((s) => `  ${s.name.padEnd(10)} ${s.description}`),
    "",
    "gantry <stage> --help lists the stage's inputs and their defaults.",
    "",
    "gantry verify <provenance.intoto.json | checksums.txt> [--input value]...",
    "  rebuilds the release's commit in a clean folder and compares it byte for byte:",
    "  the same as gantry go-build --verify <path> with the other inputs given."
  ].join(`
`);
}
function stageHelp(stage) {
  let width = Math.max(...Object.keys(stage.inputs).map((k) => k.length)), secrets = stage.secrets ?? [];
  return [
    `gantry ${stage.name}: ${stage.description}`,
    "",
    "inputs (default):",
    ...Object.entries(stage.inputs).map(
      ([k, v]) => `  --${k.padEnd(width)}  ${v === "" ? "" : JSON.stringify(v)}${secrets.includes(k) ? `${v === "" ? "" : "  "}(secret: better from $${secretEnvName(k)})` : ""}`
    )
  ].join(`
`);
}
function secretEnvName(input) {
  return `GANTRY_${input.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`;
}
function secretInputs(stage, flags, env) {
  let values = {}, inputEnv = {};
  for (let name of stage.secrets ?? []) {
    let value = flags[name] ?? env[secretEnvName(name)];
    value === void 0 || value === "" || (name in flags || (values[name] = value), inputEnv[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value);
  }
  return { values, inputEnv };
}
function parseFlags(args, known) {
  let values = {};
  for (let i = 0; i < args.length; i++) {
    let arg = args[i], m = /^--([a-z0-9-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) throw new GantryError(`unexpected argument ${JSON.stringify(arg)}; inputs are given as --name value`);
    let name = m[1];
    if (!known.includes(name))
      throw new GantryError(
        `unknown input --${name}; nearest: ${nearest(name, known, 3).map((k) => `--${k}`).join(", ")}`
      );
    let value = m[2];
    if (value === void 0) {
      if (value = args[i + 1], value === void 0) throw new GantryError(`--${name} needs a value`);
      i++;
    }
    values[name] = name in values ? `${values[name]}
${value}` : value;
  }
  return values;
}
function expandAlias(argv) {
  let [name, path, ...rest] = argv;
  return name !== "verify" ? argv : path === void 0 || path.startsWith("-") ? ["go-build", ...argv.slice(1)] : ["go-build", "--verify", path, ...rest];
}
async function runCli(argv, io, stages = ALL) {
  let [name, ...rest] = expandAlias(argv);
  if (!name || name === "--help" || name === "-h" || name === "help")
    return io.stderr(await usage(stages)), name ? 0 : 2;
  if (!Object.hasOwn(stages, name))
    return io.stderr(`gantry: unknown stage ${JSON.stringify(name)}; stages: ${Object.keys(stages).join(", ")}`), 2;
  let stage = await stages[name]();
  if (rest.includes("--help") || rest.includes("-h"))
    return io.stderr(stageHelp(stage)), 0;
  ensureRunnerDirs(io.env);
  let reporter = new TerminalReporter(io.stderr, !!io.env.GANTRY_DEBUG), outputs = [], ctx = {
    reporter,
    state: memoryState(),
    env: io.env,
    cwd: io.cwd,
    setOutput: (n, v) => {
      outputs.push([n, v]);
    },
    summary: (md) => io.stderr(`
${md}`)
  }, code = 0, inputEnv = {};
  try {
    let flags = parseFlags(rest, Object.keys(stage.inputs)), secrets = secretInputs(stage, flags, io.env);
    inputEnv = secrets.inputEnv;
    let inputs = await parseStageInputs(stage, mapInputSource({ ...secrets.values, ...flags }), ctx);
    for (let s of stage.secrets ?? [])
      s in flags && reporter.warning(`--${s} on the command line is visible to every user of this machine (ps); set $${secretEnvName(s)} instead`);
    await stage.run(inputs, ctx);
  } catch (err) {
    reporter.flush(), io.stderr(`gantry ${name}: ${failureMessage(err, reporter)}`), code = 1;
  }
  try {
    await stage.post?.({ ...ctx, env: { ...io.env, ...inputEnv } });
  } catch (err) {
    io.stderr(`gantry ${name} (post): ${failureMessage(err, reporter)}`);
  }
  reporter.flush();
  for (let [n, v] of outputs) io.stdout(`${n}=${formatOutput(v)}
`);
  return code;
}

// packages/cli/src/main.ts
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (l) => process.stderr.write(`${l}
`),
  env: process.env,
  cwd: process.cwd()
});
