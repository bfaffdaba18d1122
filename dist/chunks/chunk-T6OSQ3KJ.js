import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  argSecrets,
  logTail,
  parseServices,
  redactingReporter,
  redactor,
  splitWords,
  startServices,
  stopProcess
} from "./chunk-ZLD2BBMP.js";
import {
  escapeRegExp,
  findTool,
  goVersionOf,
  locateFailure,
  locatePackageFailure,
  parseFindings,
  raceProblem,
  readGoEnv,
  runVet,
  skippedLayer,
  unavailableLayer
} from "./chunk-J4YPHHGS.js";
import {
  GantryError,
  InputError,
  MAX_ANNOTATIONS,
  MAX_SUMMARY_BYTES,
  cell,
  codeBlock,
  details,
  envSecrets,
  exec,
  exists,
  formatDuration,
  lastLines,
  nearest,
  parseDuration,
  table,
  writeFileAtomic
} from "./chunk-FZKQP3XX.js";

// packages/go-test/src/annotate.ts
import { isAbsolute, relative } from "node:path";
function workspacePath(file, workspace) {
  if (!file) return;
  let rel = relative(workspace, file);
  return rel.startsWith("..") || isAbsolute(rel) ? void 0 : rel.split("\\").join("/");
}
function at(ref2, workspace) {
  let file = ref2 ? workspacePath(ref2.file, workspace) : void 0;
  return file && ref2 ? { file, line: ref2.line, col: ref2.col } : {};
}
var MESSAGE_LINES = 12;
function clip(message) {
  let lines = message.split(`
`);
  return lines.length > MESSAGE_LINES ? [...lines.slice(0, MESSAGE_LINES), `… ${lines.length - MESSAGE_LINES} more lines in the job summary`].join(`
`) : message;
}
function annotations(layers, workspace) {
  let errors = [], warnings = [];
  for (let l of layers) {
    for (let f of l.packageFailures)
      if (f.buildErrors.length > 0)
        for (let e of f.buildErrors.slice(0, 10))
          errors.push({ level: "error", title: `build failed: ${f.package} (${l.layer})`, message: e.message, ...at(e, workspace) });
      else {
        let kind = f.located.kind === "panic" ? "panicked" : f.located.kind === "timeout" ? "timed out" : "failed", title = f.located.kind === "build" ? `build failed: ${f.package} (${l.layer})` : `${f.package} ${kind} (${l.layer})`;
        errors.push({ level: "error", title, message: clip(f.located.message), ...at(f.located.ref, workspace) });
      }
    for (let t of l.tests) {
      if (!t.failure) continue;
      let { located } = t.failure;
      if (t.status === "fail" && t.leaf) {
        let what = located.kind === "panic" ? "panicked" : located.kind === "timeout" ? "did not finish" : located.kind === "race" ? "has a data race" : "failed", attempts = t.attempts.length > 1 ? `, in all ${t.attempts.length} attempts` : "";
        errors.push({ level: "error", title: `${t.name} ${what} (${l.layer}${attempts})`, message: clip(located.message), ...at(located.ref, workspace) });
      } else if (t.flaky) {
        let pass = t.attempts.indexOf("pass") + 1;
        warnings.push({
          level: "warning",
          title: `${t.name} is flaky (${l.layer})`,
          message: `failed, then passed on attempt ${pass}: ${clip(located.message)}`,
          ...at(located.ref, workspace)
        });
      }
    }
    let tool = l.layer === "vet" ? "go vet" : l.layer === "lint" ? "lint" : "govulncheck";
    for (let f of l.findings) errors.push({ level: "error", title: tool, message: f.message, ...at(f.file ? f : void 0, workspace) });
  }
  return [...errors, ...warnings];
}
function annotate(layers, workspace, reporter) {
  let all = annotations(layers, workspace);
  for (let a of all.slice(0, MAX_ANNOTATIONS)) reporter.annotate(a);
  let rest = all.length - MAX_ANNOTATIONS;
  rest > 0 && reporter.info(`${rest} more failure(s) not annotated (GitHub shows ${MAX_ANNOTATIONS} per step); all are in the job summary and the JUnit file`);
}

// packages/go-test/src/capped.ts
var CappedText = class {
  constructor(head = 16 * 1024, tail = 48 * 1024) {
    this.head = head;
    this.tail = tail;
  }
  head;
  tail;
  headText = "";
  tailParts = [];
  tailSize = 0;
  dropped = 0;
  full = !1;
  append(text) {
    if (!this.full) {
      let room = this.head - this.headText.length;
      if (text.length <= room) {
        this.headText += text;
        return;
      }
      let nl = text.lastIndexOf(`
`, room - 1), cut = nl >= 0 ? nl + 1 : room;
      this.headText += text.slice(0, cut), text = text.slice(cut), this.full = !0;
    }
    for (text.length > this.tail && (this.dropped += text.length - this.tail, text = text.slice(text.length - this.tail)), this.tailParts.push(text), this.tailSize += text.length; this.tailSize > this.tail && this.tailParts.length > 1; ) {
      let first = this.tailParts.shift();
      this.tailSize -= first.length, this.dropped += first.length;
    }
  }
  /** Characters dropped from the middle. */
  get omitted() {
    return this.dropped;
  }
  get length() {
    return this.headText.length + this.tailSize;
  }
  toString() {
    let tail = this.tailParts.join("");
    return this.dropped === 0 ? this.headText + tail : `${this.headText}… ${this.dropped} characters of output omitted …
${tail}`;
  }
  /** The text as lines, without a trailing empty line. */
  lines() {
    let text = this.toString();
    return (text.endsWith(`
`) ? text.slice(0, -1) : text).split(`
`);
  }
};
function shorten(text, max) {
  if (text.length <= max) return text;
  let marker = `
… ${text.length - max} characters omitted …
`, keep = Math.max(0, max - marker.length), head = Math.floor(keep / 3);
  return text.slice(0, head) + marker + text.slice(text.length - (keep - head));
}

// packages/go-test/src/coverage.ts
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
var MODES = ["set", "count", "atomic"], CoverageMerger = class {
  blocks = /* @__PURE__ */ new Map();
  /** The merged profile's mode: the strongest of the profiles read (set < count < atomic), since layers may differ. */
  mode = "set";
  /** The mode of the profile being read, which decides how its counts combine. */
  fileMode = "set";
  /** Adds one line of a profile (`mode:` lines set the mode). */
  line(text) {
    if (text.startsWith("mode:")) {
      this.fileMode = text.slice(5).trim(), MODES.indexOf(this.fileMode) > MODES.indexOf(this.mode) && (this.mode = this.fileMode);
      return;
    }
    let lastSpace = text.lastIndexOf(" "), midSpace = text.lastIndexOf(" ", lastSpace - 1);
    if (lastSpace < 0 || midSpace < 0) return;
    let block = text.slice(0, midSpace), stmts = Number(text.slice(midSpace + 1, lastSpace)), count = Number(text.slice(lastSpace + 1));
    if (!Number.isFinite(stmts) || !Number.isFinite(count)) return;
    let prev = this.blocks.get(block);
    prev ? prev.count = this.fileMode === "set" ? Math.max(prev.count, count) : prev.count + count : this.blocks.set(block, { stmts, count });
  }
  /** Streams a profile file in; a missing file (a package that failed to build) adds nothing. */
  async addFile(path) {
    try {
      let rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
      for await (let l of rl) l && this.line(l);
      return !0;
    } catch {
      return !1;
    }
  }
  get size() {
    return this.blocks.size;
  }
  /** Statement coverage in percent (as `go tool cover -func` totals it), or undefined with no blocks. */
  percent() {
    let total = 0, covered = 0;
    for (let b of this.blocks.values())
      total += b.stmts, b.count > 0 && (covered += b.stmts);
    return total === 0 ? void 0 : covered / total * 100;
  }
  /** The merged profile, readable by `go tool cover`. */
  toString() {
    let lines = [`mode: ${this.mode}`];
    for (let [block, { stmts, count }] of this.blocks) lines.push(`${block} ${stmts} ${count}`);
    return `${lines.join(`
`)}
`;
  }
  async write(path) {
    await writeFileAtomic(path, this.toString());
  }
};
function formatPercent(p) {
  return p.toFixed(1);
}

// packages/go-test/src/events.ts
var NOT_JSON_BUILD_FAILED = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]/, COVERAGE = /^coverage: (\d+(?:\.\d+)?%)/, MAX_BUILD_LINES = 200, UNNAMED_PACKAGE = "(test binary)", GoTestStream = class {
  packages = /* @__PURE__ */ new Map();
  /**
   * The package of events that carry no `Package`: `go tool test2json -t ./x.test` on a compiled
   * test binary writes none (issue 10), and its events are the one package the binary tests.
   */
  unnamedPackage;
  /** Lines that were neither JSON nor understood (kept bounded, for the log). */
  other = new CappedText(4 * 1024, 12 * 1024);
  events = 0;
  /** Called with the lines a plain `go test` would print: package results and `--- FAIL` lines. */
  onProgress;
  builds = [];
  currentBuild;
  lastTime;
  constructor(options = {}) {
    this.unnamedPackage = options.package || UNNAMED_PACKAGE;
  }
  /** One line of stdout. */
  stdoutLine(line) {
    if (line.length === 0) return;
    if (line.charCodeAt(0) === 123) {
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        event = void 0;
      }
      if (event && typeof event.Action == "string") {
        this.event(event);
        return;
      }
    }
    let failed = NOT_JSON_BUILD_FAILED.exec(line);
    if (failed) {
      let pkg = this.pkg(failed[1]);
      pkg.status = "fail", pkg.failedBuild ??= failed[1], pkg.output.append(`${line}
`), this.onProgress?.(line);
      return;
    }
    this.other.append(`${line}
`);
  }
  /** One line of stderr: before Go 1.24, this is where compiler errors go. */
  stderrLine(line) {
    this.buildLine(void 0, line);
  }
  /** Handles one event. */
  event(e) {
    if (this.events++, e.Time && (this.lastTime = e.Time), e.Action === "build-output") {
      this.buildLine(e.ImportPath, (e.Output ?? "").replace(/\n$/, ""));
      return;
    }
    if (e.Action === "build-fail") return;
    let pkg = this.pkg(e.Package || this.unnamedPackage);
    e.Test ? this.testEvent(pkg, e.Test, e) : this.packageEvent(pkg, e);
  }
  testEvent(pkg, name, e) {
    let tc = pkg.tests.get(name);
    switch (tc || (tc = { package: pkg.name, name, status: "unfinished", elapsed: 0, output: new CappedText() }, pkg.tests.set(name, tc)), e.Action) {
      case "run":
        tc.startedAt = e.Time;
        return;
      case "output": {
        let text = e.Output ?? "";
        e.OutputType === "error" ? tc.errorLines || (tc.errorLines = [text.replace(/\n$/, "")]) : e.OutputType === "error-continue" && tc.errorLines && tc.errorLines.length < 50 && tc.errorLines.push(text.replace(/\n$/, "")), tc.output?.append(text), this.onProgress && /^\s*--- FAIL/.test(text) && this.onProgress(text.trimEnd());
        return;
      }
      case "pass":
      case "bench":
        tc.status = "pass", tc.elapsed = e.Elapsed ?? 0, tc.output = void 0;
        return;
      case "skip":
        tc.status = "skip", tc.elapsed = e.Elapsed ?? 0, tc.skipReason = skipReason(tc.output), tc.output = void 0;
        return;
      case "fail":
        tc.status = "fail", tc.elapsed = e.Elapsed ?? 0;
        return;
      default:
        return;
    }
  }
  packageEvent(pkg, e) {
    switch (e.Action) {
      case "output": {
        let text = e.Output ?? "", cov = COVERAGE.exec(text);
        cov && (pkg.coverage = cov[1]), pkg.output.append(text), this.onProgress && /^(ok|FAIL|\?)\s/.test(text) && this.onProgress(text.trimEnd());
        return;
      }
      case "pass":
      case "skip":
        pkg.status = e.Action, pkg.elapsed = e.Elapsed ?? 0;
        return;
      case "fail":
        pkg.status = "fail", pkg.elapsed = e.Elapsed ?? 0, e.FailedBuild && (pkg.failedBuild = e.FailedBuild);
        return;
      default:
        return;
    }
  }
  buildLine(importPath, line) {
    let header = /^# (\S+)/.exec(line);
    if (header) {
      this.currentBuild = { importPath: importPath ?? header[1], lines: [] }, this.builds.push(this.currentBuild);
      return;
    }
    if (line.trim() === "") return;
    let path = importPath?.split(" ")[0], block = this.currentBuild;
    path !== void 0 && block?.importPath.split(" ")[0] !== path && (block = { importPath: path, lines: [] }, this.builds.push(block), this.currentBuild = block), block || (block = { importPath: "", lines: [] }, this.builds.push(block), this.currentBuild = block), block.lines.length < MAX_BUILD_LINES && block.lines.push(line);
  }
  /**
   * Ends the stream: tests still running are `unfinished` (their elapsed time runs to the last
   * event), and each failed build gets the compiler output that belongs to it.
   */
  finish() {
    let end = this.lastTime ? Date.parse(this.lastTime) : Number.NaN;
    for (let pkg of this.packages.values()) {
      for (let tc of pkg.tests.values())
        tc.status === "unfinished" && tc.startedAt && !Number.isNaN(end) && (tc.elapsed = Math.max(0, (end - Date.parse(tc.startedAt)) / 1e3));
      if (pkg.status === "unfinished" && [...pkg.tests.values()].some((t) => t.status === "fail" || t.status === "unfinished") && (pkg.status = "fail"), pkg.failedBuild === void 0) continue;
      let own = this.builds.filter((b) => stripBrackets(b.importPath) === stripBrackets(pkg.failedBuild)), blocks = own.length > 0 ? own : this.builds.filter((b) => b.lines.length > 0);
      pkg.buildOutput = blocks.flatMap((b) => b.lines).slice(0, MAX_BUILD_LINES);
    }
  }
  pkg(name) {
    let p = this.packages.get(name);
    return p || (p = { name, status: "unfinished", elapsed: 0, output: new CappedText(4 * 1024, 28 * 1024), tests: /* @__PURE__ */ new Map(), buildOutput: [] }, this.packages.set(name, p)), p;
  }
};
function stripBrackets(importPath) {
  return importPath.split(" ")[0];
}
function skipReason(output) {
  if (!output) return;
  let lines = output.lines().filter((l) => /^\s+\S+\.go:\d+: /.test(l));
  return lines[lines.length - 1]?.replace(/^\s+\S+\.go:\d+: /, "");
}

// packages/go-test/src/flags.ts
var GO_TEST_FLAGS = [
  // build flags (go help build)
  "a asan asmflags buildmode buildvcs compiler gccgoflags gcflags installsuffix ldflags linkshared mod modcacherw modfile msan n overlay p pgo",
  "pkgdir race tags toolexec trimpath v work x cover covermode coverpkg",
  // test flags (go help testflag)
  "args artifacts bench benchmem benchtime blockprofile blockprofilerate c count coverprofile cpu cpuprofile exec failfast fullpath fuzz",
  "fuzzcachedir fuzzminimizetime fuzztime i json list memprofile memprofilerate mutexprofile mutexprofilefraction o outputdir parallel run",
  "short shuffle skip timeout trace vet"
].flatMap((line) => line.split(" ")), OWNED = {
  json: "the action always runs go test -json",
  race: "add the race layer to layers",
  short: "the unit layer runs with -short",
  tags: "use integration-tags / e2e-tags (the tags of the integration and e2e layers)",
  cover: "use the coverage input",
  covermode: "use the coverage input (set mode, atomic in the race layer)",
  coverpkg: "use the coverage input (coverage covers the whole module)",
  coverprofile: "use coverage-profile",
  count: "use the count input",
  timeout: "use the timeout input",
  shuffle: "use the shuffle input",
  c: "the action runs the tests; -c would only compile them",
  o: "the action runs the tests; -o only names a compiled test binary",
  i: "-i is obsolete",
  args: "arguments for test binaries cannot be validated as flags",
  exec: "-exec would run test binaries through another program the action does not control",
  list: "-list lists tests instead of running them",
  n: "-n prints commands instead of running them"
}, BOOLEAN_FLAGS = new Set(
  "a asan linkshared modcacherw msan n race trimpath v work x benchmem failfast fullpath json short i c cover".split(" ")
), FLAG = /^--?([a-z][a-z0-9.]*)(=[\s\S]*)?$/;
function parseGoTestArgs(text, input = "args") {
  let words;
  try {
    words = splitWords(text).map((w) => w.text);
  } catch (err) {
    throw new InputError(input, text, `${err.message}; accepted: go test flags such as -p=2 -failfast`);
  }
  let flags = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i], m = FLAG.exec(w);
    if (!m)
      throw new InputError(
        input,
        w,
        "accepted: go test flags written as -name, -name=value or -name value (e.g. -p=2, -failfast, -run TestX); packages go in the packages input"
      );
    let name = m[1].replace(/^test\./, "");
    if (!GO_TEST_FLAGS.includes(name))
      throw new InputError(
        input,
        w,
        `-${name} is not a go test flag; nearest: ${nearest(name, GO_TEST_FLAGS, 3).map((f) => `-${f}`).join(", ")}`
      );
    let owned = OWNED[name];
    if (owned) throw new InputError(input, w, `-${name} is set by the action: ${owned}`);
    if (m[2] !== void 0 || BOOLEAN_FLAGS.has(name)) flags.push(w);
    else if (i + 1 < words.length) flags.push(`${w}=${words[++i]}`);
    else throw new InputError(input, w, `-${name} takes a value: -${name}=value or -${name} value`);
  }
  return flags;
}

// packages/go-test/src/gotest.ts
function goTestArgs(run) {
  return ["test", "-json", ...run.flags, ...run.packages];
}
async function runGoTest(run) {
  let stream = new GoTestStream();
  stream.onProgress = run.onProgress;
  let args = goTestArgs(run), result = await exec(run.go, args, {
    cwd: run.cwd,
    env: run.env,
    allowFailure: !0,
    maxBuffer: 64 * 1024,
    onStdoutLine: (line) => stream.stdoutLine(line),
    onStderrLine: (line) => stream.stderrLine(line)
  });
  return stream.finish(), { stream, code: result.code, durationMs: result.durationMs, command: [run.go, ...args], stderrTail: lastLines(result.stderr, 10) };
}

// packages/go-test/src/inputs.ts
import { constants } from "node:fs";
import { access, stat as stat2 } from "node:fs/promises";
import { isAbsolute as isAbsolute2, resolve as resolve2 } from "node:path";

// packages/go-test/src/vulndb.ts
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
var ACCEPTED = "accepted: a vulnerability database in govulncheck's format (https://go.dev/security/vuln/database#api): an https:// or http:// URL, a file:// URL or a folder holding index/modules.json; empty: govulncheck's own, https://vuln.go.dev";
async function parseVulnDb(value, cwd) {
  if (value === "") return;
  let scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return checkWebUrl(value);
  if (scheme !== void 0 && scheme !== "file") throw new InputError("vuln-db", value, `the scheme ${scheme}:// is not one govulncheck reads; ${ACCEPTED}`);
  let dir;
  try {
    dir = scheme === "file" ? resolve(fileURLToPath(value)) : resolve(cwd, value);
  } catch (err) {
    throw new InputError("vuln-db", value, `it is not a file:// URL of a local folder (${err.message}); ${ACCEPTED}`);
  }
  if (!await stat(dir).then(
    (s) => s.isDirectory(),
    () => !1
  )) throw new InputError("vuln-db", value, `the folder ${dir} does not exist; ${ACCEPTED}`);
  if (!await exists(join(dir, "index", "modules.json")))
    throw new InputError(
      "vuln-db",
      value,
      `${join(dir, "index", "modules.json")} is missing, so the folder is not a database in govulncheck's v1 layout; ${ACCEPTED}`
    );
  return pathToFileURL(dir).href;
}
function checkWebUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError("vuln-db", value, `it is not a valid URL; ${ACCEPTED}`);
  }
  if (url.username || url.password)
    throw new InputError(
      "vuln-db",
      `${url.protocol}//***@${url.host}${url.pathname}`,
      `credentials in the URL are refused (they would be on govulncheck's command line); serve the database without them, or copy it to a folder; ${ACCEPTED}`
    );
  if (url.search || url.hash) throw new InputError("vuln-db", value, `govulncheck adds paths to the URL, so it cannot have a ?query or #fragment; ${ACCEPTED}`);
  return value.replace(/\/+$/, "");
}

// packages/go-test/src/inputs.ts
var GO_TEST_INPUTS = {
  "working-directory": ".",
  packages: "./...",
  layers: "vet,unit,race",
  "fail-fast": "true",
  services: "",
  "integration-tags": "integration",
  "e2e-tags": "e2e",
  manifest: "dist/artifacts.json",
  "e2e-binary": "",
  "e2e-args": "",
  "e2e-env": "",
  "e2e-port": "",
  "e2e-health": "/healthz",
  "e2e-start-timeout": "30s",
  "e2e-shutdown-timeout": "10s",
  coverage: "auto",
  "min-coverage": "",
  "coverage-profile": "",
  retries: "0",
  shuffle: "off",
  timeout: "",
  count: "",
  args: "",
  junit: "dist/test-results.xml",
  "vuln-db": ""
}, LAYERS = ["vet", "unit", "race", "integration", "e2e", "vuln", "lint"];
function parseLayers(read) {
  let text = read.string("layers"), given = read.list("layers", "layers");
  if (given.length === 0) throw new InputError("layers", "", `accepted: a comma-separated list from ${LAYERS.join(", ")}`);
  let raw = given.map((l) => l.replace(/\?$/, "")), optional = text === GO_TEST_INPUTS.layers ? raw : raw.filter((_, i) => given[i]?.endsWith("?")), seen = /* @__PURE__ */ new Set();
  for (let l of raw) {
    if (!LAYERS.includes(l))
      throw new InputError("layers", l, `it is not a layer; accepted: ${LAYERS.join(", ")} (nearest: ${nearest(l, LAYERS, 2).join(", ")})`);
    if (seen.has(l)) throw new InputError("layers", l, "it is listed twice; list each layer once, in the order to run them");
    seen.add(l);
  }
  return { layers: raw, optional };
}
function parseTags(read, name) {
  let tags = read.string(name).split(/[\s,]+/).filter(Boolean);
  if (tags.length === 0) throw new InputError(name, "", "accepted: one or more build tags, e.g. integration");
  for (let t of tags) if (!/^[A-Za-z0-9_.]+$/.test(t)) throw new InputError(name, t, "accepted: build tags made of letters, digits, '_' and '.'");
  return tags;
}
function parseWordsInput(read, name) {
  try {
    return splitWords(read.string(name)).map((w) => w.text);
  } catch (err) {
    throw new InputError(
      name,
      read.string(name),
      `${err.message}; accepted: words separated by spaces, quoted with ' or " when they hold spaces`
    );
  }
}
async function parseGoTestInputs(read, cwd, mask = () => {
}) {
  let abs = (p) => isAbsolute2(p) ? p : resolve2(cwd, p), workingDirectory = abs(read.string("working-directory") || ".");
  try {
    if (!(await stat2(workingDirectory)).isDirectory()) throw new Error("not a folder");
    await access(workingDirectory, constants.R_OK | constants.X_OK);
  } catch (err) {
    let why = err.code === "ENOENT" ? "the folder does not exist" : `the folder cannot be read (${err.message})`;
    throw new InputError("working-directory", read.string("working-directory"), `${why}; accepted: the folder of the Go module, relative to the workspace`);
  }
  let packages = read.string("packages").split(/[\s,]+/).filter(Boolean);
  if (packages.length === 0) throw new InputError("packages", "", "accepted: go package patterns such as ./... or ./cmd/... ./internal/...");
  for (let p of packages) if (p.startsWith("-")) throw new InputError("packages", p, "accepted: package patterns, not flags (flags go in args)");
  let { layers, optional: optionalLayers } = parseLayers(read), minCoverage = read.percent("min-coverage"), profileText = read.string("coverage-profile"), coverageChoice = read.choice("coverage", ["auto", "true", "false"]);
  if (coverageChoice === "false" && minCoverage !== void 0) throw new InputError("min-coverage", String(minCoverage), "it needs coverage: true or auto");
  if (coverageChoice === "false" && profileText) throw new InputError("coverage-profile", profileText, "it needs coverage: true or auto");
  let coverage = coverageChoice === "true" || coverageChoice === "auto" && (minCoverage !== void 0 || profileText !== ""), e2eHealth = read.string("e2e-health");
  if (!e2eHealth.startsWith("/") || /\s/.test(e2eHealth)) throw new InputError("e2e-health", e2eHealth, "accepted: a URL path starting with /, e.g. /healthz");
  let e2ePort = read.string("e2e-port") === "" ? 0 : read.int("e2e-port", 1, 65535), e2eEnv = read.keyValues("e2e-env");
  for (let k of ["PORT", "BASE_URL"]) if (k in e2eEnv) throw new InputError("e2e-env", k, `${k} is set by the action (use e2e-port)`);
  let positiveDuration = (name) => {
    let ms = read.duration(name);
    if (ms <= 0) throw new InputError(name, read.string(name), "accepted: a duration above zero, e.g. 10s");
    return ms;
  }, shuffle = read.string("shuffle");
  if (!/^(on|off|\d+)$/.test(shuffle)) throw new InputError("shuffle", shuffle, "accepted: off, on, or a seed (a whole number) to replay an order");
  let timeout = read.string("timeout");
  if (timeout !== "" && (parseDuration(timeout) ?? 0) <= 0)
    throw new InputError("timeout", timeout, "accepted: a Go duration such as 10m or 90s (empty: go's default, 10m)");
  let count = read.string("count") === "" ? 0 : read.int("count", 1, 1e4), services = parseServices(read.lines("services")), e2eArgs = parseWordsInput(read, "e2e-args"), secrets = [.../* @__PURE__ */ new Set([...services.flatMap((s) => s.secrets), ...envSecrets(e2eEnv), ...argSecrets(e2eArgs)])];
  for (let s of secrets) mask(s);
  return {
    workingDirectory,
    packages,
    layers,
    optionalLayers,
    failFast: read.bool("fail-fast"),
    services,
    integrationTags: parseTags(read, "integration-tags"),
    e2eTags: parseTags(read, "e2e-tags"),
    manifest: abs(read.string("manifest") || "dist/artifacts.json"),
    e2eBinary: read.string("e2e-binary") ? abs(read.string("e2e-binary")) : "",
    e2eArgs,
    e2eEnv,
    e2ePort,
    e2eHealth,
    e2eStartTimeoutMs: positiveDuration("e2e-start-timeout"),
    e2eShutdownTimeoutMs: positiveDuration("e2e-shutdown-timeout"),
    coverage,
    minCoverage,
    coverageProfile: abs(profileText || "dist/coverage.out"),
    retries: read.int("retries", 0, 10),
    shuffle,
    timeout,
    count,
    args: parseGoTestArgs(read.string("args")),
    junit: read.string("junit") ? abs(read.string("junit")) : "",
    vulnDb: await parseVulnDb(read.string("vuln-db"), cwd),
    secrets
  };
}

// packages/go-test/src/junit.ts
import { relative as relative2 } from "node:path";
function xmlText(text) {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function attr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
var secs = (s) => s.toFixed(3), MAX_CASE_OUTPUT = 64 * 1024;
function testCase(t, workspace) {
  let head = `<testcase classname="${attr(t.package)}" name="${attr(t.name)}" time="${secs(t.elapsed)}"`, where2 = t.failure?.located.ref ? ` at ${relative2(workspace, t.failure.located.ref.file)}:${t.failure.located.ref.line}` : "", type = t.failure?.located.kind ?? "failure", message = (t.failure?.located.message.split(`
`)[0] ?? "") + where2, body = shorten(t.failure?.output ?? "", MAX_CASE_OUTPUT);
  if (t.status === "skip") return `    ${head}>
      <skipped message="${attr(t.skipReason ?? "skipped")}"/>
    </testcase>`;
  if (t.status === "fail") {
    let reruns = t.attempts.length > 1 ? `
      <system-err>${xmlText(`failed in all ${t.attempts.length} attempts`)}</system-err>` : "";
    return `    ${head}>
      <failure message="${attr(message)}" type="${type}">${xmlText(body)}</failure>${reruns}
    </testcase>`;
  }
  return t.flaky ? `    ${head}>
      <flakyFailure message="${attr(message)}" type="${type}">${xmlText(body)}</flakyFailure>
    </testcase>` : `    ${head}/>`;
}
function junitXml(layers, workspace, timestamp = /* @__PURE__ */ new Date()) {
  let suites = [], total = 0, failures2 = 0, skipped = 0, time = 0;
  for (let l of layers) {
    if (l.status === "not-run" || l.status === "skipped") continue;
    let groups = /* @__PURE__ */ new Map(), group = (name) => {
      let g = groups.get(name);
      return g || (g = { cases: [], tests: 0, failures: 0, skipped: 0, time: 0 }, groups.set(name, g)), g;
    };
    for (let p of l.packages) group(p.name).time = p.elapsed;
    for (let t of l.tests) {
      let g = group(t.package);
      g.cases.push(testCase(t, workspace)), g.tests++, t.status === "fail" && g.failures++, t.status === "skip" && g.skipped++;
    }
    for (let f of l.packageFailures) {
      let g = group(f.package), where2 = f.located.ref ? ` at ${relative2(workspace, f.located.ref.file)}:${f.located.ref.line}` : "";
      g.cases.push(
        `    <testcase classname="${attr(f.package)}" name="[package]" time="0.000">
      <failure message="${attr(f.located.message.split(`
`)[0] + where2)}" type="${f.located.kind}">${xmlText(shorten(f.output, MAX_CASE_OUTPUT))}</failure>
    </testcase>`
      ), g.tests++, g.failures++;
    }
    if (l.layer === "vet" || l.layer === "lint" || l.layer === "vuln") {
      let g = group(l.layer);
      g.time = l.durationMs / 1e3;
      for (let f of l.findings) {
        let where2 = f.file ? `${relative2(workspace, f.file)}:${f.line}${f.col ? `:${f.col}` : ""}` : f.message.split(":")[0] || "finding";
        g.cases.push(
          `    <testcase classname="${l.layer}" name="${attr(where2)}" time="0.000">
      <failure message="${attr(f.message)}" type="${l.layer}"/>
    </testcase>`
        ), g.tests++, g.failures++;
      }
      if (l.findings.length === 0) {
        let failure = l.status === "failed" ? `
      <failure message="${attr(l.reason ?? "failed")}" type="${l.layer}">${xmlText(shorten(l.log ?? "", MAX_CASE_OUTPUT))}</failure>
    ` : "";
        g.cases.push(`    <testcase classname="${l.layer}" name="${l.layer}" time="${secs(l.durationMs / 1e3)}">${failure}</testcase>`), g.tests++, failure && g.failures++;
      }
    }
    for (let [name, g] of groups)
      total += g.tests, failures2 += g.failures, skipped += g.skipped, time += g.time, suites.push(
        `  <testsuite name="${attr(`${l.layer}: ${name}`)}" tests="${g.tests}" failures="${g.failures}" errors="0" skipped="${g.skipped}" time="${secs(g.time)}" timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, "")}">
    <properties>
      <property name="layer" value="${l.layer}"/>
      <property name="package" value="${attr(name)}"/>
    </properties>
${g.cases.join(`
`)}
  </testsuite>`
      );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="go-test" tests="${total}" failures="${failures2}" errors="0" skipped="${skipped}" time="${secs(time)}">
${suites.join(`
`)}
</testsuites>
`;
}
async function writeJunit(path, layers, workspace, secrets = []) {
  let redact = redactor(secrets.flatMap((s) => [s, xmlText(s), attr(s)]));
  await writeFileAtomic(path, redact(junitXml(layers, workspace)));
}

// packages/go-test/src/layers.ts
import { join as join2 } from "node:path";

// packages/go-test/src/retry.ts
function failedLeaves(failed) {
  let set = new Set(failed);
  return failed.filter((name) => ![...set].some((other) => other !== name && other.startsWith(`${name}/`)));
}
function level(names) {
  let unique = [...new Set(names)].map(escapeRegExp);
  return unique.length === 1 ? `^${unique[0]}$` : `^(${unique.join("|")})$`;
}
function rerunPatterns(failed) {
  let roots = [], nested = /* @__PURE__ */ new Map();
  for (let name of failedLeaves(failed)) {
    let [root, ...rest] = name.split("/");
    rest.length === 0 ? roots.push(root) : nested.set(root, [...nested.get(root) ?? [], rest]);
  }
  let patterns = [];
  roots.length > 0 && patterns.push(level(roots));
  for (let [root, rests] of nested) {
    let depth = rests[0].length;
    if (rests.some((r) => r.length !== depth)) {
      patterns.push(level([root]));
      continue;
    }
    let parts = [level([root])];
    for (let d = 0; d < depth; d++) parts.push(level(rests.map((r) => r[d])));
    patterns.push(parts.join("/"));
  }
  return patterns;
}

// packages/go-test/src/results.ts
var key = (pkg, test) => `${pkg}\0${test}`, LayerCollector = class {
  constructor(layer, place) {
    this.layer = layer;
    this.place = place;
  }
  layer;
  place;
  tests = /* @__PURE__ */ new Map();
  pkgs = /* @__PURE__ */ new Map();
  runs = 0;
  add(stream) {
    this.runs++;
    for (let pkg of stream.packages.values()) {
      for (let tc of pkg.tests.values()) {
        let k = key(pkg.name, tc.name), entry = this.tests.get(k) ?? { tc, attempts: [] };
        entry.attempts.push(tc.status), entry.tc = tc, (tc.status === "fail" || tc.status === "unfinished") && !entry.firstFailure && (entry.firstFailure = tc), this.tests.set(k, entry);
      }
      let testFailed = [...pkg.tests.values()].some((t) => t.status === "fail" || t.status === "unfinished");
      this.pkgs.set(pkg.name, { last: pkg, unexplained: pkg.status === "fail" && (!testFailed || pkg.failedBuild !== void 0) });
    }
  }
  /** Failed test names per package (for reruns); packages failing without a test are rerun whole. */
  failing() {
    let out = /* @__PURE__ */ new Map();
    for (let { tc } of this.tests.values())
      tc.status !== "fail" && tc.status !== "unfinished" || out.set(tc.package, [...out.get(tc.package) ?? [], tc.name]);
    for (let [name, p] of this.pkgs) p.unexplained && p.last.failedBuild === void 0 && !out.has(name) && out.set(name, []);
    return out;
  }
  result(durationMs) {
    let tests = [], byPkg = /* @__PURE__ */ new Map();
    for (let { tc } of this.tests.values())
      (tc.status === "fail" || tc.status === "unfinished") && byPkg.set(tc.package, [...byPkg.get(tc.package) ?? [], tc.name]);
    let leaves = new Set([...byPkg].flatMap(([pkg, names]) => failedLeaves(names).map((n) => key(pkg, n))));
    for (let [k, { tc, attempts, firstFailure }] of this.tests) {
      let failed2 = tc.status === "fail" || tc.status === "unfinished", flaky = !failed2 && attempts.some((a) => a === "fail" || a === "unfinished"), rec = {
        layer: this.layer,
        package: tc.package,
        name: tc.name,
        status: failed2 ? "fail" : tc.status === "skip" ? "skip" : "pass",
        elapsed: tc.elapsed,
        attempts,
        flaky,
        leaf: failed2 && leaves.has(k),
        skipReason: tc.skipReason
      }, blame = failed2 ? tc : flaky ? firstFailure : void 0;
      if (failed2 && !rec.leaf) {
        let subs = (byPkg.get(tc.package) ?? []).filter((n) => n.startsWith(`${tc.name}/`));
        rec.failure = {
          located: { message: `subtest(s) failed: ${subs.join(", ")}`, kind: "failure" },
          output: tc.output?.toString() ?? "",
          unfinished: !1
        };
      } else blame && (rec.failure = {
        located: locateFailure(blame, this.place.pkgDirs.get(blame.package), this.place.modules),
        output: blame.output?.toString() ?? "",
        unfinished: blame.status === "unfinished"
      });
      tests.push(rec);
    }
    let packageFailures = [], packages = [];
    for (let [name, { last, unexplained }] of this.pkgs) {
      let pkgFailed = unexplained || byPkg.has(name);
      if (packages.push({ name, elapsed: last.elapsed, status: pkgFailed ? "fail" : last.status === "skip" ? "skip" : "pass", coverage: last.coverage }), !unexplained) continue;
      let buildErrors = parseFindings(last.buildOutput, this.place.cwd), lines = last.output.lines();
      packageFailures.push({
        layer: this.layer,
        package: name,
        located: last.failedBuild !== void 0 ? { ref: buildErrors[0], message: buildErrors[0]?.message ?? `${last.failedBuild}: build failed`, kind: "build" } : locatePackageFailure(lines, this.place.modules),
        output: last.failedBuild !== void 0 ? last.buildOutput.join(`
`) : last.output.toString(),
        buildErrors
      });
    }
    let failed = tests.some((t) => t.status === "fail") || packageFailures.length > 0;
    return { layer: this.layer, durationMs, tests, packageFailures, packages, findings: [], runs: this.runs, failed };
  }
};
function layerCounts(r) {
  if (r.layer === "vet" || r.layer === "lint" || r.layer === "vuln")
    return { passed: 0, failed: r.findings.length || (r.status === "failed" ? 1 : 0), skipped: 0, flaky: 0 };
  let passed = 0, failed = r.packageFailures.length, skipped = 0, flaky = 0;
  for (let t of r.tests)
    t.status === "pass" ? passed++ : t.status === "skip" ? skipped++ : t.leaf && failed++, t.flaky && flaky++;
  return { passed, failed, skipped, flaky };
}

// packages/go-test/src/layers.ts
function layerProfile(workDir, layer) {
  return join2(workDir, `${layer}.coverprofile`);
}
function coverMode(flags) {
  return flags.some((f) => /^--?race(=true)?$/.test(f)) ? "atomic" : "set";
}
function layerFlags(ctx, layer) {
  let i = ctx.inputs, flags = [...layer.flags];
  return i.timeout && flags.push(`-timeout=${i.timeout}`), i.shuffle !== "off" && flags.push(`-shuffle=${i.shuffle}`), i.count ? flags.push(`-count=${i.count}`) : (layer.name === "integration" || layer.name === "e2e") && flags.push("-count=1"), i.coverage && flags.push(`-covermode=${coverMode([...layer.flags, ...i.args])}`, `-coverpkg=${ctx.coverpkg}`, `-coverprofile=${layerProfile(ctx.workDir, layer.name)}`), flags.push(...i.args), flags;
}
function rerunFlags(first, pattern) {
  return [...first.filter((f) => !/^-(count|cover\w*)=/.test(f)), "-count=1", ...pattern ? [`-run=${pattern}`] : []];
}
async function runTestLayer(ctx, layer) {
  let started = performance.now(), collector = new LayerCollector(layer.name, ctx.place), flags = layerFlags(ctx, layer), env = (attempt) => ({ ...ctx.env, ...layer.env, GANTRY_TEST_LAYER: layer.name, GANTRY_TEST_ATTEMPT: String(attempt) }), progress = (line) => ctx.reporter.info(`  ${line}`);
  ctx.reporter.info(`go test -json ${[...flags, ...layer.packages].join(" ")}`);
  let first = await runGoTest({ go: ctx.go, cwd: ctx.inputs.workingDirectory, env: env(1), flags, packages: layer.packages, onProgress: progress });
  collector.add(first.stream);
  let runFailure = first.code !== 0 && collector.failing().size === 0 && !collector.result(0).failed, reason = runFailure ? `\`go test\` exited with ${first.code}: ${first.stderrTail || lastLines(first.stream.other.toString(), 5)}` : void 0;
  for (let attempt = 2; attempt <= ctx.inputs.retries + 1 && !runFailure; attempt++) {
    let failing = collector.failing();
    if (failing.size === 0) break;
    let count = [...failing.values()].reduce((n, names) => n + Math.max(1, names.length), 0);
    ctx.reporter.info(`retry ${attempt - 1}/${ctx.inputs.retries}: rerunning ${count} failed test(s) in ${failing.size} package(s)`);
    for (let [pkg, names] of failing) {
      let patterns = names.length > 0 ? rerunPatterns(names) : [void 0];
      for (let pattern of patterns) {
        let r = await runGoTest({
          go: ctx.go,
          cwd: ctx.inputs.workingDirectory,
          env: env(attempt),
          flags: rerunFlags(flags, pattern),
          packages: [pkg],
          onProgress: progress
        });
        collector.add(r.stream), r.code !== 0 && r.stream.packages.size === 0 && (runFailure = !0, reason = `a rerun of ${pkg} failed to start: ${r.stderrTail}`);
      }
    }
  }
  let { failed, ...result } = collector.result(performance.now() - started);
  return { ...result, status: failed || runFailure ? "failed" : "passed", reason };
}

// packages/go-test/src/packages.ts
import { readFile } from "node:fs/promises";
import { dirname, join as join3 } from "node:path";
var FORMAT = '{{.ImportPath}}	{{.Dir}}	{{join .GoFiles ","}},{{join .TestGoFiles ","}},{{join .XTestGoFiles ","}}';
async function listPackages(go, patterns, tags, cwd, env) {
  let args = ["list", "-e", ...tags.length > 0 ? [`-tags=${tags.join(",")}`] : [], "-f", FORMAT, ...patterns], r = await exec(go, args, { cwd, env, allowFailure: !0 });
  if (r.code !== 0) throw new GantryError(`\`go ${args.join(" ")}\` failed in ${cwd}: ${lastLines(r.stderr, 5)}`);
  return r.stdout.split(`
`).filter(Boolean).map((line) => {
    let [importPath = "", dir = "", files = ""] = line.split("	");
    return { importPath, dir, files: files.split(",").filter(Boolean) };
  });
}
function taggedPackages(untagged, tagged) {
  let before = new Map(untagged.map((p) => [p.importPath, new Set(p.files)]));
  return tagged.filter((p) => p.files.some((f) => !before.get(p.importPath)?.has(f))).map((p) => p.importPath);
}
async function listModules(go, cwd, env) {
  let r = await exec(go, ["list", "-m", "-f", "{{.Path}}	{{.Dir}}"], { cwd, env, allowFailure: !0 });
  if (r.code !== 0)
    throw new GantryError(`no Go module in ${cwd} (\`go list -m\`: ${lastLines(r.stderr, 2)}); set working-directory to the folder that holds go.mod`);
  return r.stdout.split(`
`).filter(Boolean).map((l) => {
    let [path = "", dir = ""] = l.split("	");
    return { path, dir };
  });
}
async function findModules(go, cwd, env) {
  let gowork = env.GOWORK?.trim();
  if (gowork && gowork !== "off") return listModules(go, cwd, env);
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (gowork !== "off" && await exists(join3(dir, "go.work"))) return listModules(go, cwd, env);
    if (await exists(join3(dir, "go.mod"))) {
      let path = /^module\s+"?([^"\s]+)"?/m.exec(await readFile(join3(dir, "go.mod"), "utf8"))?.[1];
      return path ? [{ path, dir }] : listModules(go, cwd, env);
    }
    if (dirname(dir) === dir) return listModules(go, cwd, env);
  }
}
var PackageDirs = class {
  constructor(modules) {
    this.modules = modules;
  }
  modules;
  known = /* @__PURE__ */ new Map();
  add(pkgs) {
    for (let p of pkgs) this.known.set(p.importPath, p.dir);
  }
  get(importPath) {
    let known = this.known.get(importPath);
    if (known) return known;
    for (let m of this.modules) {
      if (importPath === m.path) return m.dir;
      if (importPath.startsWith(`${m.path}/`)) return join3(m.dir, importPath.slice(m.path.length + 1));
    }
  }
};

// packages/go-test/src/run.ts
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join4 } from "node:path";
var GO_TEST_LAYERS = ["unit", "race", "integration", "e2e"];
async function prepare(inputs, ctx) {
  let env = { ...ctx.env }, cwd = inputs.workingDirectory, has = (l) => inputs.layers.includes(l), go = await findTool("go", env);
  if (!go) throw new GantryError("no `go` on PATH: install Go first (actions/setup-go, or go-build with go-version)");
  let modules = await findModules(go, cwd, env), pkgDirs = new PackageDirs(modules), untagged, tagged = async (layer, tags) => {
    if (!has(layer)) return [];
    untagged ??= listPackages(go, inputs.packages, [], cwd, env);
    let [before, list] = await Promise.all([untagged, listPackages(go, inputs.packages, tags, cwd, env)]);
    return pkgDirs.add(list), taggedPackages(before, list);
  }, [integrationPkgs, e2ePkgs] = await Promise.all([tagged("integration", inputs.integrationTags), tagged("e2e", inputs.e2eTags)]), raceWhy = has("race") ? await raceProblem(env) : void 0, e2eBinary = has("e2e") && e2ePkgs.length > 0 ? await (await import("./e2e-UKFFAQZM.js")).resolveE2eBinary(inputs.e2eBinary, inputs.manifest) : void 0, goEnvAsked, goEnv = () => (goEnvAsked ??= readGoEnv(go, cwd, env), goEnvAsked);
  return { goVersion: await goVersionOf(go), env, cwd, go, goEnv, modules, pkgDirs, integrationPkgs, e2ePkgs, raceWhy, e2eBinary };
}
async function goTest(inputs, ctx) {
  let started = performance.now(), { reporter } = ctx, p = await prepare(inputs, ctx);
  reporter.info(`go-test: layers ${inputs.layers.join(" → ")} on ${inputs.packages.join(" ")} in ${p.cwd}`);
  let temp = ctx.env.RUNNER_TEMP || tmpdir();
  await mkdir(temp, { recursive: !0 });
  let workDir = await mkdtemp(join4(temp, "gantry-go-test-")), tctx = {
    go: p.go,
    inputs,
    env: p.env,
    place: { pkgDirs: p.pkgDirs, modules: p.modules, cwd: p.cwd },
    reporter,
    coverpkg: p.modules.map((m) => `${m.path}/...`).join(","),
    workDir
  }, layers = [], logs = [], services = [];
  try {
    inputs.services.length > 0 && (services = await reporter.group("go-test: services", () => startServices(inputs.services, { cwd: p.cwd, env: p.env, logDir: workDir }, reporter)));
    let stoppedBy;
    for (let name of inputs.layers) {
      if (stoppedBy) {
        layers.push({ ...skippedLayer(name, `${stoppedBy} failed and fail-fast is on`), status: "not-run" });
        continue;
      }
      let r = await reporter.group(`go-test: ${name}`, async () => {
        let result = await runLayer(name, inputs, p, tctx, layers, logs);
        return result.log?.trim() && reporter.info(result.log.trimEnd()), result;
      });
      layers.push(r), reporter.info(`${name}: ${r.status} in ${formatDuration(r.durationMs)}${r.reason ? ` (${r.reason.split(`
`)[0]})` : ""}`), r.status === "failed" && inputs.failFast && (stoppedBy = name);
    }
    if (layers.some((l) => l.status === "failed")) for (let s of services) logs.push({ label: `${s.label} log`, tail: logTail(s, 50) });
    let merger = new CoverageMerger();
    if (inputs.coverage) for (let l of layers) GO_TEST_LAYERS.includes(l.layer) && l.runs > 0 && await merger.addFile(layerProfile(workDir, l.layer));
    let coverage = merger.percent();
    coverage !== void 0 && await merger.write(inputs.coverageProfile);
    let coverageFailure;
    return inputs.minCoverage !== void 0 && (coverage === void 0 ? coverageFailure = `min-coverage is ${inputs.minCoverage}% but no coverage was measured (no go test layer ran)` : coverage + 1e-9 < inputs.minCoverage && (coverageFailure = `coverage ${formatPercent(coverage)}% is below min-coverage ${inputs.minCoverage}%`)), await writeJunit(inputs.junit, layers, ctx.cwd, inputs.secrets), {
      layers,
      passed: !layers.some((l) => l.status === "failed") && !coverageFailure,
      goVersion: p.goVersion ?? "",
      coverage,
      coverageProfile: coverage !== void 0 ? inputs.coverageProfile : void 0,
      coverageFailure,
      junit: inputs.junit,
      logs,
      durationMs: performance.now() - started
    };
  } finally {
    await Promise.all(services.reverse().map((s) => stopProcess(s))), await rm(workDir, { recursive: !0, force: !0 });
  }
}
async function runLayer(name, inputs, p, tctx, done, logs) {
  let { reporter } = tctx, vetPassed = done.some((l) => l.layer === "vet" && l.status === "passed"), vetOff = (cgo) => vetPassed && (!cgo || p.env.CGO_ENABLED !== "0") ? ["-vet=off"] : [];
  switch (name) {
    case "vet":
      return runVet(p.go, inputs.packages, p.cwd, p.env);
    case "unit":
      return runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-short", ...vetOff(!1)] });
    case "race":
      if (p.raceWhy) {
        let optional = inputs.optionalLayers.includes(name);
        return optional && reporter.warning(`race layer skipped: ${p.raceWhy}`), unavailableLayer(name, p.raceWhy, optional);
      }
      return p.env.CGO_ENABLED === "0" && reporter.info("CGO_ENABLED=0 is set: the race layer runs with CGO_ENABLED=1, which -race needs"), runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-race", ...vetOff(!0)], env: { CGO_ENABLED: "1" } });
    case "integration":
      return p.integrationPkgs.length === 0 ? skippedLayer(name, `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.integrationTags.join(",")}`) : runTestLayer(tctx, { name, packages: p.integrationPkgs, flags: [`-tags=${inputs.integrationTags.join(",")}`] });
    case "e2e":
      return runE2eLayer(inputs, p, tctx, logs);
    case "vuln":
      return (await import("./vuln-PCWMCU3Q.js")).runVulnLayer({
        ...p,
        packages: inputs.packages,
        db: inputs.vulnDb,
        workDir: tctx.workDir,
        reporter,
        optional: inputs.optionalLayers.includes(name)
      });
    case "lint":
      return (await import("./lint-E6DPF2LG.js")).runLintLayer(
        { ...p, packages: inputs.packages, reporter, optional: inputs.optionalLayers.includes(name) },
        done.some((l) => l.layer === "vet" && l.status !== "not-run")
      );
  }
}
async function runE2eLayer(inputs, p, tctx, logs) {
  if (p.e2ePkgs.length === 0 || !p.e2eBinary)
    return skippedLayer("e2e", `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.e2eTags.join(",")}`);
  let { E2eError, shutdownE2e, startE2e } = await import("./e2e-UKFFAQZM.js"), started = performance.now(), service;
  try {
    service = await startE2e({
      binary: p.e2eBinary,
      args: inputs.e2eArgs,
      env: { ...p.env, ...inputs.e2eEnv },
      cwd: p.cwd,
      port: inputs.e2ePort,
      health: inputs.e2eHealth,
      startTimeoutMs: inputs.e2eStartTimeoutMs,
      logDir: tctx.workDir
    });
  } catch (err) {
    if (!(err instanceof E2eError)) throw err;
    return logs.push({ label: "e2e binary log", tail: err.logTail }), { ...skippedLayer("e2e", err.message), status: "failed", durationMs: performance.now() - started };
  }
  tctx.reporter.info(`e2e: ${p.e2eBinary} is up at ${service.baseUrl} (pid ${service.proc.pid})`);
  let result, error;
  try {
    result = await runTestLayer(tctx, { name: "e2e", packages: p.e2ePkgs, flags: [`-tags=${inputs.e2eTags.join(",")}`], env: { BASE_URL: service.baseUrl } });
  } catch (err) {
    error = err;
  }
  let down = await shutdownE2e(service, inputs.e2eShutdownTimeoutMs);
  if (tctx.reporter.info(down.ok ? `e2e: the binary shut down gracefully in ${formatDuration(down.ms)}` : `e2e: ${down.reason}`), error || !result) throw error;
  return down.ok || (result = { ...result, status: "failed", reason: down.reason }), result.status === "failed" && logs.push({ label: "e2e binary log", tail: logTail(service.proc, 50) }), { ...result, durationMs: performance.now() - started };
}
function failedTests(r, workspacePath2) {
  let out = [];
  for (let l of r.layers) {
    for (let f of l.packageFailures) out.push({ layer: l.layer, package: f.package, test: "[package]", ...ref(f.located.ref, workspacePath2) });
    for (let t of l.tests)
      t.status === "fail" && t.leaf && out.push({ layer: l.layer, package: t.package, test: t.name, ...ref(t.failure?.located.ref, workspacePath2) });
  }
  return out;
}
function ref(r, workspacePath2) {
  let file = r ? workspacePath2(r.file) : void 0;
  return file && r ? { file, line: r.line } : {};
}

// packages/go-test/src/summary.ts
var ICON = { passed: "✅ passed", failed: "❌ failed", skipped: "⚠️ skipped", "not-run": "⏭️ not run" };
function where(located, workspace) {
  let file = located.ref ? workspacePath(located.ref.file, workspace) : void 0;
  return file && located.ref ? `\`${file}:${located.ref.line}\`` : "";
}
function firstLine(text, max = 160) {
  let line = text.split(`
`)[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
function failures(layers, workspace) {
  let shown = [];
  for (let l of layers) {
    for (let f of l.packageFailures)
      shown.push({
        head: `❌ ${l.layer} · ${f.package} · ${f.located.kind === "build" ? "build failed" : "package failed"} ${where(f.located, workspace)} — ${cell(firstLine(f.located.message))}`,
        output: f.output
      });
    for (let t of l.tests) {
      if (t.status !== "fail" || !t.leaf || !t.failure) continue;
      let tries = t.attempts.length > 1 ? ` (${t.attempts.length} attempts)` : "";
      shown.push({
        head: `❌ ${l.layer} · ${t.package} · <b>${t.name}</b>${tries} ${where(t.failure.located, workspace)} — ${cell(firstLine(t.failure.located.message))}`,
        output: t.failure.output
      });
    }
    if (l.findings.length > 0 || l.status === "failed" && l.log !== void 0) {
      let list = l.findings.map((f) => `${workspacePath(f.file, workspace) ?? ""}${f.file ? `:${f.line}${f.col ? `:${f.col}` : ""}: ` : ""}${f.message}`).join(`
`);
      shown.push({ head: `❌ ${l.layer}: ${l.findings.length} finding(s)${l.reason ? ` — ${cell(firstLine(l.reason))}` : ""}`, output: list || l.log || "" });
    }
  }
  return shown;
}
function render(parts) {
  let items = parts.shown.map(
    (s) => parts.perOutput > 0 && s.output.trim() ? details(s.head, codeBlock(shorten(s.output.trimEnd(), parts.perOutput))) : `- ${s.head}`
  );
  return [parts.top, items.length > 0 ? `#### Failures

${items.join(`

`)}
` : "", parts.rest].filter(Boolean).join(`
`);
}
function goTestSummary(s, budget = MAX_SUMMARY_BYTES - 8 * 1024) {
  let failedLayers = s.layers.filter((l) => l.status === "failed").map((l) => l.layer), rows = s.layers.map((l) => {
    let c = layerCounts(l), tool = l.layer === "vet" || l.layer === "lint" || l.layer === "vuln";
    return l.status === "not-run" || l.status === "skipped" ? [l.layer, ICON[l.status], "—", "—", "—", "—", "—", l.reason ? firstLine(l.reason, 200) : ""] : [
      l.layer,
      ICON[l.status],
      tool ? "—" : c.passed,
      tool ? `${c.failed} finding(s)` : c.failed,
      tool ? "—" : c.skipped,
      tool ? "—" : c.flaky,
      formatDuration(l.durationMs),
      l.reason ? firstLine(l.reason, 200) : l.runs > 1 ? `${l.runs - 1} rerun(s)` : ""
    ];
  }), cov = s.coverage === void 0 ? "" : `**Coverage:** ${formatPercent(s.coverage)}% of statements across the layers${s.minCoverage !== void 0 ? ` (minimum ${s.minCoverage}%: ${s.coverage + 1e-9 >= s.minCoverage ? "✅ met" : "❌ not met"})` : ""}${s.coverageProfile ? ` · profile \`${workspacePath(s.coverageProfile, s.workspace) ?? s.coverageProfile}\`` : ""}
`, top = [
    `### go-test: ${s.passed ? "✅ passed" : `❌ failed${failedLayers.length > 0 ? ` (${failedLayers.join(", ")})` : ""}`}`,
    "",
    ...s.goVersion ? [`${s.goVersion.replace(/^go/, "go ")} · ${s.layers.map((l) => l.layer).join(" → ")}`, ""] : [],
    table(["Layer", "Status", "Passed", "Failed", "Skipped", "Flaky", "Duration", "Notes"], rows),
    "",
    cov
  ].join(`
`), flaky = s.layers.flatMap((l) => l.tests.filter((t) => t.flaky).map((t) => `- ${l.layer} · ${t.package} · **${t.name}**: failed, then passed on retry`)), slowest = s.layers.flatMap((l) => l.tests.filter((t) => !t.name.includes("/")).map((t) => ({ l: l.layer, t }))).sort((a, b) => b.t.elapsed - a.t.elapsed).slice(0, 10), rest = [
    flaky.length > 0 ? `#### Flaky tests (passed on retry)

${flaky.join(`
`)}
` : "",
    slowest.length > 0 ? `#### 10 slowest tests

${table(
      ["Test", "Package", "Layer", "Time"],
      slowest.map(({ l, t }) => [t.name, t.package, l, `${t.elapsed.toFixed(2)} s`])
    )}
` : "",
    !s.passed && s.logs.length > 0 ? `#### Logs

${s.logs.map((g) => details(g.label, codeBlock(shorten(g.tail, 8 * 1024) || "(no output)"))).join(`

`)}
` : "",
    s.junit ? `JUnit: \`${workspacePath(s.junit, s.workspace) ?? s.junit}\`
` : ""
  ].filter(Boolean).join(`
`), shown = failures(s.layers, s.workspace), fixed = Buffer.byteLength(render({ top, shown, perOutput: 0, rest })), share = Math.max(0, Math.floor((budget - fixed) / Math.max(1, shown.length)) - 200), perOutput = Number.POSITIVE_INFINITY, text = render({ top, shown, perOutput, rest });
  for (; Buffer.byteLength(text) > budget && perOutput > 0; )
    perOutput = perOutput === Number.POSITIVE_INFINITY ? share : perOutput >= 128 ? Math.floor(perOutput / 2) : 0, text = render({ top, shown, perOutput, rest });
  return text;
}

// packages/go-test/src/stage.ts
function resultsOutput(r) {
  let out = {};
  for (let l of r.layers)
    out[l.layer] = { status: l.status, ...layerCounts(l), duration: Math.round(l.durationMs) / 1e3, ...l.reason ? { reason: l.reason } : {} };
  return out;
}
function setGoTestOutputs(r, ctx) {
  ctx.setOutput("results", resultsOutput(r)), ctx.setOutput("coverage", r.coverage === void 0 ? "" : formatPercent(r.coverage)), ctx.setOutput("coverage-profile", r.coverageProfile ?? ""), ctx.setOutput("junit", r.junit), ctx.setOutput(
    "failed-tests",
    failedTests(r, (f) => workspacePath(f, ctx.cwd))
  );
}
function failureSentence(r) {
  let parts = r.layers.filter((l) => l.status === "failed").map((l) => {
    let c = layerCounts(l);
    return `${l.layer} failed (${l.reason && c.failed === 0 ? l.reason.split(`
`)[0] : `${c.failed} failure(s)`})`;
  }), notRun = r.layers.filter((l) => l.status === "not-run").map((l) => l.layer);
  return notRun.length > 0 && parts.push(`not run: ${notRun.join(", ")}`), r.coverageFailure && parts.push(r.coverageFailure), `go-test: ${parts.join("; ")}`;
}
var goTestStage = {
  name: "go-test",
  description: "Layered Go tests (vet, unit, race, integration, e2e, vuln, lint) with annotations at the failing line, JUnit and coverage gates.",
  inputs: GO_TEST_INPUTS,
  parse: (read, ctx) => parseGoTestInputs(read, ctx.cwd, (s) => ctx.reporter.mask(s)),
  async run(inputs, ctx) {
    let redact = redactor(inputs.secrets);
    try {
      await runGoTest2(inputs, { ...ctx, reporter: redactingReporter(ctx.reporter, redact), summary: (md) => ctx.summary(redact(md)) });
    } catch (err) {
      throw err instanceof GantryError ? new GantryError(redact(err.message)) : err;
    }
  }
};
async function runGoTest2(inputs, ctx) {
  let r = await goTest(inputs, ctx);
  if (annotate(r.layers, ctx.cwd, ctx.reporter), setGoTestOutputs(r, ctx), ctx.summary(
    goTestSummary({
      layers: r.layers,
      passed: r.passed,
      coverage: r.coverage,
      minCoverage: inputs.minCoverage,
      coverageProfile: r.coverageProfile,
      junit: r.junit,
      logs: r.logs,
      workspace: ctx.cwd,
      goVersion: r.goVersion
    })
  ), ctx.reporter.debug(`go-test: ${formatDuration(r.durationMs)} in all`), !r.passed) throw new GantryError(failureSentence(r));
}

export {
  workspacePath,
  annotations,
  annotate,
  CappedText,
  shorten,
  CoverageMerger,
  formatPercent,
  UNNAMED_PACKAGE,
  GoTestStream,
  parseGoTestArgs,
  goTestArgs,
  runGoTest,
  parseVulnDb,
  GO_TEST_INPUTS,
  LAYERS,
  parseGoTestInputs,
  junitXml,
  writeJunit,
  failedLeaves,
  rerunPatterns,
  LayerCollector,
  layerCounts,
  layerProfile,
  coverMode,
  layerFlags,
  rerunFlags,
  runTestLayer,
  listPackages,
  taggedPackages,
  listModules,
  findModules,
  PackageDirs,
  goTest,
  failedTests,
  goTestSummary,
  resultsOutput,
  setGoTestOutputs,
  failureSentence,
  goTestStage
};
