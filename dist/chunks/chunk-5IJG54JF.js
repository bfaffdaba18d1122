import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  ExecError,
  GantryError,
  InputError,
  codeBlock,
  details,
  exec,
  exists,
  formatDuration,
  formatTarget,
  hostTarget,
  lastLines,
  messageOf,
  readManifest,
  resolveInManifest,
  sha256File,
  table
} from "./chunk-KP4EEYJH.js";

// packages/deploy/src/deploy.ts
import { join as join5 } from "node:path";

// packages/deploy/src/model.ts
var COLORS = ["blue", "green"];
function otherColor(c) {
  return c === "blue" ? "green" : "blue";
}
function splitWeights(to, percent, hasFrom) {
  let w = { blue: 0, green: 0 };
  return w[to] = hasFrom ? percent : 100, hasFrom && (w[otherColor(to)] = 100 - percent), w;
}
function errorRate(t) {
  return t.requests > 0 ? 100 * t.errors / t.requests : void 0;
}
var PHASES = ["staging", "starting", "gating", "switching", "verifying", "promoting", "stopping-old", "rolling-back"], COMMITTED_PHASES = ["promoting", "stopping-old"];

// packages/deploy/src/health.ts
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function healthGate(host, runtime, slot, o, signal) {
  let started = performance.now(), inRow = 0, checks = 0, last = "no answer yet";
  for (; ; ) {
    if (signal?.aborted) return { ok: !1, checks, ms: performance.now() - started, reason: `cancelled (${signal.reason})` };
    if (!await runtime.alive(slot))
      return {
        ok: !1,
        checks,
        ms: performance.now() - started,
        reason: `the process exited during the health gate, ${formatDuration(performance.now() - started)} after it started`
      };
    let left = o.timeoutMs - (performance.now() - started);
    if (left <= 0) break;
    let probe = await host.httpGet(slot.port, o.path, Math.max(100, Math.min(5e3, left)));
    if (checks++, last = probe.error ? probe.error : `HTTP ${probe.status}`, inRow = probe.ok ? inRow + 1 : 0, inRow >= o.successes) return { ok: !0, checks, ms: performance.now() - started };
    await sleep(Math.min(o.intervalMs, Math.max(0, o.timeoutMs - (performance.now() - started))));
  }
  return {
    ok: !1,
    checks,
    ms: performance.now() - started,
    reason: `${o.path} did not answer 2xx ${o.successes} times in a row within ${formatDuration(o.timeoutMs)} (${checks} checks, last: ${last})`
  };
}
var EARLY_MIN_ERRORS = 5, EARLY_MIN_LATENCY_REQUESTS = 200;
function trafficVerdict(t, o, final) {
  let rate = errorRate(t);
  if (rate !== void 0 && rate > o.maxErrorRate && (final || t.errors >= EARLY_MIN_ERRORS || t.requests >= 100))
    return `error rate ${rate.toFixed(2)}% (${t.errors} of ${t.requests} requests) is over max-error-rate ${o.maxErrorRate}%`;
  if (o.maxP95Ms !== void 0 && t.latencyMs !== void 0 && t.latencyMs > o.maxP95Ms && (final || t.requests >= EARLY_MIN_LATENCY_REQUESTS))
    return `${t.latencyKind === "avg" ? "average response time (HAProxy rtime; it keeps no percentiles)" : "p95 latency"} ${t.latencyMs.toFixed(1)} ms is over max-p95 ${o.maxP95Ms} ms`;
}
async function verifyWindow(host, runtime, router, slot, mark, o, signal) {
  let started = performance.now(), tick = o.tickMs ?? 50, probeEvery = o.probeEveryMs ?? 1e3, traffic, lastProbe = started, failedProbes = 0, fail = (reason) => ({ ok: !1, reason, traffic, ms: performance.now() - started, detectedAt: performance.now() });
  for (; ; ) {
    if (signal?.aborted) return fail(`cancelled (${signal.reason})`);
    if (!await runtime.alive(slot)) return fail(`the process exited ${formatDuration(performance.now() - started)} into the verify window`);
    traffic = await router.trafficSince(mark) ?? traffic;
    let elapsed = performance.now() - started, final = elapsed >= o.windowMs, verdict = traffic && trafficVerdict(traffic, o, final);
    if (verdict) return fail(verdict);
    if (performance.now() - lastProbe >= probeEvery || final) {
      lastProbe = performance.now();
      let probe = await host.httpGet(slot.port, o.healthPath, 2e3);
      if (failedProbes = probe.ok ? 0 : failedProbes + 1, failedProbes >= 2) return fail(`${o.healthPath} answered ${probe.error ?? `HTTP ${probe.status}`} twice in a row during the verify window`);
    }
    if (final) return { ok: !0, traffic, ms: elapsed };
    await sleep(Math.min(tick, o.windowMs - elapsed));
  }
}

// packages/deploy/src/release.ts
import { basename, join } from "node:path";
async function resolveArtifact(artifact, manifestPath, platform) {
  if (artifact) {
    if (!await exists(artifact))
      throw new InputError("artifact", artifact, "no such file; give the path of the service binary, or leave it empty to use the manifest");
    return { path: artifact, sha256: await sha256File(artifact) };
  }
  if (!await exists(manifestPath))
    throw new InputError("manifest", manifestPath, "no such file; run go-build first, pass its manifest output, or set artifact to a binary path");
  let m = await readManifest(manifestPath), want = formatTarget(platform), match = m.artifacts.find((a) => a.os === platform.os && a.arch === platform.arch && (!platform.variant || a.variant === platform.variant));
  if (!match)
    throw new GantryError(
      `manifest ${manifestPath} has no artifact for the host's platform ${want} (it has ${m.artifacts.map((a) => a.target).join(", ") || "none"}); add ${want} to go-build's targets`
    );
  let path2 = resolveInManifest(manifestPath, match.path);
  if (!await exists(path2)) throw new GantryError(`manifest ${manifestPath} names ${match.path}, which does not exist`);
  let actual = await sha256File(path2);
  if (actual !== match.sha256)
    throw new GantryError(`${path2} has sha256 ${actual} but the manifest says ${match.sha256}; it changed after go-build and is not deployed`);
  return { path: path2, sha256: actual, version: m.version, project: m.project };
}
function releasesDir(stateDir) {
  return join(stateDir, "releases");
}
var BASE_ENV = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
function renderEnvFile(env) {
  return Object.entries(env).map(([k, v]) => `${k}=${v}
`).join("");
}
function parseEnvFile(text) {
  let env = {};
  for (let line of text.split(`
`)) {
    let eq = line.indexOf("=");
    eq > 0 && (env[line.slice(0, eq)] = line.slice(eq + 1));
  }
  return env;
}
async function findRelease(host, stateDir, version) {
  let dir = join(releasesDir(stateDir), version), text = await host.readFile(join(dir, "release.json"));
  if (!text) return;
  let meta = JSON.parse(text);
  return { version, dir, binary: join(dir, meta.binary), sha256: meta.sha256 };
}
async function releaseEnv(host, release) {
  return parseEnvFile(await host.readFile(join(release.dir, "service.env")) ?? "");
}
async function stageRelease(host, stateDir, version, artifact, env, running, runId2) {
  let dir = join(releasesDir(stateDir), version), existing = await findRelease(host, stateDir, version);
  if (existing && existing.sha256 === artifact.sha256)
    return await host.writeFile(join(dir, "service.env"), renderEnvFile(env), 384), { release: existing, reused: !0 };
  if (existing && running.includes(version))
    throw new InputError(
      "version",
      version,
      `release ${version} is running with a different binary (sha256 ${existing.sha256.slice(0, 12)}); give this build a new version`
    );
  let name = basename(artifact.path), tmp = `${dir}.tmp-${runId2}`;
  await host.remove(tmp), await host.mkdirp(tmp, 493);
  let sha = await host.upload(artifact.path, join(tmp, name), 493);
  if (sha !== artifact.sha256) throw new GantryError(`the binary arrived on ${host.name} with sha256 ${sha}, expected ${artifact.sha256}; nothing was changed`);
  await host.writeFile(join(tmp, "service.env"), renderEnvFile(env), 384);
  let meta = { version, binary: name, sha256: sha, staged: (/* @__PURE__ */ new Date()).toISOString() };
  return await host.writeFile(join(tmp, "release.json"), `${JSON.stringify(meta, null, 2)}
`), existing && await host.rename(dir, `${dir}.replaced-${runId2}`), await host.rename(tmp, dir), existing && await host.remove(`${dir}.replaced-${runId2}`), { release: { version, dir, binary: join(dir, name), sha256: sha }, reused: !1 };
}
async function pruneReleases(host, stateDir, keep, protect) {
  let root = releasesDir(stateDir), names = await host.list(root), removed = [], metas = [];
  for (let name of names) {
    if (/\.(tmp|replaced)-/.test(name)) {
      await host.remove(join(root, name));
      continue;
    }
    let text = await host.readFile(join(root, name, "release.json"));
    metas.push({ name, staged: text ? JSON.parse(text).staged : "" });
  }
  metas.sort((a, b) => b.staged.localeCompare(a.staged));
  for (let m of metas.slice(keep))
    protect.includes(m.name) || (await host.remove(join(root, m.name)), removed.push(m.name));
  return removed;
}

// packages/deploy/src/cutover.ts
var sleep2 = (ms) => new Promise((r) => setTimeout(r, ms)), CutoverEngine = class {
  constructor(d, doc) {
    this.d = d;
    this.doc = doc;
  }
  d;
  doc;
  async transition(c, phase, patch = {}, note) {
    Object.assign(c, patch), c.phase = phase, c.transitions.push({ phase, at: (/* @__PURE__ */ new Date()).toISOString(), ...note ? { note } : {} }), this.doc.cutover = c, await this.d.journal.write(this.doc), this.d.pauseAt === phase && (this.d.reporter.info(`gantry deploy: paused at phase ${phase} (GANTRY_DEPLOY_PAUSE_AT)`), this.d.reporter.flush(), await new Promise(() => setInterval(() => {
    }, 6e4)));
  }
  /** The active slot from the journal, with a warning when its process is gone. */
  async activeSlot() {
    let a = this.doc.active;
    if (a)
      return await this.d.runtime.alive(a) || this.d.reporter.warning(`the active version ${a.version} (${a.color}, pid ${a.pid}) is not running; a rollback would have to start it again`), { ...a };
  }
  /** Runs a whole cutover to the plan's version. */
  async run(plan) {
    let { d } = this, from = await this.activeSlot(), color = from ? otherColor(from.color) : "blue", to = { color, port: d.ports[color], version: plan.version }, deployer = d.host.deployer(), c = {
      id: d.runId,
      command: plan.command,
      phase: "staging",
      from,
      to,
      strategy: plan.strategy,
      steps: plan.steps,
      transitions: [],
      deployer
    }, result = { outcome: "failed", version: plan.version, previousVersion: from?.version, verify: [] };
    try {
      await this.transition(c, "staging");
      let { release, env } = await d.timeline.span("stage", async (f) => {
        let s = await plan.stage();
        return f.release = s.release.dir, s;
      });
      await this.transition(c, "starting"), await d.timeline.span("start", async (f) => {
        let leftover = await d.runtime.running(color);
        await d.router.isolate(color, d.ports), leftover && await d.runtime.runsRelease(leftover, release) ? (d.reporter.info(`${plan.version} is still running on ${color} (pid ${leftover}); using it warm`), to.pid = leftover, f.warm = !0) : (leftover && (d.reporter.notice(`stopped a leftover process (pid ${leftover}) on the idle ${color} slot before starting ${plan.version}`), await d.runtime.stop({ ...to, pid: leftover }, d.stopTimeoutMs)), to.pid = await d.runtime.start(to, release, { ...BASE_ENV, ...env, PORT: String(to.port) })), f.color = color, f.port = to.port, f.pid = to.pid;
      }), await this.transition(c, "gating", { to });
      let gate = await d.timeline.span("health-gate", async (f) => {
        let g = await healthGate(d.host, d.runtime, to, d.gate, d.signal);
        return Object.assign(f, { checks: g.checks, passed: g.ok, "successes-needed": d.gate.successes }), g;
      });
      if (result.gate = gate, !gate.ok) return await this.rollback(c, result, `health gate failed: ${gate.reason}`);
      let gatePassed = performance.now(), verifyTraffic = [];
      for (let [i, weight] of plan.steps.entries()) {
        await this.transition(c, "switching", { weight });
        let mark = await d.router.mark(color, d.ports), appliedAt;
        try {
          appliedAt = await d.timeline.span(`switch ${weight}%`, async (f) => {
            f.weight = weight;
            let at = await d.router.route(splitWeights(color, weight, from !== void 0), d.ports);
            return weight === 100 && (f["ms-from-gate"] = Math.round(at - gatePassed)), at;
          });
        } catch (err) {
          return await this.rollback(c, result, `the router refused to send ${weight}% to ${plan.version}: ${messageOf(err)}`);
        }
        weight === 100 && (result.switchMs = appliedAt - gatePassed), await this.transition(c, "verifying");
        let v = await d.timeline.span(`verify ${weight}%`, async (f) => {
          let r = await verifyWindow(d.host, d.runtime, d.router, to, mark, { ...d.verify, healthPath: d.gate.path }, d.signal);
          return Object.assign(f, { passed: r.ok, ...r.traffic ? trafficFigures(r.traffic) : { requests: "not measured" } }), r;
        });
        if (result.verify.push({ weight, result: v }), v.traffic && verifyTraffic.push(v.traffic), result.traffic = sumTraffic(verifyTraffic), !v.ok) return await this.rollback(c, result, `verify window at ${weight}% failed: ${v.reason}`, v.detectedAt);
        i < plan.steps.length - 1 && d.stepPauseMs > 0 && await sleep2(d.stepPauseMs);
      }
      return await this.promote(c, result);
    } catch (err) {
      if (c.phase === "staging")
        throw await this.settle(c, "failed", messageOf(err), this.doc.active), err;
      if (c.phase === "rolling-back" || c.phase === "promoting" || c.phase === "stopping-old") throw err;
      return await this.rollback(c, result, `${c.phase} failed: ${messageOf(err)}`);
    }
  }
  /** Drains and stops the old version, then records the new one as active (issue 6, step 6). */
  async promote(c, result) {
    let { d } = this, from = c.from;
    return await this.transition(c, "promoting"), from && await d.timeline.span("drain", async (f) => {
      let r = await d.router.drain(from.color, d.drainTimeoutMs);
      Object.assign(f, { drained: r.drained, ...r.remaining ? { "still-in-flight": r.remaining } : {} }), r.drained || d.reporter.warning(`${from.version} still had ${r.remaining} request(s) in flight after drain-timeout ${formatDuration(d.drainTimeoutMs)}`);
    }), await this.transition(c, "stopping-old"), from && await d.timeline.span("stop-old", async (f) => {
      let s = await d.runtime.stop(from, d.stopTimeoutMs);
      f.signal = s.signal, await d.router.retire(from.color, d.ports);
    }), await this.settle(c, "promoted", void 0, c.to), { ...result, outcome: "promoted", active: c.to };
  }
  /** Sends all traffic back to the old version, stops the new one, records why (issue 6, step 7). */
  async rollback(c, result, reason, detectedAt = performance.now()) {
    let { d } = this;
    d.reporter.warning(`rolling back ${c.to.version}: ${reason}`), await this.transition(c, "rolling-back", { reason });
    let restored;
    await d.timeline.span("rollback", async (f) => {
      if (f.reason = reason.split(`
`)[0], c.from && (restored = await d.runtime.alive(c.from) ? c.from : await this.coldStart(c.from), restored)) {
        let appliedAt = await d.router.route(splitWeights(c.from.color, 100, !1), d.ports);
        result.rollbackMs = appliedAt - detectedAt, f["ms-to-old-version"] = Math.round(result.rollbackMs), f.cold = restored !== c.from;
      }
      restored || await d.router.isolate(c.to.color, d.ports), result.logTail = await d.runtime.logTail(c.to.color, 10).catch(() => "") || void 0, restored && await d.router.drain(c.to.color, Math.min(d.drainTimeoutMs, 5e3)), await d.runtime.stop(c.to, d.stopTimeoutMs), await d.router.retire(c.to.color, d.ports);
    });
    let outcome = restored ? "rolled-back" : "failed";
    restored && (c.from = restored), await this.settle(c, outcome, reason, restored);
    let why = restored ? reason : `${reason}; ${c.from ? `the previous version ${c.from.version} could not be started again either` : "there was no previous version to go back to"}`;
    return { ...result, outcome, reason: why, active: restored };
  }
  /** Starts a stopped old version again on its slot and gates it (a cold rollback, only when it was not running). */
  async coldStart(slot) {
    let { d } = this, release = await findRelease(d.host, d.journal.stateDir, slot.version);
    if (!release) return;
    d.reporter.warning(`the previous version ${slot.version} is not running; starting it again (a cold rollback)`);
    let leftover = await d.runtime.running(slot.color);
    leftover && await d.runtime.stop({ ...slot, pid: leftover }, d.stopTimeoutMs);
    let env = await releaseEnv(d.host, release), started = { ...slot, pid: await d.runtime.start(slot, release, { ...BASE_ENV, ...env, PORT: String(slot.port) }) };
    return (await healthGate(d.host, d.runtime, started, d.gate)).ok ? started : void 0;
  }
  /** Ends the cutover in the journal: the active slot, the previous release and one history entry. */
  async settle(c, outcome, reason, active) {
    let doc = this.doc;
    outcome === "promoted" && c.from && (doc.previous = { version: c.from.version, color: c.from.color }), doc.active = active, doc.history.push({
      id: c.id,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      command: c.command,
      version: c.to.version,
      color: c.to.color,
      ...c.from ? { fromVersion: c.from.version } : {},
      outcome,
      ...reason ? { reason: reason.split(`
`)[0] } : {}
    }), doc.cutover = void 0, await this.d.journal.write(doc);
  }
};
function sumTraffic(list) {
  if (list.length === 0) return;
  let last = list[list.length - 1];
  return {
    requests: list.reduce((s, t) => s + t.requests, 0),
    errors: list.reduce((s, t) => s + t.errors, 0),
    latencyMs: last.latencyMs,
    latencyKind: last.latencyKind
  };
}
function trafficFigures(t) {
  let f = { requests: t.requests, errors: t.errors };
  return t.requests > 0 && (f["error-rate-%"] = Number((100 * t.errors / t.requests).toFixed(3))), t.latencyMs !== void 0 && (f[t.latencyKind === "avg" ? "avg-ms" : "p95-ms"] = Number(t.latencyMs.toFixed(1))), f;
}

// packages/deploy/src/router.ts
var RouterError = class extends GantryError {
  name = "RouterError";
};

// packages/deploy/src/haproxy.ts
function parseShowStat(csv, backend) {
  let lines = csv.split(`
`), header = lines.find((l) => l.startsWith("# "));
  if (!header) throw new RouterError(`HAProxy answered \`show stat\` with no header: ${JSON.stringify(csv.slice(0, 200))}`);
  let names = header.slice(2).split(","), rows = /* @__PURE__ */ new Map();
  for (let line of lines) {
    if (line.startsWith("#") || !line.includes(",")) continue;
    let cells = line.split(",");
    if (cells[0] !== backend) continue;
    let row = {};
    names.forEach((n, i) => {
      n && (row[n] = cells[i] ?? "");
    }), rows.set(row.svname, row);
  }
  return rows;
}
var num = (row, key) => Number(row[key] || 0);
function serverCounters(row) {
  let answered = ["hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other"].reduce((s, k) => s + num(row, k), 0), failed = num(row, "econ") + num(row, "eresp");
  return { requests: answered + failed, errors: num(row, "hrsp_5xx") + failed, inFlight: num(row, "scur") + num(row, "qcur"), rtime: num(row, "rtime") };
}
var HAPROXY_NAME = /^[A-Za-z0-9._:-]+$/, HaproxyRouter = class {
  constructor(o) {
    this.o = o;
    if (!HAPROXY_NAME.test(o.backend)) throw new GantryError(`haproxy-backend ${JSON.stringify(o.backend)} is not a HAProxy name`);
    this.address = o.address ?? "127.0.0.1";
  }
  o;
  name = "haproxy";
  address;
  async send(commands) {
    try {
      return await this.o.host.socketRequest(this.o.socket, commands.join("; "), 5e3);
    } catch (err) {
      throw new RouterError(`HAProxy admin socket ${this.o.socket} on ${this.o.host.name}: ${messageOf(err)}`);
    }
  }
  async servers() {
    return parseShowStat(await this.send(["show stat"]), this.o.backend);
  }
  server(rows, color) {
    let row = rows.get(color);
    if (!row) {
      let have = [...rows.keys()].filter((k) => k !== "BACKEND");
      throw new RouterError(
        rows.size === 0 ? `HAProxy has no backend '${this.o.backend}' (haproxy-backend); declare it with servers blue and green` : `HAProxy backend '${this.o.backend}' has no server '${color}' (it has ${have.join(", ") || "none"}); declare servers blue and green`
      );
    }
    return row;
  }
  async preflight() {
    let level;
    try {
      level = (await this.o.host.socketRequest(this.o.socket, "show cli level", 5e3)).trim();
    } catch (err) {
      throw new GantryError(
        `haproxy-socket: cannot reach HAProxy's admin socket ${this.o.socket} on ${this.o.host.name} (${messageOf(err)}); is HAProxy running with \`stats socket ${this.o.socket} level admin\`?`
      );
    }
    if (level !== "admin")
      throw new GantryError(`haproxy-socket ${this.o.socket} has level ${JSON.stringify(level)}; gantry needs \`stats socket … level admin\``);
    let rows = await this.servers();
    for (let c of COLORS) this.server(rows, c);
  }
  async isolate(color, ports) {
    let cmd = [`set server ${this.o.backend}/${color} state maint`, `set server ${this.o.backend}/${color} addr ${this.address} port ${ports[color]}`], answer = await this.send(cmd), row = this.server(await this.servers(), color);
    if (row.status !== "MAINT") throw new RouterError(`HAProxy did not put ${this.o.backend}/${color} in maintenance (status ${row.status}): ${answer.trim()}`);
    await this.saveState();
  }
  async route(weights, ports) {
    let b = this.o.backend, on = COLORS.filter((c) => weights[c] > 0), off = COLORS.filter((c) => weights[c] === 0), commands = [
      ...on.flatMap((c) => [
        `set server ${b}/${c} addr ${this.address} port ${ports[c]}`,
        `set server ${b}/${c} weight ${weights[c]}`,
        `set server ${b}/${c} state ready`
      ]),
      ...off.map((c) => `set server ${b}/${c} state drain`),
      "show stat"
    ], answer = await this.send(commands), appliedAt = performance.now(), rows = parseShowStat(answer, b), messages = answer.slice(0, answer.indexOf("# pxname")).trim();
    for (let c of COLORS) {
      let row = this.server(rows, c), addr = `${this.address}:${ports[c]}`, up = !/MAINT|DRAIN|DOWN/.test(row.status ?? "");
      if (!(weights[c] > 0 ? num(row, "weight") === weights[c] && up && row.addr === addr : /MAINT|DRAIN/.test(row.status ?? "")))
        throw new RouterError(
          `HAProxy refused the change for ${b}/${c} (wanted weight ${weights[c]} at ${addr}; it reports ${row.status}, weight ${row.weight}, ${row.addr}): ${messages || "no message"}`
        );
    }
    return await this.saveState(), appliedAt;
  }
  async drain(color, timeoutMs) {
    let started = performance.now(), remaining = 0;
    do {
      if (remaining = serverCounters(this.server(await this.servers(), color)).inFlight, remaining === 0) return { drained: !0, ms: performance.now() - started };
      await new Promise((r) => setTimeout(r, 50));
    } while (performance.now() - started < timeoutMs);
    return { drained: !1, ms: performance.now() - started, remaining };
  }
  async retire(color) {
    await this.send([`set server ${this.o.backend}/${color} state maint`]), await this.saveState();
  }
  async mark(color, ports) {
    let c = serverCounters(this.server(await this.servers(), color));
    return { color, port: ports[color], data: { requests: c.requests, errors: c.errors } };
  }
  async trafficSince(mark) {
    let c = serverCounters(this.server(await this.servers(), mark.color));
    return {
      requests: c.requests - (mark.data.requests ?? 0),
      errors: c.errors - (mark.data.errors ?? 0),
      // HAProxy keeps no percentiles: rtime is its average over the server's last 1024 requests.
      latencyMs: c.rtime,
      latencyKind: "avg"
    };
  }
  async describe() {
    let rows = await this.servers();
    return COLORS.map((c) => {
      let r = rows.get(c);
      return r ? `${c}: ${r.status}, weight ${r.weight}, ${r.addr}` : `${c}: not declared`;
    }).join("; ");
  }
  /** Writes `show servers state` to the server-state file, so a restart of HAProxy keeps the active color. */
  async saveState() {
    if (!this.o.stateFile) return;
    let state = await this.send(["show servers state"]);
    if (!/^1\n# be_id/.test(state)) throw new RouterError(`HAProxy answered \`show servers state\` unexpectedly: ${state.slice(0, 200)}`);
    await this.o.host.writeFile(this.o.stateFile, state.replace(/\n+$/, `
`));
  }
};

// packages/deploy/src/journal.ts
import { join as join2 } from "node:path";
var HISTORY_LIMIT = 50, JOURNAL_FILE = "journal.json";
function emptyJournal(app) {
  return { schema: 1, app, history: [] };
}
var Journal = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
    this.path = join2(stateDir, JOURNAL_FILE);
  }
  host;
  stateDir;
  path;
  async read(app) {
    let text = await this.host.readFile(this.path);
    if (text === void 0) return emptyJournal(app);
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new GantryError(
        `the deploy journal ${this.path} on ${this.host.name} is not valid JSON (${err.message}); inspect it, and move it away only if no cutover is in flight`
      );
    }
    if (doc.schema !== 1 || !Array.isArray(doc.history)) throw new GantryError(`${this.path} on ${this.host.name} is not a gantry deploy journal (schema 1)`);
    if (doc.cutover && !PHASES.includes(doc.cutover.phase)) throw new GantryError(`${this.path}: unknown phase ${JSON.stringify(doc.cutover.phase)}`);
    return doc;
  }
  async write(doc) {
    doc.history.length > HISTORY_LIMIT && doc.history.splice(0, doc.history.length - HISTORY_LIMIT), await this.host.writeFile(this.path, `${JSON.stringify(doc, null, 2)}
`, 384);
  }
};
function planRecovery(c) {
  let who = `the deployer (pid ${c.deployer.pid} on ${c.deployer.machine}) stopped during ${c.phase}`;
  return COMMITTED_PHASES.includes(c.phase) ? { kind: "complete", why: `${who}, after ${c.to.version} had passed its checks` } : c.phase === "rolling-back" ? { kind: "roll-back", why: `${who} (${c.reason ?? "no reason recorded"})` } : { kind: "roll-back", why: `${who}, before ${c.to.version} had passed its checks` };
}
function runId(now = /* @__PURE__ */ new Date()) {
  return `${now.toISOString().replace(/[:.]/g, "")}-${Math.random().toString(36).slice(2, 8)}`;
}

// packages/deploy/src/lock.ts
import { join as join3 } from "node:path";

// packages/deploy/src/localhost.ts
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { chmod, copyFile, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { hostname } from "node:os";
import { dirname } from "node:path";
var PIDFILE_WRAPPER = 'echo $$ > "$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"';
async function localProcessInfo(pid) {
  if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
  try {
    let stat2 = await readFile(`/proc/${pid}/stat`, "utf8"), state = stat2.slice(stat2.lastIndexOf(")") + 2, stat2.lastIndexOf(")") + 3), command = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean).join(" ");
    return { state: state === "Z" || state === "X" ? "zombie" : "running", command };
  } catch {
    if (process.platform === "linux") return { state: "gone" };
    try {
      return process.kill(pid, 0), { state: "running" };
    } catch (err) {
      return { state: err.code === "EPERM" ? "running" : "gone" };
    }
  }
}
var LocalHost = class {
  name = "local";
  async platform() {
    return hostTarget();
  }
  exec(argv, options = {}) {
    let [file, ...args] = argv;
    if (!file) throw new GantryError("internal: empty command");
    return exec(file, args, { timeoutMs: options.timeoutMs, allowFailure: options.allowFailure, input: options.input });
  }
  async readFile(path2) {
    try {
      return await readFile(path2, "utf8");
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
  }
  async readFrom(path2, offset, maxBytes) {
    let fh;
    try {
      fh = await open(path2, "r");
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
    try {
      let { size } = await fh.stat(), start = Math.min(offset, size), length = Math.min(size - start, maxBytes), buf = Buffer.alloc(length);
      return await fh.read(buf, 0, length, start), { text: buf.toString("utf8"), size };
    } finally {
      await fh.close();
    }
  }
  async fileSize(path2) {
    try {
      return (await stat(path2)).size;
    } catch {
      return;
    }
  }
  async writeFile(path2, data, mode) {
    let tmp = `${path2}.tmp-${process.pid}-${Date.now()}`, options = mode === void 0 ? void 0 : { mode };
    try {
      await writeFile(tmp, data, options).catch(async (err) => {
        if (err.code !== "ENOENT") throw err;
        await mkdir(dirname(path2), { recursive: !0 }), await writeFile(tmp, data, options);
      }), await rename(tmp, path2);
    } catch (err) {
      throw await rm(tmp, { force: !0 }), err;
    }
  }
  rename(from, to) {
    return rename(from, to);
  }
  async mkdirp(path2, mode) {
    await mkdir(path2, { recursive: !0, mode });
  }
  async mkdirExclusive(path2) {
    try {
      return await mkdir(path2), !0;
    } catch (err) {
      if (err.code === "EEXIST") return !1;
      throw err;
    }
  }
  remove(path2) {
    return rm(path2, { recursive: !0, force: !0 });
  }
  async list(dir) {
    try {
      return await readdir(dir);
    } catch {
      return [];
    }
  }
  exists(path2) {
    return exists(path2);
  }
  async sha256(path2) {
    return await exists(path2) ? sha256File(path2) : void 0;
  }
  async upload(localPath, hostPath, mode) {
    await mkdir(dirname(hostPath), { recursive: !0 });
    let tmp = `${hostPath}.tmp-${process.pid}`;
    return await copyFile(localPath, tmp), await chmod(tmp, mode), await rename(tmp, hostPath), sha256File(hostPath);
  }
  async spawnDetached(spec) {
    await mkdir(dirname(spec.logFile), { recursive: !0 }), await mkdir(dirname(spec.pidFile), { recursive: !0 });
    let fd = openSync(spec.logFile, "a");
    try {
      let child = spawn("/bin/sh", ["-c", PIDFILE_WRAPPER, spec.pidFile, ...spec.argv], {
        cwd: spec.cwd,
        env: spec.env,
        detached: !0,
        stdio: ["ignore", fd, fd]
      }), pid = await new Promise((res, rej) => {
        child.once("error", (e) => rej(new GantryError(`could not start ${spec.argv[0]}: ${e.message}`))), child.once("spawn", () => res(child.pid));
      });
      child.unref();
      for (let i = 0; i < 200 && (await this.readFile(spec.pidFile))?.trim() !== String(pid) && (await localProcessInfo(pid)).state === "running"; i++)
        await new Promise((r) => setTimeout(r, 5));
      return pid;
    } finally {
      closeSync(fd);
    }
  }
  processInfo(pid) {
    return localProcessInfo(pid);
  }
  async signal(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if (err.code !== "ESRCH") throw err;
    }
  }
  portFree(port) {
    return new Promise((res) => {
      let srv = net.createServer();
      srv.once("error", () => res(!1)), srv.listen({ port, host: "127.0.0.1", exclusive: !0 }, () => srv.close(() => res(!0)));
    });
  }
  httpGet(port, path2, timeoutMs) {
    let started = performance.now();
    return new Promise((res) => {
      let req = http.get({ host: "127.0.0.1", port, path: path2, agent: !1, timeout: timeoutMs, headers: { "user-agent": "gantry-deploy" } }, (r) => {
        r.resume(), r.on("end", () => {
          let status = r.statusCode ?? 0;
          res({ ok: status >= 200 && status < 300, status, ms: performance.now() - started });
        }), r.on("error", (e) => res({ ok: !1, status: 0, ms: performance.now() - started, error: e.message }));
      });
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`))), req.on("error", (e) => res({ ok: !1, status: 0, ms: performance.now() - started, error: e.code ?? e.message }));
    });
  }
  socketRequest(socketPath, text, timeoutMs) {
    return new Promise((res, rej) => {
      let sock = net.connect(socketPath), out = "", timer = setTimeout(() => sock.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      sock.setEncoding("utf8"), sock.on("connect", () => sock.end(text.endsWith(`
`) ? text : `${text}
`)), sock.on("data", (d) => out += d), sock.on("close", () => {
        clearTimeout(timer), res(out);
      }), sock.on("error", (e) => {
        clearTimeout(timer), rej(new GantryError(`${socketPath}: ${e.code ?? e.message}`));
      });
    });
  }
  deployer() {
    return { machine: hostname(), pid: process.pid };
  }
};

// packages/deploy/src/lock.ts
var HEARTBEAT_MS = 5e3, STALE_AFTER_MS = 3e4, OWNER_GRACE_MS = 2e3;
async function staleReason(owner, me, opts) {
  let now = (opts.now ?? Date.now)();
  if (!owner) return "the lock has no readable owner record (its deployer died while taking it)";
  if (owner.machine === me.machine && owner.pid !== me.pid && !await (opts.pidAlive ?? (async (pid) => (await localProcessInfo(pid)).state === "running"))(owner.pid))
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), is no longer running`;
  let silent = now - Date.parse(owner.heartbeat);
  if (Number.isFinite(silent) && silent > STALE_AFTER_MS)
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), has not refreshed it for ${formatDuration(silent)}`;
}
var DeployLock = class {
  constructor(host, stateDir) {
    this.host = host;
    this.dir = join3(stateDir, "lock"), this.ownerFile = join3(this.dir, "owner.json");
  }
  host;
  timer;
  dir;
  ownerFile;
  owner;
  /** Takes the lock, breaking a stale one with a notice; waits up to timeoutMs for a live owner. */
  async acquire(opts) {
    let me = this.host.deployer(), now = opts.now ?? Date.now, deadline = now() + opts.timeoutMs, waitingSaid = !1, ownerMissingSince;
    for (; ; ) {
      if (await this.host.mkdirExclusive(this.dir)) {
        let at = new Date(now()).toISOString();
        this.owner = { ...me, runId: opts.runId, acquired: at, heartbeat: at }, await this.host.writeFile(this.ownerFile, JSON.stringify(this.owner)), this.timer = setInterval(() => {
          this.beat();
        }, HEARTBEAT_MS), this.timer.unref();
        return;
      }
      let owner = await this.readOwner();
      owner ? ownerMissingSince = void 0 : ownerMissingSince ??= now();
      let stale = owner || now() - (ownerMissingSince ?? now()) > OWNER_GRACE_MS ? await staleReason(owner, me, opts) : void 0;
      if (stale) {
        opts.reporter.notice(`deploy lock on ${this.host.name}: broke a stale lock: ${stale}`);
        let aside = `${this.dir}.stale-${opts.runId}`;
        try {
          await this.host.rename(this.dir, aside), await this.host.remove(aside);
        } catch {
        }
        continue;
      }
      if (now() >= deadline)
        throw new GantryError(
          `the deploy lock ${this.dir} on ${this.host.name} is held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}, since ${owner?.acquired}); waited ${formatDuration(opts.timeoutMs)} (lock-timeout)`
        );
      waitingSaid || opts.reporter.info(`deploy lock held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}); waiting up to ${formatDuration(opts.timeoutMs)}`), waitingSaid = !0, await new Promise((r) => setTimeout(r, 500));
    }
  }
  async readOwner() {
    try {
      let text = await this.host.readFile(this.ownerFile);
      return text ? JSON.parse(text) : void 0;
    } catch {
      return;
    }
  }
  async beat() {
    if (this.owner) {
      this.owner.heartbeat = (/* @__PURE__ */ new Date()).toISOString();
      try {
        await this.host.writeFile(this.ownerFile, JSON.stringify(this.owner));
      } catch {
      }
    }
  }
  /** Releases the lock if this run still holds it. */
  async release() {
    if (clearInterval(this.timer), !this.owner) return;
    (await this.readOwner())?.runId === this.owner.runId && await this.host.remove(this.dir), this.owner = void 0;
  }
};

// packages/deploy/src/accesslog.ts
var ADDR = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|unix:[^\s,]+):?\d*`, TIME = String.raw`(?:\d+\.\d+|-)`, ENTRY = new RegExp(String.raw`(?:^|\s)(${ADDR}(?:(?:, | : )${ADDR})*) (\d{3}) (${TIME}(?:(?:, | : )${TIME})*)(?=\s|$)`);
function parseLogLine(line) {
  let m = ENTRY.exec(line);
  if (!m) return;
  let upstreams = m[1].split(/, | : /), times = m[3].split(/, | : /).map((t) => t === "-" ? void 0 : Number(t));
  return { upstreams, status: Number(m[2]), times };
}
var LATENCY_SAMPLE = 1e4, UpstreamTally = class {
  constructor(address) {
    this.address = address;
  }
  address;
  requests = 0;
  errors = 0;
  timed = 0;
  latencies = [];
  /** Counts an entry if it involved this upstream: an error when it answered 5xx or failed and nginx moved on. */
  add(e) {
    let i = e.upstreams.indexOf(this.address);
    if (i < 0) return;
    this.requests++, (!(i === e.upstreams.length - 1) || e.status >= 500) && this.errors++;
    let t = e.times[i];
    if (t !== void 0)
      if (this.timed++, this.latencies.length < LATENCY_SAMPLE) this.latencies.push(t * 1e3);
      else {
        let k = Math.floor(Math.random() * this.timed);
        k < LATENCY_SAMPLE && (this.latencies[k] = t * 1e3);
      }
  }
};
function percentile(values, p) {
  if (values.length === 0) return;
  let sorted = [...values].sort((a, b) => a - b), rank = Math.min(sorted.length, Math.max(1, Math.ceil(p / 100 * sorted.length)));
  return sorted[rank - 1];
}

// packages/deploy/src/cmdline.ts
function splitCommandLine(text) {
  let args = [], current = "", inWord = !1, quote;
  for (let ch of text)
    quote ? ch === quote ? quote = void 0 : current += ch : ch === '"' || ch === "'" ? (quote = ch, inWord = !0) : /\s/.test(ch) ? (inWord && args.push(current), current = "", inWord = !1) : (current += ch, inWord = !0);
  return quote ? { error: `a ${quote} quote is not closed` } : (inWord && args.push(current), args.length === 0 ? { error: "it is empty" } : /[\0\r\n]/.test(args.join("")) ? { error: "it holds control characters" } : args);
}
function nginxTestCommand(reload) {
  let i = reload.findIndex((a, k) => a === "-s" && reload[k + 1] === "reload");
  return i >= 0 && /(^|\/)nginx$/.test(reload[0] ?? "") ? [...reload.slice(0, i), ...reload.slice(i + 2), "-t"] : ["nginx", "-t"];
}

// packages/deploy/src/nginx.ts
function renderUpstream(weights, ports, app, address = "127.0.0.1") {
  let on = COLORS.filter((c) => weights[c] > 0), lines = on.length ? on.map((c) => `server ${address}:${ports[c]} weight=${weights[c]} max_fails=0; # ${c}`) : COLORS.map((c) => `server ${address}:${ports[c]} down; # ${c}`);
  return `# Written by gantry deploy for ${app}; the next deploy rewrites it.
${lines.join(`
`)}
`;
}
function serverLines(text) {
  return (text ?? "").split(`
`).map((l) => l.replace(/#.*/, "").trim()).filter(Boolean).join(`
`);
}
var NginxRouter = class {
  constructor(o) {
    this.o = o;
  }
  o;
  name = "nginx";
  oldWorkers = [];
  /** Server lines `nginx -t` accepted in this run: going back to one of them (a rollback) skips the test, for speed. */
  tested = /* @__PURE__ */ new Set();
  tallies = /* @__PURE__ */ new Map();
  get host() {
    return this.o.host;
  }
  async preflight() {
    let test = nginxTestCommand(this.o.reloadCommand);
    try {
      await this.host.exec(test, { timeoutMs: 3e4 });
    } catch (err) {
      let detail = err instanceof ExecError ? lastLines(err.result.stderr, 5) : messageOf(err);
      throw new GantryError(`nginx-reload-command: \`${test.join(" ")}\` failed on ${this.host.name} before any change: ${detail}`);
    }
    if (await this.host.readFile(this.o.upstreamFile) === void 0)
      throw new GantryError(
        `nginx-upstream-file ${this.o.upstreamFile} does not exist on ${this.host.name}; create it with the current server line and include it in your upstream block`
      );
    if (await this.master() === void 0)
      throw new GantryError(
        `nginx-pid-file ${this.o.pidFile}: no running nginx master found on ${this.host.name}; start nginx or point nginx-pid-file at its pid file`
      );
    if (this.o.accessLog && await this.host.fileSize(this.o.accessLog) === void 0)
      throw new GantryError(`nginx-access-log ${this.o.accessLog} does not exist on ${this.host.name}`);
  }
  async master() {
    let pid = Number((await this.host.readFile(this.o.pidFile))?.trim());
    if (!(!Number.isInteger(pid) || pid <= 1))
      return (await this.host.processInfo(pid)).state === "running" ? pid : void 0;
  }
  /** The master's workers; `shuttingDown` marks the ones an earlier reload retired. */
  async workers(master) {
    let { stdout } = await this.host.exec(["ps", "-e", "-o", "pid=", "-o", "ppid=", "-o", "args="]);
    return stdout.split(`
`).map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter((m) => m !== null && Number(m[2]) === master).map((m) => ({ pid: Number(m[1]), shuttingDown: /shutting down/.test(m[3]) }));
  }
  /** Returns performance.now() once nginx runs the new file (or at once when nothing changed). */
  async write(content) {
    let previous = await this.host.readFile(this.o.upstreamFile);
    if (serverLines(previous) === serverLines(content)) return performance.now();
    let restore = async () => {
      previous !== void 0 && await this.host.writeFile(this.o.upstreamFile, previous);
    };
    if (previous !== void 0 && this.tested.add(serverLines(previous)), await this.host.writeFile(this.o.upstreamFile, content), !this.tested.has(serverLines(content))) {
      let test = nginxTestCommand(this.o.reloadCommand), t = await this.host.exec(test, { allowFailure: !0, timeoutMs: 3e4 });
      if (t.code !== 0)
        throw await restore(), new RouterError(`\`${test.join(" ")}\` rejected the new upstream file (restored the previous one): ${lastLines(t.stderr, 5)}`);
      this.tested.add(serverLines(content));
    }
    let master = await this.master();
    if (master === void 0)
      throw await restore(), new RouterError(`nginx is not running (no live master in ${this.o.pidFile}); restored the previous upstream file`);
    let before = (await this.workers(master)).filter((w) => !w.shuttingDown).map((w) => w.pid), r = await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 });
    if (r.code !== 0)
      throw await restore(), await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 }), new RouterError(`\`${this.o.reloadCommand.join(" ")}\` failed (restored the previous upstream file): ${lastLines(r.stderr || r.stdout, 5)}`);
    let deadline = performance.now() + (this.o.reloadTimeoutMs ?? 1e4);
    for (; ; ) {
      let now = await this.workers(master);
      if (now.filter((w) => before.includes(w.pid) && !w.shuttingDown).length === 0 && now.some((w) => !before.includes(w.pid)))
        return this.oldWorkers = before, performance.now();
      if (performance.now() > deadline)
        throw await restore(), await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 }), new RouterError(
          `nginx did not start workers with the new upstream file within ${this.o.reloadTimeoutMs ?? 1e4} ms; restored the previous file`
        );
      await new Promise((res) => setTimeout(res, 20));
    }
  }
  async isolate(color, ports) {
    let current = serverLines(await this.host.readFile(this.o.upstreamFile)), addr = `${this.o.address ?? "127.0.0.1"}:${ports[color]}`, lines = current.split(`
`).filter((l) => l && !l.includes(addr));
    if (lines.length === current.split(`
`).filter(Boolean).length) return;
    let others = COLORS.filter((c) => c !== color && lines.some((l) => l.includes(`:${ports[c]}`) && !/\bdown\b/.test(l))), weights = { blue: 0, green: 0 };
    for (let c of others) weights[c] = 100;
    await this.write(renderUpstream(weights, ports, this.o.app, this.o.address));
  }
  route(weights, ports) {
    return this.write(renderUpstream(weights, ports, this.o.app, this.o.address));
  }
  /** In-flight requests on the old workers finish before they exit: wait for that. */
  async drain(_color, timeoutMs) {
    let started = performance.now(), master = await this.master(), remaining = 0;
    do {
      if (remaining = (master === void 0 ? [] : (await this.workers(master)).filter((w) => this.oldWorkers.includes(w.pid))).length, remaining === 0) return { drained: !0, ms: performance.now() - started };
      await new Promise((res) => setTimeout(res, 50));
    } while (performance.now() - started < timeoutMs);
    return { drained: !1, ms: performance.now() - started, remaining };
  }
  async retire() {
  }
  async mark(color, ports) {
    let mark = { color, port: ports[color], data: {} };
    if (this.o.accessLog) {
      let offset = await this.host.fileSize(this.o.accessLog) ?? 0;
      this.tallies.set(mark, { offset, tally: new UpstreamTally(`${this.o.address ?? "127.0.0.1"}:${ports[color]}`), partial: "" });
    }
    return mark;
  }
  async trafficSince(mark) {
    let t = this.tallies.get(mark);
    if (t) {
      for (; ; ) {
        let chunk = await this.host.readFrom(this.o.accessLog, t.offset, 4194304);
        if (!chunk || chunk.size < t.offset) break;
        let text = t.partial + chunk.text;
        t.offset += Buffer.byteLength(chunk.text);
        let lines = text.split(`
`);
        t.partial = lines.pop() ?? "";
        for (let line of lines) {
          let e = parseLogLine(line);
          e && t.tally.add(e);
        }
        if (t.offset >= chunk.size) break;
      }
      return { requests: t.tally.requests, errors: t.tally.errors, latencyMs: percentile(t.tally.latencies, 95), latencyKind: "p95" };
    }
  }
  async describe() {
    return serverLines(await this.host.readFile(this.o.upstreamFile)).replace(/\n/g, "; ") || "(empty upstream file)";
  }
};

// packages/deploy/src/recover.ts
async function recoverCutover(d, doc, engine) {
  let c = doc.cutover;
  if (!c) return;
  let found = structuredClone(c), plan = planRecovery(c);
  if (c.to.pid === void 0 && (c.to.pid = await d.runtime.running(c.to.color)), plan.kind === "roll-back" && c.from && !await d.runtime.alive(c.from)) {
    let toUp = await d.runtime.alive(c.to), switched = c.phase === "verifying" || c.phase === "switching" && c.weight === 100;
    toUp && switched && (plan = { kind: "complete", why: `${plan.why}; the old version ${c.from.version} is gone and ${c.to.version} is serving` });
  }
  d.reporter.notice(
    `found an unfinished ${c.command} of ${c.to.version} in the journal: ${plan.why}; ${plan.kind === "complete" ? "completing it" : "rolling it back"}`
  );
  let base = { outcome: "failed", version: c.to.version, previousVersion: c.from?.version, verify: [] }, result = await d.timeline.span("recover", async (f) => (f.found = `${c.command} ${c.to.version} at ${c.phase}`, f.action = plan.kind, plan.kind === "complete" ? (await d.router.route({ blue: 0, green: 0, [c.to.color]: 100 }, d.ports), engine.promote(c, base)) : engine.rollback(c, base, `recovered: ${plan.why}`)));
  return { found, action: result.outcome === "promoted" ? "completed" : result.outcome, why: plan.why, result };
}

// packages/deploy/src/runtime.ts
import { join as join4 } from "node:path";
var sleep3 = (ms) => new Promise((r) => setTimeout(r, ms)), ProcessRuntime = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
  }
  host;
  stateDir;
  name = "process";
  pidFile(color) {
    return join4(this.stateDir, "run", `${color}.pid`);
  }
  logFile(color) {
    return join4(this.stateDir, "logs", `${color}.log`);
  }
  async start(slot, release, env) {
    let leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`a process of this app (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    let log = this.logFile(slot.color);
    return await this.host.exists(log) && await this.host.rename(log, `${log}.1`), this.host.spawnDetached({ argv: [release.binary], env, cwd: release.dir, logFile: log, pidFile: this.pidFile(slot.color) });
  }
  /** The pid from the color's pid file, if that process runs and is one of ours. */
  async running(color) {
    let pid = Number((await this.host.readFile(this.pidFile(color)))?.trim());
    if (!(!Number.isInteger(pid) || pid <= 1))
      return await this.ours(pid) ? pid : void 0;
  }
  async ours(pid) {
    let info = await this.host.processInfo(pid);
    return info.state !== "running" ? !1 : !info.command || info.command.includes(`${join4(this.stateDir, "releases")}/`);
  }
  async runsRelease(pid, release) {
    let info = await this.host.processInfo(pid);
    return info.state === "running" && info.command === release.binary;
  }
  /** The pid of a slot this run started or the journal recorded: alive as long as it runs (identity is checked before signals). */
  async alive(slot) {
    return slot.pid !== void 0 && (await this.host.processInfo(slot.pid)).state === "running";
  }
  async stop(slot, stopTimeoutMs) {
    let started = performance.now(), pid = slot.pid ?? await this.running(slot.color);
    if (pid === void 0 || !await this.ours(pid)) return { signal: "none", ms: 0 };
    await this.host.signal(pid, "SIGTERM");
    let deadline = started + stopTimeoutMs;
    for (; performance.now() < deadline; ) {
      if ((await this.host.processInfo(pid)).state !== "running") return { signal: "SIGTERM", ms: performance.now() - started };
      await sleep3(25);
    }
    await this.host.signal(pid, "SIGKILL");
    for (let i = 0; i < 200 && (await this.host.processInfo(pid)).state === "running"; i++) await sleep3(25);
    return { signal: "SIGKILL", ms: performance.now() - started };
  }
  async logTail(color, lines) {
    let size = await this.host.fileSize(this.logFile(color)) ?? 0, tail = await this.host.readFrom(this.logFile(color), Math.max(0, size - 8192), 8192);
    return tail ? lastLines(tail.text, lines) : "";
  }
};

// packages/deploy/src/timeline.ts
var Timeline = class {
  entries = [];
  /** Runs fn as a phase; fn may add figures to the entry it is given. */
  async span(phase, fn) {
    let entry = { phase, start: (/* @__PURE__ */ new Date()).toISOString(), ms: 0, figures: {} };
    this.entries.push(entry);
    let started = performance.now();
    try {
      return await fn(entry.figures);
    } finally {
      entry.ms = Math.round(performance.now() - started);
    }
  }
  /** Adds a phase that was measured elsewhere. */
  add(phase, startedAt, figures2 = {}) {
    let ms = performance.now() - startedAt;
    this.entries.push({ phase, start: new Date(Date.now() - ms).toISOString(), ms: Math.round(ms), figures: figures2 });
  }
  find(phase) {
    return this.entries.find((e) => e.phase === phase);
  }
};

// packages/deploy/src/deploy.ts
function makeRouter(r, host, app) {
  return r.kind === "haproxy" ? new HaproxyRouter({ host, socket: r.socket, backend: r.backend, stateFile: r.stateFile }) : new NginxRouter({ host, upstreamFile: r.upstreamFile, reloadCommand: r.reloadCommand, pidFile: r.pidFile, accessLog: r.accessLog, app });
}
function stateDirFor(inputs, app) {
  return inputs.stateDir.split("{app}").join(app);
}
function engineDeps(inputs, o, parts) {
  return {
    ...parts,
    host: o.host,
    reporter: o.reporter,
    ports: inputs.ports,
    gate: inputs.health,
    verify: { windowMs: inputs.verifyWindowMs, maxErrorRate: inputs.maxErrorRate, maxP95Ms: inputs.maxP95Ms },
    drainTimeoutMs: inputs.drainTimeoutMs,
    stopTimeoutMs: inputs.stopTimeoutMs,
    stepPauseMs: inputs.stepPauseMs,
    pauseAt: o.pauseAt,
    signal: o.signal
  };
}
async function checkIdlePort(host, runtime, doc, inputs) {
  let idle = doc.active ? otherColor(doc.active.color) : "blue", port = inputs.ports[idle];
  if (!await host.portFree(port) && !await runtime.running(idle))
    throw new InputError(
      "ports",
      `${inputs.ports.blue},${inputs.ports.green}`,
      `port ${port} (the idle ${idle} slot) is in use by another process on ${host.name}; free it or choose other ports`
    );
}
async function prepare(inputs, o) {
  let artifact = inputs.command === "deploy" ? await resolveArtifact(inputs.artifact, inputs.manifest, await o.host.platform()) : void 0, app = inputs.app || artifact?.project;
  if (!app) throw new InputError("app", "", "it is required when the artifact does not come from a manifest; accepted: the service's name, e.g. hello");
  let version = inputs.version || artifact?.version || artifact?.sha256.slice(0, 12) || "", stateDir = stateDirFor(inputs, app), router = makeRouter(inputs.router, o.host, app);
  await router.preflight();
  let runtime = new ProcessRuntime(o.host, stateDir), journal = new Journal(o.host, stateDir), doc = await journal.read(app);
  if (doc.app !== app) throw new GantryError(`${journal.path} belongs to app ${doc.app}, not ${app}; give each app its own state-dir`);
  return await checkIdlePort(o.host, runtime, doc, inputs), { artifact, app, version, stateDir, router, runtime, journal };
}
async function runDeploy(inputs, o) {
  if (inputs.command === "status") throw new GantryError("internal: runDeploy does not run status");
  let command = inputs.command, { artifact, app, version, stateDir, router, runtime, journal } = await prepare(inputs, o), timeline = new Timeline(), runId2 = runId();
  await o.host.mkdirp(stateDir, 488);
  let lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId: runId2, reporter: o.reporter })), o.onLocked?.(runId2, stateDir);
  try {
    let doc = await journal.read(app), deps = engineDeps(inputs, o, { runtime, router, journal, timeline, runId: runId2 }), engine = new CutoverEngine(deps, doc), recovery = await recoverCutover(deps, doc, engine);
    await checkIdlePort(o.host, runtime, doc, inputs);
    let plan = command === "deploy" ? {
      command,
      version,
      strategy: inputs.strategy,
      steps: inputs.steps,
      stage: async () => {
        let running = [doc.active?.version, doc.previous?.version].filter((v) => !!v), { release, reused } = await stageRelease(o.host, stateDir, version, artifact, inputs.env, running, runId2);
        return reused && o.reporter.info(`release ${version} is already in ${release.dir} (same sha256); reusing it`), { release, env: inputs.env };
      }
    } : await rollbackPlan(o.host, stateDir, doc, inputs), result = await engine.run(plan), protect = [doc.active?.version, doc.previous?.version, version].filter((v) => !!v), pruned = await pruneReleases(o.host, stateDir, inputs.keepReleases, protect);
    return { app, command, stateDir, result, recovery, timeline, runId: runId2, pruned };
  } finally {
    await lock.release();
  }
}
async function recoverOnly(inputs, stateDir, o) {
  let journal = new Journal(o.host, stateDir), first = await journal.read("");
  if (!first.cutover) return;
  let app = first.app, router = makeRouter(inputs.router, o.host, app);
  await router.preflight();
  let timeline = new Timeline(), runId2 = runId(), lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId: runId2, reporter: o.reporter }));
  try {
    let doc = await journal.read(app), deps = engineDeps(inputs, o, { runtime: new ProcessRuntime(o.host, stateDir), router, journal, timeline, runId: runId2 }), recovery = await recoverCutover(deps, doc, new CutoverEngine(deps, doc));
    return recovery ? { app, command: recovery.found.command, stateDir, result: recovery.result, recovery, timeline, runId: runId2, pruned: [] } : void 0;
  } finally {
    await lock.release();
  }
}
async function rollbackPlan(host, stateDir, doc, inputs) {
  let target = doc.previous;
  if (!target) throw new GantryError(`there is no previous release of ${doc.app} in ${join5(stateDir, "journal.json")} to roll back to`);
  let release = await findRelease(host, stateDir, target.version);
  if (!release) throw new GantryError(`the previous release ${target.version} is no longer in ${join5(stateDir, "releases")} (pruned past keep-releases?)`);
  return {
    command: "rollback",
    version: target.version,
    strategy: inputs.strategy,
    steps: inputs.steps,
    stage: async () => ({ release, env: await releaseEnv(host, release) })
  };
}

// packages/deploy/src/inputs.ts
import { isAbsolute, resolve } from "node:path";
var DEPLOY_INPUTS = {
  command: "deploy",
  app: "",
  manifest: "dist/artifacts.json",
  artifact: "",
  version: "",
  env: "",
  ports: "8081,8082",
  runtime: "process",
  router: "haproxy",
  "haproxy-socket": "/run/haproxy/admin.sock",
  "haproxy-backend": "app",
  "haproxy-server-state-file": "",
  "nginx-upstream-file": "",
  "nginx-reload-command": "nginx -s reload",
  "nginx-pid-file": "/run/nginx.pid",
  "nginx-access-log": "",
  strategy: "blue-green",
  "canary-steps": "5,25,50,100",
  "step-pause": "0s",
  "health-path": "/healthz",
  "health-successes": "3",
  "health-timeout": "60s",
  "health-interval": "500ms",
  "verify-window": "30s",
  "max-error-rate": "1%",
  "max-p95": "",
  "drain-timeout": "30s",
  "stop-timeout": "30s",
  "state-dir": "/var/lib/gantry/{app}",
  "keep-releases": "5",
  "lock-timeout": "2m"
}, NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
function parseSteps(text, input = "canary-steps") {
  let parts = text.split(/[,\s]+/).map((s) => s.trim().replace(/%$/, "")).filter(Boolean), accepted = "accepted: increasing whole percentages that end at 100, e.g. 5,25,50,100";
  if (parts.length === 0) throw new InputError(input, text, accepted);
  let steps = parts.map((p) => /^\d{1,3}$/.test(p) ? Number(p) : Number.NaN);
  if (steps.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) throw new InputError(input, text, `each step is a whole number from 1 to 100; ${accepted}`);
  for (let i = 1; i < steps.length; i++)
    if (steps[i] <= steps[i - 1])
      throw new InputError(input, text, `steps must increase (${steps[i - 1]} then ${steps[i]}); ${accepted}`);
  if (steps[steps.length - 1] !== 100) throw new InputError(input, text, `the last step must be 100 so the new version ends with all traffic; ${accepted}`);
  return steps;
}
function parsePorts(text) {
  let parts = text.split(/[,\s]+/).filter(Boolean), accepted = "accepted: two different ports, blue's then green's, e.g. 8081,8082";
  if (parts.length !== 2 || !parts.every((p) => /^\d{1,5}$/.test(p))) throw new InputError("ports", text, accepted);
  let [blue, green] = parts.map(Number);
  if (blue < 1 || blue > 65535 || green < 1 || green > 65535 || blue === green) throw new InputError("ports", text, accepted);
  return { blue, green };
}
function path(read, name, cwd) {
  let v = read.string(name);
  if (v === "") return "";
  if (/[\0\r\n]/.test(v)) throw new InputError(name, v, "accepted: a file path on one line");
  return isAbsolute(v) ? v : resolve(cwd, v);
}
function routerInputs(read, cwd) {
  let kind = read.choice("router", ["haproxy", "nginx"]);
  if (kind === "haproxy") {
    let backend = read.string("haproxy-backend");
    if (!HAPROXY_NAME.test(backend)) throw new InputError("haproxy-backend", backend, "accepted: a HAProxy backend name (letters, digits, . _ : -)");
    let socket = path(read, "haproxy-socket", cwd);
    if (!socket)
      throw new InputError(
        "haproxy-socket",
        "",
        "it is required with router: haproxy; accepted: the path of HAProxy's admin socket (`stats socket … level admin`)"
      );
    return { kind, socket, backend, stateFile: path(read, "haproxy-server-state-file", cwd) };
  }
  let upstreamFile = path(read, "nginx-upstream-file", cwd);
  if (!upstreamFile)
    throw new InputError(
      "nginx-upstream-file",
      "",
      "it is required with router: nginx; accepted: the path of a file your upstream block includes (gantry rewrites it)"
    );
  let reload = splitCommandLine(read.string("nginx-reload-command"));
  if ("error" in reload)
    throw new InputError("nginx-reload-command", read.string("nginx-reload-command"), `${reload.error}; accepted: a command such as nginx -s reload`);
  return { kind, upstreamFile, reloadCommand: reload, pidFile: path(read, "nginx-pid-file", cwd), accessLog: path(read, "nginx-access-log", cwd) };
}
function duration(read, name, min) {
  let ms = read.duration(name);
  if (ms < min) throw new InputError(name, read.string(name), `it must be at least ${min} ms`);
  return ms;
}
function parseDeployInputs(read, cwd) {
  let command = read.choice("command", ["deploy", "rollback", "status"]), app = read.string("app");
  if (app && !NAME.test(app)) throw new InputError("app", app, "accepted: letters, digits, '.', '_' and '-', at most 63, starting with a letter or digit");
  let version = read.string("version");
  if (version && !VERSION.test(version)) throw new InputError("version", version, "accepted: letters, digits and . _ + - (it names a folder), e.g. v1.2.3");
  let runtime = read.string("runtime");
  if (runtime !== "process")
    throw new InputError(
      "runtime",
      runtime,
      "accepted: process (systemd and docker cannot be tested on the machine gantry is built on yet, so they are not offered)"
    );
  let env = read.keyValues("env");
  if ("PORT" in env) throw new InputError("env", "PORT=…", "PORT is set by gantry to the slot's port (see ports); remove it from env");
  let strategy = read.choice("strategy", ["blue-green", "canary"]), steps = strategy === "canary" ? parseSteps(read.string("canary-steps")) : [100], healthPath = read.string("health-path");
  if (!/^\/[\x21-\x7e]*$/.test(healthPath))
    throw new InputError("health-path", healthPath, "accepted: a URL path starting with /, without spaces, e.g. /healthz");
  let maxErrorRate = read.percent("max-error-rate");
  if (maxErrorRate === void 0) throw new InputError("max-error-rate", "", "it is required; accepted: a percentage, e.g. 1%");
  let maxP95 = read.string("max-p95") ? duration(read, "max-p95", 1) : void 0, stateDir = read.string("state-dir");
  if (!stateDir || /[\0\r\n]/.test(stateDir)) throw new InputError("state-dir", stateDir, "accepted: a folder path, e.g. /var/lib/gantry/{app}");
  return {
    command,
    app,
    manifest: path(read, "manifest", cwd),
    artifact: path(read, "artifact", cwd),
    version,
    env,
    ports: parsePorts(read.string("ports")),
    runtime,
    router: routerInputs(read, cwd),
    strategy,
    steps,
    stepPauseMs: duration(read, "step-pause", 0),
    health: {
      path: healthPath,
      successes: read.int("health-successes", 1, 100),
      timeoutMs: duration(read, "health-timeout", 1),
      intervalMs: duration(read, "health-interval", 10)
    },
    verifyWindowMs: duration(read, "verify-window", 0),
    maxErrorRate,
    maxP95Ms: maxP95,
    drainTimeoutMs: duration(read, "drain-timeout", 0),
    stopTimeoutMs: duration(read, "stop-timeout", 0),
    stateDir: isAbsolute(stateDir) ? stateDir : resolve(cwd, stateDir),
    keepReleases: read.int("keep-releases", 1, 1e3),
    lockTimeoutMs: duration(read, "lock-timeout", 0)
  };
}

// packages/deploy/src/status.ts
async function deployStatus(inputs, ctx, host) {
  let app = inputs.app;
  if (!app && await exists(inputs.manifest) && (app = (await readManifest(inputs.manifest)).project), !app) throw new InputError("app", "", "it is required for command: status when there is no manifest; accepted: the service's name");
  let stateDir = stateDirFor(inputs, app), doc = await new Journal(host, stateDir).read(app), runtime = new ProcessRuntime(host, stateDir), active = doc.active, running = active ? await runtime.alive(active) : !1, routing;
  try {
    routing = await makeRouter(inputs.router, host, app).describe(inputs.ports);
  } catch (err) {
    routing = `unknown (${messageOf(err)})`;
  }
  let last = doc.history[doc.history.length - 1];
  ctx.setOutput("outcome", doc.cutover ? "in-flight" : last?.outcome ?? ""), ctx.setOutput("active-color", active?.color ?? ""), ctx.setOutput("version", active?.version ?? ""), ctx.setOutput("previous-version", doc.previous?.version ?? ""), ctx.setOutput("timeline", doc.cutover?.transitions ?? []), ctx.setOutput("error-rate", "");
  let lines = [
    `### deploy status: ${app}`,
    "",
    active ? `${active.version} is active on ${active.color} (port ${active.port}, pid ${active.pid}, ${running ? "running" : "**not running**"}).` : "No version is active.",
    `Router: ${routing}.`,
    doc.previous ? `Previous release: ${doc.previous.version} (\`command: rollback\` goes back to it).` : "",
    ""
  ];
  if (doc.cutover) {
    let c = doc.cutover, plan = planRecovery(c);
    lines.push(
      `**In flight:** ${c.command} of ${c.to.version} (${c.from?.version ?? "nothing"} → ${c.to.version}), phase **${c.phase}**${c.weight !== void 0 ? ` at ${c.weight}%` : ""}, run ${c.id} by pid ${c.deployer.pid} on ${c.deployer.machine}.`,
      `The next deploy or rollback will ${plan.kind === "complete" ? "complete it" : "roll it back"} (if its deployer is gone).`,
      "",
      table(
        ["Phase", "At"],
        c.transitions.map((t) => [t.phase, t.at])
      ),
      ""
    );
  }
  doc.history.length && lines.push(
    table(
      ["When", "Command", "Version", "From", "Outcome", "Reason"],
      doc.history.slice(-10).reverse().map((h) => [h.at, h.command, h.version, h.fromVersion ?? "", h.outcome, h.reason ?? ""])
    ),
    ""
  ), ctx.summary(lines.join(`
`));
}

// packages/deploy/src/summary.ts
function reportedOutcome(r) {
  return r.command === "rollback" ? r.result.outcome === "promoted" ? "rolled-back" : "failed" : r.result.outcome;
}
function outcomeSentence(r) {
  let res = r.result, active = res.active ? `${res.active.version} serves all traffic on ${res.active.color} (port ${res.active.port})` : "no version is serving", traffic = res.traffic ? res.traffic.requests === 0 ? ` No requests reached ${res.version} while it was verified.` : ` ${res.traffic.errors} of ${res.traffic.requests} requests to ${res.version} failed while it was verified (${(errorRate(res.traffic) ?? 0).toFixed(2)}%).` : "";
  if (res.outcome === "promoted") {
    let verb = r.command === "rollback" ? "rolled back to" : "promoted", before = res.previousVersion ? `; ${res.previousVersion} was drained and stopped` : "", fast = res.switchMs !== void 0 ? ` All traffic was on it ${formatDuration(res.switchMs)} after its health gate passed.` : "";
    return `${r.app}: ${verb} ${res.version}: ${active}${before}.${fast}${traffic}`;
  }
  let back = res.rollbackMs !== void 0 ? ` Traffic was back on ${res.active?.version} ${formatDuration(res.rollbackMs)} after the failure was detected.` : "", what = res.outcome === "rolled-back" ? `${res.version} was rolled back` : `${res.version} failed`;
  return `${r.app}: ${what}: ${res.reason?.split(`
`)[0]}. Now ${active}.${back}${traffic}`;
}
function figures(e) {
  return Object.entries(e.figures).map(([k, v]) => `${k}: ${v}`).join(", ");
}
function gateRows(r, inputs) {
  let rows = [], g = r.result.gate;
  g && rows.push([
    `health gate (${inputs.health.path})`,
    `${g.ok ? `${inputs.health.successes} × 2xx in a row` : "not passed"} after ${g.checks} checks, ${formatDuration(g.ms)}`,
    `${inputs.health.successes} in a row within ${formatDuration(inputs.health.timeoutMs)}`,
    g.ok ? "✅" : "❌"
  ]);
  for (let { weight, result } of r.result.verify) {
    let t = result.traffic, rate = t ? errorRate(t) : void 0;
    rows.push([
      `error rate at ${weight}% (${formatDuration(result.ms)})`,
      t ? `${rate === void 0 ? "no requests" : `${rate.toFixed(2)}%`} (${t.errors}/${t.requests})` : "not measured (no router counters)",
      `≤ ${inputs.maxErrorRate}%`,
      result.ok ? "✅" : "❌"
    ]), inputs.maxP95Ms !== void 0 && t?.latencyMs !== void 0 && rows.push([
      `${t.latencyKind === "avg" ? "avg response time (HAProxy)" : "p95 latency"} at ${weight}%`,
      `${t.latencyMs.toFixed(1)} ms`,
      `≤ ${inputs.maxP95Ms} ms`,
      t.latencyMs <= inputs.maxP95Ms ? "✅" : "❌"
    ]);
  }
  return r.result.switchMs !== void 0 && rows.push(["gate passed → all traffic on new", formatDuration(r.result.switchMs), "", "ℹ️"]), r.result.rollbackMs !== void 0 && rows.push(["failure detected → traffic on old", formatDuration(r.result.rollbackMs), "", "ℹ️"]), rows;
}
function deploySummary(r, inputs) {
  let outcome = reportedOutcome(r), parts = [`### ${outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌"} deploy ${r.app} ${r.result.version}: ${outcome}`, "", outcomeSentence(r), ""];
  r.recovery && parts.push(
    `> Recovered first: an unfinished ${r.recovery.found.command} of ${r.recovery.found.to.version} (${r.recovery.why}) was ${r.recovery.action}.`,
    ""
  );
  let gates = gateRows(r, inputs);
  return gates.length && parts.push(table(["Check", "Measured", "Threshold", ""], gates), ""), parts.push(
    table(
      ["Phase", "Start", "Duration", "Figures"],
      r.timeline.entries.map((e) => [e.phase, e.start.slice(11, 23), formatDuration(e.ms), figures(e)])
    ),
    ""
  ), r.result.logTail && parts.push(details(`last output of ${r.result.version}`, codeBlock(r.result.logTail)), ""), parts.join(`
`);
}

// packages/deploy/src/stage.ts
var DEPLOY_STATE_KEY = "gantry-deploy-run", SECRET_KEY = /SECRET|TOKEN|PASSW|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|DSN|DATABASE_URL|_KEY$/i;
function setDeployOutputs(r, ctx) {
  let rate = r.result.traffic ? errorRate(r.result.traffic) : void 0;
  ctx.setOutput("outcome", reportedOutcome(r)), ctx.setOutput("active-color", r.result.active?.color ?? ""), ctx.setOutput("version", r.result.version), ctx.setOutput("previous-version", r.result.previousVersion ?? ""), ctx.setOutput("timeline", r.timeline.entries), ctx.setOutput("error-rate", rate === void 0 ? "" : rate.toFixed(3));
}
function cancellation() {
  let controller = new AbortController(), onSignal = (sig) => controller.abort(`${sig} received`);
  return process.on("SIGINT", onSignal), process.on("SIGTERM", onSignal), {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal), process.off("SIGTERM", onSignal);
    }
  };
}
async function run(inputs, ctx) {
  let host = new LocalHost();
  if (inputs.command === "status") return deployStatus(inputs, ctx, host);
  let cancel = cancellation(), report;
  try {
    report = await runDeploy(inputs, {
      host,
      reporter: ctx.reporter,
      pauseAt: ctx.env.GANTRY_DEPLOY_PAUSE_AT || void 0,
      signal: cancel.signal,
      // The inputs ride along (without env, which may hold secrets) so post works for the CLI too.
      onLocked: (runId2, stateDir) => ctx.state.set(DEPLOY_STATE_KEY, JSON.stringify({ runId: runId2, stateDir, inputs: { ...inputs, env: {} } }))
    });
  } catch (err) {
    throw ctx.setOutput("outcome", "failed"), err;
  } finally {
    cancel.dispose();
  }
  if (setDeployOutputs(report, ctx), ctx.summary(deploySummary(report, inputs)), report.result.logTail && ctx.reporter.info(`last output of ${report.result.version}:
${report.result.logTail}`), reportedOutcome(report) !== "promoted" && !(inputs.command === "rollback" && reportedOutcome(report) === "rolled-back"))
    throw new GantryError(outcomeSentence(report));
  ctx.reporter.info(outcomeSentence(report));
}
async function post(ctx) {
  let saved = ctx.state.get(DEPLOY_STATE_KEY);
  if (!saved) return;
  let { runId: runId2, stateDir, inputs } = JSON.parse(saved), host = new LocalHost(), doc = await new Journal(host, stateDir).read("");
  if (doc.cutover?.id === runId2) {
    ctx.reporter.warning(`deploy: the main step stopped during ${doc.cutover.phase}; finishing the cutover now`);
    try {
      let report = await recoverOnly(inputs, stateDir, { host, reporter: ctx.reporter });
      report && ctx.summary(deploySummary(report, inputs));
    } catch (err) {
      ctx.reporter.warning(`deploy post step: recovery failed: ${messageOf(err)}; the next deploy will retry it`);
    }
  }
}
var deployStage = {
  name: "deploy",
  description: "Zero-downtime blue-green or canary cutover of a Go service behind HAProxy or nginx, with health gates and automatic rollback.",
  inputs: DEPLOY_INPUTS,
  secrets: ["env"],
  parse(read, ctx) {
    let inputs = parseDeployInputs(read, ctx.cwd);
    for (let [key, value] of Object.entries(inputs.env)) SECRET_KEY.test(key) && value.length >= 3 && ctx.reporter.mask(value);
    return inputs;
  },
  run,
  post
};

export {
  deployStage
};
