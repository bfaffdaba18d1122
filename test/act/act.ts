/**
 * Runs a workflow under the real act (nektos/act ≥ 0.2.81, the first with node24) in host mode,
 * hermetically: a temp HOME (act reads ~/.actrc and its config and cache folders from there), its
 * own action cache and cache server folders, no image pulled (--pull=false), no action cloned
 * (--action-offline-mode; the workflows use only local actions). act's --json log is parsed into
 * entries: step output lines, the summary act reads back from GITHUB_STEP_SUMMARY after each step,
 * workflow commands (annotations) and each step's result, main and post alike.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, REPO, scratchDir } from "../harness.js";

/** One line of act's --json log (the fields the tests read). */
export interface ActEntry {
  msg: string;
  level: string;
  jobID?: string;
  stepID?: string[];
  /** Pre, Main or Post. */
  stage?: string;
  /** A workflow command act saw: error, warning, notice, summary, set-output, … */
  command?: string;
  arg?: string;
  name?: string;
  content?: string;
  kvPairs?: Record<string, string>;
  raw_output?: boolean;
  stepResult?: string;
  /** On a job's last line: success or failure. */
  jobResult?: string;
}

export interface ActRun {
  code: number | null;
  entries: ActEntry[];
  /** act's stderr and the lines of stdout that are not JSON. */
  stderr: string;
}

/**
 * A workspace as a user's repository holds it: the root action, actions/, the committed dist/
 * bundles, the example service in service/ and the given workflow in .github/workflows/, as one
 * git commit (act reads the sha and ref from git).
 */
export function actWorkspace(workflow: string): string {
  const ws = scratchDir("gantry-act-ws-"); // removed when the test file ends
  for (const entry of ["action.yml", "actions", "dist"]) cpSync(join(REPO, entry), join(ws, entry), { recursive: true });
  // The standard-library service: these runs test act's plumbing, and a cold Gin build under act takes minutes
  // (examples.test.ts runs the Gin service through the examples users copy).
  cpSync(join(FIXTURES, "stdlib-service"), join(ws, "service"), { recursive: true });
  mkdirSync(join(ws, ".github", "workflows"), { recursive: true });
  cpSync(join(REPO, "test", "act", "workflows", workflow), join(ws, ".github", "workflows", workflow));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ws, stdio: "ignore", env: gitEnv(ws) });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "workspace for act");
  return ws;
}

/** git with no user config: the identity given here, nothing read from the machine's home. */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "gantry test",
    GIT_AUTHOR_EMAIL: "test@gantry.invalid",
    GIT_COMMITTER_NAME: "gantry test",
    GIT_COMMITTER_EMAIL: "test@gantry.invalid",
  };
}

export interface ActOptions {
  /** Variables the workflow sees as env.* (act's --env). */
  env?: Record<string, string>;
  /** The process environment of act and so of every step in host mode (e.g. GOCACHE). */
  processEnv?: Record<string, string>;
  timeoutMs?: number;
  /** More act arguments (--local-repository, --artifact-server-path, --var, --secret-file …). */
  args?: string[];
  /**
   * A file act and its steps see as /etc/hosts: act runs in its own mount namespace with the file
   * bound there (the machine's /etc/hosts is never changed), e.g. to point a registry's name at loopback.
   */
  etcHosts?: string;
}

/** `act push -W .github/workflows/<workflow>` in host mode; resolves when act exits. */
export function runAct(ws: string, workflow: string, options: ActOptions = {}): Promise<ActRun> {
  const home = scratchDir("gantry-act-home-"); // removed when the test file ends
  const args = [
    "push",
    "-W",
    join(".github", "workflows", workflow),
    "-P",
    "ubuntu-latest=-self-hosted",
    "--pull=false",
    "--action-offline-mode",
    "--json",
    "--action-cache-path",
    join(home, "act"),
    // act's cache server (on by default) on loopback: its default address is the machine's
    // outbound one, which a machine without a network may not have.
    "--cache-server-addr",
    "127.0.0.1",
    "--cache-server-path",
    join(home, "actcache"),
    "--cache-server-port",
    "0",
    ...(options.args ?? []),
  ];
  for (const [k, v] of Object.entries({ SOURCE_REPO: ws, ...options.env })) args.push("--env", `${k}=${v}`);
  // ACT_DISABLE_VERSION_CHECK: act would otherwise ask api.nektosact.com for notices on every run.
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.processEnv, HOME: home, ACT_DISABLE_VERSION_CHECK: "1" };
  // act's config and caches would otherwise come from the XDG folders of whoever runs the test.
  for (const k of ["XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "DOCKER_HOST", "GITHUB_TOKEN"]) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith("GITHUB_") || k.startsWith("ACTIONS_") || k.startsWith("RUNNER_")) delete env[k];
  return new Promise((resolve, reject) => {
    const argv = options.etcHosts
      ? ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount --bind "$1" /etc/hosts && shift && exec "$@"', "sh", options.etcHosts, "act", ...args]
      : ["act", ...args];
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: ws, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 420_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const entries: ActEntry[] = [];
      let stderr = err;
      for (const line of `${out}\n${err}`.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          entries.push(JSON.parse(line) as ActEntry);
        } catch {
          stderr += `${line}\n`;
        }
      }
      for (const line of out.split("\n")) if (line && !line.startsWith("{")) stderr += `${line}\n`;
      resolve({ code, entries, stderr });
    });
  });
}

const ofStep = (e: ActEntry, stepID: string, stage = "Main") => e.stepID?.[0] === stepID && e.stage === stage;

/** What a step printed, line by line. */
export function printed(run: ActRun, stepID: string, stage = "Main"): string {
  return run.entries
    .filter((e) => ofStep(e, stepID, stage) && e.raw_output)
    .map((e) => e.msg)
    .join("");
}

/** The job summary a step wrote: act reads GITHUB_STEP_SUMMARY back after each step and logs it. */
export function summaryOf(run: ActRun, stepID: string): string {
  return run.entries
    .filter((e) => ofStep(e, stepID) && e.command === "summary")
    .map((e) => e.content ?? "")
    .join("");
}

/** The annotations (error, warning, notice workflow commands) act saw in a step. */
export function annotationsOf(run: ActRun, stepID: string): { level: string; message: string; properties: Record<string, string> }[] {
  return run.entries
    .filter((e) => ofStep(e, stepID) && (e.command === "error" || e.command === "warning" || e.command === "notice"))
    .map((e) => ({ level: e.command as string, message: e.arg ?? "", properties: e.kvPairs ?? {} }));
}

/** success, failure or skipped for a step's main or post; undefined when act never ran it. */
export function resultOf(run: ActRun, stepID: string, stage = "Main"): string | undefined {
  return run.entries.find((e) => ofStep(e, stepID, stage) && e.stepResult)?.stepResult;
}

/** Every message of the run, for a failing assertion's context. */
export function logOf(run: ActRun): string {
  return `${run.entries.map((e) => e.msg).join("")}\n${run.stderr}`;
}

/** `KEY=value` lines a step printed (the workflows echo the outputs of earlier steps this way). */
export function printedVars(run: ActRun, stepID: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of printed(run, stepID).split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
