import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  GantryError,
  InputError,
  envSecrets,
  formatDuration,
  isSecretName,
  lastLines,
  parseDuration,
  urlPasswords
} from "./chunk-FZKQP3XX.js";

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
            let stat = readFileSync(`/proc/${entry}/stat`, "utf8"), [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
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
import { connect } from "node:net";

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
  let where = (w) => w?.title ? { ...w, title: redact(w.title) } : w;
  return {
    info: (m) => inner.info(redact(m)),
    debug: (m) => inner.debug(redact(m)),
    annotate: (a) => inner.annotate({ ...a, message: redact(a.message), ...a.title ? { title: redact(a.title) } : {} }),
    warning: (m, w) => inner.warning(redact(m), where(w)),
    notice: (m, w) => inner.notice(redact(m), where(w)),
    group: (title, fn) => inner.group(redact(title), fn),
    mask: (s) => inner.mask(s),
    flush: () => inner.flush()
  };
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

export {
  WordsError,
  splitWords,
  shellOnlyWord,
  argSecrets,
  redactor,
  redactingReporter,
  startProcess,
  logTail,
  howExited,
  waitExit,
  groupAlive,
  stopProcess,
  DEFAULT_SERVICE_TIMEOUT_MS,
  parseReadiness,
  parseServices,
  probe,
  awaitReady,
  startServices
};
