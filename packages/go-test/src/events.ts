import { CappedText } from "./capped.js";

/**
 * One line of `go test -json` (cmd/test2json's TestEvent). Go 1.20 added the `start` action,
 * Go 1.24 the build events (`ImportPath`, `build-output`, `build-fail`, `FailedBuild`), Go 1.25
 * `OutputType` (`frame`, `error`, `error-continue`) and the `attr` action.
 */
export interface TestEvent {
  Time?: string;
  Action: string;
  Package?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
  ImportPath?: string;
  FailedBuild?: string;
  OutputType?: string;
}

/** `unfinished`: the test ran but never got a pass/fail event (its binary timed out or crashed). */
export type TestStatus = "pass" | "fail" | "skip" | "unfinished";

export interface TestCase {
  package: string;
  /** `TestTable/case_2` for a subtest. */
  name: string;
  status: TestStatus;
  /** Seconds. */
  elapsed: number;
  /** Kept while running and for failures; dropped when the test passes. */
  output?: CappedText;
  /** Go ≥ 1.25: the first message marked OutputType "error", with its continuation lines. */
  errorLines?: string[];
  /** For a skipped test: the reason it printed. */
  skipReason?: string;
  /** Time of the run event, for tests that never finish. */
  startedAt?: string;
}

export interface PackageRun {
  name: string;
  status: TestStatus;
  elapsed: number;
  /** Output not attributed to a test (init panics, the FAIL line, coverage). */
  output: CappedText;
  tests: Map<string, TestCase>;
  /** The build that failed (Go ≥ 1.24 `FailedBuild`, or `[build failed]` before). */
  failedBuild?: string;
  /** The compiler's and vet's lines for that build. */
  buildOutput: string[];
  /** `21.2%` from the package's `coverage:` line. */
  coverage?: string;
}

/** The compiler's output for one build, as `# importpath [importpath.test]` announces it. */
interface BuildBlock {
  importPath: string;
  lines: string[];
}

const NOT_JSON_BUILD_FAILED = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]/;
const COVERAGE = /^coverage: (\d+(?:\.\d+)?%)/;
const MAX_BUILD_LINES = 200;

/**
 * Turns a `go test -json` stream into packages and tests, one line at a time: nothing but the
 * test records and bounded output is kept, so memory does not grow with the stream's length.
 * Go before 1.24 writes build failures as text (`FAIL pkg [build failed]` on stdout, compiler
 * errors on stderr); later versions as build events. Both end up in `buildOutput`.
 */
/** The package of a stream that names none, when the caller does not know it. */
export const UNNAMED_PACKAGE = "(test binary)";

export class GoTestStream {
  readonly packages = new Map<string, PackageRun>();
  /**
   * The package of events that carry no `Package`: `go tool test2json -t ./x.test` on a compiled
   * test binary writes none (issue 10), and its events are the one package the binary tests.
   */
  readonly unnamedPackage: string;
  /** Lines that were neither JSON nor understood (kept bounded, for the log). */
  readonly other = new CappedText(4 * 1024, 12 * 1024);
  events = 0;
  /** Called with the lines a plain `go test` would print: package results and `--- FAIL` lines. */
  onProgress?: (line: string) => void;
  private readonly builds: BuildBlock[] = [];
  private currentBuild: BuildBlock | undefined;
  private lastTime: string | undefined;

  constructor(options: { package?: string } = {}) {
    this.unnamedPackage = options.package || UNNAMED_PACKAGE;
  }

  /** One line of stdout. */
  stdoutLine(line: string): void {
    if (line.length === 0) return;
    if (line.charCodeAt(0) === 123 /* { */) {
      let event: TestEvent | undefined;
      try {
        event = JSON.parse(line) as TestEvent;
      } catch {
        event = undefined;
      }
      if (event && typeof event.Action === "string") {
        this.event(event);
        return;
      }
    }
    const failed = NOT_JSON_BUILD_FAILED.exec(line);
    if (failed) {
      const pkg = this.pkg(failed[1] as string);
      pkg.status = "fail";
      pkg.failedBuild ??= failed[1] as string;
      pkg.output.append(`${line}\n`);
      this.onProgress?.(line);
      return;
    }
    this.other.append(`${line}\n`);
  }

  /** One line of stderr: before Go 1.24, this is where compiler errors go. */
  stderrLine(line: string): void {
    this.buildLine(undefined, line);
  }

  /** Handles one event. */
  event(e: TestEvent): void {
    this.events++;
    if (e.Time) this.lastTime = e.Time;
    if (e.Action === "build-output") {
      this.buildLine(e.ImportPath, (e.Output ?? "").replace(/\n$/, ""));
      return;
    }
    if (e.Action === "build-fail") return;
    const pkg = this.pkg(e.Package || this.unnamedPackage);
    if (e.Test) this.testEvent(pkg, e.Test, e);
    else this.packageEvent(pkg, e);
  }

  private testEvent(pkg: PackageRun, name: string, e: TestEvent): void {
    let tc = pkg.tests.get(name);
    if (!tc) {
      tc = { package: pkg.name, name, status: "unfinished", elapsed: 0, output: new CappedText() };
      pkg.tests.set(name, tc);
    }
    switch (e.Action) {
      case "run":
        tc.startedAt = e.Time;
        return;
      case "output": {
        const text = e.Output ?? "";
        if (e.OutputType === "error") {
          if (!tc.errorLines) tc.errorLines = [text.replace(/\n$/, "")];
        } else if (e.OutputType === "error-continue" && tc.errorLines && tc.errorLines.length < 50) {
          tc.errorLines.push(text.replace(/\n$/, ""));
        }
        tc.output?.append(text);
        if (this.onProgress && /^\s*--- FAIL/.test(text)) this.onProgress(text.trimEnd());
        return;
      }
      case "pass":
      case "bench":
        tc.status = "pass";
        tc.elapsed = e.Elapsed ?? 0;
        tc.output = undefined;
        return;
      case "skip":
        tc.status = "skip";
        tc.elapsed = e.Elapsed ?? 0;
        tc.skipReason = skipReason(tc.output);
        tc.output = undefined;
        return;
      case "fail":
        tc.status = "fail";
        tc.elapsed = e.Elapsed ?? 0;
        return;
      default:
        // pause, cont, attr: nothing to record.
        return;
    }
  }

  private packageEvent(pkg: PackageRun, e: TestEvent): void {
    switch (e.Action) {
      case "output": {
        const text = e.Output ?? "";
        const cov = COVERAGE.exec(text);
        if (cov) pkg.coverage = cov[1];
        pkg.output.append(text);
        if (this.onProgress && /^(ok|FAIL|\?)\s/.test(text)) this.onProgress(text.trimEnd());
        return;
      }
      case "pass":
      case "skip":
        pkg.status = e.Action;
        pkg.elapsed = e.Elapsed ?? 0;
        return;
      case "fail":
        pkg.status = "fail";
        pkg.elapsed = e.Elapsed ?? 0;
        if (e.FailedBuild) pkg.failedBuild = e.FailedBuild;
        return;
      default:
        return;
    }
  }

  private buildLine(importPath: string | undefined, line: string): void {
    const header = /^# (\S+)/.exec(line);
    if (header) {
      this.currentBuild = { importPath: importPath ?? (header[1] as string), lines: [] };
      this.builds.push(this.currentBuild);
      return;
    }
    if (line.trim() === "") return;
    const path = importPath?.split(" ")[0];
    let block = this.currentBuild;
    if (path !== undefined && block?.importPath.split(" ")[0] !== path) {
      block = { importPath: path, lines: [] };
      this.builds.push(block);
      this.currentBuild = block;
    }
    if (!block) {
      block = { importPath: "", lines: [] };
      this.builds.push(block);
      this.currentBuild = block;
    }
    if (block.lines.length < MAX_BUILD_LINES) block.lines.push(line);
  }

  /**
   * Ends the stream: tests still running are `unfinished` (their elapsed time runs to the last
   * event), and each failed build gets the compiler output that belongs to it.
   */
  finish(): void {
    const end = this.lastTime ? Date.parse(this.lastTime) : Number.NaN;
    for (const pkg of this.packages.values()) {
      for (const tc of pkg.tests.values()) {
        if (tc.status === "unfinished" && tc.startedAt && !Number.isNaN(end)) tc.elapsed = Math.max(0, (end - Date.parse(tc.startedAt)) / 1000);
      }
      if (pkg.status === "unfinished" && [...pkg.tests.values()].some((t) => t.status === "fail" || t.status === "unfinished")) pkg.status = "fail";
      if (pkg.failedBuild === undefined) continue;
      const own = this.builds.filter((b) => stripBrackets(b.importPath) === stripBrackets(pkg.failedBuild as string));
      // A dependency that failed: Go 1.19 names only the package it was compiling.
      const blocks = own.length > 0 ? own : this.builds.filter((b) => b.lines.length > 0);
      pkg.buildOutput = blocks.flatMap((b) => b.lines).slice(0, MAX_BUILD_LINES);
    }
  }

  private pkg(name: string): PackageRun {
    let p = this.packages.get(name);
    if (!p) {
      p = { name, status: "unfinished", elapsed: 0, output: new CappedText(4 * 1024, 28 * 1024), tests: new Map(), buildOutput: [] };
      this.packages.set(name, p);
    }
    return p;
  }
}

/** `m/x [m/x.test]` → `m/x`. */
function stripBrackets(importPath: string): string {
  return importPath.split(" ")[0] as string;
}

/** The `file.go:12: reason` a skipped test printed, without the location. */
function skipReason(output: CappedText | undefined): string | undefined {
  if (!output) return undefined;
  const lines = output.lines().filter((l) => /^\s+\S+\.go:\d+: /.test(l));
  const last = lines[lines.length - 1];
  return last?.replace(/^\s+\S+\.go:\d+: /, "");
}
