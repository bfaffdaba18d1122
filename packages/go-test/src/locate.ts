import { existsSync, readFileSync, readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { TestCase } from "./events.js";

/** A place in a source file (absolute path). */
export interface SourceRef {
  file: string;
  line: number;
  col?: number;
}

/** Where a failure happened and what it said. */
export interface Located {
  ref?: SourceRef;
  /** The failure message (first lines), the panic line, or what is known. */
  message: string;
  kind: "failure" | "panic" | "race" | "timeout" | "build" | "unknown";
}

/** The module(s) whose files count as "ours" when picking a stack frame. */
export interface ModuleRoot {
  path: string;
  dir: string;
}

/** `    failing_test.go:12: Double(3) = 9, want 6` (t.Error, t.Fatal, t.Log all print this way). */
const MESSAGE = /^(\s+)([^\s:]+\.go):(\d+): (.*)$/;
/** A stack frame's location line: `\t/abs/path/file.go:9 +0x2` (race reports indent with spaces). */
const FRAME_FILE = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;
/** `./calc.go:12:5: undefined: x`, `vet: calc/calc_test.go:8:6: …` */
const BUILD_ERROR = /^(?:vet: )?(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/;

export interface Frame {
  func: string;
  file: string;
  line: number;
  /** Index of the goroutine block (stacks are separated by blank lines). */
  block: number;
}

/** Stack frames in the order printed (innermost first within each goroutine). */
export function stackFrames(lines: readonly string[]): Frame[] {
  const frames: Frame[] = [];
  let block = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "" || line.startsWith("goroutine ") || /^(Previous )?(Read|Write|Goroutine) /.test(line)) {
      block++;
      continue;
    }
    const m = FRAME_FILE.exec(line);
    if (m && i > 0) frames.push({ func: (lines[i - 1] as string).trim(), file: m[1] as string, line: Number(m[2]), block });
  }
  return frames;
}

/** The absolute path of a frame's file when it belongs to one of the modules (and not to vendor/). */
export function moduleFile(file: string, modules: readonly ModuleRoot[]): string | undefined {
  for (const m of modules) {
    let abs: string | undefined;
    if (isAbsolute(file)) abs = file;
    // -trimpath prints `example.com/mod/pkg/file.go`.
    else if (file.startsWith(`${m.path}/`)) abs = join(m.dir, file.slice(m.path.length + 1));
    if (!abs) continue;
    const rel = relative(m.dir, abs);
    if (!rel.startsWith("..") && !isAbsolute(rel) && !rel.startsWith(`vendor${sep}`)) return abs;
  }
  return undefined;
}

/** The innermost frame in the module, preferring the goroutine that runs `testFunc` when given. */
export function deepestModuleFrame(frames: readonly Frame[], modules: readonly ModuleRoot[], testFunc?: string): SourceRef | undefined {
  let candidates = frames;
  if (testFunc) {
    const own = new RegExp(`\\.${escapeRegExp(testFunc)}(\\.func\\d+)*\\(`);
    const block = frames.find((f) => own.test(f.func))?.block;
    if (block !== undefined) candidates = frames.filter((f) => f.block === block);
  }
  for (const f of candidates) {
    const abs = moduleFile(f.file, modules);
    if (abs) return { file: abs, line: f.line };
  }
  return undefined;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/** Resolves the file of a `file.go:12:` message against the test's package folder. */
function messageFile(file: string, pkgDir: string | undefined): string | undefined {
  if (isAbsolute(file)) return existsSync(file) ? file : undefined;
  if (!pkgDir) return undefined;
  const abs = resolve(pkgDir, file);
  return existsSync(abs) ? abs : undefined;
}

/** The first `file.go:N: message` of a test's output whose file is in its package, with continuation lines. */
export function firstMessage(lines: readonly string[], pkgDir: string | undefined): { ref: SourceRef; message: string } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = MESSAGE.exec(lines[i] as string);
    if (!m) continue;
    const file = messageFile(m[2] as string, pkgDir);
    if (!file) continue;
    const indent = (m[1] as string).length;
    const message = [m[4] as string];
    for (let j = i + 1; j < lines.length && message.length < 20; j++) {
      const next = lines[j] as string;
      if (next.length - next.trimStart().length <= indent || next.trim() === "") break;
      message.push(next.trim());
    }
    return { ref: { file, line: Number(m[3]) }, message: message.join("\n") };
  }
  return undefined;
}

/** The line of `func TestName(` in the package's test files: where to point when nothing better is known. */
export function testDeclaration(testName: string, pkgDir: string | undefined): SourceRef | undefined {
  if (!pkgDir) return undefined;
  const root = testName.split("/")[0] as string;
  const decl = new RegExp(`^func ${escapeRegExp(root)}\\(`, "m");
  let files: string[];
  try {
    files = readdirSync(pkgDir).filter((f) => f.endsWith("_test.go"));
  } catch {
    return undefined;
  }
  for (const f of files.sort()) {
    const text = readFileSync(join(pkgDir, f), "utf8");
    const m = decl.exec(text);
    if (m) return { file: join(pkgDir, f), line: text.slice(0, m.index).split("\n").length };
  }
  return undefined;
}

/**
 * Where a failed test failed (issue 5, "Annotations"): Go 1.25's error-marked message; a panic or
 * data race at its deepest frame in the module; the first `file.go:N:` message in the package
 * (Go before 1.25 does not mark t.Log apart from t.Error, so the first such line is taken); for a
 * test killed by a timeout, the line it was blocked on; else its `func Test…(` line.
 */
export function locateFailure(tc: TestCase, pkgDir: string | undefined, modules: readonly ModuleRoot[]): Located {
  const lines = tc.output?.lines() ?? [];
  if (tc.errorLines && tc.errorLines.length > 0) {
    const found = firstMessage(tc.errorLines, pkgDir);
    if (found) return { ref: found.ref, message: found.message, kind: "failure" };
  }
  const frames = stackFrames(lines);
  const panicLine = lines.find((l) => l.startsWith("panic: "));
  if (panicLine && !panicLine.startsWith("panic: test timed out")) {
    return { ref: deepestModuleFrame(frames, modules), message: panicLine.replace(/ \[recovered\]$/, ""), kind: "panic" };
  }
  if (lines.some((l) => l.startsWith("WARNING: DATA RACE"))) {
    return { ref: deepestModuleFrame(frames, modules), message: "data race detected (see the race report in the output)", kind: "race" };
  }
  const found = firstMessage(lines, pkgDir);
  if (found && tc.status !== "unfinished") return { ref: found.ref, message: found.message, kind: "failure" };
  const root = tc.name.split("/")[0] as string;
  if (tc.status === "unfinished") {
    const ref = deepestModuleFrame(frames, modules, root) ?? testDeclaration(tc.name, pkgDir);
    const timeout = lines.find((l) => l.startsWith("panic: test timed out"));
    return {
      ref,
      message: timeout ? `${timeout.slice("panic: ".length)} while this test was running` : "the test never finished: its test binary crashed or was killed",
      kind: "timeout",
    };
  }
  if (found) return { ref: found.ref, message: found.message, kind: "failure" };
  return { ref: testDeclaration(tc.name, pkgDir), message: lastMeaningfulLine(lines) ?? "failed without a message", kind: "unknown" };
}

/** Where a package failed when no test explains it (init panic, TestMain, os.Exit). */
export function locatePackageFailure(lines: readonly string[], modules: readonly ModuleRoot[]): Located {
  const panicLine = lines.find((l) => l.startsWith("panic: ") || l.startsWith("fatal error: "));
  if (panicLine)
    return { ref: deepestModuleFrame(stackFrames(lines), modules), message: panicLine, kind: panicLine.includes("timed out") ? "timeout" : "panic" };
  return {
    message: lastMeaningfulLine(lines.filter((l) => !/^(FAIL|ok)\s/.test(l) && l !== "FAIL")) ?? "the package failed without a test failing",
    kind: "unknown",
  };
}

function lastMeaningfulLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = (lines[i] as string).trim();
    if (l && !l.startsWith("---") && !l.startsWith("===")) return l;
  }
  return undefined;
}

/** A compiler, vet or linter message at file:line[:col]. */
export interface Finding extends SourceRef {
  message: string;
}

/** Parses `file.go:line:col: message` lines; relative paths resolve against the tool's cwd. */
export function parseFindings(lines: readonly string[], cwd: string): Finding[] {
  const found: Finding[] = [];
  for (const line of lines) {
    const m = BUILD_ERROR.exec(line.trim());
    if (!m) continue;
    found.push({ file: resolve(cwd, m[1] as string), line: Number(m[2]), col: m[3] ? Number(m[3]) : undefined, message: m[4] as string });
  }
  return found;
}
