/**
 * Issue 14: start-up of every action, node start to first line of work, target < 150 ms each.
 *
 * Measured from the moment the bench spawns `node dist/<action>/main.js` (as the runner starts it,
 * with the runner's files and the action's default inputs) to the moment the stage's inputs are
 * parsed and its run begins: with GANTRY_STARTUP_MARK set, core's `markStartup` prints that instant
 * (wall clock, µs) on stderr, so reading the pipe adds nothing. The action is then killed with its
 * process group: only its start is measured. Node alone (`node -e` printing the same line) is measured
 * alternately in the same rounds, as the floor no bundle can go under. Medians of ROUNDS after a
 * warm-up; the machine is shared, so each round runs every action once, one after another.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { STARTUP_MARK_ENV, STARTUP_MARK_PREFIX } from "@gantry/core";
import { EXAMPLE, REPO } from "../demo/lib.js";
import type { Measure } from "./figures.js";

const ms = (value: number): Measure => ({ value, unit: "ms" });
import type { BenchRow } from "./results.js";

const ROUNDS = 9;
const TARGET_MS = 150;

/** Each action's bundle and the inputs it is started with (besides action.yml's defaults). */
const ACTIONS: { name: string; bundle: string; inputs: Record<string, string> }[] = [
  { name: "go-build", bundle: "dist/go-build/main.js", inputs: {} },
  { name: "slim", bundle: "dist/slim/main.js", inputs: {} },
  { name: "image", bundle: "dist/image/main.js", inputs: {} },
  { name: "go-test", bundle: "dist/go-test/main.js", inputs: { layers: "unit" } },
  { name: "deploy", bundle: "dist/deploy/main.js", inputs: { command: "status", app: "bench", "state-dir": "{state}" } },
  { name: "pipeline (root action)", bundle: "dist/pipeline/main.js", inputs: {} },
  { name: "gantry go-build (CLI, as go-build.bench.ts runs it)", bundle: "dist/cli/gantry.js", inputs: {} },
];

/** What node alone takes to print the same line: the floor. */
const NODE_ALONE = `const c = process.cpuUsage(); process.stderr.write("${STARTUP_MARK_PREFIX} node " + (performance.timeOrigin + performance.now()).toFixed(3) + " " + ((c.user + c.system) / 1000).toFixed(1) + "\\n")`;

/** One start: ms from spawn to the mark (wall clock), and the CPU ms the process had used by then. */
interface Start {
  wall: number;
  cpu: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The runner's environment for one start in `root`: fresh runner files, the action's inputs. */
function runnerEnv(root: string, inputs: Record<string, string>): NodeJS.ProcessEnv {
  const files = Object.fromEntries(
    ["GITHUB_OUTPUT", "GITHUB_STATE", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"].map((k) => {
      const f = join(root, k.toLowerCase());
      writeFileSync(f, "");
      return [k, f];
    }),
  );
  const input = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v.replace("{state}", join(root, "state"))]));
  return { ...process.env, ...files, ...input, RUNNER_TEMP: join(root, "runner-temp"), HOME: join(root, "home"), [STARTUP_MARK_ENV]: "1" };
}

/** Spawns node with `args` and resolves its start-up mark; then kills its process group. */
function startup(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Start> {
  return new Promise((done, fail) => {
    const spawned = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    let marked: Start | undefined;
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
      const line = err.split("\n").find((l) => l.startsWith(STARTUP_MARK_PREFIX));
      if (line === undefined || marked !== undefined) return;
      const [wall, cpu] = line.split(" ").slice(-2).map(Number) as [number, number];
      marked = { wall: wall - spawned, cpu };
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // it exited already
      }
    });
    child.on("error", fail);
    child.on("close", () => (marked === undefined ? fail(new Error(`node ${args.join(" ")} gave no start-up mark:\n${err.slice(-2000)}`)) : done(marked)));
  });
}

/**
 * A module hook (run in node's loader thread) that appends `<bytes> <url>` for every module node
 * loads to the file named by GANTRY_LOADED_LOG: what a start really reads and compiles, the
 * stage's lazily loaded chunks included.
 */
const LOAD_LOGGER = `
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  const r = await next(url, context);
  if (r.source && process.env.GANTRY_LOADED_LOG) appendFileSync(process.env.GANTRY_LOADED_LOG, r.source.length + " " + url + "\\n");
  return r;
}`;
const REGISTER = `import { register } from "node:module"; register("data:text/javascript,${encodeURIComponent(LOAD_LOGGER)}");`;

/** KiB of gantry's JavaScript (dist/) one start of `args` loads before its first line of work. */
async function loadedKiB(args: string[], cwd: string, root: string, inputs: Record<string, string>): Promise<number> {
  const dir = mkdtempSync(join(root, "loaded-"));
  try {
    for (const d of ["runner-temp", "home"]) mkdirSync(join(dir, d));
    const log = join(dir, "loaded.log");
    writeFileSync(log, "");
    await startup(["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, ...args], cwd, { ...runnerEnv(dir, inputs), GANTRY_LOADED_LOG: log });
    const dist = pathToFileURL(join(REPO, "dist")).href;
    const bytes = readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => l.includes(dist))
      .reduce((sum, l) => sum + Number(l.split(" ")[0]), 0);
    return bytes / 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** node's arguments for an action: its bundle (and the stage, for the CLI). */
const argsOf = (a: (typeof ACTIONS)[number]) => [join(REPO, a.bundle), ...(a.bundle.includes("cli") ? ["go-build"] : [])];

/** One start of every action and of node alone, in turn; a fresh runner folder for each. */
async function round(root: string, ws: string, times: Map<string, Start[]>): Promise<void> {
  const starts: [string, string[], Record<string, string>][] = [
    ["node", ["-e", NODE_ALONE], {}],
    ...ACTIONS.map((a): [string, string[], Record<string, string>] => [a.name, argsOf(a), a.inputs]),
  ];
  for (const [name, args, inputs] of starts) {
    const dir = mkdtempSync(join(root, "run-"));
    try {
      for (const d of ["runner-temp", "home"]) mkdirSync(join(dir, d));
      const start = await startup(args, ws, runnerEnv(dir, inputs));
      times.set(name, [...(times.get(name) ?? []), start]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

export default async function startupBench(): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), "gantry-bench-startup-"));
  try {
    const ws = join(root, "ws");
    cpSync(EXAMPLE, ws, { recursive: true });
    await round(root, ws, new Map());
    const times = new Map<string, Start[]>();
    for (let i = 0; i < ROUNDS; i++) await round(root, ws, times);
    const wall = (name: string) => Math.round(median((times.get(name) ?? []).map((s) => s.wall)));
    const cpu = (name: string) => Math.round(median((times.get(name) ?? []).map((s) => s.cpu)));
    const kib: number[] = [];
    for (const a of ACTIONS) kib.push(await loadedKiB(argsOf(a), ws, root, a.inputs));
    return [
      {
        metric: `node alone: spawn to its first line (median of ${ROUNDS})`,
        measures: { wall: ms(wall("node")), cpu: ms(cpu("node")) },
        show: "{wall} ({cpu} CPU)",
      },
      ...ACTIONS.map((a, i): BenchRow => {
        return {
          metric: `${a.name}: node start to first line of work (median of ${ROUNDS}; {js} of gantry's JS loaded)`,
          measures: {
            js: { value: Math.round(kib[i] as number), unit: "KiB" },
            wall: ms(wall(a.name)),
            cpu: ms(cpu(a.name)),
            nodeWall: ms(wall("node")),
            nodeCpu: ms(cpu("node")),
          },
          show: "{wall}, {cpu} CPU (node alone {nodeWall}, {nodeCpu} CPU)",
          target: { measure: "wall", below: ms(TARGET_MS) },
        };
      }),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
