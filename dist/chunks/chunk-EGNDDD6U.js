import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
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
  formatTarget,
  freePort,
  hostTarget,
  isExecutable,
  isSecretName,
  lastLines,
  nearest,
  parseDuration,
  readManifest,
  resolveInManifest,
  sha256File,
  table,
  urlPasswords,
  which,
  writeFileAtomic
} from "./chunk-HSN3EHZW.js";

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
        let kind = f.located.kind === "panic" ? "panicked" : f.located.kind === "timeout" ? "timed out" : "failed", title2 = f.located.kind === "build" ? `build failed: ${f.package} (${l.layer})` : `${f.package} ${kind} (${l.layer})`;
        errors.push({ level: "error", title: title2, message: clip(f.located.message), ...at(f.located.ref, workspace) });
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

// packages/go-test/src/coverage.ts
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
var CoverageMerger = class {
  blocks = /* @__PURE__ */ new Map();
  mode = "atomic";
  /** Adds one line of a profile (`mode:` lines set the mode). */
  line(text) {
    if (text.startsWith("mode:")) {
      this.mode = text.slice(5).trim();
      return;
    }
    let lastSpace = text.lastIndexOf(" "), midSpace = text.lastIndexOf(" ", lastSpace - 1);
    if (lastSpace < 0 || midSpace < 0) return;
    let block = text.slice(0, midSpace), stmts = Number(text.slice(midSpace + 1, lastSpace)), count = Number(text.slice(lastSpace + 1));
    if (!Number.isFinite(stmts) || !Number.isFinite(count)) return;
    let prev = this.blocks.get(block);
    prev ? prev.count = this.mode === "set" ? Math.max(prev.count, count) : prev.count + count : this.blocks.set(block, { stmts, count });
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

// packages/go-test/src/inputs.ts
import { constants } from "node:fs";
import { access, stat as stat2 } from "node:fs/promises";
import { isAbsolute as isAbsolute2, resolve as resolve2 } from "node:path";

// packages/go-test/src/words.ts
var WordsError = class extends Error {
};
function splitWords(text) {
  let words = [], current = "", quoted = !1, inWord = !1, quote;
  for (let i = 0; i < text.length; i++) {
    let c = text[i];
    if (quote) {
      c === quote ? quote = void 0 : c === "\\" && quote === '"' && (text[i + 1] === '"' || text[i + 1] === "\\") ? current += text[++i] : current += c;
      continue;
    }
    if (c === "'" || c === '"')
      quote = c, quoted = !0, inWord = !0;
    else if (c === "\\") {
      if (i + 1 >= text.length) throw new WordsError("it ends with a lone backslash");
      current += text[++i], inWord = !0;
    } else /\s/.test(c) ? (inWord && words.push({ text: current, quoted }), current = "", quoted = !1, inWord = !1) : (current += c, inWord = !0);
  }
  if (quote) throw new WordsError(`a ${quote} quote is not closed`);
  return inWord && words.push({ text: current, quoted }), words;
}
var SHELL_ONLY = /^(&&|\|\||;|&|>|>>|<|<<|2>&1|2>)$|^[<>]|[`]|\$\(/;
function shellOnlyWord(words) {
  return words.find((w) => !w.quoted && SHELL_ONLY.test(w.text))?.text;
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
  covermode: "use the coverage input (the merged profile uses atomic)",
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
}, FLAG = /^--?([a-z][a-z0-9.]*)(=[\s\S]*)?$/;
function parseGoTestArgs(text, input = "args") {
  let words;
  try {
    words = splitWords(text).map((w) => w.text);
  } catch (err) {
    throw new InputError(input, text, `${err.message}; accepted: go test flags such as -p=2 -failfast`);
  }
  for (let w of words) {
    let m = FLAG.exec(w);
    if (!m)
      throw new InputError(
        input,
        w,
        "accepted: go test flags written as -name or -name=value (e.g. -p=2, -failfast, -run=TestX); packages go in the packages input"
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
  }
  return words;
}

// packages/go-test/src/secrets.ts
var SECRET_FLAG = /^--?[A-Za-z0-9_-]*(pass|secret|token|api-?key|auth|credential|private)[A-Za-z0-9_-]*$/i;
function argSecrets(args) {
  let out = [];
  for (let [i, arg] of args.entries()) {
    out.push(...urlPasswords(arg));
    let flag = /^(--?[A-Za-z0-9_-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (flag && SECRET_FLAG.test(flag[1])) {
      let value = flag[2] ?? args[i + 1];
      value && (flag[2] !== void 0 || !value.startsWith("-")) && out.push(value);
      continue;
    }
    let kv = /^(?:--?[A-Za-z0-9-]+=|-e)?([A-Za-z_][A-Za-z0-9_]*)=([\s\S]+)$/.exec(arg);
    kv && isSecretName(kv[1]) && out.push(kv[2]);
  }
  return unique(out);
}
function unique(values) {
  return [...new Set(values.filter((v) => v.length > 0))];
}
function redactor(secrets) {
  let sorted = unique([...secrets]).sort((a, b) => b.length - a.length);
  return sorted.length === 0 ? (text) => text : (text) => sorted.reduce((t, s) => t.split(s).join("***"), text);
}
function redactingReporter(inner, redact) {
  let where2 = (w) => w?.title ? { ...w, title: redact(w.title) } : w;
  return {
    info: (m) => inner.info(redact(m)),
    debug: (m) => inner.debug(redact(m)),
    annotate: (a) => inner.annotate({ ...a, message: redact(a.message), ...a.title ? { title: redact(a.title) } : {} }),
    warning: (m, w) => inner.warning(redact(m), where2(w)),
    notice: (m, w) => inner.notice(redact(m), where2(w)),
    group: (title2, fn) => inner.group(redact(title2), fn),
    mask: (s) => inner.mask(s),
    flush: () => inner.flush()
  };
}

// packages/go-test/src/services.ts
import { connect } from "node:net";

// packages/go-test/src/processes.ts
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
var live = /* @__PURE__ */ new Set(), exitHookInstalled = !1;
function installExitHook() {
  exitHookInstalled || (exitHookInstalled = !0, process.on("exit", () => {
    for (let p of live) killGroup(p.pid, "SIGKILL");
  }));
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
    }
  }
}
function startProcess(label, command, args, opts) {
  mkdirSync(opts.logDir, { recursive: !0 });
  let logFile = join(opts.logDir, opts.logName), fd = openSync(logFile, "w"), child;
  try {
    child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: !0, stdio: ["ignore", fd, fd] });
  } finally {
    closeSync(fd);
  }
  let proc = { label, child, pid: child.pid ?? -1, logFile, exitedPromise: Promise.resolve() };
  return proc.exitedPromise = new Promise((res) => {
    child.once("exit", (code, signal) => {
      proc.exited = { code, signal }, live.delete(proc), res();
    }), child.once("error", (err) => {
      proc.exited = { code: err.code === "ENOENT" ? 127 : 126, signal: null }, live.delete(proc), res();
    });
  }), child.pid !== void 0 && (live.add(proc), installExitHook()), proc;
}
function logTail(p, n = 20) {
  try {
    return lastLines(readFileSync(p.logFile, "utf8"), n);
  } catch {
    return "";
  }
}
function howExited(p) {
  return p.exited ? p.pid < 0 || p.exited.code === 127 ? "could not start (command not found)" : p.exited.signal ? `was killed by ${p.exited.signal}` : `exited with code ${p.exited.code}` : "is still running";
}
async function waitExit(p, ms) {
  if (p.exited) return !0;
  let timer, timedOut = new Promise((res) => {
    timer = setTimeout(() => res(!1), ms);
  }), done = await Promise.race([p.exitedPromise.then(() => !0), timedOut]);
  return clearTimeout(timer), done;
}
function groupAlive(pgid) {
  if (process.platform === "linux")
    try {
      for (let entry of readdirSync("/proc"))
        if (/^\d+$/.test(entry))
          try {
            let stat4 = readFileSync(`/proc/${entry}/stat`, "utf8"), [state, , pgrp] = stat4.slice(stat4.lastIndexOf(")") + 2).split(" ");
            if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return !0;
          } catch {
          }
      return !1;
    } catch {
    }
  try {
    return process.kill(-pgid, 0), !0;
  } catch {
    return !1;
  }
}
async function untilGone(p, ms) {
  let deadline = Date.now() + ms;
  for (; Date.now() < deadline; ) {
    if (p.exited && !groupAlive(p.pid)) return !0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return p.exited !== void 0 && !groupAlive(p.pid);
}
async function stopProcess(p, graceMs = 5e3) {
  return p.pid < 0 || p.exited && !groupAlive(p.pid) || (killGroup(p.pid, "SIGTERM"), await untilGone(p, graceMs)) ? "exited" : (killGroup(p.pid, "SIGKILL"), await untilGone(p, 5e3), "killed");
}

// packages/go-test/src/services.ts
var DEFAULT_SERVICE_TIMEOUT_MS = 3e4, ACCEPTED = "accepted: one service per line, `[KEY=value …] command args… | tcp://127.0.0.1:5432 | 30s` (readiness check and timeout optional; no shell: no pipes, &&, redirections or $VARS)";
function parseReadiness(text, line) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new InputError("services", line, `readiness ${JSON.stringify(text)} is not a URL; ${ACCEPTED}`);
  }
  if (url.protocol === "tcp:") {
    let port = Number(url.port);
    if (!url.hostname || !url.port || !Number.isInteger(port) || port < 1 || port > 65535 || url.pathname && url.pathname !== "/")
      throw new InputError("services", line, `readiness ${JSON.stringify(text)} needs a host and a port, e.g. tcp://127.0.0.1:5432`);
    return { kind: "tcp", host: url.hostname.replace(/^\[|\]$/g, ""), port, text };
  }
  if (url.protocol === "http:" || url.protocol === "https:") return { kind: "http", url: url.toString(), text };
  throw new InputError("services", line, `readiness ${JSON.stringify(text)} has scheme ${url.protocol}; accepted: tcp://host:port, http://… or https://…`);
}
function parseServices(lines) {
  return lines.map((line, i) => {
    try {
      return parseService(line, i);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      let redact = redactor(argSecrets(line.split(/\s+/)));
      throw new InputError(err.input, redact(err.value), redact(err.accepted));
    }
  });
}
function parseService(line, i) {
  let words;
  try {
    words = splitWords(line);
  } catch (err) {
    throw new InputError("services", line, `${err.message}; ${ACCEPTED}`);
  }
  let parts = [[]];
  for (let w of words)
    !w.quoted && w.text === "|" ? parts.push([]) : parts[parts.length - 1].push(w);
  if (parts.length > 3) throw new InputError("services", line, `it has more than two | separators; ${ACCEPTED}`);
  let [cmdWords = [], readyWords = [], timeoutWords = []] = parts, shell = shellOnlyWord(cmdWords);
  if (shell) throw new InputError("services", line, `${JSON.stringify(shell)} needs a shell, and services start without one; ${ACCEPTED}`);
  let env = {}, k = 0;
  for (; k < cmdWords.length; k++) {
    let m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(cmdWords[k].text);
    if (!m) break;
    env[m[1]] = m[2];
  }
  let [command, ...args] = cmdWords.slice(k).map((w) => w.text);
  if (!command) throw new InputError("services", line, `it names no command; ${ACCEPTED}`);
  if (readyWords.length > 1 || timeoutWords.length > 1) throw new InputError("services", line, ACCEPTED);
  let ready = readyWords[0] ? parseReadiness(readyWords[0].text, line) : void 0, timeoutMs = DEFAULT_SERVICE_TIMEOUT_MS;
  if (timeoutWords[0]) {
    let ms = parseDuration(timeoutWords[0].text);
    if (ms === void 0 || ms <= 0)
      throw new InputError("services", line, `timeout ${JSON.stringify(timeoutWords[0].text)} is not a duration such as 30s or 2m`);
    timeoutMs = ms;
  }
  let secrets = [.../* @__PURE__ */ new Set([...envSecrets(env), ...argSecrets([command, ...args]), ...argSecrets(ready ? [ready.text] : [])])], shown = redactor(secrets)([command, ...args].join(" "));
  return { label: `services[${i + 1}] (${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown})`, command, args, env, ready, timeoutMs, secrets };
}
async function probe(ready) {
  if (ready.kind === "tcp")
    return new Promise((res) => {
      let socket = connect({ host: ready.host, port: ready.port }), done = (ok) => {
        socket.destroy(), res(ok);
      };
      socket.setTimeout(1e3, () => done(!1)), socket.once("connect", () => done(!0)), socket.once("error", () => done(!1));
    });
  try {
    let res = await fetch(ready.url, { redirect: "manual", signal: AbortSignal.timeout(2e3) });
    return await res.arrayBuffer().catch(() => {
    }), res.status >= 200 && res.status < 400;
  } catch {
    return !1;
  }
}
async function awaitReady(p, ready, timeoutMs) {
  let deadline = Date.now() + timeoutMs;
  if (!ready)
    return await waitExit(p, Math.min(500, timeoutMs)), p.exited ? "exited" : "ready";
  for (; Date.now() < deadline; ) {
    if (p.exited) return "exited";
    if (await probe(ready)) return p.exited ? "exited" : "ready";
    await new Promise((r) => setTimeout(r, 200));
  }
  return p.exited ? "exited" : "timeout";
}
async function startServices(specs, opts, reporter) {
  let started = [];
  for (let [i, s] of specs.entries()) {
    let began = performance.now(), p = startProcess(s.label, s.command, s.args, { cwd: opts.cwd, env: { ...opts.env, ...s.env }, logDir: opts.logDir, logName: `service-${i + 1}.log` });
    started.push(p);
    let outcome = await awaitReady(p, s.ready, s.timeoutMs);
    if (outcome !== "ready") {
      await Promise.all(started.map((q) => stopProcess(q)));
      let why = outcome === "exited" ? `${howExited(p)} before it was ready${s.ready ? ` (check: ${s.ready.text})` : ""}` : `was not ready at ${s.ready?.text} within ${formatDuration(s.timeoutMs)}`, tail = logTail(p);
      throw new GantryError(`${s.label} ${why}; no test ran. Its last log lines:
${tail || "(no output)"}`);
    }
    reporter.info(
      `${s.label}: ready${s.ready ? ` at ${s.ready.text}` : ""} after ${formatDuration(performance.now() - began)} (pid ${p.pid}, log ${p.logFile})`
    );
  }
  return started;
}

// packages/go-test/src/vulndb.ts
import { stat } from "node:fs/promises";
import { join as join2, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
var ACCEPTED2 = "accepted: a vulnerability database in govulncheck's format (https://go.dev/security/vuln/database#api): an https:// or http:// URL, a file:// URL or a folder holding index/modules.json; empty: govulncheck's own, https://vuln.go.dev";
async function parseVulnDb(value, cwd) {
  if (value === "") return;
  let scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return checkWebUrl(value);
  if (scheme !== void 0 && scheme !== "file") throw new InputError("vuln-db", value, `the scheme ${scheme}:// is not one govulncheck reads; ${ACCEPTED2}`);
  let dir;
  try {
    dir = scheme === "file" ? resolve(fileURLToPath(value)) : resolve(cwd, value);
  } catch (err) {
    throw new InputError("vuln-db", value, `it is not a file:// URL of a local folder (${err.message}); ${ACCEPTED2}`);
  }
  if (!await stat(dir).then(
    (s) => s.isDirectory(),
    () => !1
  )) throw new InputError("vuln-db", value, `the folder ${dir} does not exist; ${ACCEPTED2}`);
  if (!await exists(join2(dir, "index", "modules.json")))
    throw new InputError(
      "vuln-db",
      value,
      `${join2(dir, "index", "modules.json")} is missing, so the folder is not a database in govulncheck's v1 layout; ${ACCEPTED2}`
    );
  return pathToFileURL(dir).href;
}
function checkWebUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError("vuln-db", value, `it is not a valid URL; ${ACCEPTED2}`);
  }
  if (url.username || url.password)
    throw new InputError(
      "vuln-db",
      `${url.protocol}//***@${url.host}${url.pathname}`,
      `credentials in the URL are refused (they would be on govulncheck's command line); serve the database without them, or copy it to a folder; ${ACCEPTED2}`
    );
  if (url.search || url.hash) throw new InputError("vuln-db", value, `govulncheck adds paths to the URL, so it cannot have a ?query or #fragment; ${ACCEPTED2}`);
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
  coverage: "true",
  "min-coverage": "",
  "coverage-profile": "dist/coverage.out",
  retries: "0",
  shuffle: "off",
  timeout: "",
  count: "",
  args: "",
  junit: "dist/test-results.xml",
  "vuln-db": ""
}, LAYERS = ["vet", "unit", "race", "integration", "e2e", "vuln", "lint"];
function parseLayers(read) {
  let raw = read.list("layers");
  if (raw.length === 0) throw new InputError("layers", "", `accepted: a comma-separated list from ${LAYERS.join(", ")}`);
  let seen = /* @__PURE__ */ new Set();
  for (let l of raw) {
    if (!LAYERS.includes(l))
      throw new InputError("layers", l, `it is not a layer; accepted: ${LAYERS.join(", ")} (nearest: ${nearest(l, LAYERS, 2).join(", ")})`);
    if (seen.has(l)) throw new InputError("layers", l, "it is listed twice; list each layer once, in the order to run them");
    seen.add(l);
  }
  return raw;
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
  let layers = parseLayers(read), minCoverage = read.percent("min-coverage"), coverage = read.bool("coverage");
  if (minCoverage !== void 0 && !coverage) throw new InputError("min-coverage", String(minCoverage), "it needs coverage: true");
  let e2eHealth = read.string("e2e-health");
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
    coverageProfile: abs(read.string("coverage-profile") || "dist/coverage.out"),
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

// packages/go-test/src/locate.ts
import { existsSync, readFileSync as readFileSync2, readdirSync as readdirSync2 } from "node:fs";
import { isAbsolute as isAbsolute3, join as join3, relative as relative2, resolve as resolve3, sep } from "node:path";
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
    if (isAbsolute3(file) ? abs = file : file.startsWith(`${m.path}/`) && (abs = join3(m.dir, file.slice(m.path.length + 1))), !abs) continue;
    let rel = relative2(m.dir, abs);
    if (!rel.startsWith("..") && !isAbsolute3(rel) && !rel.startsWith(`vendor${sep}`)) return abs;
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
  if (isAbsolute3(file)) return existsSync(file) ? file : void 0;
  if (!pkgDir) return;
  let abs = resolve3(pkgDir, file);
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
    files = readdirSync2(pkgDir).filter((f) => f.endsWith("_test.go"));
  } catch {
    return;
  }
  for (let f of files.sort()) {
    let text = readFileSync2(join3(pkgDir, f), "utf8"), m = decl.exec(text);
    if (m) return { file: join3(pkgDir, f), line: text.slice(0, m.index).split(`
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
    let ref2 = deepestModuleFrame(frames, modules, root) ?? testDeclaration(tc.name, pkgDir), timeout = lines.find((l) => l.startsWith("panic: test timed out"));
    return {
      ref: ref2,
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
    m && found.push({ file: resolve3(cwd, m[1]), line: Number(m[2]), col: m[3] ? Number(m[3]) : void 0, message: m[4] });
  }
  return found;
}

// packages/go-test/src/retry.ts
function failedLeaves(failed) {
  let set = new Set(failed);
  return failed.filter((name) => ![...set].some((other) => other !== name && other.startsWith(`${name}/`)));
}
function level(names) {
  let unique2 = [...new Set(names)].map(escapeRegExp);
  return unique2.length === 1 ? `^${unique2[0]}$` : `^(${unique2.join("|")})$`;
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

// packages/go-test/src/run.ts
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join8 } from "node:path";

// packages/go-test/src/e2e.ts
import { constants as constants2 } from "node:fs";
import { access as access2, chmod, stat as stat3 } from "node:fs/promises";
import { basename } from "node:path";
async function resolveE2eBinary(e2eBinary, manifestPath) {
  let path = e2eBinary;
  if (!path) {
    let manifest = await readManifest(manifestPath), host = hostTarget(), own = manifest.artifacts.filter((a) => a.os === host.os && a.arch === host.arch), pick = own.find((a) => !a.variant || a.variant === "v1" || a.variant === "v8") ?? own[0];
    if (!pick)
      throw new GantryError(
        `the e2e layer needs a ${formatTarget(host)} binary to run on this runner, and ${manifestPath} lists only ${manifest.artifacts.map((a) => a.target).join(", ") || "nothing"}; add ${formatTarget(host)} to go-build's targets or set e2e-binary`
      );
    path = resolveInManifest(manifestPath, pick.path), await restoreExecutable(path, pick.sha256);
  }
  try {
    await access2(path, constants2.X_OK);
  } catch {
    throw new GantryError(`the e2e binary ${path} ${e2eBinary ? "(e2e-binary)" : `(from ${manifestPath})`} does not exist or is not executable`);
  }
  return path;
}
async function restoreExecutable(path, sha256) {
  let mode = await stat3(path).then(
    (s) => s.mode,
    () => {
    }
  );
  mode === void 0 || (mode & 73) !== 0 || await sha256File(path) === sha256 && await chmod(path, mode & 4095 | 73);
}
async function startE2e(o) {
  let port = o.port || await freePort(), baseUrl = `http://127.0.0.1:${port}`, proc = startProcess(`e2e binary ${basename(o.binary)}`, o.binary, o.args, {
    cwd: o.cwd,
    env: { ...o.env, PORT: String(port) },
    logDir: o.logDir,
    logName: "e2e-binary.log"
  }), health = `${baseUrl}${o.health}`, outcome = await awaitReady(proc, { kind: "http", url: health, text: health }, o.startTimeoutMs);
  if (outcome !== "ready") {
    proc.exited || (process.kill(-proc.pid, "SIGKILL"), await waitExit(proc, 5e3));
    let why = outcome === "exited" ? `${howExited(proc)} before ${health} answered` : `did not answer ${health} with 2xx within ${formatDuration(o.startTimeoutMs)}`;
    throw new E2eError(`${basename(o.binary)} (PORT=${port}) ${why}`, logTail(proc));
  }
  return { proc, port, baseUrl };
}
var E2eError = class extends GantryError {
  constructor(message, logTail2) {
    super(message);
    this.logTail = logTail2;
  }
  logTail;
};
async function shutdownE2e(s, timeoutMs) {
  let began = performance.now();
  if (s.proc.exited) return { ok: !1, reason: `the binary ${howExited(s.proc)} while the e2e tests ran`, ms: 0 };
  process.kill(s.proc.pid, "SIGTERM");
  let exited = await waitExit(s.proc, timeoutMs), ms = performance.now() - began;
  if (!exited)
    return process.kill(-s.proc.pid, "SIGKILL"), await waitExit(s.proc, 5e3), { ok: !1, reason: `the binary did not exit within e2e-shutdown-timeout (${formatDuration(timeoutMs)}) after SIGTERM; it was killed`, ms };
  let { code, signal } = s.proc.exited ?? { code: null, signal: null };
  return signal ? { ok: !1, reason: `the binary was killed by ${signal}: it does not handle SIGTERM, so in-flight requests would be cut off`, ms } : code !== 0 ? { ok: !1, reason: `the binary exited with code ${code} after SIGTERM (a graceful shutdown exits 0)`, ms } : { ok: !0, ms };
}

// packages/go-test/src/layers.ts
import { join as join4 } from "node:path";

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

// packages/go-test/src/layers.ts
function layerProfile(workDir, layer) {
  return join4(workDir, `${layer}.coverprofile`);
}
function layerFlags(ctx, layer) {
  let i = ctx.inputs, flags = [...layer.flags];
  return i.timeout && flags.push(`-timeout=${i.timeout}`), i.shuffle !== "off" && flags.push(`-shuffle=${i.shuffle}`), i.count ? flags.push(`-count=${i.count}`) : (layer.name === "integration" || layer.name === "e2e") && flags.push("-count=1"), i.coverage && flags.push("-covermode=atomic", `-coverpkg=${ctx.coverpkg}`, `-coverprofile=${layerProfile(ctx.workDir, layer.name)}`), flags.push(...i.args), flags;
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
import { dirname, join as join5 } from "node:path";
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
    if (gowork !== "off" && await exists(join5(dir, "go.work"))) return listModules(go, cwd, env);
    if (await exists(join5(dir, "go.mod"))) {
      let path = /^module\s+"?([^"\s]+)"?/m.exec(await readFile(join5(dir, "go.mod"), "utf8"))?.[1];
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
      if (importPath.startsWith(`${m.path}/`)) return join5(m.dir, importPath.slice(m.path.length + 1));
    }
  }
};

// packages/go-test/src/junit.ts
import { relative as relative3 } from "node:path";
function xmlText(text) {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function attr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
var secs = (s) => s.toFixed(3), MAX_CASE_OUTPUT = 64 * 1024;
function testCase(t, workspace) {
  let head = `<testcase classname="${attr(t.package)}" name="${attr(t.name)}" time="${secs(t.elapsed)}"`, where2 = t.failure?.located.ref ? ` at ${relative3(workspace, t.failure.located.ref.file)}:${t.failure.located.ref.line}` : "", type = t.failure?.located.kind ?? "failure", message = (t.failure?.located.message.split(`
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
      let g = group(f.package), where2 = f.located.ref ? ` at ${relative3(workspace, f.located.ref.file)}:${f.located.ref.line}` : "";
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
        let where2 = f.file ? `${relative3(workspace, f.file)}:${f.line}${f.col ? `:${f.col}` : ""}` : f.message.split(":")[0] || "finding";
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

// packages/go-test/src/lint.ts
import { resolve as resolve4 } from "node:path";

// packages/go-test/src/tools.ts
import { readFile as readFile2, realpath } from "node:fs/promises";
import { delimiter, dirname as dirname2, isAbsolute as isAbsolute4, join as join6 } from "node:path";
async function readGoEnv(go, cwd, env) {
  let { stdout } = await exec(go, ["env", "GOVERSION", "GOPATH", "GOBIN"], { cwd, env }), [version = "", gopath = "", gobin = ""] = stdout.split(`
`).map((s) => s.trim());
  return { version, gopath, gobin };
}
async function goVersionOf(go) {
  try {
    let root = dirname2(dirname2(await realpath(go))), first = (await readFile2(join6(root, "VERSION"), "utf8")).split(`
`)[0]?.trim();
    return first?.startsWith("go") ? first : void 0;
  } catch {
    return;
  }
}
async function findTool(name, env, goEnv) {
  let onPath = await which(name, env);
  if (onPath || isAbsolute4(name)) return onPath;
  let dirs = [goEnv?.gobin, ...(goEnv?.gopath ?? "").split(delimiter).map((p) => p ? join6(p, "bin") : void 0)];
  for (let d of dirs) if (d && await isExecutable(join6(d, name))) return join6(d, name);
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

// packages/go-test/src/lint.ts
var STATICCHECK_VERSION = "v0.8.2", STATICCHECK = `honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}`;
function parseStaticcheck(stdout, cwd) {
  let findings = [];
  for (let line of stdout.split(`
`)) {
    let p;
    try {
      p = JSON.parse(line);
    } catch {
      continue;
    }
    !p?.location || typeof p.message != "string" || findings.push({
      file: p.location.file ? resolve4(cwd, p.location.file) : "",
      line: p.location.line,
      col: p.location.column || void 0,
      message: `${p.message} (${p.code})`
    });
  }
  return findings;
}
async function runStaticcheck(bin, packages, cwd, env) {
  let r = await exec(bin, ["-f", "json", ...packages], { cwd, env, allowFailure: !0 }), findings = parseStaticcheck(r.stdout, cwd), ok = r.code === 0, log = `${findings.map((f) => `${f.file}:${f.line}:${f.col ?? 0}: ${f.message}`).join(`
`)}
${r.stderr}`, reason = ok || findings.length > 0 ? void 0 : `staticcheck ${describeExit(r.code, r.signal)}: ${lastLines(r.stderr || r.stdout, 3)}`;
  return toolResult("lint", ok, findings, log, r.durationMs, reason);
}
async function runLintLayer(ctx, vetRan) {
  let started = performance.now(), vet = vetRan ? void 0 : await runVet(ctx.go, ctx.packages, ctx.cwd, ctx.env, "lint"), bin = await findTool("staticcheck", ctx.env, await ctx.goEnv());
  bin || ctx.reporter.notice(
    `lint: staticcheck is not installed (not on PATH, GOBIN or GOPATH/bin), so lint ran ${vet ? "go vet only" : "nothing beyond the vet layer"}; install it with go install ${STATICCHECK}`
  );
  let sc = bin ? await runStaticcheck(bin, ctx.packages, ctx.cwd, ctx.env) : void 0;
  if (!vet && !sc) return skippedLayer("lint", "staticcheck is not installed and the vet layer already ran go vet");
  let parts = [vet, sc].filter((x) => x !== void 0), failed = parts.some((x) => x.status === "failed");
  return {
    ...parts[0],
    layer: "lint",
    status: failed ? "failed" : "passed",
    reason: parts.map((x) => x.reason).find(Boolean) ?? (sc ? void 0 : "staticcheck not installed: go vet only"),
    findings: parts.flatMap((x) => x.findings),
    log: parts.map((x) => x.log ?? "").join(""),
    durationMs: performance.now() - started
  };
}

// packages/go-test/src/vuln.ts
import { join as join7 } from "node:path";
var GOVULNCHECK_VERSION = "v1.9.0", GOVULNCHECK = `golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}`;
function jsonValues(text) {
  let out = [], depth = 0, start = -1, inString = !1;
  for (let i = 0; i < text.length; i++) {
    let c = text[i];
    inString ? c === "\\" ? i++ : c === '"' && (inString = !1) : c === '"' ? inString = !0 : c === "{" || c === "[" ? depth++ === 0 && (start = i) : (c === "}" || c === "]") && --depth === 0 && out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}
function parseVulnReport(text) {
  let report = { osv: /* @__PURE__ */ new Map(), findings: [] };
  for (let v of jsonValues(text))
    v.osv && report.osv.set(v.osv.id, v.osv), v.finding && report.findings.push(v.finding);
  return report;
}
function frameName(f) {
  return [(f.package ?? f.module).split("/").pop(), f.receiver?.replace(/^\*/, ""), f.function].filter(Boolean).join(".");
}
function title(e) {
  if (e?.summary) return e.summary;
  let details2 = (e?.details ?? "").replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(details2)?.[0] ?? details2;
}
function vulnFindings(report, modules, cwd) {
  let findings = [], seen = /* @__PURE__ */ new Set(), called = /* @__PURE__ */ new Set(), all = /* @__PURE__ */ new Set();
  for (let f of report.findings) {
    all.add(f.osv);
    let [sink, ...callers] = f.trace;
    if (!sink?.function) continue;
    called.add(f.osv);
    let at2 = callers.find((c) => c.position && modules.some((m) => m.path === c.module)), root = modules.find((m) => m.path === at2?.module)?.dir ?? cwd, file = at2?.position ? join7(root, at2.position.filename) : "", key2 = `${f.osv} ${file}:${at2?.position?.line}`;
    if (seen.has(key2)) continue;
    seen.add(key2);
    let found = sink.version ? `${sink.module}@${sink.version}` : sink.module, fixed = f.fixed_version ? `fixed in ${f.fixed_version}` : "no fixed version yet", call = at2 ? `${frameName(at2)} calls ${frameName(sink)}` : `calls ${frameName(sink)}`;
    findings.push({
      file,
      line: at2?.position?.line ?? 0,
      col: at2?.position?.column,
      message: `${f.osv}: ${title(report.osv.get(f.osv))} (${call}; ${found}, ${fixed})`
    });
  }
  return { findings, uncalled: new Set([...all].filter((id) => !called.has(id))) };
}
async function runGovulncheck(bin, packages, opts) {
  let args = ["-format", "json", ...opts.db ? ["-db", opts.db] : [], ...packages], r = await exec(bin, args, { cwd: opts.cwd, env: opts.env, allowFailure: !0 });
  if (r.code !== 0) {
    let dbWhy = /fetching vulnerabilities|vuln\.go\.dev|unrecognized vulndb format|dial tcp|no such host/i.test(r.stderr) ? `; could it reach the vulnerability database ${opts.db ?? "https://vuln.go.dev"}? Set vuln-db to a mirror (a URL or a folder in govulncheck's format)` : "";
    return toolResult(
      "vuln",
      !1,
      [],
      r.stderr,
      r.durationMs,
      `govulncheck ${describeExit(r.code, r.signal)}: ${lastLines(r.stderr || r.stdout, 3)}${dbWhy}`
    );
  }
  let report = parseVulnReport(r.stdout), { findings, uncalled } = vulnFindings(report, opts.modules, opts.cwd), log = [
    ...findings.map((f) => `${f.file ? `${f.file}:${f.line}:${f.col ?? 0}: ` : ""}${f.message}`),
    ...uncalled.size > 0 ? [`${uncalled.size} more in required modules or imported packages, never called: ${[...uncalled].join(", ")}`] : [],
    `govulncheck: ${findings.length} vulnerable call(s) found`
  ].join(`
`);
  return toolResult("vuln", findings.length === 0, findings, `${log}
${r.stderr}`, r.durationMs);
}
async function installGovulncheck(go, binDir, cwd, env) {
  if ((env.GOPROXY ?? "").trim() === "off") return { why: "GOPROXY=off forbids downloading it" };
  let r = await exec(go, ["install", GOVULNCHECK], { cwd, env: { ...env, GOBIN: binDir, GOFLAGS: "" }, allowFailure: !0, timeoutMs: 18e4 });
  return r.code === 0 && await isExecutable(join7(binDir, "govulncheck")) ? { bin: join7(binDir, "govulncheck") } : { why: `go install ${GOVULNCHECK} failed: ${lastLines(r.stderr || r.stdout, 1) || describeExit(r.code, r.signal)}` };
}
async function runVulnLayer(ctx) {
  let bin = await findTool("govulncheck", ctx.env, await ctx.goEnv());
  if (!bin) {
    ctx.reporter.info(`govulncheck is not installed; installing ${GOVULNCHECK}`);
    let installed = await installGovulncheck(ctx.go, join7(ctx.workDir, "bin"), ctx.cwd, ctx.env);
    if (!installed.bin) {
      let why = `govulncheck is not installed and could not be installed (${installed.why}); the vuln layer did not run. Install it with go install ${GOVULNCHECK}`;
      return ctx.reporter.notice(why), skippedLayer("vuln", why);
    }
    bin = installed.bin;
  }
  return ctx.reporter.info(`govulncheck ${ctx.db ? `-db ${ctx.db} ` : ""}${ctx.packages.join(" ")}`), runGovulncheck(bin, ctx.packages, { cwd: ctx.cwd, env: ctx.env, db: ctx.db, modules: ctx.modules });
}

// packages/go-test/src/run.ts
var GO_TEST_LAYERS = ["unit", "race", "integration", "e2e"];
async function prepare(inputs, ctx) {
  let env = { ...ctx.env }, cwd = inputs.workingDirectory, has = (l) => inputs.layers.includes(l), go = await findTool("go", env);
  if (!go) throw new GantryError("no `go` on PATH: install Go first (actions/setup-go, or go-build with go-version)");
  let modules = await findModules(go, cwd, env), pkgDirs = new PackageDirs(modules), untagged, tagged = async (layer, tags) => {
    if (!has(layer)) return [];
    untagged ??= listPackages(go, inputs.packages, [], cwd, env);
    let [before, list] = await Promise.all([untagged, listPackages(go, inputs.packages, tags, cwd, env)]);
    return pkgDirs.add(list), taggedPackages(before, list);
  }, [integrationPkgs, e2ePkgs] = await Promise.all([tagged("integration", inputs.integrationTags), tagged("e2e", inputs.e2eTags)]), raceWhy = has("race") ? await raceProblem(env) : void 0, e2eBinary = has("e2e") && e2ePkgs.length > 0 ? await resolveE2eBinary(inputs.e2eBinary, inputs.manifest) : void 0, goEnvAsked, goEnv = () => (goEnvAsked ??= readGoEnv(go, cwd, env), goEnvAsked);
  return { goVersion: await goVersionOf(go), env, cwd, go, goEnv, modules, pkgDirs, integrationPkgs, e2ePkgs, raceWhy, e2eBinary };
}
async function goTest(inputs, ctx) {
  let started = performance.now(), { reporter } = ctx, p = await prepare(inputs, ctx);
  reporter.info(`go-test: layers ${inputs.layers.join(" → ")} on ${inputs.packages.join(" ")} in ${p.cwd}`);
  let temp = ctx.env.RUNNER_TEMP || tmpdir();
  await mkdir(temp, { recursive: !0 });
  let workDir = await mkdtemp(join8(temp, "gantry-go-test-")), tctx = {
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
  let { reporter } = tctx;
  switch (name) {
    case "vet":
      return runVet(p.go, inputs.packages, p.cwd, p.env);
    case "unit":
      return runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-short"] });
    case "race":
      return p.raceWhy ? (reporter.warning(`race layer skipped: ${p.raceWhy}`), skippedLayer(name, p.raceWhy)) : (p.env.CGO_ENABLED === "0" && reporter.info("CGO_ENABLED=0 is set: the race layer runs with CGO_ENABLED=1, which -race needs"), runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-race"], env: { CGO_ENABLED: "1" } }));
    case "integration":
      return p.integrationPkgs.length === 0 ? skippedLayer(name, `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.integrationTags.join(",")}`) : runTestLayer(tctx, { name, packages: p.integrationPkgs, flags: [`-tags=${inputs.integrationTags.join(",")}`] });
    case "e2e":
      return runE2eLayer(inputs, p, tctx, logs);
    case "vuln":
      return runVulnLayer({ ...p, packages: inputs.packages, db: inputs.vulnDb, workDir: tctx.workDir, reporter });
    case "lint":
      return runLintLayer(
        { ...p, packages: inputs.packages, reporter },
        done.some((l) => l.layer === "vet" && l.status !== "not-run")
      );
  }
}
async function runE2eLayer(inputs, p, tctx, logs) {
  if (p.e2ePkgs.length === 0 || !p.e2eBinary)
    return skippedLayer("e2e", `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.e2eTags.join(",")}`);
  let started = performance.now(), service;
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
  goTestStage
};
