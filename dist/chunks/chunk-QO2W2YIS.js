import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  slimArtifacts,
  slimOptions
} from "./chunk-FGMJL5XO.js";
import {
  gzipSync,
  zipSync
} from "./chunk-ZGRA7STY.js";
import {
  ExecError,
  GantryError,
  InputError,
  MANIFEST_FILE,
  childProcessTime,
  copyFileAtomic,
  exeSuffix,
  exec,
  exists,
  formatBytes,
  formatDuration,
  formatTarget,
  goVersionFromFile,
  goVersionRange,
  lastLines,
  moduleGoDirective,
  nearest,
  parseTarget,
  readManifest,
  redactUrl,
  reproducibleTar,
  resolveGo,
  resolveInManifest,
  restoreCache,
  saveCachePlan,
  sha256,
  sha256File,
  splitList,
  table,
  targetSlug,
  withParents,
  writeFileAtomic,
  writeManifest
} from "./chunk-HSN3EHZW.js";
import {
  require_semver
} from "./chunk-SDIGK4BL.js";
import {
  __toESM
} from "./chunk-6LYVYBIT.js";

// packages/go-build/src/stage.ts
import { dirname as dirname2, join as join9 } from "node:path";

// packages/go-build/src/build.ts
import { availableParallelism } from "node:os";
import { basename as basename2, isAbsolute as isAbsolute2, join as join8, relative as relative3, resolve as resolve3 } from "node:path";
import { writeFile } from "node:fs/promises";
var semver3 = __toESM(require_semver(), 1);

// packages/go-build/src/archive.ts
import { readFile } from "node:fs/promises";
async function tarGz(entries, mtimeSeconds) {
  let tar = await reproducibleTar(
    await Promise.all(entries.map(async (e) => ({ path: e.name, mode: e.mode, data: await readFile(e.source) }))),
    mtimeSeconds
  );
  return gzipSync(tar, { level: 6, mtime: 0 });
}
var ZIP_MIN_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 2) / 1e3;
async function zip(entries, mtimeSeconds) {
  let utcMs = Math.max(mtimeSeconds, ZIP_MIN_EPOCH) * 1e3, localShifted = new Date(utcMs + new Date(utcMs).getTimezoneOffset() * 6e4), files = {}, sources = new Map(entries.map((e) => [e.name, e.source]));
  for (let item of withParents(entries.map((e) => ({ path: e.name, mode: e.mode })))) {
    let source = sources.get(item.path);
    files[item.path] = source === void 0 ? [new Uint8Array(0), { mtime: localShifted, os: 3, attrs: 16877 << 16 >>> 0, level: 0 }] : [await readFile(source), { mtime: localShifted, os: 3, attrs: (32768 | item.mode) << 16 >>> 0, level: 6 }];
  }
  return zipSync(files);
}
var ARCHIVE_LAYOUT = 2;
async function archiveKey(format, entries, mtimeSeconds, knownSha = /* @__PURE__ */ new Map()) {
  let parts = await Promise.all(entries.map(async (e) => [e.name, e.mode, knownSha.get(e.source) ?? await sha256File(e.source)]));
  return sha256(JSON.stringify({ layout: ARCHIVE_LAYOUT, format, mtimeSeconds, parts }));
}

// packages/go-build/src/linkcache.ts
import { copyFile, mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import { basename, join } from "node:path";
var MAX_AGE_MS = 120 * 3600 * 1e3, TEMP_MAX_AGE_MS = 3600 * 1e3, TEMP_MARK = ".tmp-", KINDS = ["link", "archive", "verdict"];
function dir(gocache, kind) {
  return join(gocache, "gantry", kind);
}
var isMissing = (err) => err.code === "ENOENT";
async function linkKey(job) {
  let args = ["list", "-trimpath", "-export", "-deps", "-f", "{{if .Export}}{{.Export}}{{end}}"];
  job.tags.length > 0 && args.push(`-tags=${job.tags.join(",")}`), args.push(...job.flags, job.main);
  let r = await exec(job.go, args, { cwd: job.moduleDir, env: job.env, allowFailure: !0 });
  if (r.code !== 0) return;
  let exports = r.stdout.split(`
`).filter(Boolean).map((p) => basename(p)), target = ["GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "CGO_ENABLED", "GOEXPERIMENT"].map(
    (k) => `${k}=${job.env[k] ?? ""}`
  );
  return sha256(JSON.stringify({ go: job.goVersion, target, ldflags: job.ldflags, tags: job.tags, flags: job.flags, main: job.main, exports }));
}
async function restoreKept(gocache, kind, key, dest) {
  let file = join(dir(gocache, kind), key.slice(0, 2), key);
  try {
    await copyFile(file, dest);
  } catch (err) {
    if (isMissing(err)) return !1;
    throw err;
  }
  let now = /* @__PURE__ */ new Date();
  return await utimes(file, now, now).catch(() => {
  }), !0;
}
async function isKept(gocache, kind, key) {
  let now = /* @__PURE__ */ new Date();
  try {
    return await utimes(join(dir(gocache, kind), key.slice(0, 2), key), now, now), !0;
  } catch (err) {
    if (isMissing(err)) return !1;
    throw err;
  }
}
async function keepMarker(gocache, kind, key) {
  await writeFileAtomic(join(dir(gocache, kind), key.slice(0, 2), key), "");
}
async function keep(gocache, kind, key, file) {
  let sub = join(dir(gocache, kind), key.slice(0, 2));
  await mkdir(sub, { recursive: !0 }), await copyFileAtomic(file, join(sub, key));
}
async function pruneKept(gocache, now = Date.now()) {
  let removed = 0;
  for (let kind of KINDS) {
    let root = dir(gocache, kind);
    for (let sub of await readdir(root).catch(() => []))
      for (let f of await readdir(join(root, sub)).catch(() => [])) {
        let p = join(root, sub, f), info = await stat(p).catch((err) => {
          if (!isMissing(err))
            throw err;
        });
        if (!info?.isFile()) continue;
        let maxAge = f.includes(TEMP_MARK) ? TEMP_MAX_AGE_MS : MAX_AGE_MS;
        info.mtimeMs >= now - maxAge || (await rm(p, { force: !0 }), removed++);
      }
  }
  return removed;
}

// packages/go-build/src/cachekey.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";
async function goCachePlan(go, targets, cgo, moduleDir, env) {
  let sumFile = join2(moduleDir, "go.sum"), deps = await exists(sumFile) ? await readFile2(sumFile) : await readFile2(join2(moduleDir, "go.mod")), toolchain = `gantry-go-${`${env.RUNNER_OS ?? process.platform}-${env.RUNNER_ARCH ?? process.arch}`.toLowerCase()}-go${go.version}-cgo${cgo ? 1 : 0}`, targetSet = sha256(targets.map(formatTarget).sort().join(",")).slice(0, 12);
  return {
    paths: [go.gocache, go.gomodcache],
    key: `${toolchain}-${targetSet}-${sha256(deps).slice(0, 16)}`,
    restoreKeys: [`${toolchain}-${targetSet}-`, `${toolchain}-`]
  };
}

// packages/go-build/src/compile.ts
import { mkdir as mkdir2, stat as stat2 } from "node:fs/promises";
import { isAbsolute, join as join3, relative, resolve } from "node:path";

// packages/go-build/src/targets.ts
var semver = __toESM(require_semver(), 1), range = (prefix, from, to) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`${prefix}${from + i}`, `${prefix}${from + i}`])), arm64Levels = Object.fromEntries(
  [...Array.from({ length: 10 }, (_, i) => `v8.${i}`), ...Array.from({ length: 6 }, (_, i) => `v9.${i}`)].map((v) => [v, v])
), VARIANTS = {
  arm: { env: "GOARM", values: { v5: "5", v6: "6", v7: "7" }, since: "1.0.0" },
  amd64: { env: "GOAMD64", values: range("v", 1, 4), since: "1.18.0" },
  arm64: { env: "GOARM64", values: arm64Levels, since: "1.23.0" },
  386: { env: "GO386", values: { sse2: "sse2", softfloat: "softfloat" }, since: "1.16.0" },
  mips: { env: "GOMIPS", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.10.0" },
  mipsle: { env: "GOMIPS", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.10.0" },
  mips64: { env: "GOMIPS64", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.11.0" },
  mips64le: { env: "GOMIPS64", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.11.0" },
  ppc64: { env: "GOPPC64", values: { power8: "power8", power9: "power9", power10: "power10" }, since: "1.20.0" },
  ppc64le: { env: "GOPPC64", values: { power8: "power8", power9: "power9", power10: "power10" }, since: "1.20.0" },
  riscv64: { env: "GORISCV64", values: { rva20u64: "rva20u64", rva22u64: "rva22u64" }, since: "1.23.0" }
}, VARIANT_ENV_NAMES = [...new Set(Object.values(VARIANTS).map((r) => r.env))];
function resolveTargets(entries, distList, goVersion) {
  if (entries.length === 0) throw new InputError("targets", "", "accepted: one or more os/arch[/variant], e.g. linux/amd64,linux/arm64");
  let known = new Set(distList), seen = /* @__PURE__ */ new Set();
  return entries.map((entry) => {
    let t;
    try {
      t = parseTarget(entry);
    } catch {
      throw new InputError("targets", entry, `accepted: os/arch[/variant]; nearest valid: ${nearest(entry, distList).join(", ")}`);
    }
    let osArch = `${t.os}/${t.arch}`;
    if (!known.has(osArch))
      throw new InputError("targets", entry, `go ${goVersion} cannot build it (go tool dist list); nearest valid: ${nearest(osArch, distList).join(", ")}`);
    let key = formatTarget(t);
    if (seen.has(key)) throw new InputError("targets", entry, "it is listed twice; list each target once");
    return seen.add(key), { ...t, env: variantEnv(t, entry, goVersion) };
  });
}
function variantEnv(t, entry, goVersion) {
  if (!t.variant) return {};
  if (t.arch === "arm64" && t.variant === "v8") return {};
  let rule = VARIANTS[t.arch];
  if (!rule) throw new InputError("targets", entry, `${t.arch} takes no variant; write ${t.os}/${t.arch}`);
  let value = rule.values[t.variant];
  if (value === void 0) throw new InputError("targets", entry, `${t.arch} takes the variants ${Object.keys(rule.values).join(", ")}`);
  if (semver.lt(goVersion, rule.since))
    throw new InputError("targets", entry, `${rule.env} (the ${t.arch} variant) needs Go ${rule.since.replace(/\.0$/, "")} or newer; this is go ${goVersion}`);
  return { [rule.env]: value };
}

// packages/go-build/src/compile.ts
function goBuildArgs(job, output) {
  let args = ["build", "-trimpath", `-ldflags=${job.ldflags}`];
  return job.tags.length > 0 && args.push(`-tags=${job.tags.join(",")}`), args.push(...job.flags, "-o", output, job.main), args;
}
function goBuildEnv(job) {
  let env = { ...job.env };
  for (let name of VARIANT_ENV_NAMES) delete env[name];
  return { ...env, GOOS: job.target.os, GOARCH: job.target.arch, CGO_ENABLED: job.cgo ? "1" : "0", ...job.target.env };
}
function binaryPath(job) {
  return join3(job.outRoot, `${job.name}_${targetSlug(job.target)}`, `${job.name}${exeSuffix(job.target)}`);
}
var CompileError = class extends Error {
  constructor(target, firstError, output) {
    super(`${formatTarget(target)} failed to build: ${firstError}`);
    this.target = target;
    this.firstError = firstError;
    this.output = output;
  }
  target;
  firstError;
  output;
};
async function checkLink(job) {
  let started = performance.now(), out = binaryPath(job);
  await mkdir2(join3(out, ".."), { recursive: !0 });
  let env = goBuildEnv(job), cache = job.linkCache && !job.cgo ? { ...job.linkCache, go: job.go, moduleDir: job.moduleDir, main: job.main, ldflags: job.ldflags, tags: job.tags, flags: job.flags, env } : void 0, key = cache ? await linkKey(cache) : void 0, reused = key !== void 0 && await restoreKept(cache?.gocache, "link", key, out);
  return { out, env, key, reused, started };
}
async function link(job, c) {
  try {
    await exec(job.go, goBuildArgs(job, c.out), { cwd: job.moduleDir, env: c.env });
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    let output = err.result.stderr || err.result.stdout, first = output.split(`
`).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? `go build exited with ${err.code}`;
    throw new CompileError(job.target, first.trim(), output);
  }
  c.key && job.linkCache && await keep(job.linkCache.gocache, "link", c.key, c.out);
}
async function described(job, c) {
  let [info, sha] = await Promise.all([stat2(c.out), sha256File(c.out)]);
  return { target: job.target, path: c.out, size: info.size, sha256: sha, durationMs: performance.now() - c.started, reused: c.reused };
}
function limiter(n) {
  let active = 0, waiting = [];
  return async (fn) => {
    for (; active >= n; ) await new Promise((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--, waiting.shift()?.();
    }
  };
}
function compileAnnotations(output, moduleDir, workspace) {
  let found = [];
  for (let line of output.split(`
`)) {
    let m = /^(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/.exec(line.trim());
    if (!m) continue;
    let file = relative(workspace, isAbsolute(m[1]) ? m[1] : resolve(moduleDir, m[1])).split("\\").join("/");
    found.push({ level: "error", title: "go build", file, line: Number(m[2]), col: m[3] ? Number(m[3]) : void 0, message: m[4] });
  }
  return found;
}
async function compileAll(jobs, schedule, reporter) {
  let built = [], failed = [], checks = limiter(Math.max(schedule.limit, schedule.checks ?? 1)), builds = limiter(Math.max(1, schedule.limit)), done = 0, one = async (job) => {
    let label = formatTarget(job.target);
    try {
      let c = await checks(() => checkLink(job));
      if (!c.reused && (await schedule.ready, !await builds(async () => failed.length > 0 ? !1 : (await link(job, c), !0))))
        return;
      let b = await described(job, c);
      built.push(b), reporter.info(
        `[${++done}/${jobs.length}] ${label}: ${b.reused ? "unchanged, linked binary reused" : "built"} in ${formatDuration(b.durationMs)}, ${formatBytes(b.size)}`
      );
    } catch (err) {
      if (!(err instanceof CompileError)) throw err;
      failed.push(err), reporter.info(`[${++done}/${jobs.length}] ${label}: FAILED`), await reporter.group(`go build output for ${label}`, async () => reporter.info(err.output.trimEnd()));
    }
  }, settled = await Promise.allSettled(jobs.map(one));
  for (let s of settled) if (s.status === "rejected") throw s.reason;
  let order = new Map(jobs.map((j, i) => [formatTarget(j.target), i]));
  return built.sort((a, b) => (order.get(formatTarget(a.target)) ?? 0) - (order.get(formatTarget(b.target)) ?? 0)), { built, failed };
}

// packages/go-build/src/ldflags.ts
function fillTemplate(template, values, input) {
  return template.replace(/\{([a-z_-]*)\}/g, (_, key) => {
    let v = values[key];
    if (v === void 0)
      throw new InputError(
        input,
        template,
        `unknown placeholder {${key}}; accepted: ${Object.keys(values).map((k) => `{${k}}`).join(", ")}`
      );
    return v;
  });
}
function quoteLdflagsWord(word, input) {
  if (/[\x00-\x1f\x7f]/.test(word)) throw new InputError(input, word, "control characters and newlines cannot be passed to -ldflags");
  if (!/[\s'"]/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!word.includes('"')) return `"${word}"`;
  throw new InputError(input, word, "a value may hold single or double quotes, not both (Go's -ldflags quoting has no escapes)");
}
function parseXAssignments(lines) {
  return lines.map((line) => {
    let eq = line.indexOf("="), key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!/^[\w./~-]+\.[A-Za-z_]\w*$/.test(key))
      throw new InputError("x", line, "accepted: one importpath.name=value per line, e.g. main.buildUser={commit}");
    return { key, template: line.slice(eq + 1) };
  });
}
function buildLdflags(o) {
  let words = o.strip ? ["-s", "-w"] : [];
  words.push("-buildid=");
  let stamps = [
    ["main.version", o.info.version, "version"],
    ["main.commit", o.info.commit, "version"],
    ["main.date", o.info.date, "version"]
  ];
  for (let { key, template } of o.x) stamps.push([key, fillTemplate(template, o.templateValues, "x"), "x"]);
  for (let [key, value, input] of stamps) words.push("-X", quoteLdflagsWord(`${key}=${value}`, input));
  return o.extra && words.push(o.extra), words.join(" ");
}

// packages/go-build/src/modcheck.ts
import { copyFile as copyFile2, mkdtemp, readFile as readFile4, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join6 } from "node:path";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    typeof options == "function" ? (callback = options, options = {}) : "callback" in options && (callback = options.callback);
    let oldString = this.castInput(oldStr, options), newString = this.castInput(newStr, options), oldTokens = this.removeEmpty(this.tokenize(oldString, options)), newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    let done = (value) => {
      if (value = this.postProcess(value, options), callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return;
      } else
        return value;
    }, newLen = newTokens.length, oldLen = oldTokens.length, editLength = 1, maxEditLength = newLen + oldLen;
    options.maxEditLength != null && (maxEditLength = Math.min(maxEditLength, options.maxEditLength));
    let maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : 1 / 0, abortAfterTimestamp = Date.now() + maxExecutionTime, bestPath = [{ oldPos: -1, lastComponent: void 0 }], newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen)
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    let minDiagonalToConsider = -1 / 0, maxDiagonalToConsider = 1 / 0, execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath, removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        removePath && (bestPath[diagonalPath - 1] = void 0);
        let canAdd = !1;
        if (addPath) {
          let addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        let canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos ? basePath = this.addToPath(addPath, !0, !1, 0, options) : basePath = this.addToPath(removePath, !1, !0, 1, options), newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options), basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen)
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || !0;
        bestPath[diagonalPath] = basePath, basePath.oldPos + 1 >= oldLen && (maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1)), newPos + 1 >= newLen && (minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1));
      }
      editLength++;
    };
    if (callback)
      (function exec2() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp)
            return callback(void 0);
          execEditLength() || exec2();
        }, 0);
      })();
    else
      for (; editLength <= maxEditLength && Date.now() <= abortAfterTimestamp; ) {
        let ret = execEditLength();
        if (ret)
          return ret;
      }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    let last = path.lastComponent;
    return last && !options.oneChangePerToken && last.added === added && last.removed === removed ? {
      oldPos: path.oldPos + oldPosInc,
      lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
    } : {
      oldPos: path.oldPos + oldPosInc,
      lastComponent: { count: 1, added, removed, previousComponent: last }
    };
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    let newLen = newTokens.length, oldLen = oldTokens.length, oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    for (; newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options); )
      newPos++, oldPos++, commonCount++, options.oneChangePerToken && (basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: !1, removed: !1 });
    return commonCount && !options.oneChangePerToken && (basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: !1, removed: !1 }), basePath.oldPos = oldPos, newPos;
  }
  equals(left, right, options) {
    return options.comparator ? options.comparator(left, right) : left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
  }
  removeEmpty(array) {
    let ret = [];
    for (let i = 0; i < array.length; i++)
      array[i] && ret.push(array[i]);
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return !1;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    let components = [], nextComponent;
    for (; lastComponent; )
      components.push(lastComponent), nextComponent = lastComponent.previousComponent, delete lastComponent.previousComponent, lastComponent = nextComponent;
    components.reverse();
    let componentLen = components.length, componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      let component = components[componentPos];
      if (component.removed)
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count)), oldPos += component.count;
      else {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            let oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          }), component.value = this.join(value);
        } else
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        newPos += component.count, component.added || (oldPos += component.count);
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments), this.tokenize = tokenize;
  }
  equals(left, right, options) {
    return options.ignoreWhitespace ? ((!options.newlineIsToken || !left.includes(`
`)) && (left = left.trim()), (!options.newlineIsToken || !right.includes(`
`)) && (right = right.trim())) : options.ignoreNewlineAtEof && !options.newlineIsToken && (left.endsWith(`
`) && (left = left.slice(0, -1)), right.endsWith(`
`) && (right = right.slice(0, -1))), super.equals(left, right, options);
  }
}, lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  options.stripTrailingCr && (value = value.replace(/\r\n/g, `
`));
  let retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  linesAndNewlines[linesAndNewlines.length - 1] || linesAndNewlines.pop();
  for (let i = 0; i < linesAndNewlines.length; i++) {
    let line = linesAndNewlines[i];
    i % 2 && !options.newlineIsToken ? retLines[retLines.length - 1] += line : retLines.push(line);
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++)
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\")
      return !0;
  return !1;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s))
    return s;
  let result = '"', bytes = new TextEncoder().encode(s), i = 0;
  for (; i < bytes.length; ) {
    let b = bytes[i];
    b === 7 ? result += "\\a" : b === 8 ? result += "\\b" : b === 9 ? result += "\\t" : b === 10 ? result += "\\n" : b === 11 ? result += "\\v" : b === 12 ? result += "\\f" : b === 13 ? result += "\\r" : b === 34 ? result += '\\"' : b === 92 ? result += "\\\\" : b >= 32 && b <= 126 ? result += String.fromCharCode(b) : result += "\\" + b.toString(8).padStart(3, "0"), i++;
  }
  return result += '"', result;
}
var INCLUDE_HEADERS = {
  includeIndex: !0,
  includeUnderline: !0,
  includeFileHeaders: !0
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  options ? typeof options == "function" ? optionsObj = { callback: options } : optionsObj = options : optionsObj = {}, typeof optionsObj.context > "u" && (optionsObj.context = 4);
  let context = optionsObj.context;
  if (optionsObj.newlineIsToken)
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  if (optionsObj.callback) {
    let { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      let patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  } else
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  function diffLinesResultToPatch(diff) {
    if (!diff)
      return;
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    let hunks = [], oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      let current = diff[i], lines = current.lines || splitLines(current.value);
      if (current.lines = lines, current.added || current.removed) {
        if (!oldRangeStart) {
          let prev = diff[i - 1];
          oldRangeStart = oldLine, newRangeStart = newLine, prev && (curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [], oldRangeStart -= curRange.length, newRangeStart -= curRange.length);
        }
        for (let line of lines)
          curRange.push((current.added ? "+" : "-") + line);
        current.added ? newLine += lines.length : oldLine += lines.length;
      } else {
        if (oldRangeStart)
          if (lines.length <= context * 2 && i < diff.length - 2)
            for (let line of contextLines(lines))
              curRange.push(line);
          else {
            let contextSize = Math.min(lines.length, context);
            for (let line of contextLines(lines.slice(0, contextSize)))
              curRange.push(line);
            let hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk), oldRangeStart = 0, newRangeStart = 0, curRange = [];
          }
        oldLine += lines.length, newLine += lines.length;
      }
    }
    for (let hunk of hunks)
      for (let i = 0; i < hunk.lines.length; i++)
        hunk.lines[i].endsWith(`
`) ? hunk.lines[i] = hunk.lines[i].slice(0, -1) : (hunk.lines.splice(i + 1, 0, "\\ No newline at end of file"), i++);
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a, _b, _c, _d, _e, _f;
  if (headerOptions || (headerOptions = INCLUDE_HEADERS), Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit))
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    return patch.map((p) => formatPatch(p, headerOptions)).join(`
`);
  }
  let ret = [];
  if (patch.isGit) {
    if (headerOptions = INCLUDE_HEADERS, !patch.oldFileName)
      throw new Error("oldFileName must be specified for Git patches");
    if (!patch.newFileName)
      throw new Error("newFileName must be specified for Git patches");
    let gitOldName = patch.oldFileName, gitNewName = patch.newFileName;
    patch.isCreate && gitOldName === "/dev/null" ? gitOldName = gitNewName.replace(/^b\//, "a/") : patch.isDelete && gitNewName === "/dev/null" && (gitNewName = gitOldName.replace(/^a\//, "b/")), ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName)), patch.isDelete && ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644")), patch.isCreate && ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644")), patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate && (ret.push("old mode " + patch.oldMode), ret.push("new mode " + patch.newMode)), patch.isRename && (ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, ""))), ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")))), patch.isCopy && (ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, ""))), ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, ""))));
  } else
    headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0 && ret.push("Index: " + patch.oldFileName), headerOptions.includeUnderline && ret.push("===================================================================");
  let hasHunks = patch.hunks.length > 0;
  headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks) && (ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : "")), ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : "")));
  for (let i = 0; i < patch.hunks.length; i++) {
    let hunk = patch.hunks[i], oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart, newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (let line of hunk.lines)
      ret.push(line);
  }
  return ret.join(`
`) + `
`;
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options == "function" && (options = { callback: options }), options?.callback) {
    let { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      callback(patchObj ? formatPatch(patchObj, options.headerOptions) : void 0);
    } }));
  } else {
    let patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    return patchObj ? formatPatch(patchObj, options?.headerOptions) : void 0;
  }
}
function splitLines(text) {
  let hasTrailingNl = text.endsWith(`
`), result = text.split(`
`).map((line) => line + `
`);
  return hasTrailingNl ? result.pop() : result.push(result.pop().slice(0, -1)), result;
}

// packages/go-build/src/modcheck.ts
var semver2 = __toESM(require_semver(), 1);

// packages/go-build/src/modules.ts
import { join as join4 } from "node:path";
var DEFAULT_GOPROXY = "https://proxy.golang.org,direct", DEFAULT_GOSUMDB = "sum.golang.org", NETWORK = /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|network is unreachable|Client\.Timeout/;
function shownProxy(value) {
  return value.split(/([,|])/).map((p) => /^[a-z]+:\/\//i.test(p) ? redactUrl(p).replace(/\/$/, p.endsWith("/") ? "/" : "") : p).join("");
}
function moduleIn(output) {
  return /([\w.~-]+\.[\w.~-]+(?:\/[\w.~-]+)*)@(v[\w.+-]+)/.exec(output)?.slice(1, 3).join("@");
}
function explainModuleFailure(output, env) {
  if (!NETWORK.test(output)) return;
  let module = moduleIn(output), tail = lastLines(output, 3);
  if (/verifying (module|go\.mod)|sumdb|checksum database/.test(output)) {
    let prefix = module?.split("/").slice(0, 2).join("/") ?? "example.com/private";
    return [
      `the checksum database (GOSUMDB=${env.GOSUMDB || DEFAULT_GOSUMDB}) could not be reached to check ${module ?? "a module"}, whose checksum go.sum does not hold:`,
      tail,
      "go.sum is missing checksums: run `go mod tidy` where the database is reachable and commit go.sum (a complete go.sum needs no database).",
      `For private modules set GONOSUMDB (or GOPRIVATE) to their path patterns, e.g. GONOSUMDB=${prefix}; GOSUMDB=off turns the check off for every module.`,
      "GOFLAGS=-mod=mod does not help: it lets go change go.mod, it does not skip the checksum."
    ].join(`
`);
  }
  return [
    `the module proxy (GOPROXY=${shownProxy(env.GOPROXY || DEFAULT_GOPROXY)}) could not be reached to download ${module ?? "a module"}:`,
    tail,
    "On a runner without the network: restore GOMODCACHE first (go-build's cache: true does, keyed by go.sum), vendor the modules (`go mod vendor`, then GOFLAGS=-mod=vendor), or set GOPROXY to a mirror this runner reaches."
  ].join(`
`);
}
function moduleCommandError(what, err, env) {
  if (!(err instanceof ExecError)) return err;
  let output = `${err.result.stderr}
${err.result.stdout}`.trim(), why = explainModuleFailure(output, env);
  return new GantryError(`${what} failed: ${why ?? lastLines(output, 15)}`);
}
async function vendored(moduleDir, env) {
  return /(^|\s)-mod=vendor\b/.test(env.GOFLAGS ?? "") ? !0 : !/(^|\s)-mod=mod\b/.test(env.GOFLAGS ?? "") && await exists(join4(moduleDir, "vendor", "modules.txt"));
}
async function downloadModules(go, moduleDir, env, reporter) {
  if (!await exists(join4(moduleDir, "go.sum"))) return reporter.info("modules: no go.sum, so no module to download");
  if (await vendored(moduleDir, env)) return reporter.info("modules: vendored (vendor/modules.txt); nothing to download");
  let started = performance.now();
  try {
    await exec(go, ["mod", "download"], { cwd: moduleDir, env, timeoutMs: 6e5 });
  } catch (err) {
    throw moduleCommandError("go mod download", err, env);
  }
  reporter.info(`modules: go mod download, once for every target, took ${formatDuration(performance.now() - started)}`);
}

// packages/go-build/src/modverdict.ts
import { readFile as readFile3, stat as stat3 } from "node:fs/promises";
import { join as join5 } from "node:path";
var ENV_KEYS = ["GOFLAGS", "GOWORK", "GOPRIVATE", "GONOSUMDB", "GONOSUMCHECK", "GOSUMDB", "GOINSECURE", "GOPROXY", "GOTOOLCHAIN"];
function escapeModulePath(path) {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
function sumModules(goSum) {
  let found = [];
  for (let line of goSum.split(`
`)) {
    let [path, version] = line.trim().split(/\s+/);
    path && version && !version.endsWith("/go.mod") && found.push([path, version]);
  }
  return found;
}
async function fingerprint(path) {
  let s = await stat3(path, { bigint: !0 }).catch(() => {
  });
  return s ? `${s.ino}:${s.size}:${s.ctimeNs}` : "-";
}
var readOr = (path) => readFile3(path, "utf8").catch(() => "");
async function verdictKey(v) {
  let [goMod, goSum] = await Promise.all([readOr(join5(v.moduleDir, "go.mod")), readOr(join5(v.moduleDir, "go.sum"))]), copies = await Promise.all(
    sumModules(goSum).map(async ([path, version]) => {
      let [p, ver] = [escapeModulePath(path), escapeModulePath(version)], zip2 = join5(v.gomodcache, "cache", "download", p, "@v", `${ver}.zip`);
      return `${path}@${version} ${await fingerprint(zip2)} ${await fingerprint(join5(v.gomodcache, `${p}@${ver}`))}`;
    })
  ), env = ENV_KEYS.map((k) => `${k}=${v.env[k] ?? ""}`);
  return sha256(JSON.stringify({ go: v.goVersion, dir: v.moduleDir, modcache: v.gomodcache, env, goMod, goSum, copies }));
}
var verifiedBefore = (gocache, key) => isKept(gocache, "verdict", key), recordVerified = (gocache, key) => keepMarker(gocache, "verdict", key);

// packages/go-build/src/modcheck.ts
async function readOr2(path, fallback) {
  return await exists(path) ? readFile4(path, "utf8") : fallback;
}
function untidy(patches) {
  return new GantryError(`go.mod/go.sum are not tidy: \`go mod tidy\` would make these changes (commit them, or set mod-check: off):
${patches}`);
}
async function tidyDiff(go, moduleDir, env) {
  let r = await exec(go, ["mod", "tidy", "-diff"], { cwd: moduleDir, env, timeoutMs: 3e5, allowFailure: !0 });
  if (r.code !== 0)
    throw r.stdout.trim() !== "" ? untidy(r.stdout.trimEnd()) : moduleCommandError("go mod tidy -diff (mod-check: verify; set mod-check: off to skip)", new ExecError(r), env);
}
async function tidyOnCopies(go, moduleDir, env) {
  let tmp = await mkdtemp(join6(tmpdir(), "gantry-tidy-"));
  try {
    let modPath = join6(moduleDir, "go.mod"), sumPath = join6(moduleDir, "go.sum");
    await copyFile2(modPath, join6(tmp, "go.mod")), await exists(sumPath) && await copyFile2(sumPath, join6(tmp, "go.sum"));
    try {
      await exec(go, ["mod", "tidy", `-modfile=${join6(tmp, "go.mod")}`], { cwd: moduleDir, env, timeoutMs: 3e5 });
    } catch (err) {
      throw moduleCommandError("go mod tidy (mod-check: verify; set mod-check: off to skip)", err, env);
    }
    let patches = [];
    for (let [name, path] of [
      ["go.mod", modPath],
      ["go.sum", sumPath]
    ]) {
      let before = await readOr2(path, ""), after = await readOr2(join6(tmp, name), "");
      before !== after && patches.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "", "", { context: 2 }));
    }
    if (patches.length > 0) throw untidy(patches.join(`
`));
  } finally {
    await rm2(tmp, { recursive: !0, force: !0 });
  }
}
async function verifyModules(go, goVersion, moduleDir, env, cache) {
  let key = cache ? await verdictKey({ goVersion, moduleDir, gomodcache: cache.gomodcache, env }) : void 0;
  if (cache && key && await verifiedBefore(cache.gocache, key)) return "kept";
  try {
    await exec(go, ["mod", "verify"], { cwd: moduleDir, env, timeoutMs: 3e5 });
  } catch (err) {
    throw moduleCommandError(`go mod verify in ${moduleDir}`, err, env);
  }
  return cache && key && await recordVerified(cache.gocache, key), "ran";
}
async function checkModule(go, goVersion, moduleDir, env, reporter, cache) {
  let diff = semver2.gte(semver2.coerce(goVersion) ?? "0.0.0", "1.23.0"), [verified, tidy] = await Promise.allSettled([
    verifyModules(go, goVersion, moduleDir, env, cache),
    diff ? tidyDiff(go, moduleDir, env) : tidyOnCopies(go, moduleDir, env)
  ]);
  if (verified.status === "rejected") throw verified.reason;
  if (tidy.status === "rejected") throw tidy.reason;
  let how = verified.value === "kept" ? "passed before for these go.mod, go.sum and module copies (verdict kept in GOCACHE)" : "passed";
  reporter?.info(`mod-check: go mod verify ${how} and go mod tidy${diff ? " -diff" : " (on copies)"} would change nothing`);
}

// packages/go-build/src/outdir.ts
import { mkdir as mkdir3, mkdtemp as mkdtemp2, readdir as readdir2, rename, rm as rm3 } from "node:fs/promises";
import { dirname, join as join7, relative as relative2, resolve as resolve2 } from "node:path";
async function previousOutputs(outDir) {
  let manifestPath = join7(outDir, MANIFEST_FILE);
  if (!await exists(manifestPath)) return [];
  try {
    let m = await readManifest(manifestPath), files = /* @__PURE__ */ new Set([manifestPath]);
    m.checksums && files.add(resolveInManifest(manifestPath, m.checksums));
    for (let a of m.artifacts) {
      let bin = resolveInManifest(manifestPath, a.path);
      files.add(dirname(bin) === resolve2(outDir) ? bin : dirname(bin)), a.archive && files.add(resolveInManifest(manifestPath, a.archive));
    }
    return [...files].filter((f) => !relative2(resolve2(outDir), f).startsWith("..") && resolve2(f) !== resolve2(outDir));
  } catch {
    return [manifestPath];
  }
}
var OutDir = class _OutDir {
  constructor(dir2, staging) {
    this.dir = dir2;
    this.staging = staging;
  }
  dir;
  staging;
  static async open(dir2) {
    return await mkdir3(dir2, { recursive: !0 }), new _OutDir(dir2, await mkdtemp2(join7(dir2, ".gantry-staging-")));
  }
  /** Path in the staging folder for a name relative to out-dir. */
  staged(name) {
    return join7(this.staging, name);
  }
  async commit() {
    for (let f of await previousOutputs(this.dir)) await rm3(f, { recursive: !0, force: !0 });
    let names = await readdir2(this.staging);
    names.sort((a, b) => +(a === MANIFEST_FILE) - +(b === MANIFEST_FILE));
    for (let n of names)
      await rm3(join7(this.dir, n), { recursive: !0, force: !0 }), await rename(join7(this.staging, n), join7(this.dir, n));
    await rm3(this.staging, { recursive: !0, force: !0 });
  }
  async abandon() {
    let removed = await previousOutputs(this.dir);
    for (let f of removed) await rm3(f, { recursive: !0, force: !0 });
    return await rm3(this.staging, { recursive: !0, force: !0 }), removed;
  }
};

// packages/go-build/src/version.ts
async function git(cwd, args) {
  try {
    let { stdout } = await exec("git", args, { cwd, timeoutMs: 1e4 });
    return stdout.trim() || void 0;
  } catch {
    return;
  }
}
async function detectBuildInfo(cwd, explicitVersion, env) {
  let ref = env.GITHUB_REF ?? "", [described2, head, commitTime] = await Promise.all([
    explicitVersion || ref.startsWith("refs/tags/") ? void 0 : git(cwd, ["describe", "--tags", "--always", "--dirty"]),
    env.GITHUB_SHA ? void 0 : git(cwd, ["rev-parse", "HEAD"]),
    git(cwd, ["log", "-1", "--format=%ct"])
  ]), version = explicitVersion || (ref.startsWith("refs/tags/") ? ref.slice(10) : described2) || "0.0.0-dev", commit = env.GITHUB_SHA || head || "none", sde = env.SOURCE_DATE_EPOCH?.trim(), epoch = 0, dateSource = "none";
  return sde && /^\d+$/.test(sde) ? (epoch = Number(sde), dateSource = "SOURCE_DATE_EPOCH") : commitTime && /^\d+$/.test(commitTime) && (epoch = Number(commitTime), dateSource = "commit"), { version, commit, date: new Date(epoch * 1e3).toISOString().replace(".000Z", "Z"), epoch, dateSource };
}

// packages/go-build/src/build.ts
function defaultParallelism(cpus = availableParallelism()) {
  return Math.max(1, Math.floor(cpus / 2));
}
async function resolveToolchain(inputs, ctx) {
  let spec = inputs.goVersion ? goVersionRange(inputs.goVersion) : inputs.goVersionFile ? goVersionRange(await goVersionFromFile(inputs.goVersionFile), "go-version-file") : void 0;
  return resolveGo(spec, inputs.goDownloadBaseUrl, ctx.reporter);
}
async function moduleInfo(go, inputs, env) {
  let goMod = join8(inputs.workingDirectory, "go.mod");
  if (!await exists(inputs.workingDirectory)) throw new InputError("working-directory", inputs.workingDirectory, "the folder does not exist");
  if (!await exists(goMod))
    throw new GantryError(`no go.mod in ${inputs.workingDirectory}: go-build needs a Go module there (run \`go mod init\`, or set working-directory)`);
  let wants = await moduleGoDirective(goMod);
  if (wants && semver3.lt(go.version, wants))
    throw new GantryError(
      `go.mod asks for go ${wants} but the go in use is ${go.version}; set go-version: ${wants.replace(/\.0$/, "")} (or go-version-file: go.mod) to install it`
    );
  let r = await exec(go.go, ["list", "-find", "-f", "{{.Module.Path}}	{{.Name}}", inputs.main], {
    cwd: inputs.workingDirectory,
    env,
    allowFailure: !0
  });
  if (r.code !== 0)
    throw new InputError("main", inputs.main, `it is not a package of the module in ${inputs.workingDirectory}: ${r.stderr.trim().split(`
`)[0]}`);
  let [modulePath = "", packageName = ""] = r.stdout.trim().split("	");
  if (packageName !== "main")
    throw new InputError("main", inputs.main, `it is package ${packageName}, not a main package; point main at the command, e.g. ./cmd/server`);
  return { modulePath, packageName };
}
function archiveFormat(inputs, t) {
  if (inputs.archive !== "none")
    return inputs.archive === "auto" ? t.os === "windows" ? "zip" : "tar.gz" : inputs.archive;
}
async function extraFiles(inputs) {
  let entries = [];
  for (let f of inputs.files) {
    let source = isAbsolute2(f) ? f : resolve3(inputs.workingDirectory, f);
    if (!await exists(source))
      throw new InputError("files", f, `no such file in ${inputs.workingDirectory}; list files to put beside the binary, e.g. LICENSE, README.md`);
    let rel = relative3(inputs.workingDirectory, source).split("\\").join("/");
    entries.push({ name: rel.startsWith("..") ? basename2(source) : rel, source, mode: 420 });
  }
  return entries;
}
async function goBuild(inputs, ctx) {
  let started = performance.now(), { reporter } = ctx, env = { ...ctx.env }, go = await resolveToolchain(inputs, ctx), [{ stdout: dist }, mod, info] = await Promise.all([
    exec(go.go, ["tool", "dist", "list"], { env }),
    moduleInfo(go, inputs, env),
    detectBuildInfo(inputs.workingDirectory, inputs.version, env)
  ]), targets = resolveTargets(inputs.targets, dist.split(`
`).filter(Boolean), go.version), name = inputs.name || (inputs.main === "." ? mod.modulePath.split("/").pop() : basename2(inputs.main)), xs = parseXAssignments(inputs.x), extras = await extraFiles(inputs);
  info.dateSource === "none" && reporter.notice(
    "no commit time (not a git checkout?) and no SOURCE_DATE_EPOCH: build date and archive times set to 1970-01-01 so the output stays reproducible"
  );
  let templateFor = (t) => ({
    name,
    version: info.version,
    commit: info.commit,
    short_commit: info.commit.slice(0, 7),
    date: info.date,
    os: t.os,
    arch: t.arch,
    variant: t.variant,
    target: formatTarget(t)
  }), ldflags = new Map(targets.map((t) => [t, buildLdflags({ strip: inputs.strip, info, x: xs, templateValues: templateFor(t), extra: inputs.ldflags })])), archiveNames = /* @__PURE__ */ new Map();
  for (let t of targets) {
    let fmt = archiveFormat(inputs, t);
    if (!fmt) continue;
    let base = fillTemplate(inputs.archiveName, templateFor(t), "archive-name");
    if (!/^[A-Za-z0-9._+~-]+$/.test(base))
      throw new InputError(
        inputs.version ? "version" : "archive-name",
        inputs.version || inputs.archiveName,
        `it makes the archive name ${JSON.stringify(base)}; file names may hold letters, digits and . _ + ~ - only`
      );
    let file = `${base}.${fmt}`;
    if ([...archiveNames.values()].includes(file))
      throw new InputError("archive-name", inputs.archiveName, `two targets get the same archive name ${file}; include {os}, {arch} and {variant}`);
    archiveNames.set(t, file);
  }
  reporter.info(`go ${go.version}: building ${name} ${info.version} (${info.commit.slice(0, 12)}, ${info.date}) for ${targets.map(formatTarget).join(", ")}`);
  let cacheHit = !1;
  inputs.cache && (cacheHit = (await restoreCache(await goCachePlan(go, targets, inputs.cgo, inputs.workingDirectory, env), reporter, ctx.state)).hit), await downloadModules(go.go, inputs.workingDirectory, env, reporter);
  let modChecked = inputs.modCheck === "verify" ? checkModule(go.go, go.version, inputs.workingDirectory, env, reporter, inputs.cache ? { gocache: go.gocache, gomodcache: go.gomodcache } : void 0) : Promise.resolve(), out = await OutDir.open(inputs.outDir);
  try {
    let jobs = targets.map((target) => ({
      go: go.go,
      linkCache: { goVersion: go.version, gocache: go.gocache },
      moduleDir: inputs.workingDirectory,
      main: inputs.main,
      name,
      target,
      ldflags: ldflags.get(target),
      tags: inputs.tags,
      flags: inputs.flags,
      cgo: inputs.cgo,
      outRoot: out.staging,
      env
    })), { built, failed } = await compileChecked(jobs, inputs.parallel || defaultParallelism(), modChecked, reporter);
    if (failed.length > 0) {
      let seen = /* @__PURE__ */ new Set();
      for (let f of failed)
        for (let a of compileAnnotations(f.output, inputs.workingDirectory, ctx.cwd)) {
          let key = `${a.file}:${a.line}:${a.col}:${a.message}`;
          seen.has(key) || reporter.annotate({ ...a, title: `go build (${formatTarget(f.target)})` }), seen.add(key);
        }
      throw new GantryError(failed.map((f) => f.message).join(`
`));
    }
    let goMs = built.reduce((s, b) => s + b.durationMs, 0), manifestStaged = out.staged(MANIFEST_FILE), rel = (p) => relative3(out.staging, p).split("\\").join("/"), artifacts = await Promise.all(built.map(async (b) => toArtifact(b, name, archiveNames.get(b.target), extras, info, out, rel, go.gocache)));
    await pruneKept(go.gocache).catch((err) => reporter.info(`could not prune old links and archives kept in ${go.gocache}: ${err}`));
    let checksumsName;
    if (inputs.checksums) {
      checksumsName = "checksums.txt";
      let lines = artifacts.map((a) => a.archive ? `${a["archive-sha256"]}  ${a.archive}` : `${a.sha256}  ${a.path}`).sort((x, y) => x.slice(66) < y.slice(66) ? -1 : 1);
      await writeFile(out.staged(checksumsName), `${lines.join(`
`)}
`);
    }
    let manifest = {
      schema: 1,
      project: name,
      version: info.version,
      commit: info.commit,
      date: info.date,
      go: go.version,
      artifacts,
      ...checksumsName ? { checksums: checksumsName } : {}
    };
    return await writeManifest(manifestStaged, manifest), await out.commit(), {
      manifestPath: join8(inputs.outDir, MANIFEST_FILE),
      manifest,
      checksumsPath: checksumsName ? join8(inputs.outDir, checksumsName) : void 0,
      artifacts: artifacts.map((a, i) => ({ ...a, absolutePath: join8(inputs.outDir, a.path), buildMs: built[i].durationMs })),
      info,
      go,
      cacheHit,
      timing: { totalMs: performance.now() - started, goMs }
    };
  } catch (err) {
    let removed = await out.abandon();
    throw removed.length > 0 && reporter.info(
      `out-dir: removed the previous run's outputs (${removed.map((f) => relative3(inputs.outDir, f)).join(", ")}) so nothing stale looks current`
    ), err;
  }
}
async function compileChecked(jobs, limit, modChecked, reporter) {
  let [compiled, checked] = await Promise.allSettled([compileAll(jobs, { limit, checks: availableParallelism(), ready: modChecked }, reporter), modChecked]);
  if (checked.status === "rejected") throw checked.reason;
  if (compiled.status === "rejected") throw compiled.reason;
  return compiled.value;
}
async function toArtifact(b, name, archiveName, extras, info, out, rel, gocache) {
  let artifact = {
    name,
    target: formatTarget(b.target),
    os: b.target.os,
    arch: b.target.arch,
    variant: b.target.variant,
    path: rel(b.path),
    size: b.size,
    sha256: b.sha256
  };
  if (archiveName) {
    let format = archiveName.endsWith(".zip") ? "zip" : "tar.gz", entries = [{ name: basename2(b.path), source: b.path, mode: 493 }, ...extras], dest = out.staged(archiveName), key = await archiveKey(format, entries, info.epoch, /* @__PURE__ */ new Map([[b.path, b.sha256]]));
    await restoreKept(gocache, "archive", key, dest) || (await writeFile(dest, format === "zip" ? await zip(entries, info.epoch) : await tarGz(entries, info.epoch)), await keep(gocache, "archive", key, dest)), artifact.archive = archiveName, artifact["archive-sha256"] = await sha256File(dest);
  }
  return artifact;
}

// packages/go-build/src/inputs.ts
import { isAbsolute as isAbsolute3, resolve as resolve4 } from "node:path";
var GO_BUILD_INPUTS = {
  "working-directory": ".",
  main: ".",
  name: "",
  targets: "linux/amd64,linux/arm64",
  version: "",
  ldflags: "",
  x: "",
  tags: "",
  flags: "",
  cgo: "false",
  strip: "true",
  upx: "false",
  "mod-check": "verify",
  archive: "auto",
  "archive-name": "{name}_{version}_{os}_{arch}{variant}",
  files: "",
  checksums: "true",
  "out-dir": "dist",
  cache: "true",
  "go-version": "",
  "go-version-file": "",
  "go-download-base-url": "https://go.dev/dl",
  parallel: "auto"
}, FLAG = /^--?[a-z][a-z0-9-]*(=.*)?$/, OWNED_FLAGS = /* @__PURE__ */ new Set(["o", "ldflags", "tags", "trimpath"]);
function parseGoBuildInputs(read, cwd) {
  let abs = (p) => isAbsolute3(p) ? p : resolve4(cwd, p), workingDirectory = abs(read.string("working-directory") || "."), main = read.string("main") || ".";
  if (main.startsWith("-") || /\s/.test(main)) throw new InputError("main", main, "accepted: a package path such as . or ./cmd/server");
  let name = read.string("name");
  if (name && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new InputError("name", name, "accepted: letters, digits, '.', '_' and '-'");
  let tags = splitList(read.string("tags").replace(/\s+/g, ","));
  for (let t of tags) if (!/^!?[A-Za-z0-9_.]+$/.test(t)) throw new InputError("tags", t, "accepted: build tags made of letters, digits, '_' and '.'");
  let flags = read.lines("flags");
  for (let f of flags) {
    if (!FLAG.test(f)) throw new InputError("flags", f, "accepted: one go build flag per line, e.g. -race or -gcflags=all=-N");
    let flagName = f.replace(/^--?/, "").split("=")[0];
    if (OWNED_FLAGS.has(flagName)) throw new InputError("flags", f, `-${flagName} is set by go-build; use its own input (out-dir, ldflags, tags)`);
  }
  let parallel = read.string("parallel") === "auto" ? 0 : read.int("parallel", 1, 64), baseUrl = read.string("go-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("go-download-base-url", baseUrl, "accepted: an http(s) URL");
  return {
    workingDirectory,
    main,
    name,
    targets: read.list("targets"),
    version: read.string("version"),
    ldflags: read.string("ldflags"),
    x: read.lines("x"),
    tags,
    flags,
    cgo: read.bool("cgo"),
    strip: read.bool("strip"),
    upx: read.choice("upx", ["auto", "true", "false"]),
    modCheck: read.choice("mod-check", ["verify", "off"]),
    archive: read.choice("archive", ["auto", "tar.gz", "zip", "none"]),
    archiveName: read.string("archive-name"),
    files: read.list("files"),
    checksums: read.bool("checksums"),
    outDir: abs(read.string("out-dir") || "dist"),
    cache: read.bool("cache"),
    goVersion: read.string("go-version"),
    goVersionFile: read.string("go-version-file") ? abs(read.string("go-version-file")) : "",
    goDownloadBaseUrl: baseUrl,
    parallel
  };
}

// packages/go-build/src/stage.ts
async function packBuilt(r, upx, ctx) {
  let slimmed = await slimArtifacts(r.manifestPath, slimOptions({ upx, strip: "false", reportPackages: !1 }), {
    reporter: ctx.reporter,
    env: ctx.env,
    cwd: ctx.cwd
  });
  r.manifest = slimmed.manifest, r.artifacts = r.artifacts.map((a, i) => ({ ...a, ...slimmed.manifest.artifacts[i], absolutePath: a.absolutePath, buildMs: a.buildMs }));
}
function goBuildSummary(r) {
  let rows = r.artifacts.map((a) => [
    `\`${a.target}\``,
    a.path,
    formatBytes(a.size),
    `\`${a.sha256.slice(0, 12)}\``,
    a.archive ?? "—",
    formatDuration(a.buildMs)
  ]);
  return [
    `### go-build: ${r.manifest.project} ${r.info.version}`,
    "",
    `go ${r.go.version} · commit \`${r.info.commit.slice(0, 12)}\` · ${r.info.date} · cache ${r.cacheHit ? "hit" : "miss"}`,
    "",
    table(["Target", "Binary", "Size", "sha256", "Archive", "Build time"], rows),
    ""
  ].join(`
`);
}
function setGoBuildOutputs(r, ctx) {
  ctx.setOutput(
    "artifacts",
    r.artifacts.map((a) => ({
      name: a.name,
      target: a.target,
      os: a.os,
      arch: a.arch,
      variant: a.variant,
      path: a.absolutePath,
      size: a.size,
      sha256: a.sha256,
      archive: a.archive ? join9(dirname2(r.manifestPath), a.archive) : "",
      "archive-sha256": a["archive-sha256"] ?? ""
    }))
  ), ctx.setOutput("manifest", r.manifestPath), ctx.setOutput("checksums", r.checksumsPath ?? ""), ctx.setOutput("version", r.info.version), ctx.setOutput("cache-hit", r.cacheHit);
}
var goBuildStage = {
  name: "go-build",
  description: "Cross-compile a Go service for many targets, reproducibly, with archives and checksums.",
  inputs: GO_BUILD_INPUTS,
  parse: (read, ctx) => parseGoBuildInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    let r = await goBuild(inputs, ctx);
    inputs.upx !== "false" && await packBuilt(r, inputs.upx, ctx), setGoBuildOutputs(r, ctx), ctx.summary(goBuildSummary(r));
    let children = childProcessTime();
    ctx.reporter.debug(
      `go-build timing: ${Math.round(r.timing.totalMs)} ms in all, ${Math.round(children)} ms in child processes, ${Math.round(r.timing.totalMs - children)} ms gantry's own`
    );
  },
  post: (ctx) => saveCachePlan(ctx.reporter, ctx.state)
};

export {
  goBuildStage
};
