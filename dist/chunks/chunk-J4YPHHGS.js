import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  exec,
  isExecutable,
  lastLines,
  which
} from "./chunk-FZKQP3XX.js";

// packages/go-test/src/locate.ts
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
var MESSAGE = /^(\s+)([^\s:]+\.go):(\d+): (.*)$/, FRAME_FILE = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/, BUILD_ERROR = /^(?:vet: )?(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/;
function stackFrames(lines) {
  let frames = [], block = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.trim() === "" || line.startsWith("goroutine ") || /^(Previous )?(Read|Write|Goroutine) /.test(line)) {
      block++;
      continue;
    }
    let m = FRAME_FILE.exec(line);
    m && i > 0 && frames.push({ func: lines[i - 1].trim(), file: m[1], line: Number(m[2]), block });
  }
  return frames;
}
function moduleFile(file, modules) {
  for (let m of modules) {
    let abs;
    if (isAbsolute(file) ? abs = file : file.startsWith(`${m.path}/`) && (abs = join(m.dir, file.slice(m.path.length + 1))), !abs) continue;
    let rel = relative(m.dir, abs);
    if (!rel.startsWith("..") && !isAbsolute(rel) && !rel.startsWith(`vendor${sep}`)) return abs;
  }
}
function deepestModuleFrame(frames, modules, testFunc) {
  let candidates = frames;
  if (testFunc) {
    let own = new RegExp(`\\.${escapeRegExp(testFunc)}(\\.func\\d+)*\\(`), block = frames.find((f) => own.test(f.func))?.block;
    block !== void 0 && (candidates = frames.filter((f) => f.block === block));
  }
  for (let f of candidates) {
    let abs = moduleFile(f.file, modules);
    if (abs) return { file: abs, line: f.line };
  }
}
function escapeRegExp(text) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
function messageFile(file, pkgDir) {
  if (isAbsolute(file)) return existsSync(file) ? file : void 0;
  if (!pkgDir) return;
  let abs = resolve(pkgDir, file);
  return existsSync(abs) ? abs : void 0;
}
function firstMessage(lines, pkgDir) {
  for (let i = 0; i < lines.length; i++) {
    let m = MESSAGE.exec(lines[i]);
    if (!m) continue;
    let file = messageFile(m[2], pkgDir);
    if (!file) continue;
    let indent = m[1].length, message = [m[4]];
    for (let j = i + 1; j < lines.length && message.length < 20; j++) {
      let next = lines[j];
      if (next.length - next.trimStart().length <= indent || next.trim() === "") break;
      message.push(next.trim());
    }
    return { ref: { file, line: Number(m[3]) }, message: message.join(`
`) };
  }
}
function testDeclaration(testName, pkgDir) {
  if (!pkgDir) return;
  let root = testName.split("/")[0], decl = new RegExp(`^func ${escapeRegExp(root)}\\(`, "m"), files;
  try {
    files = readdirSync(pkgDir).filter((f) => f.endsWith("_test.go"));
  } catch {
    return;
  }
  for (let f of files.sort()) {
    let text = readFileSync(join(pkgDir, f), "utf8"), m = decl.exec(text);
    if (m) return { file: join(pkgDir, f), line: text.slice(0, m.index).split(`
`).length };
  }
}
function locateFailure(tc, pkgDir, modules) {
  let lines = tc.output?.lines() ?? [];
  if (tc.errorLines && tc.errorLines.length > 0) {
    let found2 = firstMessage(tc.errorLines, pkgDir);
    if (found2) return { ref: found2.ref, message: found2.message, kind: "failure" };
  }
  let frames = stackFrames(lines), panicLine = lines.find((l) => l.startsWith("panic: "));
  if (panicLine && !panicLine.startsWith("panic: test timed out"))
    return { ref: deepestModuleFrame(frames, modules), message: panicLine.replace(/ \[recovered\]$/, ""), kind: "panic" };
  if (lines.some((l) => l.startsWith("WARNING: DATA RACE")))
    return { ref: deepestModuleFrame(frames, modules), message: "data race detected (see the race report in the output)", kind: "race" };
  let found = firstMessage(lines, pkgDir);
  if (found && tc.status !== "unfinished") return { ref: found.ref, message: found.message, kind: "failure" };
  let root = tc.name.split("/")[0];
  if (tc.status === "unfinished") {
    let ref = deepestModuleFrame(frames, modules, root) ?? testDeclaration(tc.name, pkgDir), timeout = lines.find((l) => l.startsWith("panic: test timed out"));
    return {
      ref,
      message: timeout ? `${timeout.slice(7)} while this test was running` : "the test never finished: its test binary crashed or was killed",
      kind: "timeout"
    };
  }
  return found ? { ref: found.ref, message: found.message, kind: "failure" } : { ref: testDeclaration(tc.name, pkgDir), message: lastMeaningfulLine(lines) ?? "failed without a message", kind: "unknown" };
}
function locatePackageFailure(lines, modules) {
  let panicLine = lines.find((l) => l.startsWith("panic: ") || l.startsWith("fatal error: "));
  return panicLine ? { ref: deepestModuleFrame(stackFrames(lines), modules), message: panicLine, kind: panicLine.includes("timed out") ? "timeout" : "panic" } : {
    message: lastMeaningfulLine(lines.filter((l) => !/^(FAIL|ok)\s/.test(l) && l !== "FAIL")) ?? "the package failed without a test failing",
    kind: "unknown"
  };
}
function lastMeaningfulLine(lines) {
  for (let i = lines.length - 1; i >= 0; i--) {
    let l = lines[i].trim();
    if (l && !l.startsWith("---") && !l.startsWith("===")) return l;
  }
}
function parseFindings(lines, cwd) {
  let found = [];
  for (let line of lines) {
    let m = BUILD_ERROR.exec(line.trim());
    m && found.push({ file: resolve(cwd, m[1]), line: Number(m[2]), col: m[3] ? Number(m[3]) : void 0, message: m[4] });
  }
  return found;
}

// packages/go-test/src/tools.ts
import { readFile, realpath } from "node:fs/promises";
import { delimiter, dirname, isAbsolute as isAbsolute2, join as join2 } from "node:path";
async function readGoEnv(go, cwd, env) {
  let { stdout } = await exec(go, ["env", "GOVERSION", "GOPATH", "GOBIN"], { cwd, env }), [version = "", gopath = "", gobin = ""] = stdout.split(`
`).map((s) => s.trim());
  return { version, gopath, gobin };
}
async function goVersionOf(go) {
  try {
    let root = dirname(dirname(await realpath(go))), first = (await readFile(join2(root, "VERSION"), "utf8")).split(`
`)[0]?.trim();
    return first?.startsWith("go") ? first : void 0;
  } catch {
    return;
  }
}
async function findTool(name, env, goEnv) {
  let onPath = await which(name, env);
  if (onPath || isAbsolute2(name)) return onPath;
  let dirs = [goEnv?.gobin, ...(goEnv?.gopath ?? "").split(delimiter).map((p) => p ? join2(p, "bin") : void 0)];
  for (let d of dirs) if (d && await isExecutable(join2(d, name))) return join2(d, name);
}
async function raceProblem(env) {
  let cc = env.CC?.trim().split(/\s+/)[0] || (/^(darwin|freebsd|openbsd)$/.test(process.platform) ? "clang" : "gcc");
  if (!await findTool(cc, env))
    return `the race detector needs cgo and a C compiler, and ${cc} (go env CC) was not found on PATH; install one (apt-get install gcc) or remove race from layers`;
}
function toolResult(layer, ok, findings, log, durationMs, reason) {
  return { layer, status: ok ? "passed" : "failed", reason, durationMs, tests: [], packageFailures: [], packages: [], findings, runs: 1, log };
}
async function runVet(go, packages, cwd, env, layer = "vet") {
  let r = await exec(go, ["vet", ...packages], { cwd, env, allowFailure: !0 }), log = `${r.stdout}${r.stderr}`, findings = parseFindings(log.split(`
`), cwd), ok = r.code === 0;
  return toolResult(
    layer,
    ok,
    findings,
    log,
    r.durationMs,
    ok || findings.length > 0 ? void 0 : `go vet ${describeExit(r.code, r.signal)}: ${lastLines(log, 3)}`
  );
}
function describeExit(code, signal) {
  return signal ? `was killed by ${signal}` : `exited with ${code}`;
}
function skippedLayer(layer, reason) {
  return { layer, status: "skipped", reason, durationMs: 0, tests: [], packageFailures: [], packages: [], findings: [], runs: 0 };
}
function unavailableLayer(layer, why, optional) {
  return optional ? skippedLayer(layer, why) : { ...skippedLayer(layer, `${why}; or mark the layer optional (${layer}?) to skip it where its tool is missing`), status: "failed" };
}

export {
  stackFrames,
  moduleFile,
  deepestModuleFrame,
  escapeRegExp,
  firstMessage,
  testDeclaration,
  locateFailure,
  locatePackageFailure,
  parseFindings,
  readGoEnv,
  goVersionOf,
  findTool,
  raceProblem,
  toolResult,
  runVet,
  describeExit,
  skippedLayer,
  unavailableLayer
};
