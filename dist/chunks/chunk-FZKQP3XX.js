import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  debug,
  error,
  getState,
  group,
  info,
  notice,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  warning
} from "./chunk-3VH2S33U.js";

// packages/core/src/errors.ts
var GantryError = class extends Error {
  name = "GantryError";
}, InputError = class extends GantryError {
  constructor(input, value, accepted) {
    super(`input '${input}': ${JSON.stringify(value)} is not valid; ${accepted}`);
    this.input = input;
    this.value = value;
    this.accepted = accepted;
  }
  input;
  value;
  accepted;
  name = "InputError";
};
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

// packages/core/src/units.ts
var SIZE_UNITS = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KIB: 1024,
  MIB: 1048576,
  GIB: 1073741824
};
function parseSize(text) {
  let m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(text.trim());
  if (!m) return;
  let unit = (m[2] || "B").toUpperCase(), factor = SIZE_UNITS[unit];
  if (factor === void 0) return;
  let bytes = Number(m[1]) * factor;
  return Number.isFinite(bytes) ? Math.round(bytes) : void 0;
}
var SIZE_ACCEPTED = "accepted: a number with a unit and no space, e.g. 8MB, 512KiB, 1200000B", DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(text) {
  let t = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h))+$/.test(t)) return;
  let total = 0;
  for (let m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]];
  return Number.isFinite(total) ? Math.round(total) : void 0;
}
var DURATION_ACCEPTED = "accepted: a number with a unit (ms, s, m, h), e.g. 30s, 5m30s, 250ms";
function parsePercent(text) {
  let m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  return m ? Number(m[1]) : void 0;
}
function formatBytes(bytes) {
  let units = ["B", "KiB", "MiB", "GiB"], v = bytes, i = 0;
  for (; Math.abs(v) >= 1024 && i < units.length - 1; )
    v /= 1024, i++;
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
function formatDuration(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}

// packages/core/src/exec.ts
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
var ExecError = class extends GantryError {
  constructor(result) {
    let how = result.timedOut ? "timed out" : result.signal ? `was killed by ${result.signal}` : `exited with ${result.code}`, tail = lastLines(result.stderr || result.stdout, 10);
    super(`\`${result.command.join(" ")}\` ${how}${tail ? `:
${tail}` : ""}`);
    this.result = result;
  }
  result;
  name = "ExecError";
  get code() {
    return this.result.code;
  }
  get stderrTail() {
    return lastLines(this.result.stderr, 10);
  }
}, intervals = [];
function childProcessTime() {
  let sorted = [...intervals].sort((a, b) => a[0] - b[0]), total = 0, end = Number.NEGATIVE_INFINITY;
  for (let [s, e] of sorted)
    e <= end || (total += e - Math.max(s, end), end = e);
  return total;
}
function lastLines(text, n) {
  return text.trimEnd().split(`
`).slice(-n).join(`
`);
}
function exec(file, args, options = {}) {
  let started = performance.now(), maxBuffer = options.maxBuffer ?? 8 * 1024 * 1024, env = { ...options.env ?? process.env };
  for (let [k, v] of Object.entries(options.extraEnv ?? {}))
    v === void 0 ? delete env[k] : env[k] = v;
  return new Promise((resolve3, reject) => {
    let child = spawn(file, args, { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] }), out = new StreamCollector(maxBuffer, options.onStdoutLine), err = new StreamCollector(maxBuffer, options.onStderrLine);
    child.stdout.on("data", (d) => out.push(d)), child.stderr.on("data", (d) => err.push(d));
    let timedOut = !1, killTimer, timer = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
      timedOut = !0, child.kill("SIGTERM"), killTimer = setTimeout(() => child.kill("SIGKILL"), 2e3);
    }, options.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer), clearTimeout(killTimer), reject(
        new GantryError(
          e.code === "ENOENT" ? `\`${file}\` was not found on PATH (or cwd ${options.cwd ?? "."} does not exist)` : `\`${file}\` could not start: ${e.message}`
        )
      );
    }), child.on("close", (code, signal) => {
      clearTimeout(timer), clearTimeout(killTimer), intervals.push([started, performance.now()]);
      let result = {
        command: [file, ...args],
        code,
        signal,
        stdout: out.end(),
        stderr: err.end(),
        durationMs: performance.now() - started,
        timedOut
      };
      code === 0 && !timedOut || options.allowFailure ? resolve3(result) : reject(new ExecError(result));
    }), child.stdin.on("error", () => {
    }), options.inputFile === void 0 ? child.stdin.end(options.input) : streamFile(options.inputFile, child.stdin, (why) => {
      err.push(Buffer.from(`${why}
`)), child.kill("SIGTERM");
    });
  });
}
function streamFile(path, stdin, fail) {
  let file = createReadStream(path);
  file.on("error", (e) => fail(`could not read ${path}: ${e.message}`)), file.pipe(stdin);
}
var LineSplitter = class {
  constructor(onLine) {
    this.onLine = onLine;
  }
  onLine;
  pending = [];
  decoder = new StringDecoder("utf8");
  push(d) {
    let text = this.decoder.write(d), start = 0;
    for (let nl = text.indexOf(`
`); nl >= 0; nl = text.indexOf(`
`, start)) {
      this.pending.push(text.slice(start, nl));
      let line = this.pending.join("");
      this.pending = [], this.onLine(line), start = nl + 1;
    }
    start < text.length && this.pending.push(text.slice(start));
  }
  /** Flushes the last, unterminated line. */
  end() {
    let rest = this.pending.join("") + this.decoder.end();
    this.pending = [], rest !== "" && this.onLine(rest);
  }
}, StreamCollector = class {
  constructor(max, onLine) {
    this.max = max;
    onLine && (this.lines = new LineSplitter(onLine));
  }
  max;
  chunks = [];
  size = 0;
  lines;
  push(d) {
    for (this.chunks.push(d), this.size += d.length; this.size > this.max && this.chunks.length > 1; ) this.size -= this.chunks.shift().length;
    this.lines?.push(d);
  }
  end() {
    return this.lines?.end(), Buffer.concat(this.chunks).toString("utf8");
  }
};

// packages/core/src/fsx.ts
import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, copyFile, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
async function sha256File(path) {
  return (await digestFile(path)).sha256;
}
var DIGEST_CHUNK = 1 << 20;
async function digestFile(path) {
  let handle = await open(path, "r");
  try {
    let hash = createHash("sha256"), [filling, spare] = [Buffer.allocUnsafe(DIGEST_CHUNK), Buffer.allocUnsafe(DIGEST_CHUNK)], size = 0, reading = handle.read(filling, 0, DIGEST_CHUNK, 0);
    for (; ; ) {
      let { bytesRead } = await reading;
      if (bytesRead === 0) break;
      size += bytesRead, [filling, spare] = [spare, filling], reading = handle.read(filling, 0, DIGEST_CHUNK, size), hash.update(spare.subarray(0, bytesRead));
    }
    return { sha256: hash.digest("hex"), size };
  } finally {
    await handle.close();
  }
}
async function readWholeFile(path) {
  let handle = await open(path, "r");
  try {
    let { size } = await handle.stat(), buffer = Buffer.allocUnsafe(size), offset = 0;
    for (; offset < size; ) {
      let { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === size ? buffer : buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}
async function exists(path) {
  try {
    return await access(path), !0;
  } catch {
    return !1;
  }
}
function tempPathBeside(path) {
  let name = basename(path);
  return `${path.slice(0, path.length - name.length)}${name.slice(0, 100)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
}
var EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
async function writeNewFile(path, data, mode) {
  let fh = await open(path, EXCLUSIVE, mode ?? 438);
  try {
    if (typeof data == "string" || data instanceof Uint8Array) await fh.writeFile(data);
    else for await (let chunk of data) await fh.write(chunk);
    mode !== void 0 && await fh.chmod(mode);
  } finally {
    await fh.close();
  }
}
async function writeFileAtomic(path, data, mode, tmp = tempPathBeside(path)) {
  try {
    await writeNewFile(tmp, data, mode).catch(async (err) => {
      if (err.code !== "ENOENT") throw err;
      await mkdir(dirname(path), { recursive: !0 }), await writeNewFile(tmp, data, mode);
    }), await rename(tmp, path);
  } catch (err) {
    throw await rm(tmp, { force: !0 }), err;
  }
}
async function copyFileAtomic(source, path) {
  let tmp = tempPathBeside(path);
  try {
    await copyFile(source, tmp, constants.COPYFILE_EXCL), await rename(tmp, path);
  } catch (err) {
    throw await rm(tmp, { force: !0 }), err;
  }
}

// packages/core/src/manifest.ts
import { readFile } from "node:fs/promises";
import { dirname as dirname2, isAbsolute, relative, resolve } from "node:path";
var SBOM_SUFFIXES = { spdx: ".spdx.json", cyclonedx: ".cdx.json" }, MANIFEST_FILE = "artifacts.json";
async function readManifest(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new GantryError(`manifest ${path} cannot be read (${err.code}); run go-build first or pass its path`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GantryError(`manifest ${path} is not valid JSON: ${err.message}`);
  }
  let m = data;
  if (m?.schema !== 1 || !Array.isArray(m.artifacts))
    throw new GantryError(`manifest ${path} is not a gantry artifacts manifest (expected schema 1 with an artifacts array)`);
  for (let a of m.artifacts)
    if (typeof a?.path != "string" || typeof a.target != "string" || typeof a.sha256 != "string")
      throw new GantryError(`manifest ${path} has an artifact without path, target or sha256: ${JSON.stringify(a)}`);
  return m;
}
async function writeManifest(path, manifest) {
  await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}
`);
}
function resolveInManifest(manifestPath, file) {
  return isAbsolute(file) ? file : resolve(dirname2(manifestPath), file);
}

// packages/core/src/target.ts
var PART = /^[a-z0-9][a-z0-9.]*$/;
function parseTarget(text, input = "targets") {
  let parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p)))
    throw new InputError(input, text, "accepted: os/arch or os/arch/variant in lower case, e.g. linux/amd64, linux/arm/v7");
  return { os: parts[0], arch: parts[1], variant: parts[2] ?? "" };
}
function formatTarget(t) {
  return t.variant ? `${t.os}/${t.arch}/${t.variant}` : `${t.os}/${t.arch}`;
}
function targetSlug(t) {
  return `${t.os}_${t.arch}${t.variant}`;
}
function exeSuffix(t) {
  return t.os === "windows" ? ".exe" : "";
}
function hostTarget() {
  let arch = { x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" }[process.arch] ?? process.arch;
  return { os: process.platform === "win32" ? "windows" : process.platform, arch, variant: "" };
}
function editDistance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      let tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1)), prev = tmp;
    }
  }
  return row[b.length];
}
function nearest(value, candidates, count = 5) {
  return [...candidates].map((c) => ({ c, d: editDistance(value, c) })).sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, count).map((x) => x.c);
}

// packages/core/src/lazy.ts
function commonJsExports(m) {
  return m.default ?? m;
}

// packages/core/src/tarball.ts
function withParents(entries) {
  let byPath = /* @__PURE__ */ new Map();
  for (let e of entries) {
    let parts = e.path.replace(/\/$/, "").split("/");
    for (let i = 1; i < parts.length; i++) {
      let dir = `${parts.slice(0, i).join("/")}/`;
      byPath.has(dir) || byPath.set(dir, { path: dir, mode: 493 });
    }
  }
  for (let e of entries) byPath.set(e.path, e);
  return [...byPath.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
var REPRODUCIBLE_TAR_FORMAT = "gantry-tar-1 ustar uid0 gid0 parents sorted";
async function reproducibleTar(entries, mtimeSeconds) {
  let { pack } = commonJsExports(await import("./tar-stream-3EDDGGEL.js")), tar = pack(), chunks = [];
  tar.on("data", (c) => chunks.push(c));
  let finished = new Promise((res, rej) => {
    tar.on("end", res), tar.on("error", rej);
  }), mtime = new Date(mtimeSeconds * 1e3);
  for (let e of withParents(entries)) {
    let header = { name: e.path, mtime, uid: 0, gid: 0, uname: "", gname: "", mode: e.mode };
    e.data === void 0 ? tar.entry({ ...header, type: "directory" }) : tar.entry({ ...header, type: "file", size: e.data.length }, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
  }
  return tar.finalize(), await finished, Buffer.concat(chunks);
}

// packages/core/src/which.ts
import { constants as constants2 } from "node:fs";
import { access as access2 } from "node:fs/promises";
import { delimiter, isAbsolute as isAbsolute2, join } from "node:path";
async function which(command, env = process.env) {
  if (isAbsolute2(command)) return await isExecutable(command) ? command : void 0;
  for (let dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    let candidate = join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
}
async function isExecutable(path) {
  try {
    return await access2(path, constants2.X_OK), !0;
  } catch {
    return !1;
  }
}

// packages/core/src/net.ts
import { createServer } from "node:net";
function freePort() {
  return new Promise((res, rej) => {
    let srv = createServer();
    srv.once("error", rej), srv.listen(0, "127.0.0.1", () => {
      let addr = srv.address(), port = typeof addr == "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

// packages/core/src/cache.ts
import { randomBytes as randomBytes2 } from "node:crypto";

// packages/core/src/inputs.ts
import { isAbsolute as isAbsolute3, resolve as resolve2 } from "node:path";
function envInputSource(env = process.env) {
  return (name) => env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`];
}
function mapInputSource(values) {
  return (name) => values[name];
}
var InputReader = class _InputReader {
  constructor(source, defaults = {}) {
    this.source = source;
    this.defaults = defaults;
  }
  source;
  defaults;
  /**
   * A reader over another stage's inputs: `prefix + name` from the same source (the pipeline's
   * `slim-max-size`), with that stage's defaults, and fixed values that win (the manifest).
   */
  scoped(prefix, defaults, fixed = {}) {
    return new _InputReader((name) => fixed[name] ?? this.source(prefix + name), defaults);
  }
  /** Raw trimmed text, or the default, or "". */
  string(name) {
    let raw = this.source(name);
    return (raw === void 0 || raw.trim() === "" ? this.defaults[name] ?? "" : raw).trim();
  }
  /** A file path on one line, resolved against `cwd`; "" when empty. */
  path(name, cwd) {
    let v = this.string(name);
    if (v === "") return "";
    if (/[\0\r\n]/.test(v)) throw new InputError(name, v, "accepted: a file path on one line");
    return isAbsolute3(v) ? v : resolve2(cwd, v);
  }
  /** Like string() but fails when empty. */
  required(name, accepted) {
    let v = this.string(name);
    if (v === "") throw new InputError(name, v, `it is required; ${accepted}`);
    return v;
  }
  /**
   * true or false, spelt as YAML 1.2 and @actions/core's getBooleanInput accept them (true, True,
   * TRUE …); `yes`, `on` or `1` are refused like any other text rather than guessed (issue 11).
   */
  bool(name) {
    let v = this.string(name);
    if (/^(true|True|TRUE)$/.test(v)) return !0;
    if (/^(false|False|FALSE|)$/.test(v)) return !1;
    throw new InputError(name, v, "accepted: true or false");
  }
  choice(name, options) {
    let v = this.string(name);
    if (options.includes(v)) return v;
    throw new InputError(name, v, `accepted: ${options.join(", ")}`);
  }
  /**
   * Comma- or newline-separated values, trimmed, empty ones dropped. With `what` (the values'
   * name, e.g. "targets"), none of them may hold a space: `linux/amd64 linux/arm64` is two values
   * written the shell's way, and saying so beats a did-you-mean for one odd value.
   */
  list(name, what) {
    let values = splitList(this.string(name)), spaced = what === void 0 ? void 0 : values.find((v) => /\s/.test(v));
    if (spaced !== void 0) throw new InputError(name, spaced, `separate ${what} with commas (or new lines), not spaces`);
    return values;
  }
  /** Newline-separated values only (for values that may contain commas). */
  lines(name) {
    return this.string(name).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== "");
  }
  int(name, min, max) {
    let v = this.string(name);
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new InputError(name, v, `accepted: a whole number from ${min} to ${max}`);
    return Number(v);
  }
  /** Milliseconds; a unit is required. */
  duration(name) {
    let v = this.string(name), ms = parseDuration(v);
    if (ms === void 0) throw new InputError(name, v, DURATION_ACCEPTED);
    return ms;
  }
  /** Bytes, or undefined when empty. */
  size(name) {
    let v = this.string(name);
    if (v === "") return;
    let bytes = parseSize(v);
    if (bytes === void 0) throw new InputError(name, v, SIZE_ACCEPTED);
    return bytes;
  }
  /** A percentage from 0 to 100, or undefined when empty. */
  percent(name) {
    let v = this.string(name);
    if (v === "") return;
    let p = parsePercent(v) ?? (/^\d+(\.\d+)?$/.test(v) ? Number(v) : void 0);
    if (p === void 0 || p < 0 || p > 100) throw new InputError(name, v, "accepted: a percentage from 0 to 100, e.g. 80 or 1.5%");
    return p;
  }
  /** `KEY=value` lines; keys must be valid environment variable names. */
  keyValues(name) {
    let out = {};
    for (let line of this.lines(name)) {
      let eq = line.indexOf("="), key = eq > 0 ? line.slice(0, eq).trim() : "";
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
        throw new InputError(name, line, "accepted: one KEY=value per line, KEY made of letters, digits and _");
      out[key] = line.slice(eq + 1);
    }
    return out;
  }
};
function splitList(text) {
  return text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}

// packages/core/src/state.ts
var actionsState = {
  get: (key) => getState(key),
  set: (key, value) => saveState(key, value)
};
function memoryState() {
  let values = /* @__PURE__ */ new Map();
  return { get: (k) => values.get(k) ?? "", set: (k, v) => {
    values.set(k, v);
  } };
}
var StateKey = {
  /** JSON of the cache entries to save in post (see cache.ts). */
  CachePlan: "gantry-cache-plan",
  /** Files to delete in post (e.g. an SSH key). */
  Cleanup: "gantry-cleanup",
  /** The deploy in flight (run id, state-dir, inputs without secrets), for post to finish or roll back. */
  DeployRun: "gantry-deploy-run",
  /** The pipeline's stages that ran, for their post steps. */
  PipelineSteps: "gantry-pipeline-steps"
};
function savePostState(state, key, record, secrets) {
  let inputs = JSON.parse(JSON.stringify(record.inputs));
  for (let s of secrets) {
    let at = s.at && holder(inputs, s.at);
    at && (at.parent[at.key] = blank(at.parent[at.key]));
  }
  state.set(key, JSON.stringify({ ...record, inputs }));
}
function loadPostState(state, key, secrets, env) {
  let raw = state.get(key);
  if (!raw) return;
  let record = JSON.parse(raw), read = envInputSource(env);
  for (let s of secrets) {
    let value = s.post ? read(s.input)?.trim() : void 0, at = value && s.at && holder(record.inputs, s.at);
    at && (at.parent[at.key] = value);
  }
  return record;
}
function holder(root, path) {
  let parent = root;
  for (let step of path.slice(0, -1)) parent = isRecord(parent) && Object.hasOwn(parent, step) ? parent[step] : void 0;
  let key = path[path.length - 1];
  return key !== void 0 && isRecord(parent) && Object.hasOwn(parent, key) ? { parent, key } : void 0;
}
var isRecord = (v) => typeof v == "object" && v !== null && !Array.isArray(v);
function blank(v) {
  return Array.isArray(v) ? [] : isRecord(v) ? {} : typeof v == "string" ? "" : void 0;
}

// packages/core/src/cache.ts
function cacheServiceConfigured(env = process.env) {
  return !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
async function restoreCache(plan, reporter, state) {
  let cache = cacheServiceConfigured() ? await import("./cache-Z7FNZOBY.js") : void 0;
  if (!cache?.isFeatureAvailable())
    return reporter.info("cache: no cache service here (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL unset); going on without one"), { available: !1, hit: !1, settle: () => {
    } };
  let matched;
  try {
    matched = await cache.restoreCache(plan.paths, plan.key, [`${plan.key}-`, ...plan.restoreKeys]);
  } catch (err) {
    reporter.warning(`cache: restore failed, going on without it: ${err.message}`);
  }
  let record = { ...plan, matched };
  state.set(StateKey.CachePlan, JSON.stringify(record));
  let hit = matched?.startsWith(`${plan.key}-`) ?? !1;
  return reporter.info(matched ? `cache: restored ${matched}${hit ? " (this key)" : " (partial, through the restore-keys)"}` : `cache: no entry for ${plan.key}`), { available: !0, hit, matched, settle: (used) => settleCache(state, record, used) };
}
function settleCache(state, record, used) {
  state.set(StateKey.CachePlan, JSON.stringify({ ...record, settled: { used } }));
}
function entrySuffix(env) {
  return env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? "1"}` : randomBytes2(6).toString("hex");
}
async function saveCachePlan(reporter, state, env = process.env) {
  let raw = state.get(StateKey.CachePlan);
  if (!raw) return;
  let plan = JSON.parse(raw);
  if (!plan.settled) {
    reporter.info("cache: the main step did not succeed; nothing saved (its caches may be half made)");
    return;
  }
  let hit = plan.matched?.startsWith(`${plan.key}-`) ?? !1;
  if (hit && plan.settled.used) {
    reporter.info(`cache: ${plan.matched} was restored and used; nothing to save`);
    return;
  }
  let key = `${plan.key}-${entrySuffix(env)}`, cache = await import("./cache-Z7FNZOBY.js");
  try {
    await cache.saveCache(plan.paths, key), reporter.info(`cache: saved ${key}${hit ? ` (${plan.matched} was restored but held little of use)` : ""}`);
  } catch (err) {
    err instanceof cache.ReserveCacheError ? reporter.info(`cache: ${key} is being saved by another job; skipped`) : reporter.warning(`cache: save failed: ${err.message}`);
  }
}

// packages/core/src/report.ts
var MAX_ANNOTATIONS = 50, RANK = { error: 0, warning: 1, notice: 2 }, QueueingReporter = class {
  queued = [];
  annotate(annotation) {
    this.queued.push(annotation);
  }
  warning(message, where2 = {}) {
    this.annotate({ level: "warning", message, ...where2 });
  }
  notice(message, where2 = {}) {
    this.annotate({ level: "notice", message, ...where2 });
  }
  flush() {
    let ordered = this.queued.splice(0).map((a, i) => ({ a, i }));
    ordered.sort((x, y) => RANK[x.a.level] - RANK[y.a.level] || x.i - y.i);
    for (let { a } of ordered.slice(0, MAX_ANNOTATIONS)) this.emit(a);
    let dropped = ordered.length - MAX_ANNOTATIONS;
    if (dropped > 0) {
      this.info(`${dropped} more annotation(s) not shown (GitHub keeps ${MAX_ANNOTATIONS} per step):`);
      for (let { a } of ordered.slice(MAX_ANNOTATIONS)) this.info(`  ${a.level}: ${where(a)}${a.message}`);
    }
  }
};
function where(a) {
  return a.file ? `${a.file}${a.line ? `:${a.line}${a.col ? `:${a.col}` : ""}` : ""}: ` : "";
}
var ActionsReporter = class extends QueueingReporter {
  info(message) {
    info(message);
  }
  debug(message) {
    debug(message);
  }
  group(title, fn) {
    return group(title, fn);
  }
  mask(secret) {
    secret && setSecret(secret);
  }
  emit(a) {
    let all = { title: a.title, file: a.file, startLine: a.line, startColumn: a.col }, props = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== void 0)), emit = { error, warning, notice }[a.level];
    emit(a.message, props);
  }
}, TerminalReporter = class extends QueueingReporter {
  constructor(out = (l) => process.stderr.write(`${l}
`), verbose = !1) {
    super();
    this.out = out;
    this.verbose = verbose;
  }
  out;
  verbose;
  secrets = [];
  clean(text) {
    return this.secrets.reduce((t, s) => t.split(s).join("***"), text);
  }
  info(message) {
    this.out(this.clean(message));
  }
  debug(message) {
    this.verbose && this.out(this.clean(`debug: ${message}`));
  }
  async group(title, fn) {
    return this.out(this.clean(`▸ ${title}`)), fn();
  }
  mask(secret) {
    secret && this.secrets.push(secret);
  }
  emit(a) {
    this.out(this.clean(`${a.level}: ${where(a)}${a.title ? `${a.title}: ` : ""}${a.message}`));
  }
};

// packages/core/src/summary.ts
import { appendFileSync } from "node:fs";
var MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;
function cell(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function table(headers, rows) {
  let head = `| ${headers.map(cell).join(" | ")} |`, sep = `| ${headers.map(() => "---").join(" | ")} |`;
  return [head, sep, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join(`
`);
}
function details(summary, body) {
  return `<details><summary>${summary}</summary>

${body}

</details>`;
}
function codeBlock(text, lang = "") {
  let longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)), fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text}
${fence}`;
}
function writeSummary(markdown, reporter, env = process.env) {
  let text = markdown.endsWith(`
`) ? markdown : `${markdown}
`;
  Buffer.byteLength(text) > MAX_SUMMARY_BYTES && (text = `${Buffer.from(text).subarray(0, MAX_SUMMARY_BYTES).toString("utf8")}

… summary truncated at ${MAX_SUMMARY_BYTES} bytes
`);
  let file = env.GITHUB_STEP_SUMMARY;
  if (!file) {
    reporter.info(text);
    return;
  }
  try {
    appendFileSync(file, text);
  } catch (err) {
    reporter.warning(`could not write the job summary (${err.message}); it follows in the log`), reporter.info(text);
  }
}

// packages/core/src/stage.ts
async function parseStageInputs(stage, source, ctx) {
  let read = new InputReader(source, stage.inputs);
  for (let name of stage.secrets ?? []) {
    let value = read.string(name);
    if (value) {
      ctx.reporter.mask(value);
      for (let line of value.split(/\r?\n/)) line.trim().length > 3 && ctx.reporter.mask(line.trim());
    }
  }
  let inputs = await stage.parse(read, ctx);
  return markStartup(stage.name, ctx.env), inputs;
}
var STARTUP_MARK_ENV = "GANTRY_STARTUP_MARK", STARTUP_MARK_PREFIX = "gantry-startup:";
function markStartup(stage, env) {
  if (!env[STARTUP_MARK_ENV]) return;
  let cpu = process.cpuUsage(), wall = performance.timeOrigin + performance.now();
  process.stderr.write(`${STARTUP_MARK_PREFIX} ${stage} ${wall.toFixed(3)} ${((cpu.user + cpu.system) / 1e3).toFixed(1)}
`);
}
function formatOutput(value) {
  return value === void 0 ? "" : typeof value == "object" ? JSON.stringify(value) : String(value);
}
function actionsContext(reporter) {
  return {
    reporter,
    state: actionsState,
    env: process.env,
    cwd: process.cwd(),
    setOutput: (name, value) => setOutput(name, formatOutput(value)),
    summary: (md) => writeSummary(md, reporter)
  };
}
function failureMessage(err, reporter) {
  return !(err instanceof GantryError) && err instanceof Error && err.stack && reporter.debug(err.stack), messageOf(err);
}
async function runActionMain(stage) {
  let reporter = new ActionsReporter(), ctx = actionsContext(reporter);
  try {
    let inputs = await parseStageInputs(stage, envInputSource(), ctx);
    await stage.run(inputs, ctx);
  } catch (err) {
    reporter.flush(), setFailed(failureMessage(err, reporter));
  } finally {
    reporter.flush();
  }
}
async function runActionPost(stage) {
  let reporter = new ActionsReporter();
  try {
    await stage.post?.(actionsContext(reporter));
  } catch (err) {
    reporter.warning(`post step: ${failureMessage(err, reporter)}`);
  } finally {
    reporter.flush();
  }
}

// packages/core/src/tools.ts
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir2, rm as rm2 } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// packages/core/src/http.ts
function redactUrl(url) {
  try {
    let u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(an unparsable URL)";
  }
}
var PHASE_TEXT = { answer: "got no answer", data: "sent no data", deadline: "was not done" }, HttpTimeoutError = class extends GantryError {
  constructor(request, limitMs, phase) {
    super(`${request} ${PHASE_TEXT[phase]} within the ${formatDuration(limitMs)} ${phase === "deadline" ? "overall limit" : "limit"}`);
    this.request = request;
    this.limitMs = limitMs;
    this.phase = phase;
  }
  request;
  limitMs;
  phase;
  name = "HttpTimeoutError";
}, PIECE = 64 * 1024;
async function fetchWithTimeout(url, init, timeoutMs) {
  let what = `${init.method ?? "GET"} ${redactUrl(url)}`, ctrl = new AbortController(), timer, arm = (phase) => {
    clearTimeout(timer), timer = setTimeout(() => ctrl.abort(new HttpTimeoutError(what, timeoutMs, phase)), timeoutMs), timer.unref();
  }, deadline = init.deadlineMs === void 0 ? void 0 : setTimeout(() => ctrl.abort(new HttpTimeoutError(what, init.deadlineMs, "deadline")), init.deadlineMs);
  deadline?.unref();
  let done = () => {
    clearTimeout(timer), clearTimeout(deadline);
  };
  arm("answer");
  let bytes = init.body, offset = 0, body = bytes && bytes.length > PIECE ? new ReadableStream({
    pull(c) {
      if (arm("answer"), offset >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(offset, offset + PIECE)), offset += PIECE;
    }
  }) : bytes, res;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body,
      redirect: init.redirect ?? "manual",
      signal: ctrl.signal,
      duplex: "half"
    });
  } catch (err) {
    throw done(), ctrl.signal.aborted ? ctrl.signal.reason : err;
  }
  if (!res.body)
    return done(), res;
  arm("data");
  let watched = res.body.pipeThrough(
    new TransformStream({
      transform(chunk, c) {
        arm("data"), c.enqueue(chunk);
      },
      flush: done
    }),
    { signal: ctrl.signal }
  );
  return new Response(watched, { status: res.status, statusText: res.statusText, headers: res.headers });
}
async function readBodyLimited(res, max, what) {
  let chunks = [], size = 0;
  for await (let chunk of res.body ?? []) {
    if (size += chunk.length, size > max)
      throw await res.body?.cancel().catch(() => {
      }), new GantryError(`${what} is larger than ${max} bytes; refusing to read more`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
async function discardBody(res) {
  await res.body?.cancel().catch(() => {
  });
}
function safeText(text) {
  return text.trim().replace(/\r\n?/g, `
`).replace(/\t/g, " ").replace(/%/g, "%25").replace(/\n/g, "%0A").replace(/[\p{Cc}\p{Cf}]/gu, "");
}
async function readErrorBody(res, max = 4096) {
  let chunks = [], size = 0;
  try {
    for await (let chunk of res.body ?? [])
      if (chunks.push(chunk), size += chunk.length, size >= max) break;
  } catch {
  }
  await res.body?.cancel().catch(() => {
  });
  let text = Buffer.concat(chunks).subarray(0, max).toString("utf8").replace(/\uFFFD+$/, "");
  return safeText(text) + (size > max ? " …" : "");
}

// packages/core/src/tools.ts
function gantryCacheDir(env = process.env) {
  return env.GANTRY_CACHE_DIR?.trim() || join2(env.XDG_CACHE_HOME || join2(homedir(), ".cache"), "gantry");
}
function ensureRunnerDirs(env = process.env) {
  let base = gantryCacheDir(env);
  env.RUNNER_TOOL_CACHE ||= join2(base, "tool-cache"), env.RUNNER_TEMP ||= join2(base, "tmp");
}
function toolCache() {
  return import("./tool-cache-VQ4Y6AIK.js");
}
async function findCachedTool(tool, version, arch) {
  return ensureRunnerDirs(), (await toolCache()).find(tool, version, arch) || void 0;
}
var TOOL_DOWNLOAD_TIMEOUT_MS = 6e4, TOOL_DOWNLOAD_MAX_BYTES = 512 * 1024 * 1024;
function sizeLimit(limit, what) {
  return async function* (source) {
    let size = 0;
    for await (let chunk of source) {
      if (size += chunk.length, size > limit) throw new GantryError(`the download is larger than ${what} (${limit} bytes); it was stopped`);
      yield chunk;
    }
  };
}
async function download(url, timeoutMs, size) {
  let dir = process.env.RUNNER_TEMP;
  await mkdir2(dir, { recursive: !0 });
  let file = join2(dir, `gantry-download-${randomUUID()}`);
  try {
    let res = await fetchWithTimeout(url, { headers: { "User-Agent": "gantry" }, redirect: "follow" }, timeoutMs);
    if (!res.ok || !res.body) {
      let why = `HTTP ${res.status}${res.ok ? "" : ` ${await readErrorBody(res, 512)}`}`.trim();
      throw Object.assign(new GantryError(why), { retryable: res.status >= 500 || res.status === 429 });
    }
    let limit = size ?? TOOL_DOWNLOAD_MAX_BYTES, what = size === void 0 ? "the limit for a tool download, TOOL_DOWNLOAD_MAX_BYTES" : "the size the release list gives", declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (declared > limit)
      throw await res.body.cancel().catch(() => {
      }), new GantryError(`the server announces ${declared} bytes, more than ${what} (${limit} bytes); it was not downloaded`);
    let body = Readable.fromWeb(res.body);
    return await pipeline(body, sizeLimit(limit, what), createWriteStream(file, { mode: 384 })), file;
  } catch (err) {
    throw await rm2(file, { force: !0 }), err;
  }
}
async function installTool(release, reporter, timeoutMs = TOOL_DOWNLOAD_TIMEOUT_MS) {
  let cached = await findCachedTool(release.tool, release.version, release.arch), tc = await toolCache();
  if (cached)
    return reporter.info(`${release.tool} ${release.version} (${release.arch}) found in the tool cache`), cached;
  let where2 = redactUrl(release.url);
  reporter.info(`downloading ${release.tool} ${release.version} (${release.arch}) from ${where2}`);
  let file = "";
  for (let attempt = 1; !file; attempt++)
    try {
      file = await download(release.url, timeoutMs, release.size);
    } catch (err) {
      if (!(err.retryable ?? !(err instanceof GantryError)) || attempt === 3)
        throw new GantryError(`${release.tool} ${release.version} could not be downloaded from ${where2}: ${err.message}`);
      reporter.info(`download of ${where2} failed (${err.message}); retrying`), await new Promise((r) => setTimeout(r, 1e3 * attempt));
    }
  try {
    let actual = await sha256File(file);
    if (actual !== release.sha256.toLowerCase())
      throw new GantryError(`${release.tool} ${release.version} from ${where2} has sha256 ${actual}, expected ${release.sha256}; it was not installed`);
    let extracted = release.format === "zip" ? await tc.extractZip(file) : await tc.extractTar(file, void 0, release.format === "tar.xz" ? "xJ" : "xz"), dir = release.root ? join2(extracted, release.root) : extracted;
    return await tc.cacheDir(dir, release.tool, release.version, release.arch);
  } finally {
    await rm2(file, { force: !0 });
  }
}
function runnerArch() {
  return process.arch;
}

// packages/core/src/golang.ts
import { readFile as readFile2 } from "node:fs/promises";
import { basename as basename2, join as join3 } from "node:path";
var semver = async () => commonJsExports(await import("./semver-7GN7MC3V.js"));
function normalizeGoVersion(text) {
  let m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$/.exec(text.trim());
  if (m)
    return `${m[1]}.${m[2]}.${m[3] ?? "0"}${m[4] ? `-${m[4]}` : ""}`;
}
async function describeGo(go) {
  let { stdout } = await exec(go, ["env", "GOVERSION", "GOROOT", "GOCACHE", "GOMODCACHE", "GOHOSTOS", "GOHOSTARCH"]), [v = "", goroot = "", gocache = "", gomodcache = "", hostOS = "", hostArch = ""] = stdout.split(`
`).map((s) => s.trim()), version = normalizeGoVersion(v);
  if (!version) throw new GantryError(`\`${go} env GOVERSION\` printed ${JSON.stringify(v)}, which is not a Go version`);
  return { go, version, goroot, gocache, gomodcache, hostOS, hostArch };
}
async function goVersionRange(spec, input = "go-version") {
  let s = spec.trim().replace(/^go/, "");
  if (/^\d+\.\d+$/.test(s)) return `${s}.x`;
  let exact = normalizeGoVersion(s);
  if (exact) return exact;
  let range = (await semver()).validRange(s);
  if (!range) throw new InputError(input, spec, "accepted: a Go version such as 1.22, 1.22.3 or a range such as >=1.21");
  return range;
}
async function goVersionFromFile(path) {
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch {
    throw new InputError("go-version-file", path, "the file cannot be read; accepted: a path to go.mod, go.work, .go-version or .tool-versions");
  }
  let name = basename2(path);
  if (name === "go.mod" || name === "go.work") {
    let toolchain = /^toolchain\s+go(\S+)/m.exec(text)?.[1];
    if (toolchain) return normalizeGoVersion(toolchain) ?? toolchain;
    let directive = /^go\s+(\d+\.\d+(?:\.\d+)?)/m.exec(text)?.[1];
    if (!directive) throw new InputError("go-version-file", path, "it has no `go` directive");
    return `>=${normalizeGoVersion(directive)}`;
  }
  let tv = /^golang\s+(\S+)/m.exec(text)?.[1], v = (name === ".tool-versions" ? tv : text.trim().split(/\s+/)[0]) ?? "";
  if (!v) throw new InputError("go-version-file", path, "no Go version found in it");
  return v;
}
async function moduleGoDirective(goModPath) {
  let text = await readFile2(goModPath, "utf8"), v = /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text)?.[1];
  return v ? normalizeGoVersion(v) : void 0;
}
var GO_ARCH = { x64: "amd64", arm64: "arm64", arm: "armv6l", ia32: "386", ppc64: "ppc64le", s390x: "s390x" }, GO_DOWNLOAD_INPUT = "go-download-base-url";
async function installFromMirror(...args) {
  try {
    return await installTool(...args);
  } catch (err) {
    throw new GantryError(`${err.message} (the mirror is ${GO_DOWNLOAD_INPUT})`);
  }
}
async function resolveGo(range, downloadBase, reporter, timeoutMs = TOOL_DOWNLOAD_TIMEOUT_MS) {
  let onPath;
  try {
    onPath = await describeGo("go");
  } catch (err) {
    if (!range) throw new GantryError(`no usable \`go\` on PATH (${err.message}); set go-version to install one`);
  }
  let { satisfies, rcompare } = await semver();
  if (onPath && (!range || satisfies(onPath.version, range, { includePrerelease: !0 }))) return onPath;
  let wanted = range;
  reporter.info(`go ${onPath?.version ?? "(none)"} on PATH does not satisfy ${wanted}; installing`);
  let index = `${downloadBase.replace(/\/$/, "")}/?mode=json&include=all`, files;
  try {
    let res = await fetchWithTimeout(index, { headers: { "User-Agent": "gantry" }, redirect: "follow" }, timeoutMs);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${await readErrorBody(res, 512)}`.trim());
    files = JSON.parse((await readBodyLimited(res, 64 * 1024 * 1024, "the index")).toString("utf8")).flatMap((r) => r.files);
  } catch (err) {
    throw new GantryError(
      `the Go release index ${redactUrl(index)} could not be read: ${err.message}; set ${GO_DOWNLOAD_INPUT} to a mirror of go.dev/dl this runner can reach, or put a Go satisfying ${wanted} on PATH`
    );
  }
  let os = process.platform === "win32" ? "windows" : process.platform, arch = GO_ARCH[process.arch] ?? process.arch, best = files.filter((f) => f.os === os && f.arch === arch && f.kind === "archive" && normalizeGoVersion(f.version)).filter((f) => satisfies(normalizeGoVersion(f.version), wanted, { includePrerelease: !0 })).sort((a, b) => rcompare(normalizeGoVersion(a.version), normalizeGoVersion(b.version)))[0];
  if (!best) throw new GantryError(`no Go release for ${os}/${arch} satisfies ${wanted} in ${redactUrl(index)} (${GO_DOWNLOAD_INPUT})`);
  let version = normalizeGoVersion(best.version), dir = await installFromMirror(
    {
      tool: "go",
      version,
      arch: runnerArch(),
      url: `${downloadBase.replace(/\/$/, "")}/${best.filename}`,
      sha256: best.sha256,
      format: best.filename.endsWith(".zip") ? "zip" : "tar.gz",
      root: "go",
      ...typeof best.size == "number" && best.size > 0 ? { size: best.size } : {}
    },
    reporter,
    timeoutMs
  );
  return describeGo(join3(dir, "bin", os === "windows" ? "go.exe" : "go"));
}

// packages/core/src/secrets.ts
var SECRET_NAME = /SECRET|TOKEN|PASSW|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|DSN|DATABASE_URL|_KEY$/i;
function isSecretName(name) {
  return SECRET_NAME.test(name);
}
var URL_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@/g;
function urlPasswords(text) {
  let out = [];
  for (let m of text.matchAll(URL_PASSWORD)) {
    let raw = m[1];
    out.push(raw);
    try {
      let decoded = decodeURIComponent(raw);
      decoded !== raw && out.push(decoded);
    } catch {
    }
  }
  return out;
}
function envSecrets(env) {
  let out = [];
  for (let [k, v] of Object.entries(env))
    isSecretName(k) && out.push(v), out.push(...urlPasswords(v));
  return [...new Set(out.filter((v) => v.length > 0))];
}

// packages/core/src/provenance.ts
import { readFile as readFile3 } from "node:fs/promises";
var GANTRY_VERSION = "0.1.0", STATEMENT_TYPE_V1 = "https://in-toto.io/Statement/v1", SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1", GANTRY_CLI_BUILDER = "https://github.com/gantry-dev/gantry/cli", PROVENANCE_FILE = "provenance.intoto.json";
function gantryBuildType(stage) {
  return `https://github.com/gantry-dev/gantry/${stage}@v1`;
}
var SHA256 = /^[0-9a-f]{64}$/, GIT_COMMIT = /^[0-9a-f]{40}$/;
function provenanceStatement(opts) {
  let subject = subjectsOf(opts.subjects), source = sourceOf(opts.source), internalParameters = { ...opts.internal };
  opts.goSumSha256 !== void 0 && (internalParameters.goSumSha256 = opts.goSumSha256);
  let resolvedDependencies = [];
  return source && resolvedDependencies.push(source), opts.goSumSha256 && resolvedDependencies.push({ name: "go.sum", digest: { sha256: checkSha256("go.sum", opts.goSumSha256) } }), resolvedDependencies.push(...opts.dependencies ?? []), {
    _type: STATEMENT_TYPE_V1,
    subject,
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: opts.buildType,
        externalParameters: { inputs: { ...opts.inputs }, ...source ? { source } : {} },
        internalParameters,
        resolvedDependencies
      },
      runDetails: runDetailsOf(opts.env, opts.startedOn, opts.finishedOn)
    }
  };
}
function provenanceJson(statement) {
  return `${JSON.stringify(statement, null, 2)}
`;
}
async function writeProvenance(path, statement) {
  await writeFileAtomic(path, provenanceJson(statement));
}
async function readProvenance(path) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile3(path, "utf8"));
  } catch (err) {
    throw new GantryError(`provenance: ${path} could not be read as JSON (${err.message})`);
  }
  if (parsed._type !== STATEMENT_TYPE_V1 || parsed.predicateType !== SLSA_PROVENANCE_V1 || !Array.isArray(parsed.subject) || !parsed.predicate?.buildDefinition)
    throw new GantryError(`provenance: ${path} is not an in-toto v1 statement with a SLSA v1 provenance predicate`);
  return parsed;
}
function reissueStatement(prev, opts) {
  if (opts.stage === "inputs" || opts.stage === "source") throw new GantryError(`provenance: ${opts.stage} is not a stage name`);
  let def = prev.predicate.buildDefinition, listed = new Set(def.resolvedDependencies.map((d) => d.name ?? d.uri)), added = opts.replaced.filter((d) => !listed.has(d.name ?? d.uri));
  for (let d of added) for (let [alg, hex] of Object.entries(d.digest)) alg === "sha256" && checkSha256(d.name ?? "", hex);
  return {
    ...prev,
    subject: subjectsOf(opts.subjects),
    predicate: {
      ...prev.predicate,
      buildDefinition: {
        ...def,
        externalParameters: { ...def.externalParameters, [opts.stage]: { ...opts.inputs } },
        resolvedDependencies: [...def.resolvedDependencies, ...added]
      },
      runDetails: { ...prev.predicate.runDetails, metadata: { ...prev.predicate.runDetails.metadata, finishedOn: opts.finishedOn.toISOString() } }
    }
  };
}
function checkSha256(name, hex) {
  if (!SHA256.test(hex)) throw new GantryError(`provenance: ${name} has sha256 ${JSON.stringify(hex)}, which is not 64 lowercase hex digits`);
  return hex;
}
function subjectsOf(subjects) {
  if (subjects.length === 0) throw new GantryError("provenance: a statement needs at least one subject");
  let names = /* @__PURE__ */ new Set();
  for (let s of subjects) {
    if (!s.name) throw new GantryError("provenance: a subject has no name");
    if (names.has(s.name)) throw new GantryError(`provenance: the subject ${s.name} is listed twice`);
    names.add(s.name), checkSha256(s.name, s.sha256);
  }
  return [...subjects].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).map((s) => ({ name: s.name, digest: { sha256: s.sha256 } }));
}
function sourceOf(source) {
  if (!source) return;
  if (!GIT_COMMIT.test(source.commit)) throw new GantryError(`provenance: source commit ${JSON.stringify(source.commit)} is not 40 lowercase hex digits`);
  return { uri: source.uri.startsWith("git+") ? source.uri : `git+${source.uri}`, digest: { gitCommit: source.commit } };
}
function runDetailsOf(env, startedOn, finishedOn) {
  let { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env, runUrl = server && repo && run ? `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${run}` : void 0;
  return {
    builder: { id: runUrl ?? GANTRY_CLI_BUILDER },
    metadata: {
      ...runUrl ? { invocationId: attempt ? `${runUrl}/attempts/${attempt}` : runUrl } : {},
      startedOn: startedOn.toISOString(),
      finishedOn: finishedOn.toISOString()
    }
  };
}

// packages/core/src/checksums.ts
function parseChecksums(text) {
  return text.split(`
`).filter(Boolean).map((line) => {
    let m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new Error(`checksums.txt has a line that is not "<sha256>  <name>": ${JSON.stringify(line)}`);
    return { sha256: m[1], name: m[2] };
  });
}

// packages/core/src/gzip.ts
var GZIP_COMPRESSOR = "libdeflate-wasm-0.1.0";
var libdeflate;
async function gzipReproducible(data, level) {
  return libdeflate ??= import("./libdeflate-GSDE3KRE.js"), (await libdeflate).gzip(data, level);
}

export {
  GantryError,
  InputError,
  messageOf,
  parseSize,
  SIZE_ACCEPTED,
  parseDuration,
  formatBytes,
  formatDuration,
  mapInputSource,
  InputReader,
  splitList,
  memoryState,
  StateKey,
  savePostState,
  loadPostState,
  restoreCache,
  saveCachePlan,
  ExecError,
  childProcessTime,
  lastLines,
  exec,
  sha256File,
  digestFile,
  readWholeFile,
  sha256,
  exists,
  tempPathBeside,
  writeNewFile,
  writeFileAtomic,
  copyFileAtomic,
  SBOM_SUFFIXES,
  MANIFEST_FILE,
  readManifest,
  writeManifest,
  resolveInManifest,
  MAX_ANNOTATIONS,
  TerminalReporter,
  MAX_SUMMARY_BYTES,
  cell,
  table,
  details,
  codeBlock,
  parseStageInputs,
  formatOutput,
  failureMessage,
  runActionMain,
  runActionPost,
  parseTarget,
  formatTarget,
  targetSlug,
  exeSuffix,
  hostTarget,
  nearest,
  redactUrl,
  HttpTimeoutError,
  fetchWithTimeout,
  readBodyLimited,
  discardBody,
  safeText,
  readErrorBody,
  gantryCacheDir,
  ensureRunnerDirs,
  findCachedTool,
  installTool,
  runnerArch,
  commonJsExports,
  goVersionRange,
  goVersionFromFile,
  moduleGoDirective,
  resolveGo,
  withParents,
  REPRODUCIBLE_TAR_FORMAT,
  reproducibleTar,
  which,
  isExecutable,
  freePort,
  isSecretName,
  urlPasswords,
  envSecrets,
  GANTRY_VERSION,
  STATEMENT_TYPE_V1,
  SLSA_PROVENANCE_V1,
  PROVENANCE_FILE,
  gantryBuildType,
  provenanceStatement,
  provenanceJson,
  writeProvenance,
  readProvenance,
  reissueStatement,
  parseChecksums,
  GZIP_COMPRESSOR,
  gzipReproducible
};
