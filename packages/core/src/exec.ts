import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { GantryError } from "./errors.js";

export interface ExecOptions {
  cwd?: string;
  /** The whole environment of the child (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Extra variables on top of `env`. */
  extraEnv?: Record<string, string | undefined>;
  input?: string | Buffer;
  /** A file streamed to the child's stdin instead of `input` (e.g. an image archive for `docker load`), never held in memory whole. */
  inputFile?: string;
  timeoutMs?: number;
  /** Called for each complete line, as it arrives. */
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** Resolve with the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Keep at most this many bytes of each stream (the tail). Default 8 MiB. */
  maxBuffer?: number;
}

export interface ExecResult {
  command: readonly string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** A command that failed: carries the command, its exit code and the last lines of stderr. */
export class ExecError extends GantryError {
  override name = "ExecError";
  constructor(readonly result: ExecResult) {
    const how = result.timedOut ? "timed out" : result.signal ? `was killed by ${result.signal}` : `exited with ${result.code}`;
    const tail = lastLines(result.stderr || result.stdout, 10);
    super(`\`${result.command.join(" ")}\` ${how}${tail ? `:\n${tail}` : ""}`);
  }
  get code(): number | null {
    return this.result.code;
  }
  get stderrTail(): string {
    return lastLines(this.result.stderr, 10);
  }
}

/** When each child process ran, for measuring a stage's own overhead beyond the tools it runs. */
const intervals: [number, number][] = [];

/** Milliseconds during which at least one child process was running (overlaps counted once). */
export function childProcessTime(): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

export function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}

/**
 * Runs a program with an argument array (never a shell). Throws ExecError on a
 * non-zero exit unless allowFailure is set.
 */
export function exec(file: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  const maxBuffer = options.maxBuffer ?? 8 * 1024 * 1024;
  const env = { ...(options.env ?? process.env) };
  for (const [k, v] of Object.entries(options.extraEnv ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    const out = new StreamCollector(maxBuffer, options.onStdoutLine);
    const err = new StreamCollector(maxBuffer, options.onStderrLine);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGTERM");
            killTimer = setTimeout(() => child.kill("SIGKILL"), 2000);
          }, options.timeoutMs);
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      reject(
        new GantryError(
          e.code === "ENOENT" ? `\`${file}\` was not found on PATH (or cwd ${options.cwd ?? "."} does not exist)` : `\`${file}\` could not start: ${e.message}`,
        ),
      );
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      intervals.push([started, performance.now()]);
      const result: ExecResult = {
        command: [file, ...args],
        code,
        signal,
        stdout: out.end(),
        stderr: err.end(),
        durationMs: performance.now() - started,
        timedOut,
      };
      if ((code === 0 && !timedOut) || options.allowFailure) resolve(result);
      else reject(new ExecError(result));
    });
    child.stdin.on("error", () => {});
    if (options.inputFile === undefined) child.stdin.end(options.input);
    else
      streamFile(options.inputFile, child.stdin, (why) => {
        err.push(Buffer.from(`${why}\n`));
        child.kill("SIGTERM");
      });
  });
}

/** Pipes a file into a child's stdin; a file that cannot be read ends the child, whose exit then reports the failure. */
function streamFile(path: string, stdin: NodeJS.WritableStream, fail: (why: string) => void): void {
  const file = createReadStream(path);
  file.on("error", (e) => fail(`could not read ${path}: ${e.message}`));
  file.pipe(stdin);
}

/**
 * Splits a byte stream into lines as it arrives. Linear in the output: only the new text is
 * searched for `\n`, and a line's earlier pieces are joined once when it ends (re-splitting the
 * pending text took 23 s for one 16 MiB line; issue 10). UTF-8 split across chunks stays whole.
 */
export class LineSplitter {
  private pending: string[] = [];
  private readonly decoder = new StringDecoder("utf8");
  constructor(private readonly onLine: (line: string) => void) {}
  push(d: Buffer): void {
    const text = this.decoder.write(d);
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      this.pending.push(text.slice(start, nl));
      const line = this.pending.join("");
      this.pending = [];
      this.onLine(line);
      start = nl + 1;
    }
    if (start < text.length) this.pending.push(text.slice(start));
  }
  /** Flushes the last, unterminated line. */
  end(): void {
    const rest = this.pending.join("") + this.decoder.end();
    this.pending = [];
    if (rest !== "") this.onLine(rest);
  }
}

class StreamCollector {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly lines?: LineSplitter;
  constructor(
    private readonly max: number,
    onLine?: (line: string) => void,
  ) {
    if (onLine) this.lines = new LineSplitter(onLine);
  }
  push(d: Buffer): void {
    this.chunks.push(d);
    this.size += d.length;
    while (this.size > this.max && this.chunks.length > 1) this.size -= (this.chunks.shift() as Buffer).length;
    this.lines?.push(d);
  }
  end(): string {
    this.lines?.end();
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
