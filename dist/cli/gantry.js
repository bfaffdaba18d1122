#!/usr/bin/env node
import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  STAGE_LOADERS,
  loadPipelineStage
} from "../chunks/chunk-NFQA47LG.js";
import {
  GANTRY_VERSION,
  GantryError,
  TerminalReporter,
  ensureRunnerDirs,
  failureMessage,
  formatOutput,
  mapInputSource,
  memoryState,
  nearest,
  parseStageInputs
} from "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/cli/src/help.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function actionYml(stage, from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from, up = 0; up < 5; dir = dirname(dir), up++) {
    let file = stage === "pipeline" ? join(dir, "action.yml") : join(dir, "actions", stage, "action.yml");
    if (existsSync(file) && (stage !== "pipeline" || existsSync(join(dir, "actions")))) return file;
  }
}
async function inputDocs(stage) {
  let file = actionYml(stage);
  if (!file) return {};
  try {
    let yaml = await import("../chunks/dist-TEIFVHUL.js"), doc = (yaml.default?.parse ?? yaml.parse)(readFileSync(file, "utf8"));
    return Object.fromEntries(
      Object.entries(doc.inputs ?? {}).map(([k, v]) => [k, { description: String(v?.description ?? ""), default: String(v?.default ?? "") }])
    );
  } catch {
    return {};
  }
}
function stageHelp(stage, docs, secretEnv) {
  let width = Math.max(...Object.keys(stage.inputs).map((k) => k.length)), secrets = stage.secrets ?? [], lines = [`gantry ${stage.name}: ${stage.description}`, "", "inputs (default):"];
  for (let [k, v] of Object.entries(stage.inputs)) {
    let secret = secrets.includes(k) ? `${v === "" ? "" : "  "}(secret: better from $${secretEnv(k)})` : "";
    lines.push(`  --${k.padEnd(width)}  ${v === "" ? "" : JSON.stringify(v)}${secret}`);
    let description = docs[k]?.description.trim();
    description && lines.push(...wrap(description, 96).map((l) => `      ${l}`));
  }
  return lines.push("", "  --debug  print debug lines (also RUNNER_DEBUG=1)", "  --version  print gantry's version"), lines.join(`
`);
}
function wrap(text, width) {
  let out = [], line = "";
  for (let word of text.split(/\s+/))
    line && line.length + 1 + word.length > width ? (out.push(line), line = word) : line = line ? `${line} ${word}` : word;
  return line && out.push(line), out;
}

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
    "gantry <stage> --help lists the stage's inputs, their defaults and what each accepts.",
    "--debug (or RUNNER_DEBUG=1) prints debug lines to stderr; --version prints gantry's version.",
    "",
    "gantry verify <provenance.intoto.json | checksums.txt> [--input value]...",
    "  rebuilds the release's commit in a clean folder and compares it byte for byte:",
    "  the same as gantry go-build --verify <path> with the other inputs given.",
    "  A statement's inputs pass the same checks as given ones (no -toolexec, -extld, ...);",
    "  each input you give that the statement records otherwise is reported (input-differences).",
    "  The rebuild sees only PATH and the module proxy settings of your environment (no GOFLAGS, CC, tokens)."
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
function printVersion(io) {
  return io.stdout(`gantry ${GANTRY_VERSION}
`), 0;
}
function debugWanted(argv, env) {
  return argv.includes("--debug") || env.RUNNER_DEBUG === "1" || !!env.GANTRY_DEBUG;
}
function libraryOutput(text, debug2) {
  return text.split(/(?<=\n)/).flatMap((line) => {
    let m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/s.exec(line);
    return m ? m[1] === "add-mask" || m[1] === "debug" && !debug2 ? [] : [`${m[1]}: ${m[2]}`] : [line];
  }).join("");
}
async function runCli(argv, io, stages = ALL) {
  let [name, ...rest] = expandAlias(argv.filter((a) => a !== "--debug"));
  if (name === "--version") return printVersion(io);
  if (!name || name === "--help" || name === "-h" || name === "help")
    return io.stderr(await usage(stages)), name ? 0 : 2;
  if (!Object.hasOwn(stages, name))
    return io.stderr(`gantry: unknown stage ${JSON.stringify(name)}; stages: ${Object.keys(stages).join(", ")}`), 2;
  let stage = await stages[name]();
  if (rest.includes("--version") && !("version" in stage.inputs) || rest.at(-1) === "--version") return printVersion(io);
  if (rest.includes("--help") || rest.includes("-h"))
    return io.stderr(stageHelp(stage, await inputDocs(stage.name), secretEnvName)), 0;
  ensureRunnerDirs(io.env);
  let reporter = new TerminalReporter(io.stderr, debugWanted(argv, io.env)), outputs = [], ctx = {
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
var stdout = process.stdout.write.bind(process.stdout), debug = debugWanted(process.argv.slice(2), process.env);
process.stdout.write = ((chunk, ...rest) => {
  let text = libraryOutput(typeof chunk == "string" ? chunk : Buffer.from(chunk).toString("utf8"), debug), done = rest.find((r) => typeof r == "function");
  return text ? process.stderr.write(text, done) : (done?.(), !0);
});
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => stdout(t),
  stderr: (l) => process.stderr.write(`${l}
`),
  env: process.env,
  cwd: process.cwd()
});
