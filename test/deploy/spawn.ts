/** Runs an action's main step as a child the test can SIGKILL mid-way, and its post step afterwards. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAction, parseFileCommands, scratchDir } from "../harness.js";

export interface RunningAction {
  child: ChildProcess;
  /** Resolves with the first line of output that matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL, the way a runner dies; resolves once it has exited. */
  kill(): Promise<void>;
  /** GITHUB_STATE as main left it, for a post step run afterwards. */
  state(): Record<string, string>;
  env: NodeJS.ProcessEnv;
  log(): string;
}

/**
 * Starts `actions/<name>`'s main step the way the harness does (INPUT_* from the action.yml
 * defaults and the given values, fresh command files), but returns at once with a handle, so a
 * test can kill it by pid mid-way.
 */
export function spawnAction(name: string, inputs: Record<string, string>, o: { workspace: string; env?: Record<string, string> }): RunningAction {
  const { dir, spec } = loadAction(name);
  const home = scratchDir(`gantry-runner-${name}-`);
  const files = {
    GITHUB_OUTPUT: join(home, "output"),
    GITHUB_ENV: join(home, "env"),
    GITHUB_STATE: join(home, "state"),
    GITHUB_STEP_SUMMARY: join(home, "summary.md"),
  };
  for (const f of Object.values(files)) writeFileSync(f, "");
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_|VITEST)/.test(k) && k !== "NODE_OPTIONS") env[k] = v;
  Object.assign(env, files, { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: o.workspace, RUNNER_TEMP: join(home, "temp") }, o.env ?? {});
  for (const [k, s] of Object.entries(spec.inputs ?? {})) env[`INPUT_${k.toUpperCase()}`] = inputs[k] ?? s?.default ?? "";
  const child = spawn(process.execPath, [join(dir, spec.runs.main)], { cwd: o.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  const onData = (d: Buffer) => {
    log += d.toString();
    for (const w of [...waiters]) {
      const line = log.split("\n").find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    child,
    env,
    log: () => log,
    waitForLine: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; log:\n${log}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        onData(Buffer.from(""));
        exited.then(() => setTimeout(() => reject(new Error(`exited before a line matched ${pattern}; log:\n${log}`)), 100));
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    state: () => parseFileCommands(readFileSync(files.GITHUB_STATE, "utf8")),
  };
}

/** Runs the post step of an action that `spawnAction` started, with the state its main saved. */
export function runPost(name: string, main: RunningAction, workspace: string): Promise<{ code: number | null; log: string }> {
  const { dir, spec } = loadAction(name);
  const env: NodeJS.ProcessEnv = { ...main.env };
  for (const [k, v] of Object.entries(main.state())) env[`STATE_${k}`] = v;
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(dir, spec.runs.post as string)], { cwd: workspace, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("close", (code) => res({ code, log }));
  });
}
