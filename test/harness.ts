/**
 * Runs a bundled action exactly as the GitHub runner does: INPUT_* variables from the given
 * values and the action.yml defaults, fresh GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE /
 * GITHUB_STEP_SUMMARY files, RUNNER_TEMP and RUNNER_TOOL_CACHE folders, `node dist/…`, then
 * the post step with STATE_* from what main saved.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = join(REPO, "test", "fixtures");

import { removeTree, scratchDir } from "./support/scratch.js";

export { removeTree, scratchDir };

export interface Annotation {
  level: "error" | "warning" | "notice";
  message: string;
  properties: Record<string, string>;
}

export interface StepRun {
  code: number | null;
  /** stdout and stderr, interleaved as they came. */
  log: string;
  annotations: Annotation[];
}

export interface ActionRun extends StepRun {
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  /** Variables the step exported through GITHUB_ENV. */
  exported: Record<string, string>;
  post?: StepRun;
  /** The temp folder holding RUNNER_TEMP, the command files and (unless given) the tool cache. */
  home: string;
}

export interface RunOptions {
  /** GITHUB_WORKSPACE and the step's cwd. */
  workspace: string;
  /** Extra environment (e.g. GITHUB_REF, SOURCE_DATE_EPOCH). */
  env?: Record<string, string | undefined>;
  /** Run the post step too (default true when the action has one). */
  post?: boolean;
  /** Reuse a tool cache across runs (default: a fresh one). */
  toolCache?: string;
  timeoutMs?: number;
  /** A command the step runs under, e.g. `nsenter -t PID -a` to run it inside a test container. */
  wrap?: readonly string[];
  /** The folder the runner's temp folder is made in (default the OS temp folder), e.g. one a test container shares. */
  homeParent?: string;
  /** Called with the main step's process once it started, e.g. to signal it mid-run. */
  onStart?: (child: ChildProcess) => void;
}

interface ActionYml {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string; post?: string };
}

/** Reads actions/<name>/action.yml (or the root action.yml for "."). */
export function loadAction(name: string): { dir: string; spec: ActionYml } {
  const dir = name === "." ? REPO : join(REPO, "actions", name);
  return { dir, spec: parse(readFileSync(join(dir, "action.yml"), "utf8")) as ActionYml };
}

/** The runner's file command format: `name<<DELIM\nvalue\nDELIM`, or `name=value`. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i] as string);
      out[name] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

function parseAnnotations(log: string): Annotation[] {
  const found: Annotation[] = [];
  for (const m of log.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)) {
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? "").split(",").filter(Boolean))
      properties[kv.slice(0, kv.indexOf("="))] = decodeURIComponent(kv.slice(kv.indexOf("=") + 1).replace(/%2C/g, ","));
    found.push({ level: m[1] as Annotation["level"], message: (m[3] as string).replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%"), properties });
  }
  return found;
}

/** The environment a runner gives a step, without anything of this process's own runner. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_)/.test(k) || k === "CI" || k.startsWith("VITEST") || k === "NODE_OPTIONS") continue;
    env[k] = v;
  }
  return env;
}

function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number,
  wrap: readonly string[] = [],
  onStart?: (child: ChildProcess) => void,
): Promise<StepRun> {
  return new Promise((res, rej) => {
    const argv = [...wrap, process.execPath, script];
    const child = spawn(argv[0] as string, argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    onStart?.(child);
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", rej);
    child.on("close", (code) => {
      clearTimeout(timer);
      res({ code, log, annotations: parseAnnotations(log) });
    });
  });
}

/** Runs `actions/<name>` (main, then post) with the given inputs. */
export async function runAction(name: string, inputs: Record<string, string>, options: RunOptions): Promise<ActionRun> {
  const { dir, spec } = loadAction(name);
  const declared = spec.inputs ?? {};
  for (const k of Object.keys(inputs)) if (!(k in declared)) throw new Error(`test bug: ${name} has no input '${k}'`);
  const home = scratchDir(`gantry-runner-${name.replace(/\W/g, "")}-`, options.homeParent);
  const files = {
    GITHUB_OUTPUT: join(home, "output"),
    GITHUB_ENV: join(home, "env"),
    GITHUB_STATE: join(home, "state"),
    GITHUB_STEP_SUMMARY: join(home, "summary.md"),
    GITHUB_PATH: join(home, "path"),
  };
  for (const f of Object.values(files)) writeFileSync(f, "");
  mkdirSync(join(home, "temp"), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ...files,
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_OS: "Linux",
    RUNNER_ARCH: process.arch === "arm64" ? "ARM64" : "X64",
    RUNNER_TEMP: join(home, "temp"),
    RUNNER_TOOL_CACHE: options.toolCache ?? join(home, "tool-cache"),
  };
  for (const [k, spec] of Object.entries(declared)) {
    env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = inputs[k] ?? spec?.default ?? "";
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const timeoutMs = options.timeoutMs ?? 600_000;
  const main = await runNode(resolve(dir, spec.runs.main), env, options.workspace, timeoutMs, options.wrap, options.onStart);
  const state = parseFileCommands(readFileSync(files.GITHUB_STATE, "utf8"));
  let post: StepRun | undefined;
  if (spec.runs.post && options.post !== false) {
    const postEnv: NodeJS.ProcessEnv = { ...env, GITHUB_OUTPUT: join(home, "post-output"), GITHUB_STATE: join(home, "post-state") };
    for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v;
    post = await runNode(resolve(dir, spec.runs.post), postEnv, options.workspace, timeoutMs, options.wrap);
  }
  return {
    ...main,
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, "utf8")),
    summary: existsSync(files.GITHUB_STEP_SUMMARY) ? readFileSync(files.GITHUB_STEP_SUMMARY, "utf8") : "",
    state,
    exported: parseFileCommands(readFileSync(files.GITHUB_ENV, "utf8")),
    post,
    home,
  };
}

/** Copies a fixture to a fresh temp folder (tests never build inside the repository), removed when the file ends. */
export function fixtureCopy(name: string): string {
  const dest = scratchDir(`gantry-${name}-`);
  cpSync(join(FIXTURES, name), dest, { recursive: true });
  return dest;
}
