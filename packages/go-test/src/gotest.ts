import { exec, lastLines } from "@gantry/core";
import { GoTestStream } from "./events.js";

/** One `go test -json` invocation. */
export interface GoTestRun {
  go: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Flags after `test -json`, before the packages. */
  flags: readonly string[];
  packages: readonly string[];
  /** Called with each package result and `--- FAIL` line as it arrives (progress in the log). */
  onProgress?: (line: string) => void;
}

export interface GoTestOutcome {
  stream: GoTestStream;
  code: number | null;
  durationMs: number;
  /** The command, for the log and error messages. */
  command: string[];
  /** The end of stderr, for a run that failed without a test or build to blame. */
  stderrTail: string;
}

/** The full argument list of a run. */
export function goTestArgs(run: Pick<GoTestRun, "flags" | "packages">): string[] {
  return ["test", "-json", ...run.flags, ...run.packages];
}

/**
 * Runs `go test -json` and parses its stdout (and, before Go 1.24, its stderr's build errors)
 * line by line as it streams; the process's own buffers are kept small, since the parser already
 * keeps what matters.
 */
export async function runGoTest(run: GoTestRun): Promise<GoTestOutcome> {
  const stream = new GoTestStream();
  stream.onProgress = run.onProgress;
  const args = goTestArgs(run);
  const result = await exec(run.go, args, {
    cwd: run.cwd,
    env: run.env,
    allowFailure: true,
    maxBuffer: 64 * 1024,
    onStdoutLine: (line) => stream.stdoutLine(line),
    onStderrLine: (line) => stream.stderrLine(line),
  });
  stream.finish();
  return { stream, code: result.code, durationMs: result.durationMs, command: [run.go, ...args], stderrTail: lastLines(result.stderr, 10) };
}
