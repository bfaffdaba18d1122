/** Helpers shared by the demo steps (demo/NN-<stage>.ts) and the benchmarks. */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const EXAMPLE = join(REPO, "test", "fixtures", "example-service");
export const CLI = join(REPO, "dist", "cli", "gantry.js");

/** What every demo step shares: one work folder, the flags given to `npm run demo`. */
export interface DemoContext {
  /** A temp copy of the example service; stages write to <work>/dist. */
  work: string;
  args: readonly string[];
  /** Values a step leaves for later ones (e.g. the manifest path). */
  shared: Record<string, string>;
}

export interface GantryRun {
  code: number | null;
  outputs: Record<string, string>;
  stderr: string;
  ms: number;
}

/** Runs `gantry <stage> --k v …` from dist/, showing its progress live; `wrap`: under a command (e.g. nsenter into a test container). */
export function gantry(
  stage: string,
  inputs: Record<string, string>,
  options: { cwd: string; quiet?: boolean; env?: NodeJS.ProcessEnv; wrap?: readonly string[] },
): Promise<GantryRun> {
  const argv = [...(options.wrap ?? []), process.execPath, CLI, stage, ...Object.entries(inputs).flatMap(([k, v]) => [`--${k}`, v])];
  const started = performance.now();
  return new Promise((res, rej) => {
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => {
      err += d;
      if (!options.quiet) process.stderr.write(d);
    });
    child.on("error", rej);
    child.on("close", (code) => {
      const outputs: Record<string, string> = {};
      for (const line of out.split("\n")) if (line.includes("=")) outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
      res({ code, outputs, stderr: err, ms: performance.now() - started });
    });
  });
}

export function banner(title: string): void {
  process.stderr.write(`\n\x1b[1m━━ ${title} ━━\x1b[0m\n`);
}
