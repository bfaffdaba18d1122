import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  ExecError,
  GantryError,
  InputError,
  StateKey,
  codeBlock,
  commonJsExports,
  details,
  envSecrets,
  exec,
  exists,
  fetchWithTimeout,
  formatBytes,
  formatDuration,
  formatTarget,
  hostTarget,
  lastLines,
  loadPostState,
  messageOf,
  readBodyLimited,
  readManifest,
  redactUrl,
  resolveInManifest,
  safeText,
  savePostState,
  sha256,
  sha256File,
  table,
  tempPathBeside,
  writeFileAtomic
} from "./chunk-FZKQP3XX.js";

// packages/deploy/src/deploy.ts
import { dirname as dirname4, join as join11 } from "node:path";

// packages/deploy/src/model/model.ts
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
var PHASES = ["staging", "starting", "gating", "switching", "verifying", "promoting", "stopping-old", "rolling-back"], COMMITTED_PHASES = ["promoting", "stopping-old"], APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, RELEASE_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, FILE_NAME = /^[^/\\\0\r\n]{1,255}$/, ACCEPTED_FILE_NAME = "a file name on one line, without / or \\, not . or ..", TARGET_NAME = /^[a-z0-9]{1,32}\/[a-z0-9]{1,32}(\/[a-z0-9.]{1,16})?$/;
function checkName(value, rule, where, accepted) {
  if (typeof value == "string" && rule.test(value) && value !== "." && value !== "..") return value;
  throw new GantryError(`${where} ${JSON.stringify(value)} is not valid; accepted: ${accepted}`);
}
var ACCEPTED_APP = "letters, digits, '.', '_' and '-', at most 63, starting with a letter or digit", ACCEPTED_VERSION = "letters, digits and . _ + - (it names a folder), at most 128, starting with a letter or digit, e.g. v1.2.3";
function rolesWithin(key, roles) {
  return { ...roles, secrets: roles.secrets.map((s) => s.at ? { ...s, at: [key, ...s.at] } : s) };
}

// packages/deploy/src/analysis/parse.ts
var PLACEHOLDERS = ["version", "previous_version", "color", "app", "host"], ACCEPTED_ANALYSIS = "accepted: one `name: <PromQL> <op> <threshold>` per line, op one of < <= > >=, threshold a number (0.01, 256e6) or `baseline`, `1.2 * baseline`; placeholders {version} {previous_version} {color} {app} {host}", NAME = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\s*:\s*(.*)$/s, NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`, TAIL = new RegExp(String.raw`^(.*\S)\s*(<=|>=|<|>)\s*(${NUM}|baseline|${NUM}\s*\*\s*baseline|baseline\s*\*\s*${NUM})\s*$`, "s"), PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
function parseAnalysis(lines, input = "analysis") {
  let out = [];
  for (let line of lines) {
    let q = parseLine(line, input);
    if (out.some((o) => o.name === q.name)) throw new InputError(input, line, `the name ${q.name} is used twice; ${ACCEPTED_ANALYSIS}`);
    out.push(q);
  }
  return out;
}
function parseLine(line, input) {
  let refuse = (why) => new InputError(input, line, `${why}; ${ACCEPTED_ANALYSIS}`), named = NAME.exec(line);
  if (!named) throw refuse("it does not start with a name (letters, digits, . _ -) and a colon");
  let [, name, rest] = named, tail = TAIL.exec(rest);
  if (!tail) throw refuse("it does not end with a comparison and a threshold, e.g. < 0.01");
  let [, query, op, threshold] = tail, problem = queryProblem(query);
  if (problem) throw refuse(problem);
  let raw = placeholderSites(query).find((p) => p.context === "raw");
  if (raw)
    throw refuse(
      `the placeholder {${raw.key}} is inside a backtick raw string, which cannot escape a value; put it in a "…" string (a =~"…" matcher gets it regex-quoted)`
    );
  let baseline = threshold.includes("baseline"), factor = threshold.replace("baseline", "").replace("*", "").trim(), limit = factor === "" ? 1 : Number(factor);
  if (!Number.isFinite(limit)) throw refuse(`the threshold ${threshold} is not a finite number`);
  if (baseline && !/\{(version|color)\}/.test(query))
    throw refuse("a baseline comparison needs {version} or {color} in the query (the baseline is the same query for the version being replaced)");
  return { name, query: query.trim(), op, limit, baseline, line };
}
function queryProblem(query) {
  for (let m of query.matchAll(PLACEHOLDER))
    if (!PLACEHOLDERS.includes(m[1])) return `unknown placeholder {${m[1]}}`;
  let closing = { "(": ")", "{": "}", "[": "]" }, open2 = [], quote = "";
  for (let i = 0; i < query.length; i++) {
    let ch = query[i];
    if (quote)
      ch === "\\" && quote !== "`" ? i++ : ch === quote && (quote = "");
    else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (closing[ch]) open2.push(closing[ch]);
    else if ((ch === ")" || ch === "}" || ch === "]") && open2.pop() !== ch)
      return `the query has an unmatched ${ch}`;
  }
  if (quote) return `the query has an unclosed ${quote}`;
  if (open2.length) return `the query has an unclosed ${Object.keys(closing).find((k) => closing[k] === open2[open2.length - 1])}`;
}
function placeholderSites(query) {
  let sites = [], quote = "", context = "plain";
  for (let i = 0; i < query.length; i++) {
    let ch = query[i];
    if (quote && ch === "\\" && quote !== "`") {
      i++;
      continue;
    }
    if (quote && ch === quote) {
      quote = "", context = "plain";
      continue;
    }
    if (!quote && (ch === '"' || ch === "'" || ch === "`")) {
      quote = ch, context = ch === "`" ? "raw" : /[=!]~\s*$/.test(query.slice(0, i)) ? "regex" : "string";
      continue;
    }
    let m = ch === "{" ? /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(query.slice(i)) : null;
    m && PLACEHOLDERS.includes(m[1]) && (sites.push({ key: m[1], start: i, end: i + m[0].length, context, quote }), i += m[0].length - 1);
  }
  return sites;
}
function quoteRegex(value) {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}
function escapeString(value, quote = '"') {
  return value.replace(
    /[\\"'\p{Cc}]/gu,
    (c) => c === "\\" || c === quote ? `\\${c}` : c === '"' || c === "'" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function fillQuery(query, values) {
  let out = "", at = 0;
  for (let site of placeholderSites(query)) {
    let value = values[site.key];
    out += query.slice(at, site.start) + escapeString(site.context === "regex" ? quoteRegex(value) : value, site.quote || '"'), at = site.end;
  }
  return out + query.slice(at);
}
function describeThreshold(q) {
  return `${q.op} ${q.baseline ? q.limit === 1 ? "baseline" : `${q.limit} × baseline` : q.limit}`;
}
function meets(value, op, limit) {
  switch (op) {
    case "<":
      return value < limit;
    case "<=":
      return value <= limit;
    case ">":
      return value > limit;
    case ">=":
      return value >= limit;
  }
}

// packages/deploy/src/analysis/evaluate.ts
function formatValue(v) {
  if (v == null) return "no value";
  if (!Number.isFinite(v)) return String(v);
  let abs = Math.abs(v);
  return abs !== 0 && (abs >= 1e5 || abs < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}
function judge(q, sample, baseline) {
  let threshold = describeThreshold(q), value = "value" in sample ? sample.value : null;
  if (q.baseline && !baseline) return { value, limit: null, threshold, verdict: "skipped", detail: "no previous version to compare with" };
  if ("none" in sample) return { value, limit: null, threshold, verdict: "inconclusive", detail: sample.none };
  let limit = q.limit, base;
  if (q.baseline && baseline) {
    if ("none" in baseline) return { value, baseline: null, limit: null, threshold, verdict: "inconclusive", detail: `baseline: ${baseline.none}` };
    base = baseline.value, limit = q.limit * base;
  }
  return { value, ...base !== void 0 ? { baseline: base } : {}, limit, threshold, verdict: meets(sample.value, q.op, limit) ? "pass" : "fail" };
}
var AnalysisRun = class {
  constructor(o, client, reporter) {
    this.o = o;
    this.client = client;
    this.reporter = reporter;
  }
  o;
  client;
  reporter;
  measurements = [];
  failures = /* @__PURE__ */ new Map();
  /** The analysis of one verify window. */
  window(ctx) {
    return new AnalysisWindow(this, ctx);
  }
  /** Measures one query (and its baseline) now. */
  async measure(q, ctx) {
    let time = (/* @__PURE__ */ new Date()).toISOString(), values = { version: ctx.version, previous_version: ctx.previousVersion ?? "", color: ctx.color, app: ctx.app, host: ctx.host }, baselineOf = q.baseline && ctx.previousVersion ? { ...values, version: ctx.previousVersion, color: otherColor(ctx.color) } : void 0, [sample, baseline] = await Promise.all([
      this.client.query(fillQuery(q.query, values)),
      baselineOf ? this.client.query(fillQuery(q.query, baselineOf)) : void 0
    ]);
    return { query: q.name, step: ctx.step, time, ...judge(q, sample, baseline) };
  }
  /** Records a measurement; returns the failure reason once its query failed more than the limit allows. */
  record(m, ctx) {
    if (this.measurements.push(m), m.verdict !== "fail") return;
    let failed = (this.failures.get(m.query) ?? 0) + 1;
    if (this.failures.set(m.query, failed), failed <= this.o.failureLimit) return;
    let q = this.o.queries.find((x) => x.name === m.query), base = m.baseline !== void 0 ? ` (baseline ${formatValue(m.baseline)} from ${ctx.previousVersion})` : "";
    return `analysis ${m.query} at ${m.step}%: ${formatValue(m.value)} is not ${q.op} ${formatValue(m.limit)}${base} (threshold ${m.threshold}; ${failed} failed measurement${failed > 1 ? "s" : ""}, analysis-failure-limit ${this.o.failureLimit}); query: ${q.query}`;
  }
  /** This step's measurements of one query. */
  ofStep(step, query) {
    return this.measurements.filter((m) => m.step === step && (query === void 0 || m.query === query));
  }
  /** Timeline figures for a step: each query's last value (or why it has none). */
  figures(step) {
    let f = {};
    for (let q of this.o.queries) {
      let last = this.ofStep(step, q.name).at(-1);
      last && (f[`analysis ${q.name}`] = last.value === null ? last.detail ?? last.verdict : formatValue(last.value));
    }
    return f;
  }
}, AnalysisWindow = class {
  constructor(run3, ctx) {
    this.run = run3;
    this.ctx = ctx;
  }
  run;
  ctx;
  pending;
  nextAt = 0;
  failure;
  closed = !1;
  /** The failure reason once there is one. */
  tick(now = performance.now()) {
    return !this.failure && !this.pending && !this.closed && now >= this.nextAt && (this.nextAt = now + this.run.o.intervalMs, this.pending = this.measureAll().finally(() => {
      this.pending = void 0;
    })), this.failure;
  }
  /** At the window's end: one last measurement, then each query must have a value (or the policy says otherwise). */
  async finish() {
    if (await this.pending, this.failure || await this.measureAll(), this.close(), this.failure) return this.failure;
    for (let q of this.run.o.queries) {
      let last = this.run.ofStep(this.ctx.step, q.name).at(-1);
      if (last?.verdict !== "inconclusive") continue;
      let why = `analysis ${q.name} at ${this.ctx.step}%: no value at the end of the verify window (${last.detail})`;
      if (this.run.o.inconclusive === "fail") return `${why}; analysis-inconclusive is fail, so missing evidence does not promote`;
      this.run.o.inconclusive === "warn" ? this.run.reporter.warning(`${why}; going on (analysis-inconclusive: warn)`) : this.run.reporter.info(`${why}; counted as a pass (analysis-inconclusive: pass)`);
    }
  }
  /** Ends the window: measurements still in flight are dropped. */
  close() {
    this.closed = !0;
  }
  async measureAll() {
    let results = await Promise.all(this.run.o.queries.map((q) => this.run.measure(q, this.ctx)));
    if (!this.closed)
      for (let m of results) this.failure ??= this.run.record(m, this.ctx);
  }
};

// packages/deploy/src/analysis/prometheus.ts
var NO_DATA = 'no data: the query matched no series. A ratio is empty when its numerator has none (a release that never answered 500 has no code="500" series); if no series means 0, write that part as (… or vector(0))', MAX_ANSWER = 1 << 20, PrometheusClient = class {
  constructor(o) {
    this.o = o;
  }
  o;
  /** The instant value of `promql` now. */
  async query(promql) {
    let answer = await this.ask(promql);
    return "none" in answer ? answer : sampleOf(answer);
  }
  /**
   * Prometheus' own parse error for `promql` (errorType bad_data) as `refused`, or why it could
   * not be asked as `unanswered`; `{}` when Prometheus accepts the query.
   */
  async check(promql) {
    let answer = await this.ask(promql);
    return "none" in answer ? { unanswered: answer.none } : answer.status === "error" && answer.errorType === "bad_data" ? { refused: safeText(answer.error ?? "bad_data") } : {};
  }
  async ask(promql) {
    let url = `${this.o.url}/api/v1/query?${new URLSearchParams({ query: promql })}`;
    try {
      let res = await fetchWithTimeout(url, { headers: this.headers(), deadlineMs: this.o.timeoutMs }, this.o.timeoutMs), body = (await readBodyLimited(res, MAX_ANSWER, `the answer of ${redactUrl(url)}`)).toString("utf8");
      try {
        return JSON.parse(body);
      } catch {
        return { none: `Prometheus answered HTTP ${res.status} without JSON: ${safeText(body.slice(0, 200))}` };
      }
    } catch (err) {
      return { none: `Prometheus at ${redactUrl(this.o.url)} could not be asked: ${messageOf(err)}` };
    }
  }
  headers() {
    let h = { accept: "application/json" };
    return this.o.token ? h.authorization = `Bearer ${this.o.token}` : this.o.basicAuth && (h.authorization = `Basic ${Buffer.from(this.o.basicAuth).toString("base64")}`), h;
  }
};
function sampleOf(a) {
  if (a.status !== "success") return { none: `Prometheus: ${safeText(`${a.errorType ?? "error"}: ${a.error ?? "no status"}`)}` };
  let { resultType, result } = a.data ?? {}, pair;
  if (resultType === "scalar") pair = result;
  else if (resultType === "vector" && Array.isArray(result)) {
    if (result.length === 0) return { none: NO_DATA };
    if (result.length > 1) return { none: `${result.length} series (aggregate the query to one, e.g. with sum() or max())` };
    pair = result[0].value;
  } else return { none: `a ${safeText(String(resultType))} result (the query must give one number)` };
  let text = Array.isArray(pair) ? pair[1] : void 0, value = typeof text != "string" ? Number.NaN : text === "+Inf" ? Number.POSITIVE_INFINITY : text === "-Inf" ? Number.NEGATIVE_INFINITY : Number(text);
  return Number.isNaN(value) ? { none: text === "NaN" ? "NaN" : `an unreadable value ${safeText(String(text))}` } : { value };
}

// packages/deploy/src/analysis/chart.ts
function judged(ms, step, query) {
  let own = ms.filter((m2) => m2.step === step && m2.query === query), m = own.find((x) => x.verdict === "fail") ?? own.filter((x) => x.value !== null).at(-1) ?? own.at(-1);
  return m && { m, count: own.length };
}
var ICONS = { pass: "✅", fail: "❌", inconclusive: "⚠️", skipped: "➖" };
function axes(ms) {
  return { steps: [...new Set(ms.map((m) => m.step))], queries: [...new Set(ms.map((m) => m.query))] };
}
function measured(m, count) {
  let base = m.baseline !== void 0 ? `, baseline ${formatValue(m.baseline)}` : "";
  return `${m.value === null ? m.detail ?? "no value" : formatValue(m.value)}${base} (${count} measurement${count === 1 ? "" : "s"})`;
}
function analysisRows(ms) {
  let { steps, queries } = axes(ms), rows = [];
  for (let step of steps)
    for (let query of queries) {
      let j = judged(ms, step, query);
      j && rows.push([`analysis ${query} at ${step}%`, measured(j.m, j.count), j.m.threshold, ICONS[j.m.verdict]]);
    }
  return rows;
}
function analysisCharts(ms) {
  let { steps, queries } = axes(ms), charts = [];
  for (let query of queries) {
    let points = steps.map((s) => judged(ms, s, query)?.m).filter((m) => m !== void 0);
    if (points.length === 0 || points.some((m) => !Number.isFinite(m.value) || !Number.isFinite(m.limit))) continue;
    let num2 = (v) => String(Number(v.toPrecision(6)));
    charts.push(
      [
        "```mermaid",
        "xychart-beta",
        `  title "${query}: bars measured, line threshold (${points[0].threshold})"`,
        `  x-axis [${points.map((m) => `"${m.step}%"`).join(", ")}]`,
        `  y-axis "${query}"`,
        `  bar [${points.map((m) => num2(m.value)).join(", ")}]`,
        `  line [${points.map((m) => num2(m.limit)).join(", ")}]`,
        "```"
      ].join(`
`)
    );
  }
  return charts.join(`

`);
}
function analysisText(ms) {
  let { steps, queries } = axes(ms), mark = { pass: "", fail: " FAIL", inconclusive: " ?", skipped: " -" }, rows = [["query", ...steps.map((s) => `${s}%`), "threshold"]];
  for (let query of queries) {
    let cells = steps.map((s) => {
      let j = judged(ms, s, query);
      return j ? `${j.m.value === null ? "n/a" : formatValue(j.m.value)}${mark[j.m.verdict]}` : "";
    });
    rows.push([query, ...cells, ms.find((m) => m.query === query)?.threshold ?? ""]);
  }
  let widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map(
    (r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()
  ).join(`
`);
}

// packages/deploy/src/analysis/inputs.ts
var ANALYSIS_INPUTS = {
  "prometheus-url": "",
  "prometheus-token": "",
  "prometheus-basic-auth": "",
  "prometheus-auth-force": "false",
  "prometheus-timeout": "5s",
  analysis: "",
  "analysis-interval": "5s",
  "analysis-failure-limit": "0",
  "analysis-inconclusive": "fail"
}, ANALYSIS_SECRETS = [
  { input: "prometheus-token", at: ["prometheus", "token"] },
  { input: "prometheus-basic-auth", at: ["prometheus", "basicAuth"] }
];
function parseAnalysisInputs(read2) {
  let queries = parseAnalysis(read2.lines("analysis")), url = prometheusUrl(read2, queries.length > 0), token = read2.string("prometheus-token"), basicAuth = read2.string("prometheus-basic-auth");
  if (token && basicAuth)
    throw new InputError("prometheus-basic-auth", "(hidden)", "give prometheus-token or prometheus-basic-auth, not both; accepted: user:password");
  if (basicAuth && !/^[^:\s]+:\S+$/.test(basicAuth)) throw new InputError("prometheus-basic-auth", "(hidden)", "accepted: user:password, from a secret");
  if (token && !/^[\x21-\x7e]+$/.test(token))
    throw new InputError("prometheus-token", "(hidden)", "accepted: a bearer token of printable characters without spaces, from a secret");
  let authForced = credentialsInClear(read2, url, token ? "prometheus-token" : basicAuth ? "prometheus-basic-auth" : void 0), timeoutMs = read2.duration("prometheus-timeout");
  if (timeoutMs < 100) throw new InputError("prometheus-timeout", read2.string("prometheus-timeout"), "it must be at least 100ms");
  let intervalMs = read2.duration("analysis-interval");
  if (intervalMs < 100)
    throw new InputError("analysis-interval", read2.string("analysis-interval"), "it must be at least 100ms (Prometheus scrapes every second at best)");
  return {
    queries,
    prometheus: { url, timeoutMs, token, basicAuth },
    authForced,
    intervalMs,
    failureLimit: read2.int("analysis-failure-limit", 0, 1e3),
    inconclusive: read2.choice("analysis-inconclusive", ["fail", "pass", "warn"])
  };
}
function prometheusUrl(read2, needed) {
  let text = read2.string("prometheus-url"), accepted = "accepted: the http(s) URL Prometheus answers on, e.g. http://127.0.0.1:9090 (credentials in prometheus-token or prometheus-basic-auth)";
  if (!text) {
    if (needed) throw new InputError("prometheus-url", "", `it is required with analysis; ${accepted}`);
    return "";
  }
  let u;
  try {
    u = new URL(text);
  } catch {
    throw new InputError("prometheus-url", text, accepted);
  }
  if (u.username || u.password) throw new InputError("prometheus-url", "(a URL with credentials, hidden)", `no user:password in the URL; ${accepted}`);
  if (u.protocol !== "http:" && u.protocol !== "https:" || u.search || u.hash) throw new InputError("prometheus-url", text, accepted);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}
function onLoopback(url) {
  let host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function credentialsInClear(read2, url, secret) {
  let force = read2.bool("prometheus-auth-force");
  if (!secret || !url.startsWith("http:") || onLoopback(url)) return !1;
  if (!force)
    throw new InputError(
      "prometheus-url",
      url,
      `${secret} would go over plain HTTP to a host not on loopback (127.0.0.1, ::1, localhost), readable by anyone on the way; use https, or set prometheus-auth-force: true to send it anyway`
    );
  return !0;
}

// packages/deploy/src/analysis/index.ts
function startAnalysis(a, reporter) {
  if (a.queries.length !== 0)
    return new AnalysisRun(
      { queries: a.queries, intervalMs: a.intervalMs, failureLimit: a.failureLimit, inconclusive: a.inconclusive },
      new PrometheusClient(a.prometheus),
      reporter
    );
}
async function checkQueries(a, values, reporter) {
  if (a.queries.length === 0) return;
  a.authForced && reporter.warning(
    `analysis: the Prometheus credentials go over plain HTTP to ${redactUrl(a.prometheus.url)}, not on loopback, because prometheus-auth-force is true: anyone on the way can read them`
  );
  let client = new PrometheusClient(a.prometheus), checks = await Promise.all(a.queries.map((q) => client.check(fillQuery(q.query, values))));
  for (let [i, q] of a.queries.entries()) {
    let why = checks[i]?.refused;
    if (why) throw new InputError("analysis", q.line, `Prometheus refused the query ${q.name}: ${why}; ${ACCEPTED_ANALYSIS}`);
  }
  let unanswered = checks.find((c) => c.unanswered)?.unanswered;
  unanswered ? reporter.warning(
    `analysis: the queries could not be checked before the deploy (${unanswered}); analysis-inconclusive (${a.inconclusive}) decides in the verify windows`
  ) : reporter.info(`analysis: Prometheus at ${a.prometheus.url} accepts the ${a.queries.length} quer${a.queries.length === 1 ? "y" : "ies"}`);
}

// packages/deploy/src/engine/health.ts
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
  let started = performance.now(), tick = o.tickMs ?? 50, probeEvery = o.probeEveryMs ?? 1e3, traffic, lastProbe = started, failedProbes = 0, fail2 = (reason) => ({ ok: !1, reason, traffic, ms: performance.now() - started, detectedAt: performance.now() });
  try {
    for (; ; ) {
      if (signal?.aborted) return fail2(`cancelled (${signal.reason})`);
      if (!await runtime.alive(slot)) return fail2(`the process exited ${formatDuration(performance.now() - started)} into the verify window`);
      traffic = await router.trafficSince(mark) ?? traffic;
      let elapsed = performance.now() - started, final = elapsed >= o.windowMs, verdict = traffic && trafficVerdict(traffic, o, final) || o.analysis?.tick(performance.now());
      if (verdict) return fail2(verdict);
      if (performance.now() - lastProbe >= probeEvery || final) {
        lastProbe = performance.now();
        let probe = await host.httpGet(slot.port, o.healthPath, 2e3);
        if (failedProbes = probe.ok ? 0 : failedProbes + 1, failedProbes >= 2) return fail2(`${o.healthPath} answered ${probe.error ?? `HTTP ${probe.status}`} twice in a row during the verify window`);
      }
      if (final) {
        let analysis = await o.analysis?.finish();
        return analysis ? fail2(analysis) : { ok: !0, traffic, ms: elapsed };
      }
      await sleep(Math.min(tick, o.windowMs - elapsed));
    }
  } finally {
    o.analysis?.close();
  }
}

// packages/deploy/src/engine/lock.ts
import { randomBytes } from "node:crypto";
import { basename, join as join2 } from "node:path";

// packages/deploy/src/hosts/proc.ts
import { readFile } from "node:fs/promises";
async function localProcessInfo(pid) {
  if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
  try {
    let stat5 = await readFile(`/proc/${pid}/stat`, "utf8"), state = stat5.slice(stat5.lastIndexOf(")") + 2, stat5.lastIndexOf(")") + 3), command = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean).join(" ");
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

// packages/deploy/src/engine/locktemp.ts
import { join } from "node:path";
function lockTempName(path, kind, token, now) {
  return `${path}.${kind}-${Math.floor(now)}-${token}`;
}
var LEFTOVER = /^lock(?:\.breaking)?\.(?:new|gone|beat)-(\d{1,16})-[0-9a-f]{24}(?:\.tmp-[A-Za-z0-9-]+)?$/;
async function removeLockLeftovers(host, stateDir, now, maxAgeMs) {
  let old = (await host.list(stateDir)).filter((name) => {
    let made = LEFTOVER.exec(name)?.[1];
    return made !== void 0 && now - Number(made) > maxAgeMs;
  }), removed = [];
  for (let name of old)
    try {
      await host.remove(join(stateDir, name)), removed.push(name);
    } catch {
    }
  return removed;
}

// packages/deploy/src/engine/lock.ts
var HEARTBEAT_MS = 5e3, STALE_AFTER_MS = 3e4, OWNER_GRACE_MS = 2e3, BREAK_STALE_MS = 1e4, OWNER_FILE = "owner.json", LockLostError = class extends GantryError {
  name = "LockLostError";
};
async function staleReason(owner, me, opts) {
  let now = (opts.now ?? Date.now)();
  if (!owner) return "the lock has no readable owner record (its deployer died while taking it)";
  if (owner.machine === me.machine && owner.pid !== me.pid && !await (opts.pidAlive ?? (async (pid) => (await localProcessInfo(pid)).state === "running"))(owner.pid))
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), is no longer running`;
  let silent = now - Date.parse(owner.heartbeat);
  if (Number.isFinite(silent) && silent > STALE_AFTER_MS)
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), has not refreshed it for ${formatDuration(silent)}`;
}
function sameOwner(a, b) {
  return !a || !b ? a === b : a.token === b.token && a.runId === b.runId && a.acquired === b.acquired && a.pid === b.pid && a.machine === b.machine;
}
var newToken = () => randomBytes(12).toString("hex"), TOKEN = /^[0-9a-f]{24}$/, beatFile = (token) => `beat-${token}`, sleep2 = (ms) => new Promise((r) => setTimeout(r, ms)), DeployLock = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
    this.dir = join2(stateDir, "lock"), this.breaking = join2(stateDir, "lock.breaking");
  }
  host;
  stateDir;
  timer;
  dir;
  breaking;
  /** The clock temp names are dated by (LockOptions.now). */
  now = Date.now;
  owner;
  lost;
  abort = new AbortController();
  /** Aborted when the lock is lost (its reason is the LockLostError). */
  get signal() {
    return this.abort.signal;
  }
  /** Takes the lock, breaking a stale one with a notice; waits up to timeoutMs for a live owner. */
  async acquire(opts) {
    let me = this.host.deployer(), now = opts.now ?? Date.now;
    this.now = now;
    let deadline = now() + opts.timeoutMs, swept = await removeLockLeftovers(this.host, this.stateDir, now(), STALE_AFTER_MS).catch(() => []);
    swept.length && opts.reporter.debug(`deploy lock on ${this.host.name}: removed what killed deployers left: ${swept.join(", ")}`);
    let waitingSaid = !1, ownerMissingSince;
    for (; ; ) {
      let at = new Date(now()).toISOString(), mine = { ...me, runId: opts.runId, acquired: at, heartbeat: at, token: newToken() };
      if (await this.take(this.dir, mine)) {
        this.owner = mine, this.timer = setInterval(() => {
          this.beat();
        }, opts.heartbeatMs ?? HEARTBEAT_MS), this.timer.unref();
        return;
      }
      let owner = await this.read(this.dir).catch(() => {
      });
      owner ? ownerMissingSince = void 0 : ownerMissingSince ??= now();
      let stale = owner || now() - (ownerMissingSince ?? now()) > OWNER_GRACE_MS ? await staleReason(owner, me, opts) : void 0;
      if (stale && await this.breakStale(owner, mine, now)) {
        opts.reporter.notice(`deploy lock on ${this.host.name}: broke a stale lock: ${stale}`);
        continue;
      }
      if (stale) {
        await sleep2(10 + Math.random() * 40);
        continue;
      }
      if (now() >= deadline)
        throw new GantryError(
          `the deploy lock ${this.dir} on ${this.host.name} is held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}, since ${owner?.acquired}); waited ${formatDuration(opts.timeoutMs)} (lock-timeout)`
        );
      waitingSaid || opts.reporter.info(`deploy lock held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}); waiting up to ${formatDuration(opts.timeoutMs)}`), waitingSaid = !0, await sleep2(opts.pollMs ?? 500);
    }
  }
  /**
   * Puts a folder holding `record` at `path` by one rename; true when `path` then holds this very
   * record (SshHost's `mv` moves into an existing folder instead of failing: the re-read catches it).
   */
  async take(path, record) {
    let tmp = lockTempName(path, "new", record.token, this.now());
    try {
      await this.host.mkdirp(tmp, 488), await this.host.writeFile(join2(tmp, OWNER_FILE), JSON.stringify(record), 416), await this.host.rename(tmp, path);
    } catch {
      return !1;
    } finally {
      await this.host.remove(tmp).catch(() => {
      });
    }
    let now = await this.read(path).catch(() => {
    });
    return sameOwner(now, record) ? !0 : (await this.host.remove(join2(path, basename(tmp))).catch(() => {
    }), !1);
  }
  /** The owner record at `path` with its latest heartbeat; undefined when missing or unreadable; throws when the host cannot be asked. */
  async read(path) {
    let text = await this.host.readFile(join2(path, OWNER_FILE)), owner;
    try {
      if (!text) return;
      owner = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof owner.token == "string" && TOKEN.test(owner.token)) {
      let beat = (await this.host.readFile(join2(path, beatFile(owner.token))))?.trim();
      beat && Number.isFinite(Date.parse(beat)) && (owner.heartbeat = beat);
    }
    return owner;
  }
  /**
   * Removes the folder at `path` only if it holds `expected`: it is moved to a unique name, its
   * record checked, and put back when it is another one. Should another deployer have taken `path`
   * meanwhile, the moved lock's owner finds out at its next check (LockLostError) and stops.
   */
  async removeIf(path, expected) {
    let aside = lockTempName(path, "gone", newToken(), this.now());
    try {
      await this.host.rename(path, aside);
    } catch {
      return !1;
    }
    let moved = await this.read(aside).catch(() => {
    });
    if (sameOwner(moved, expected))
      return await this.host.remove(aside), !0;
    try {
      await this.host.rename(aside, path);
    } catch {
      await this.host.remove(aside).catch(() => {
      });
    }
    return !1;
  }
  /**
   * Breaks the lock whose record was judged stale, one breaker at a time: of the deployers that
   * read the same stale record, the first breaks it and the others find it changed.
   */
  async breakStale(judged2, me, now) {
    let mutex = { ...me, token: newToken() };
    if (!await this.take(this.breaking, mutex)) {
      let holder = await this.read(this.breaking).catch(() => {
      });
      return (holder ? now() - Date.parse(holder.acquired) : Number.POSITIVE_INFINITY) <= BREAK_STALE_MS || await this.removeIf(this.breaking, holder), !1;
    }
    try {
      let current = await this.read(this.dir);
      return sameOwner(current, judged2) && await this.removeIf(this.dir, judged2);
    } catch {
      return !1;
    } finally {
      await this.removeIf(this.breaking, mutex);
    }
  }
  /** Throws LockLostError when another deployer holds the lock now; a host that cannot be asked is not a loss. */
  async verify() {
    if (this.lost) throw this.lost;
    if (!this.owner) return;
    let current;
    try {
      current = await this.read(this.dir);
    } catch {
      return;
    }
    if (sameOwner(current, this.owner)) return;
    let by = current ? `is now held by pid ${current.pid} on ${current.machine} (run ${current.runId})` : "is gone";
    throw this.lost = new LockLostError(
      `the deploy lock ${this.dir} on ${this.host.name} was taken from this run (${this.owner.runId}) and ${by}; the run stopped before its next step and changed nothing more (the next run recovers what the journal shows)`
    ), this.owner = void 0, clearInterval(this.timer), this.abort.abort(this.lost), this.lost;
  }
  beating = !1;
  /** The heartbeat: checks the lock is still this run's, then refreshes its record. */
  async beat() {
    if (!this.owner || this.beating) return;
    this.beating = !0;
    let token = this.owner.token, tmp = lockTempName(this.dir, "beat", token, this.now());
    try {
      await this.verify(), await this.host.writeFile(tmp, (/* @__PURE__ */ new Date()).toISOString(), 416), await this.host.rename(tmp, join2(this.dir, beatFile(token))), await this.verify();
    } catch {
      await this.host.remove(tmp).catch(() => {
      });
    } finally {
      this.beating = !1;
    }
  }
  /** Releases the lock if this run still holds it. */
  async release() {
    clearInterval(this.timer), this.owner && (await this.removeIf(this.dir, this.owner), this.owner = void 0);
  }
};

// packages/deploy/src/engine/release.ts
import { basename as basename2, join as join3 } from "node:path";
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
  let field = (name) => `manifest ${manifestPath}: ${name}`, version = m.version ? checkName(m.version, RELEASE_VERSION, field("version"), ACCEPTED_VERSION) : void 0, project = m.project ? checkName(m.project, APP_NAME, field("project"), ACCEPTED_APP) : void 0, target = checkName(match.target, TARGET_NAME, field("artifacts[].target"), "a Go target such as linux/amd64 or linux/arm/v7"), file = basename2(match.path);
  if (/[\0\r\n]/.test(match.path) || !FILE_NAME.test(file) || file === "." || file === "..")
    throw new GantryError(`${field(`path of ${target}`)} ${JSON.stringify(match.path)} is not valid; accepted: a file path on one line ending in a file name`);
  let path = resolveInManifest(manifestPath, match.path);
  if (!await exists(path)) throw new GantryError(`manifest ${manifestPath} names ${match.path}, which does not exist`);
  let actual = await sha256File(path);
  if (actual !== match.sha256)
    throw new GantryError(`${path} has sha256 ${actual} but the manifest says ${match.sha256}; it changed after go-build and is not deployed`);
  return { path, sha256: actual, version, project };
}
function releasesDir(stateDir) {
  return join3(stateDir, "releases");
}
function releaseDir(stateDir, version) {
  return join3(releasesDir(stateDir), checkName(version, RELEASE_VERSION, "version", ACCEPTED_VERSION));
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
  let dir = releaseDir(stateDir, version), text = await host.readFile(join3(dir, "release.json"));
  if (!text) return;
  let meta = JSON.parse(text);
  return meta.image ? { version, dir, binary: "", sha256: meta.sha256, image: meta.image } : { version, dir, binary: join3(dir, meta.binary), sha256: meta.sha256 };
}
async function releaseEnv(host, release) {
  return parseEnvFile(await host.readFile(join3(release.dir, "service.env")) ?? "");
}
async function stageRelease(host, stateDir, version, artifact, env, running, runId2) {
  let name = checkName(basename2(artifact.path), FILE_NAME, "the binary's file name", ACCEPTED_FILE_NAME);
  return stage(host, stateDir, version, { sha256: artifact.sha256, what: "binary" }, env, running, runId2, async (tmp, dir) => {
    let sha = await host.upload(artifact.path, join3(tmp, name), 493);
    if (sha !== artifact.sha256)
      throw new GantryError(`the binary arrived on ${host.name} with sha256 ${sha}, expected ${artifact.sha256}; nothing was changed`);
    return { meta: { binary: name }, release: { binary: join3(dir, name) } };
  });
}
function stageImageRelease(host, stateDir, version, image, env, running, runId2) {
  return stage(host, stateDir, version, { sha256: image.id, what: "image" }, env, running, runId2, async () => ({
    meta: { binary: "", image: image.id, ref: image.ref },
    release: { binary: "", image: image.id }
  }));
}
async function stage(host, stateDir, version, identity, env, running, runId2, fill) {
  let dir = releaseDir(stateDir, version), existing = await findRelease(host, stateDir, version);
  if (existing && existing.sha256 === identity.sha256)
    return await host.writeFile(join3(dir, "service.env"), renderEnvFile(env), 384), { release: existing, reused: !0 };
  if (existing && running.includes(version))
    throw new InputError(
      "version",
      version,
      `release ${version} is running with a different ${identity.what} (${existing.sha256.slice(0, 12)}); give this build a new version`
    );
  let tmp = `${dir}.tmp-${runId2}`;
  await host.remove(tmp), await host.mkdirp(tmp, 493);
  let { meta, release } = await fill(tmp, dir);
  await host.writeFile(join3(tmp, "service.env"), renderEnvFile(env), 384);
  let full = { version, sha256: identity.sha256, staged: (/* @__PURE__ */ new Date()).toISOString(), ...meta };
  return await host.writeFile(join3(tmp, "release.json"), `${JSON.stringify(full, null, 2)}
`), existing && await host.rename(dir, `${dir}.replaced-${runId2}`), await host.rename(tmp, dir), existing && await host.remove(`${dir}.replaced-${runId2}`), { release: { version, dir, sha256: identity.sha256, ...release }, reused: !1 };
}
async function pruneReleases(host, stateDir, keep, protect) {
  let root = releasesDir(stateDir), names = await host.list(root), removed = [], metas = [];
  for (let name of names) {
    if (/\.(tmp|replaced)-/.test(name)) {
      await host.remove(join3(root, name));
      continue;
    }
    let text = await host.readFile(join3(root, name, "release.json"));
    metas.push({ name, staged: text ? JSON.parse(text).staged : "" });
  }
  metas.sort((a, b) => b.staged.localeCompare(a.staged));
  for (let m of metas.slice(keep))
    protect.includes(m.name) || (await host.remove(join3(root, m.name)), removed.push(m.name));
  return removed;
}

// packages/deploy/src/engine/cutover.ts
var HELD_NOTE = "held: passed its checks, waiting for the other hosts", sleep3 = (ms) => new Promise((r) => setTimeout(r, ms)), CutoverEngine = class {
  constructor(d, doc) {
    this.d = d;
    this.doc = doc;
  }
  d;
  doc;
  async transition(c, phase, patch = {}, note) {
    await this.d.ownsLock?.(), Object.assign(c, patch), c.phase = phase, c.transitions.push({ phase, at: (/* @__PURE__ */ new Date()).toISOString(), ...note ? { note } : {} }), this.doc.cutover = c, await this.d.journal.write(this.doc), this.d.pauseAt === phase && (this.d.reporter.info(`gantry deploy: paused at phase ${phase} (GANTRY_DEPLOY_PAUSE_AT)`), this.d.reporter.flush(), await new Promise(() => setInterval(() => {
    }, 6e4)));
  }
  /** The active slot from the journal, with a warning when its process is gone. */
  async activeSlot() {
    let a = this.doc.active;
    if (!a) return;
    if (await this.d.runtime.alive(a)) return { ...a };
    let restarted = await this.restartedPid(a);
    return restarted ? (this.d.reporter.info(
      `the active version ${a.version} (${a.color}) was restarted by ${this.d.runtime.name} since the last run: pid ${a.pid} → ${restarted}`
    ), { ...a, pid: restarted }) : (this.d.reporter.warning(`the active version ${a.version} (${a.color}, pid ${a.pid}) is not running; a rollback would have to start it again`), { ...a });
  }
  /** The new pid of a slot whose process manager (supervisor's autorestart) started the same release again. */
  async restartedPid(slot) {
    let pid = await this.d.runtime.running(slot.color);
    if (!pid || pid === slot.pid) return;
    let release = await findRelease(this.d.host, this.d.journal.stateDir, slot.version);
    return release && await this.d.runtime.runsRelease(pid, release) ? pid : void 0;
  }
  /** Runs a whole cutover to the plan's version. */
  async run(plan) {
    let from = await this.activeSlot(), c = this.begin(plan, from), result = { outcome: "failed", version: plan.version, previousVersion: from?.version, verify: [] };
    this.d.analysis && (result.analysis = this.d.analysis.measurements);
    try {
      await this.transition(c, "staging");
      let staged = await this.stageRelease(plan);
      await this.transition(c, "starting"), await this.startNew(plan, c.to, staged), await this.transition(c, "gating", { to: c.to });
      let gate = await this.healthGate(c.to);
      if (result.gate = gate, !gate.ok) return await this.rollback(c, result, `health gate failed: ${gate.reason}`);
      let shifted = await this.shiftTraffic(c, plan, result, performance.now());
      if (shifted) return shifted;
      let held = await this.holdBeforePromote(c, result);
      return held || await this.promote(c, result);
    } catch (err) {
      return await this.failed(c, result, err);
    }
  }
  /** The record of a new cutover onto the idle color (blue on a first deploy). */
  begin(plan, from) {
    let color = from ? otherColor(from.color) : "blue", to = { color, port: this.d.ports[color], version: plan.version }, { command, strategy, steps } = plan;
    return { id: this.d.runId, command, phase: "staging", from, to, strategy, steps, transitions: [], deployer: this.d.host.deployer() };
  }
  /** Puts the release in place (the `stage` span). */
  stageRelease(plan) {
    return this.d.timeline.span("stage", async (f) => {
      let s = await plan.stage();
      return f.release = s.release.dir, s;
    });
  }
  /** Starts the release on the idle color, or takes over the same release still running there (the `start` span). */
  async startNew(plan, to, { release, env }) {
    let { d } = this;
    await d.timeline.span("start", async (f) => {
      let leftover = await d.runtime.running(to.color);
      await d.router.isolate(to.color, d.ports), leftover && await d.runtime.runsRelease(leftover, release) ? (d.reporter.info(`${plan.version} is still running on ${to.color} (pid ${leftover}); using it warm`), to.pid = leftover, f.warm = !0) : (leftover && (d.reporter.notice(`stopped a leftover process (pid ${leftover}) on the idle ${to.color} slot before starting ${plan.version}`), await d.runtime.stop({ ...to, pid: leftover }, d.stopTimeoutMs)), to.pid = await d.runtime.start(to, release, { ...BASE_ENV, ...env, PORT: String(to.port) })), f.color = to.color, f.port = to.port, f.pid = to.pid;
    });
  }
  /** The new version's health gate (the `health-gate` span). */
  healthGate(to) {
    let { d } = this;
    return d.timeline.span("health-gate", async (f) => {
      let g = await healthGate(d.host, d.runtime, to, d.gate, d.signal);
      return Object.assign(f, { checks: g.checks, passed: g.ok, "successes-needed": d.gate.successes }), g;
    });
  }
  /** Moves traffic step by step, each step verified; the rollback's result when a step fails, undefined when all passed. */
  async shiftTraffic(c, plan, result, gatePassed) {
    let { d } = this, verifyTraffic = [];
    for (let [i, weight] of plan.steps.entries()) {
      await this.transition(c, "switching", { weight });
      let mark = await d.router.mark(c.to.color, d.ports), appliedAt;
      try {
        appliedAt = await this.switchStep(c, weight, gatePassed);
      } catch (err) {
        return await this.rollback(c, result, `the router refused to send ${weight}% to ${plan.version}: ${messageOf(err)}`);
      }
      weight === 100 && (result.switchMs = appliedAt - gatePassed), await this.transition(c, "verifying");
      let v = await this.verifyStep(c, weight, mark);
      if (result.verify.push({ weight, result: v }), v.traffic && verifyTraffic.push(v.traffic), result.traffic = sumTraffic(verifyTraffic), !v.ok) return await this.rollback(c, result, `verify window at ${weight}% failed: ${v.reason}`, v.detectedAt);
      i < plan.steps.length - 1 && d.stepPauseMs > 0 && await sleep3(d.stepPauseMs);
    }
  }
  /** Sends `weight`% to the new version (the `switch` span); resolves when the router applied it. */
  switchStep(c, weight, gatePassed) {
    let { d } = this;
    return d.timeline.span(`switch ${weight}%`, async (f) => {
      f.weight = weight;
      let at = await d.router.route(splitWeights(c.to.color, weight, c.from !== void 0), d.ports);
      return weight === 100 && (f["ms-from-gate"] = Math.round(at - gatePassed)), at;
    });
  }
  /** One verify window at `weight`%: the router's traffic, health and the analysis queries (the `verify` span). */
  verifyStep(c, weight, mark) {
    let { d } = this;
    return d.timeline.span(`verify ${weight}%`, async (f) => {
      let analysis = d.analysis?.window({
        step: weight,
        version: c.to.version,
        previousVersion: c.from?.version,
        color: c.to.color,
        app: this.doc.app,
        host: d.host.name
      }), r = await verifyWindow(d.host, d.runtime, d.router, c.to, mark, { ...d.verify, healthPath: d.gate.path, analysis }, d.signal);
      return Object.assign(f, { passed: r.ok, ...r.traffic ? trafficFigures(r.traffic) : { requests: "not measured" }, ...d.analysis?.figures(weight) }), r;
    });
  }
  /** A fleet holds here until every host passed (EngineDeps.beforePromote); the rollback's result when it says no. */
  async holdBeforePromote(c, result) {
    if (!this.d.beforePromote) return;
    await this.transition(c, "verifying", {}, HELD_NOTE);
    let reason = await this.d.beforePromote();
    return reason ? await this.rollback(c, result, reason) : void 0;
  }
  /** A step threw: a staging failure is recorded and rethrown, a later one rolls back (unless the lock was lost or the rollback itself failed). */
  async failed(c, result, err) {
    if (err instanceof LockLostError) throw err;
    if (c.phase === "staging")
      throw await this.settle(c, "failed", messageOf(err), this.doc.active), err;
    if (c.phase === "rolling-back" || c.phase === "promoting" || c.phase === "stopping-old") throw err;
    return await this.rollback(c, result, `${c.phase} failed: ${messageOf(err)}`);
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
  let last = list[list.length - 1], unreadable = list.reduce((s, t) => s + (t.unreadableLines ?? 0), 0);
  return {
    requests: list.reduce((s, t) => s + t.requests, 0),
    errors: list.reduce((s, t) => s + t.errors, 0),
    latencyMs: last.latencyMs,
    latencyKind: last.latencyKind,
    ...unreadable ? { unreadableLines: unreadable } : {}
  };
}
function trafficFigures(t) {
  let f = { requests: t.requests, errors: t.errors };
  return t.requests > 0 && (f["error-rate-%"] = Number((100 * t.errors / t.requests).toFixed(3))), t.latencyMs !== void 0 && (f[t.latencyKind === "avg" ? "avg-ms" : "p95-ms"] = Number(t.latencyMs.toFixed(1))), t.unreadableLines && (f["unreadable-log-lines"] = t.unreadableLines), f;
}

// packages/deploy/src/runtimes/docker.ts
import { join as join4 } from "node:path";
var DOCKER_HOST = /^(unix:\/\/\/[^\0\s]+|tcp:\/\/127\.0\.0\.1(:\d{1,5})?)$/, IMAGE_REF = /^(sha256:[a-f0-9]{64}|(?:[a-zA-Z0-9][a-zA-Z0-9.-]*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?)$/;
function isImageReference(ref) {
  return ref.length <= 512 && IMAGE_REF.test(ref);
}
function checkImageReference(ref) {
  if (ref.startsWith("-"))
    throw new InputError(
      "artifact",
      ref,
      "an image reference cannot begin with '-' (docker would read it as an option); accepted: e.g. ghcr.io/acme/hello:v1.2.3"
    );
  if (!isImageReference(ref)) throw new InputError("artifact", ref, "accepted: an image reference, e.g. ghcr.io/acme/hello:v1.2.3 or hello@sha256:…");
  return ref;
}
function dockerArgv(dockerHost) {
  return dockerHost ? ["docker", "-H", dockerHost] : ["docker"];
}
var DockerRuntime = class {
  constructor(host, stateDir, app, dockerHost, stopTimeoutMs) {
    this.host = host;
    this.stateDir = stateDir;
    this.app = app;
    this.dockerHost = dockerHost;
    this.stopTimeoutMs = stopTimeoutMs;
  }
  host;
  stateDir;
  app;
  dockerHost;
  stopTimeoutMs;
  name = "docker";
  /** `<app>-<color>`; the app is checked like the app input, so the name never starts with `-`. */
  containerName(color) {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}`;
  }
  envFile(color) {
    return join4(this.stateDir, "run", `${color}.env`);
  }
  /** Before anything changes: the daemon answers (locally, or on the SSH host; issue 12). */
  async preflight() {
    let r = await this.docker(["version", "--format", "{{.Server.Version}}"], !0);
    if (r.code === 127) throw new GantryError(`\`docker\` is not installed on ${this.host.name}; runtime: docker runs the docker CLI on the host`);
    if (r.code !== 0 || !r.stdout.trim())
      throw new GantryError(
        `docker-host: docker cannot reach the daemon${this.dockerHost ? ` at ${this.dockerHost}` : ""} on ${this.host.name}: ${lastLines(`${r.stderr}${r.stdout}`.trim(), 3) || `exit code ${r.code}`}; is dockerd running, and may this user use its socket?`
      );
  }
  docker(args, allowFailure = !1) {
    return this.host.exec([...dockerArgv(this.dockerHost), ...args], { allowFailure, timeoutMs: 6e4 });
  }
  /** The container of a color, or undefined when there is none. */
  async inspect(color) {
    let r = await this.docker(["container", "inspect", "-f", '{{json .State.Running}} {{json .State.Pid}} {{json .State.ExitCode}} {{json (index .Config.Labels "gantry.app")}} {{json (index .Config.Labels "gantry.version")}} {{json .Image}}', "--", this.containerName(color)], !0);
    if (r.code !== 0) {
      if (/no such (container|object)/i.test(r.stderr)) return;
      throw new GantryError(`docker container inspect ${this.containerName(color)} failed on ${this.host.name}: ${lastLines(r.stderr.trim(), 5)}`);
    }
    let [running, pid, exitCode, app, version, image] = r.stdout.trim().split(" ").map((v) => JSON.parse(v));
    return {
      running: running === !0,
      pid: Number(pid) || 0,
      exitCode: Number(exitCode) || 0,
      app: typeof app == "string" ? app : "",
      version: typeof version == "string" ? version : "",
      image: typeof image == "string" ? image : ""
    };
  }
  async ours(color) {
    let c = await this.inspect(color);
    return c && c.app === this.app ? c : void 0;
  }
  async start(slot, release, env) {
    if (!release.image)
      throw new GantryError(`release ${release.version} was staged for runtime: process (it has no image); deploy it again with runtime: docker`);
    let name = this.containerName(slot.color), existing = await this.inspect(slot.color);
    if (existing && existing.app !== this.app)
      throw new GantryError(`a container named ${name} that is not gantry's ${this.app} exists on ${this.host.name}; rename or remove it`);
    if (existing?.running) throw new GantryError(`the container ${name} (pid ${existing.pid}) still runs on the ${slot.color} slot; stop it first`);
    existing && await this.docker(["rm", "--", name]);
    for (let [k, v] of Object.entries(env))
      if (/[\r\n]/.test(v)) throw new InputError("env", `${k}=…`, "runtime: docker passes env through an env file: a value cannot span lines");
    await this.host.mkdirp(join4(this.stateDir, "run"), 488), await this.host.writeFile(
      this.envFile(slot.color),
      Object.entries(env).map(([k, v]) => `${k}=${v}
`).join(""),
      384
    );
    let seconds = String(Math.ceil(this.stopTimeoutMs / 1e3)), run3 = await this.docker(
      [
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "host",
        "--label",
        `gantry.app=${this.app}`,
        "--label",
        `gantry.version=${release.version}`,
        "--env-file",
        this.envFile(slot.color),
        "--stop-timeout",
        seconds,
        "--",
        release.image
      ],
      !0
    );
    if (run3.code !== 0) throw new GantryError(`docker run ${name} failed on ${this.host.name}: ${lastLines(`${run3.stderr}${run3.stdout}`.trim(), 5)}`);
    return (await this.inspect(slot.color))?.pid ?? 0;
  }
  async alive(slot) {
    let c = await this.ours(slot.color);
    return !!(c?.running && (slot.pid === void 0 || c.pid === slot.pid));
  }
  async running(color) {
    let c = await this.ours(color);
    return c?.running && c.pid > 0 ? c.pid : void 0;
  }
  async runsRelease(pid, release) {
    for (let color of COLORS) {
      let c = await this.ours(color);
      if (c?.running && c.pid === pid) return c.version === release.version && (!release.image || c.image === release.image);
    }
    return !1;
  }
  async stop(slot, stopTimeoutMs) {
    let started = performance.now();
    if (!(await this.ours(slot.color))?.running) return { signal: "none", ms: 0 };
    let seconds = Math.ceil(stopTimeoutMs / 1e3), r = await this.docker(["stop", "-t", String(seconds), "--", this.containerName(slot.color)], !0), ms = performance.now() - started;
    if (r.code !== 0) throw new GantryError(`docker stop ${this.containerName(slot.color)} failed on ${this.host.name}: ${lastLines(r.stderr.trim(), 5)}`);
    return { signal: (await this.inspect(slot.color))?.exitCode === 137 || ms >= seconds * 1e3 ? "SIGKILL" : "SIGTERM", ms };
  }
  async logTail(color, lines) {
    let r = await this.docker(["logs", "--tail", String(lines), "--", this.containerName(color)], !0);
    return r.code === 0 ? lastLines(`${r.stdout}${r.stderr}`, lines) : "";
  }
};

// packages/deploy/src/runtimes/docker-archive.ts
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
var ID = /^sha256:[a-f0-9]{64}$/, ACCEPTED_ARCHIVE = "accepted: the image stage's docker-archive file (a tarball docker load accepts) holding the artifact's tag", MAX_JSON = 1024 * 1024;
function familiar(ref) {
  let short = ref.replace(/^(docker\.io|index\.docker\.io)\/(library\/)?/, "");
  return /:[\w][\w.-]*$/.test(short.split("/").pop() ?? "") ? short : `${short}:latest`;
}
async function readImageArchive(path, ref) {
  if (ref.includes("@"))
    throw new InputError(
      "artifact",
      ref,
      "with image-archive, a tag or an image ID (a docker archive records no registry digest); accepted: e.g. ghcr.io/acme/hello:v1"
    );
  let files = await archiveJson(path), entries = files.get("manifest.json"), index = files.get("index.json"), manifests = (Array.isArray(index?.manifests) ? index.manifests : []).map((m) => String(m.digest)).filter((d) => ID.test(d)), images = (Array.isArray(entries) ? entries : []).map((e) => ({
    id: `sha256:${/([a-f0-9]{64})(\.json)?$/.exec(String(e.Config))?.[1] ?? ""}`,
    tags: Array.isArray(e.RepoTags) ? e.RepoTags.map(String) : []
  })), found = images.find((i) => ID.test(i.id) && (i.id === ref || i.tags.some((t) => familiar(t) === familiar(ref))));
  if (!found)
    throw new InputError("image-archive", path, `it holds ${images.flatMap((i) => i.tags).join(", ") || "no tagged image"}, not ${ref}; ${ACCEPTED_ARCHIVE}`);
  return { path, ...found, ids: [found.id, ...manifests] };
}
var read = /* @__PURE__ */ new Map();
async function archiveJson(path) {
  let st = await stat(path).catch((e) => {
    throw new InputError("image-archive", path, `it cannot be read (${e.code ?? e.message}); ${ACCEPTED_ARCHIVE}`);
  }), key = `${path}\0${st.size}\0${st.mtimeMs}`, files = read.get(key);
  return files || (files = jsonEntries(path, ["manifest.json", "index.json"]), read.set(key, files), files.catch(() => read.delete(key))), files;
}
async function jsonEntries(path, names) {
  let { extract } = commonJsExports(await import("./tar-stream-3EDDGGEL.js")), found = /* @__PURE__ */ new Map(), bad = (why) => new InputError("image-archive", path, `${why}; ${ACCEPTED_ARCHIVE}`);
  return new Promise((res, rej) => {
    let ex = extract();
    ex.on("entry", (header, stream, next) => {
      let name = header.name.replace(/^\.\//, "");
      if (!names.includes(name) || header.type !== "file" || header.size > MAX_JSON) {
        stream.on("end", next).resume();
        return;
      }
      let chunks = [];
      stream.on("data", (c) => chunks.push(c)), stream.on("end", () => {
        try {
          found.set(name, JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          return rej(bad(`its ${name} is not JSON`));
        }
        next();
      });
    }), ex.on("finish", () => found.has("manifest.json") ? res(found) : rej(bad("it has no manifest.json"))), ex.on("error", (e) => rej(bad(`it is not a tarball (${e.message})`)));
    let file = createReadStream(path);
    file.on("error", (e) => rej(bad(`it cannot be read (${e.message})`))), file.pipe(ex);
  });
}

// packages/deploy/src/runtimes/docker-image.ts
var ID2 = /^sha256:[a-f0-9]{64}$/;
async function imageId(host, dockerHost, ref) {
  let r = await host.exec([...dockerArgv(dockerHost), "image", "inspect", "-f", "{{.Id}}", "--", ref], { allowFailure: !0, timeoutMs: 3e4 }), id = r.stdout.trim();
  if (r.code === 0 && ID2.test(id)) return id;
  let why = `${r.stderr}${r.stdout}`.trim();
  if (!/no such image/i.test(why))
    throw new GantryError(`docker image inspect ${ref} failed on ${host.name}: ${lastLines(why, 5) || `exit code ${r.code}`}`);
}
async function resolveImage(host, dockerHost, ref, archivePath = "") {
  if (!ref)
    throw new InputError(
      "artifact",
      "",
      "it is required with runtime: docker; accepted: an image reference the daemon has, e.g. the image stage's image output"
    );
  checkImageReference(ref);
  let archive = archivePath ? await readImageArchive(archivePath, ref) : void 0, id = await imageId(host, dockerHost, ref);
  if (archive) return id && archive.ids.includes(id) ? { ref, id } : { ref, id: archive.id, load: archive };
  if (!id)
    throw new InputError(
      "image-archive",
      "",
      `the docker daemon on ${host.name} does not have the image ${ref}; gantry does not pull it: give the image stage's docker-archive as image-archive (it is streamed into docker load there), or docker pull ${ref} on the host before deploying`
    );
  return { ref, id };
}
async function loadImage(host, dockerHost, image) {
  let r = await host.exec([...dockerArgv(dockerHost), "load"], { inputFile: image.load.path, allowFailure: !0, timeoutMs: 6e5 });
  if (r.code !== 0) throw new GantryError(`docker load of ${image.load.path} failed on ${host.name}: ${lastLines(`${r.stderr}${r.stdout}`.trim(), 5)}`);
  let id = await imageId(host, dockerHost, image.ref);
  if (!id || !image.load.ids.includes(id))
    throw new GantryError(
      `after docker load on ${host.name}, ${image.ref} is ${id ?? "missing"}, not the archive's image ${image.load.id}; the cutover did not start`
    );
  return id;
}

// packages/deploy/src/routers/router.ts
async function waitDrained(inFlight, timeoutMs) {
  let started = performance.now(), remaining = 0;
  do {
    if (remaining = await inFlight(), remaining === 0) return { drained: !0, ms: performance.now() - started };
    await new Promise((r) => setTimeout(r, 50));
  } while (performance.now() - started < timeoutMs);
  return { drained: !1, ms: performance.now() - started, remaining };
}
var RouterError = class extends GantryError {
  name = "RouterError";
};

// packages/deploy/src/routers/haproxy-state.ts
var SRV_ADMF = {
  /** Forced into maintenance (`set server … state maint`, or `disabled` in the config). */
  FMAINT: 1,
  /** Maintenance inherited from a tracked server. */
  IMAINT: 2,
  /** `disabled` in the config: a marker only, it stays set after `state ready` clears FMAINT. */
  CMAINT: 4,
  /** Forced into drain (`set server … state drain`). */
  FDRAIN: 8,
  /** Drain inherited from a tracked server. */
  IDRAIN: 16,
  /** Maintenance because the server's address did not resolve. */
  RMAINT: 32,
  /** A marker that the FQDN was set from the admin socket; no state of its own. */
  HMAINT: 64
}, MAINT = SRV_ADMF.FMAINT | SRV_ADMF.IMAINT | SRV_ADMF.RMAINT, DRAIN = SRV_ADMF.FDRAIN | SRV_ADMF.IDRAIN;
function adminMode(adminState) {
  return adminState & MAINT ? "maint" : adminState & DRAIN ? "drain" : "ready";
}
var OP_STATES = ["DOWN", "STARTING", "UP", "STOPPING"], CHK_ST_ENABLED = 4;
function parseServersState(text, backend) {
  let lines = text.split(`
`), at = lines.findIndex((l) => l.startsWith("# be_id "));
  if (at < 1 || lines[at - 1]?.trim() !== "1")
    throw new RouterError(
      `HAProxy answered \`show servers state\` in a format gantry does not read (it reads format 1): ${JSON.stringify(text.slice(0, 200))}`
    );
  let names = lines[at].slice(2).split(" "), col = (name) => {
    let i = names.indexOf(name);
    if (i < 0) throw new RouterError(`HAProxy's \`show servers state\` has no column ${name}`);
    return i;
  }, [be, srv, addr, op, admin, weight, check, port] = [
    "be_name",
    "srv_name",
    "srv_addr",
    "srv_op_state",
    "srv_admin_state",
    "srv_uweight",
    "srv_check_state",
    "srv_port"
  ].map(col), out = /* @__PURE__ */ new Map();
  for (let line of lines.slice(at + 1)) {
    if (!line.trim() || line.startsWith("#")) continue;
    let f = line.trim().split(/\s+/);
    if (f[be] !== backend) continue;
    let adminState = Number(f[admin]);
    out.set(f[srv], {
      name: f[srv],
      addr: f[addr],
      port: Number(f[port]),
      admin: adminMode(adminState),
      adminState,
      weight: Number(f[weight]),
      op: OP_STATES[Number(f[op])] ?? `op state ${f[op]}`,
      checked: (Number(f[check]) & CHK_ST_ENABLED) !== 0
    });
  }
  return out;
}
function describeServerState(s) {
  let health = s.checked ? `HAProxy's check: ${s.op}` : "no check";
  return `${s.admin} (admin state 0x${s.adminState.toString(16).padStart(2, "0")}), weight ${s.weight}, ${s.addr}:${s.port} (${health})`;
}
function applied(s, want) {
  return want.weight === 0 ? s.admin !== "ready" : s.admin === "ready" && s.weight === want.weight && s.addr === want.addr && s.port === want.port;
}

// packages/deploy/src/routers/haproxy.ts
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
    if (!row)
      throw this.missing(
        [...rows.keys()].filter((k) => k !== "BACKEND"),
        color
      );
    return row;
  }
  /** The error for a backend with no server `color`: the backend itself missing when it has no server at all. */
  missing(have, color) {
    return new RouterError(
      have.length === 0 ? `HAProxy has no backend '${this.o.backend}' (haproxy-backend); declare it with servers blue and green` : `HAProxy backend '${this.o.backend}' has no server '${color}' (it has ${have.join(", ")}); declare servers blue and green`
    );
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
  /** The servers of the backend as `show servers state` has them: admin state, weight, address, HAProxy's health. */
  async states() {
    return parseServersState(await this.send([`show servers state ${this.o.backend}`]), this.o.backend);
  }
  state(states, color) {
    let s = states.get(color);
    if (!s) throw this.missing([...states.keys()], color);
    return s;
  }
  async isolate(color, ports) {
    let cmd = [`set server ${this.o.backend}/${color} state maint`, `set server ${this.o.backend}/${color} addr ${this.address} port ${ports[color]}`], answer = await this.send(cmd), s = this.state(await this.states(), color);
    if (s.admin !== "maint")
      throw new RouterError(`HAProxy did not put ${this.o.backend}/${color} in maintenance (it reports ${describeServerState(s)}): ${answer.trim()}`);
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
      `show servers state ${b}`
    ], answer = await this.send(commands), appliedAt = performance.now(), states = parseServersState(answer, b), messages = answer.slice(0, Math.max(0, answer.search(/^1\n# be_id /m))).trim();
    for (let c of COLORS) {
      let s = this.state(states, c), want = { weight: weights[c], addr: this.address, port: ports[c] };
      if (!applied(s, want))
        throw new RouterError(
          `HAProxy refused the change for ${b}/${c} (wanted ${weights[c] > 0 ? `ready, weight ${weights[c]} at ${this.address}:${ports[c]}` : "drain or maint"}; it reports ${describeServerState(s)}): ${messages || "no message"}`
        );
    }
    return await this.saveState(), appliedAt;
  }
  drain(color, timeoutMs) {
    return waitDrained(async () => serverCounters(this.server(await this.servers(), color)).inFlight, timeoutMs);
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
async function haproxyProblems(host, socket) {
  try {
    let level = (await host.checkSocket(socket, "show cli level")).trim();
    return level === "admin" ? [] : [`haproxy-socket ${socket} has level ${JSON.stringify(level)}; gantry needs \`stats socket … level admin\``];
  } catch (err) {
    return [messageOf(err).replace(`${host.name}: `, "")];
  }
}

// packages/deploy/src/routers/cmdline.ts
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

// packages/deploy/src/routers/inputs.ts
var HAPROXY_ROLES = { serverPaths: ["haproxy-socket", "haproxy-server-state-file"], secrets: [] }, NGINX_ROLES = {
  serverPaths: ["nginx-upstream-file", "nginx-pid-file", "nginx-access-log", "nginx-lua-include", "nginx-admin-socket"],
  secrets: [{ input: "nginx-admin-token", at: ["adminToken"], post: !0 }]
}, MIN_TOKEN_LENGTH = 32;
function parseRouterInputs(read2, cwd) {
  let kind = read2.choice("router", ["haproxy", "nginx"]);
  if (kind === "haproxy") {
    let backend = read2.string("haproxy-backend");
    if (!HAPROXY_NAME.test(backend)) throw new InputError("haproxy-backend", backend, "accepted: a HAProxy backend name (letters, digits, . _ : -)");
    let socket = read2.path("haproxy-socket", cwd);
    if (!socket)
      throw new InputError(
        "haproxy-socket",
        "",
        "it is required with router: haproxy; accepted: the path of HAProxy's admin socket (`stats socket … level admin`)"
      );
    return { kind, socket, backend, stateFile: read2.path("haproxy-server-state-file", cwd) };
  }
  let mode = read2.choice("nginx-mode", ["reload", "lua", "auto"]), upstreamFile = read2.path("nginx-upstream-file", cwd);
  if (!upstreamFile && mode !== "lua")
    throw new InputError(
      "nginx-upstream-file",
      "",
      `it is required with router: nginx and nginx-mode: ${mode}; accepted: the path of a file your upstream block includes (gantry rewrites it)`
    );
  let reload = splitCommandLine(read2.string("nginx-reload-command"));
  if ("error" in reload)
    throw new InputError("nginx-reload-command", read2.string("nginx-reload-command"), `${reload.error}; accepted: a command such as nginx -s reload`);
  return {
    kind,
    upstreamFile,
    reloadCommand: reload,
    pidFile: read2.path("nginx-pid-file", cwd),
    accessLog: read2.path("nginx-access-log", cwd),
    mode,
    ...luaInputs(read2, cwd, mode)
  };
}
function luaInputs(read2, cwd, mode) {
  let luaInclude = read2.path("nginx-lua-include", cwd);
  if (!luaInclude && mode === "lua")
    throw new InputError(
      "nginx-lua-include",
      "",
      "it is required with nginx-mode: lua; accepted: the path of the file gantry writes and your http {} block includes"
    );
  let adminSocket = read2.path("nginx-admin-socket", cwd);
  if (!adminSocket || /[\s;{}"'\\]/.test(adminSocket.split("{app}").join("app")))
    throw new InputError(
      "nginx-admin-socket",
      adminSocket,
      "accepted: a unix socket path without spaces, quotes, ; { } or \\, e.g. /run/gantry/{app}-nginx.sock"
    );
  let adminToken = read2.string("nginx-admin-token"), printable = /^[\x21-\x7e]*$/.test(adminToken);
  if (adminToken ? !printable || adminToken.length < MIN_TOKEN_LENGTH : mode === "lua")
    throw new InputError(
      "nginx-admin-token",
      adminToken ? `(hidden, ${[...adminToken].length} characters${printable ? "" : ", some of them spaces or not printable"})` : "",
      `accepted: a secret of at least ${MIN_TOKEN_LENGTH} printable characters without spaces (e.g. \`openssl rand -hex 32\`), passed from a repository secret (required with nginx-mode: lua)`
    );
  return { luaInclude, adminSocket, adminToken };
}

// packages/deploy/src/routers/nginx-lua-check.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { dirname, join as join5 } from "node:path";
function nginxBase(reloadCommand) {
  if (!/(^|\/)nginx$/.test(reloadCommand[0] ?? "")) return ["nginx"];
  let i = reloadCommand.indexOf("-p");
  return i > 0 && reloadCommand[i + 1] ? [reloadCommand[0], "-p", reloadCommand[i + 1]] : [reloadCommand[0]];
}
function dumpCommand(reloadCommand) {
  let i = reloadCommand.findIndex((a, k) => a === "-s" && reloadCommand[k + 1] === "reload");
  return i >= 0 && /(^|\/)nginx$/.test(reloadCommand[0] ?? "") ? [...reloadCommand.slice(0, i), ...reloadCommand.slice(i + 2), "-T"] : ["nginx", "-T"];
}
async function luaModule(host, reloadCommand) {
  let version = await host.exec([...nginxBase(reloadCommand).slice(0, 1), "-V"], { allowFailure: !0, timeoutMs: 3e4 });
  if (/lua-nginx-module|ngx_lua|ngx_http_lua|openresty/i.test(`${version.stdout}
${version.stderr}`)) return { loadLines: [] };
  let dump = await host.exec(dumpCommand(reloadCommand), { allowFailure: !0, timeoutMs: 3e4 });
  if (dump.code !== 0) return;
  let loadLines = [...dump.stdout.matchAll(/^\s*(load_module\s+[^;#\n]+;)/gm)].map((m) => m[1]);
  return loadLines.some((l) => /ngx_http_lua_module\.so/.test(l)) ? { loadLines } : void 0;
}
async function testIncludeAlone(host, reloadCommand, include, text) {
  let loadLines = (await luaModule(host, reloadCommand))?.loadLines ?? [], tmp = join5(dirname(include), `.gantry-check-${randomBytes2(6).toString("hex")}`);
  await host.mkdirp(tmp, 448);
  try {
    let candidate = join5(tmp, "include.conf"), conf = join5(tmp, "nginx.conf");
    await host.writeFile(candidate, text, 416), await host.writeFile(
      conf,
      `${loadLines.join(`
`)}
pid ${join5(tmp, "nginx.pid")};
error_log ${join5(tmp, "error.log")};
events {}
http {
  include ${candidate};
}
`,
      416
    );
    let r = await host.exec([...nginxBase(reloadCommand), "-e", join5(tmp, "error.log"), "-c", conf, "-t"], { allowFailure: !0, timeoutMs: 3e4 });
    return r.code === 0 ? void 0 : lastLines(r.stderr || r.stdout, 5);
  } finally {
    await host.remove(tmp);
  }
}
var SOCKET_FOLDER_MODE = 488;
async function socketFolderProblem(host, socket) {
  let folder = dirname(socket), r = await host.exec(["stat", "-L", "-c", "%a %U %G", folder], { allowFailure: !0, timeoutMs: 3e4 }), m = /^([0-7]{3,4}) (\S+) (\S+)/.exec(r.stdout.trim());
  if (r.code !== 0 || !m) return `nginx-admin-socket: cannot read the mode of its folder ${folder} on ${host.name}: ${lastLines(r.stderr || r.stdout, 3)}`;
  let mode = Number.parseInt(m[1], 8);
  if ((mode & 7) !== 0)
    return `nginx-admin-socket ${socket}: its folder ${folder} on ${host.name} is mode ${(mode & 4095).toString(8).padStart(4, "0")} (owner ${m[2]}, group ${m[3]}), so every local user can reach the admin socket (nginx makes it 0666) and try tokens; accepted: a folder only the deployer and nginx's group can enter, e.g. \`install -d -m 0750 -o <deploy user> -g <nginx's group> ${folder}\` (or \`chmod o-rwx ${folder}\`), or an nginx-admin-socket in such a folder`;
}

// packages/deploy/src/routers/nginx-lua.ts
import { dirname as dirname2 } from "node:path";

// packages/deploy/src/routers/accesslog-format.ts
var GANTRY_LOG_FORMAT = `log_format gantry escape=json '{"upstream_addr":"$upstream_addr","status":"$status","upstream_response_time":"$upstream_response_time"}';`, LINE = /^\{"upstream_addr":"([^"\\]*)","status":"(\d{3})","upstream_response_time":"([^"\\]*)"\}$/, ADDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5}|unix:[^\s,]+)$/, TIME = /^(?:\d+(?:\.\d+)?|-)$/, SEPARATOR = /, | : /;
function parseLogLine(line) {
  let m = LINE.exec(line.endsWith("\r") ? line.slice(0, -1) : line);
  if (!m) return;
  let addr = m[1], time = m[3];
  if (addr === "" || addr === "-") return { upstreams: [], status: Number(m[2]), times: [] };
  let upstreams = addr.split(SEPARATOR), times = time.split(SEPARATOR);
  if (!(!upstreams.every((u) => ADDR.test(u)) || times.length !== upstreams.length || !times.every((t) => TIME.test(t))))
    return { upstreams, status: Number(m[2]), times: times.map((t) => t === "-" ? void 0 : Number(t)) };
}
var TAIL_LINES = 20;
async function accessLogProblem(host, path) {
  let size = await host.fileSize(path) ?? 0, from = Math.max(0, size - 64 * 1024), chunk = await host.readFrom(path, from, 64 * 1024);
  if (!chunk) return;
  let lines = chunk.text.split(`
`);
  lines.pop(), from > 0 && lines.shift();
  let tail = lines.filter((l) => l.trim() !== "").slice(-TAIL_LINES);
  if (tail.length === 0) return;
  let first = tail.findIndex((l) => parseLogLine(l) !== void 0), foreign = first < 0 ? tail.length : tail.slice(first).filter((l) => parseLogLine(l) === void 0).length;
  if (foreign !== 0)
    return `nginx-access-log ${path} on ${host.name}: ${first < 0 ? `its last ${tail.length} lines are` : `${foreign} of its last ${tail.length} lines are`} not in gantry's format, so gantry cannot read the new version's error rate from it. Add to your http {} block \`${GANTRY_LOG_FORMAT}\` and log to a file of its own with \`access_log ${path} gantry;\` in the server or location that proxies to the app (beside any access_log of yours), then reload nginx`;
}

// packages/deploy/src/routers/accesslog.ts
async function checkAccessLog(host, path) {
  if (!path) return;
  if (await host.fileSize(path) === void 0) throw new GantryError(`nginx-access-log ${path} does not exist on ${host.name}`);
  let problem = await accessLogProblem(host, path);
  if (problem) throw new GantryError(problem);
}
var LATENCY_SAMPLE = 1e4, UpstreamTally = class {
  constructor(address) {
    this.address = address;
  }
  address;
  requests = 0;
  errors = 0;
  /** Lines not in gantry's format, ignored (a client's request never decides what is counted). */
  unreadable = 0;
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
var AccessLogTraffic = class {
  constructor(host, path, address = "127.0.0.1") {
    this.host = host;
    this.path = path;
    this.address = address;
  }
  host;
  path;
  address;
  tallies = /* @__PURE__ */ new Map();
  /** A mark for `color`: counts the lines its upstream answers from the log's end on. */
  static async mark(log, color, ports) {
    let mark = { color, port: ports[color], data: {} };
    if (log) {
      let offset = await log.host.fileSize(log.path) ?? 0;
      log.tallies.set(mark, { offset, tally: new UpstreamTally(`${log.address}:${ports[color]}`), partial: "" });
    }
    return mark;
  }
  /** The traffic since `mark`, or undefined without an access log. */
  static since(log, mark) {
    return log ? log.since(mark) : Promise.resolve(void 0);
  }
  async since(mark) {
    let t = this.tallies.get(mark);
    if (!t) return;
    for (; ; ) {
      let chunk = await this.host.readFrom(this.path, t.offset, 4194304);
      if (!chunk || chunk.size < t.offset) break;
      let text = t.partial + chunk.text;
      t.offset += Buffer.byteLength(chunk.text);
      let lines = text.split(`
`);
      t.partial = lines.pop() ?? "";
      for (let line of lines) {
        if (line === "") continue;
        let e = parseLogLine(line);
        e ? t.tally.add(e) : t.tally.unreadable++;
      }
      if (t.offset >= chunk.size) break;
    }
    let { requests, errors, unreadable } = t.tally;
    return { requests, errors, latencyMs: percentile(t.tally.latencies, 95), latencyKind: "p95", ...unreadable ? { unreadableLines: unreadable } : {} };
  }
};

// packages/deploy/src/routers/nginx-lua-conf.ts
import { createHmac, randomBytes as randomBytes3 } from "node:crypto";
var STATE = /^blue=(\d{1,3}(?:\.\d{1,3}){3}|\[::1\]):(\d{1,5}):(\d{1,3}),green=(\d{1,3}(?:\.\d{1,3}){3}|\[::1\]):(\d{1,5}):(\d{1,3})$/, LUA_STATE = "^blue=([^,]+):(%d+):(%d+),green=([^,]+):(%d+):(%d+)$";
function encodeState(s) {
  return `blue=${s.blue.address}:${s.blue.port}:${s.blue.weight},green=${s.green.address}:${s.green.port}:${s.green.weight}`;
}
function parseState(text) {
  let m = STATE.exec(text.trim());
  if (m)
    return {
      blue: { address: m[1], port: Number(m[2]), weight: Number(m[3]) },
      green: { address: m[4], port: Number(m[5]), weight: Number(m[6]) }
    };
}
function stateFor(weights, ports, address) {
  return {
    blue: { address, port: ports.blue, weight: weights.blue },
    green: { address, port: ports.green, weight: weights.green }
  };
}
var EMPTY_STATE = { blue: { address: "127.0.0.1", port: 0, weight: 0 }, green: { address: "127.0.0.1", port: 0, weight: 0 } }, newSalt = () => randomBytes3(16).toString("hex");
function tokenSalt(text) {
  return /local SALT = "([0-9a-f]{32})"/.exec(text)?.[1];
}
var upstreamName = (app) => `gantry_${app}`, STATE_LINE = /^(\s*local FALLBACK = )"[^"\n]*"( -- gantry state)$/gm;
function setupPart(text) {
  return text.replace(STATE_LINE, '$1""$2');
}
function withState(text, state) {
  return text.replace(STATE_LINE, `$1"${encodeState(state)}"$2`);
}
function includedState(text) {
  let m = /local FALLBACK = "([^"\n]*)" -- gantry state/.exec(text);
  return m ? parseState(m[1]) : void 0;
}
function renderLuaInclude(o, state) {
  if (/[\s;{}"'\\]/.test(o.socket))
    throw new GantryError(`nginx-admin-socket ${o.socket}: a path without spaces, quotes, ; { } or \\ is needed in nginx's config`);
  let dict = upstreamName(o.app);
  if (!/^[0-9a-f]{32}$/.test(o.salt)) throw new GantryError(`the admin token's salt must be 32 hex digits, not ${JSON.stringify(o.salt)}`);
  let fallback = `  local FALLBACK = "${encodeState(state)}" -- gantry state`;
  return `# Written by gantry deploy for ${o.app} (nginx-mode: lua, issue 16); the next deploy rewrites it.
# Include it once in your http {} block and send a location to it with: proxy_pass http://${dict};
# Weights change through the admin socket below, without a reload; the state line is what a
# restarted nginx starts from (the dictionary survives a reload).
lua_shared_dict ${dict} 1m;

${balancerUpstream(o.app, dict, fallback)}
${INFLIGHT_LOG}
${adminServer(o, dict, fallback)}`;
}
function balancerUpstream(app, dict, fallback) {
  return `upstream ${dict} {
  server 0.0.0.1; # never used: the balancer picks every peer
  balancer_by_lua_block {
    local balancer = require "ngx.balancer"
    local dict = ngx.shared["${dict}"]
${fallback}
    local state = dict:get("state") or FALLBACK
    local ctx = ngx.ctx
    -- A retry (proxy_next_upstream): the earlier try is no longer in flight.
    if ctx.gantry_color then dict:incr("inflight:" .. ctx.gantry_color, -1, 0) end
    local peers, total = {}, 0
    for color, addr, port, weight in string.gmatch(state, "(%a+)=([^,]+):(%d+):(%d+)") do
      weight = tonumber(weight)
      if weight > 0 then
        peers[#peers + 1] = { color, addr, tonumber(port), weight }
        total = total + weight
      end
    end
    if total == 0 then
      ngx.log(ngx.ERR, "gantry: no release of ${app} takes traffic")
      -- The client gets 500: nginx answers any failure of this phase with 500.
      return ngx.exit(ngx.ERROR)
    end
    -- One counter for all workers: each color gets exactly its share, in order.
    local n = (dict:incr("rr", 1, 0) or 0) % total
    local pick = peers[#peers]
    for _, p in ipairs(peers) do
      if n < p[4] then pick = p break end
      n = n - p[4]
    end
    local ok, err = balancer.set_current_peer(pick[2], pick[3])
    if not ok then
      ngx.log(ngx.ERR, "gantry: ", err)
      return ngx.exit(ngx.ERROR)
    end
    if not ctx.gantry_color then balancer.set_more_tries(1) end
    ctx.gantry_color = pick[1]
    ctx.gantry_dict = "${dict}"
    dict:incr("inflight:" .. pick[1], 1, 0)
  }
  keepalive 32;
}
`;
}
var INFLIGHT_LOG = `# Counts requests in flight per color, so a drain knows when the old version has finished its work.
log_by_lua_block {
  local ctx = ngx.ctx
  if ctx.gantry_color then ngx.shared[ctx.gantry_dict]:incr("inflight:" .. ctx.gantry_color, -1, 0) end
}
`;
function adminServer(o, dict, fallback) {
  let tokenHash = createHmac("sha1", o.salt).update(o.token).digest("base64");
  return `# The admin endpoint: a unix socket, never the public listener; every request needs the token.
server {
  listen unix:${o.socket};
  access_log off;
  client_max_body_size 1k;
  client_body_buffer_size 1k;
  location / {
    content_by_lua_block {
      local dict = ngx.shared["${dict}"]
${fallback}
      -- Every refusal goes to nginx's error log (the token never: only why, and the request line).
      local function refuse(status, why)
        ngx.log(ngx.ERR, "gantry: admin request refused (", status, "): ", why)
        return ngx.exit(status)
      end
      -- HMAC-SHA1 of the token keyed with a random salt, compared in constant time (the file holds no secret).
      local SALT = "${o.salt}"
      local want = ngx.decode_base64("${tokenHash}")
      local token = string.match(ngx.var.http_authorization or "", "^Bearer (.+)$")
      local got = ngx.hmac_sha1(SALT, token or "")
      local diff = token and 0 or 1
      for i = 1, #want do diff = bit.bor(diff, bit.bxor(string.byte(got, i), string.byte(want, i))) end
      if diff ~= 0 then return refuse(401, token and "wrong token" or "no token") end
      if ngx.var.uri ~= "/state" then return refuse(404, "no such path") end
      local method = ngx.req.get_method()
      if method == "PUT" then
        ngx.req.read_body()
        local body = string.gsub(ngx.req.get_body_data() or "", "%s+$", "")
        local parts = { string.match(body, "${LUA_STATE}") }
        if #parts == 0 then return refuse(400, "the state is not blue=<address>:<port>:<weight>,green=<address>:<port>:<weight>") end
        -- Only loopback upstreams (127.0.0.0/8, ::1): whoever holds the token cannot send traffic elsewhere.
        for _, addr in ipairs({ parts[1], parts[4] }) do
          local loopback = addr == "[::1]"
          local a, b, c, d = string.match(addr, "^(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)$")
          if a then
            loopback = tonumber(a) == 127 and tonumber(b) <= 255 and tonumber(c) <= 255 and tonumber(d) <= 255
            if not loopback then return refuse(400, "upstream address " .. addr .. " is not loopback (127.0.0.0/8 or [::1])") end
          end
          if not loopback then return refuse(400, "an upstream address is not loopback (127.0.0.0/8 or [::1])") end
        end
        local ok, err = dict:set("state", body)
        if not ok then
          ngx.log(ngx.ERR, "gantry: ", err)
          return ngx.exit(500)
        end
      elseif method ~= "GET" then
        return refuse(405, "method not allowed")
      end
      ngx.say(dict:get("state") or FALLBACK)
      ngx.say("inflight blue=", dict:get("inflight:blue") or 0, ",green=", dict:get("inflight:green") or 0)
    }
  }
}
`;
}

// packages/deploy/src/routers/nginx-lua.ts
var ADMIN_TIMEOUT_MS = 5e3, INCLUDE_MODE = 416, NO_LUA_HINT = " (the Lua module is not loaded: apt-get install libnginx-mod-http-lua)", NO_LUA = /unknown directive "(lua_shared_dict|balancer_by_lua_block|log_by_lua_block)"/, NginxLuaRouter = class {
  constructor(o) {
    this.o = o;
    o.accessLog && (this.log = new AccessLogTraffic(o.host, o.accessLog, o.address));
  }
  o;
  name = "nginx";
  log;
  get host() {
    return this.o.host;
  }
  /** The two lines a user adds, for messages. */
  setupLines() {
    return `add \`include ${this.o.include};\` to your http {} block and \`proxy_pass http://${upstreamName(this.o.app)};\` to the location, then reload nginx once`;
  }
  async preflight() {
    await this.test("before any change"), await this.host.mkdirp(dirname2(this.o.socket), SOCKET_FOLDER_MODE);
    let open2 = await socketFolderProblem(this.host, this.o.socket);
    if (open2) throw new GantryError(open2);
    let changed = await this.writeInclude();
    if (changed === "updated") {
      this.o.notice?.(`nginx-mode: lua: ${this.o.include} changed (token, socket or gantry's balancer); reloading nginx once to load it`);
      let r = await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 });
      if (r.code !== 0) throw new GantryError(`nginx-reload-command: \`${this.o.reloadCommand.join(" ")}\` failed: ${lastLines(r.stderr || r.stdout, 5)}`);
    }
    let deadline = performance.now() + 1e4;
    for (; ; )
      try {
        await this.admin("GET");
        break;
      } catch (err) {
        if (changed !== "updated" || performance.now() > deadline)
          throw new GantryError(
            `nginx-mode: lua: the admin endpoint on ${this.host.name} (${this.o.socket}) did not answer: ${messageOf(err)}. ${changed === "created" ? `gantry wrote ${this.o.include}; ` : ""}${this.setupLines()}`
          );
        await new Promise((res) => setTimeout(res, 100));
      }
    await checkAccessLog(this.host, this.o.accessLog);
  }
  async test(when) {
    let test = nginxTestCommand(this.o.reloadCommand);
    try {
      await this.host.exec(test, { timeoutMs: 3e4 });
    } catch (err) {
      let detail = err instanceof ExecError ? lastLines(err.result.stderr, 5) : messageOf(err);
      throw new GantryError(`nginx-reload-command: \`${test.join(" ")}\` failed on ${this.host.name} ${when}: ${detail}`);
    }
  }
  /**
   * Writes the include when its setup part (not the state line) differs. It is checked alone with
   * `nginx -t` of a throwaway config first (on a first run the user's config does not include it
   * yet), then in place with the user's config; the previous file comes back when that fails, so
   * the running config is untouched.
   */
  async writeInclude() {
    let previous = await this.host.readFile(this.o.include), state = previous && includedState(previous) || EMPTY_STATE, salt = previous && tokenSalt(previous) || newSalt(), next = renderLuaInclude({ app: this.o.app, socket: this.o.socket, token: this.o.token, salt }, state);
    if (previous !== void 0 && setupPart(previous) === setupPart(next)) return "same";
    await this.host.mkdirp(dirname2(this.o.include));
    let alone = await testIncludeAlone(this.host, this.o.reloadCommand, this.o.include, next);
    if (alone !== void 0)
      throw new GantryError(
        `nginx -t of gantry's Lua include alone failed on ${this.host.name}: ${alone}${NO_LUA.test(alone) ? NO_LUA_HINT : ""}; ${this.o.include} was not ${previous === void 0 ? "written" : "changed"}, nginx was not reloaded`
      );
    await this.host.writeFile(this.o.include, next, INCLUDE_MODE);
    try {
      await this.test("with gantry's Lua include");
    } catch (err) {
      previous === void 0 ? await this.host.remove(this.o.include) : await this.host.writeFile(this.o.include, previous, INCLUDE_MODE);
      let hint = NO_LUA.test(messageOf(err)) ? NO_LUA_HINT : "";
      throw new GantryError(
        `${messageOf(err)}${hint}; ${previous === void 0 ? "removed" : "restored the previous"} ${this.o.include}, nginx was not reloaded`
      );
    }
    return previous === void 0 ? "created" : "updated";
  }
  /** Whether the admin socket's file is there (nginx-mode: auto tells "nobody listens" from "answers otherwise"). */
  socketExists() {
    return this.host.exists(this.o.socket);
  }
  /** One request to the admin endpoint; the token goes in a header on the socket, never on a command line. */
  async admin(method, body = "") {
    let payload = body ? `${body}
` : "", request = `${method} /state HTTP/1.0\r
Host: gantry\r
Authorization: Bearer ${this.o.token}\r
Content-Length: ${Buffer.byteLength(payload)}\r
\r
${payload}`, answer = await this.host.socketRequest(this.o.socket, request, ADMIN_TIMEOUT_MS), status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
    if (status === 401) throw new RouterError(`the admin endpoint ${this.o.socket} refused nginx-admin-token (401)`);
    let text = answer.slice(answer.indexOf(`\r
\r
`) + 4), [stateLine = "", inflightLine = ""] = text.split(`
`), state = parseState(stateLine), inflight = /^inflight blue=(-?\d+),green=(-?\d+)/.exec(inflightLine);
    if (status !== 200 || !state || !inflight)
      throw new RouterError(`the admin endpoint ${this.o.socket} answered ${status ? `HTTP ${status}` : "no HTTP"}: ${JSON.stringify(answer.slice(0, 200))}`);
    return { state, inflight: { blue: Number(inflight[1]), green: Number(inflight[2]) } };
  }
  /** Sets the state, then writes it into the include for a restarted nginx; returns when nginx routes by it. */
  async apply(state) {
    let { state: now } = await this.admin("PUT", encodeState(state)), at = performance.now();
    if (encodeState(now) !== encodeState(state)) throw new RouterError(`the admin endpoint kept ${encodeState(now)} instead of ${encodeState(state)}`);
    let text = await this.host.readFile(this.o.include);
    return text !== void 0 && includedState(text) && encodeState(includedState(text)) !== encodeState(state) && await this.host.writeFile(this.o.include, withState(text, state), INCLUDE_MODE), at;
  }
  async isolate(color, ports) {
    let { state } = await this.admin("GET");
    if (state[color].weight === 0) return;
    let weights = { blue: 0, green: 0 };
    for (let c of COLORS) c !== color && state[c].weight > 0 && state[c].port === ports[c] && (weights[c] = 100);
    await this.apply(stateFor(weights, ports, this.o.address ?? "127.0.0.1"));
  }
  route(weights, ports) {
    return this.apply(stateFor(weights, ports, this.o.address ?? "127.0.0.1"));
  }
  /** The balancer counts requests in flight per color (log phase): wait until the old color has none. */
  drain(color, timeoutMs) {
    return waitDrained(async () => Math.max(0, (await this.admin("GET")).inflight[color]), timeoutMs);
  }
  async retire() {
  }
  mark(color, ports) {
    return AccessLogTraffic.mark(this.log, color, ports);
  }
  trafficSince(mark) {
    return AccessLogTraffic.since(this.log, mark);
  }
  async describe() {
    let state, from = "";
    try {
      state = (await this.admin("GET")).state;
    } catch (err) {
      let text = await this.host.readFile(this.o.include);
      state = text ? includedState(text) : void 0, from = ` (from ${this.o.include}; the admin endpoint did not answer: ${messageOf(err)})`;
    }
    if (!state) return "(no Lua state)";
    let s = state;
    return `${COLORS.map((c) => `${c} ${s[c].address}:${s[c].port} weight ${s[c].weight}`).join("; ")}${from}`;
  }
};

// packages/deploy/src/routers/nginx.ts
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
    o.accessLog && (this.log = new AccessLogTraffic(o.host, o.accessLog, o.address));
  }
  o;
  name = "nginx";
  oldWorkers = [];
  /** Server lines `nginx -t` accepted in this run: going back to one of them (a rollback) skips the test, for speed. */
  tested = /* @__PURE__ */ new Set();
  log;
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
    await checkAccessLog(this.host, this.o.accessLog);
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
    let master = await this.master();
    return master === void 0 ? { drained: !0, ms: 0 } : waitDrained(async () => (await this.workers(master)).filter((w) => this.oldWorkers.includes(w.pid)).length, timeoutMs);
  }
  async retire() {
  }
  mark(color, ports) {
    return AccessLogTraffic.mark(this.log, color, ports);
  }
  trafficSince(mark) {
    return AccessLogTraffic.since(this.log, mark);
  }
  async describe() {
    return serverLines(await this.host.readFile(this.o.upstreamFile)).replace(/\n/g, "; ") || "(empty upstream file)";
  }
};

// packages/deploy/src/routers/nginx-mode.ts
function nginxNeeds(r) {
  return [.../* @__PURE__ */ new Set([r.reloadCommand[0], nginxTestCommand(r.reloadCommand)[0]])];
}
var RELOAD_COST = "every traffic change reloads nginx, which closes idle client keep-alive connections: a client that sends its next request on one gets an error (issue 16 measured 38 failed requests in 4 cutovers). For cutovers without reloads install libnginx-mod-http-lua and set up nginx-mode: lua (see the deploy README)";
function makeNginxRouter(r, host, app, notice) {
  let reload = () => new NginxRouter({ host, upstreamFile: r.upstreamFile, reloadCommand: r.reloadCommand, pidFile: r.pidFile, accessLog: r.accessLog, app }), lua = () => new NginxLuaRouter({
    host,
    include: r.luaInclude,
    socket: r.adminSocket.split("{app}").join(app),
    token: r.adminToken,
    reloadCommand: r.reloadCommand,
    accessLog: r.accessLog,
    app,
    notice
  });
  if (r.mode === "reload") return reload();
  if (r.mode === "lua") return lua();
  let hasLua = async () => await luaModule(host, r.reloadCommand) !== void 0;
  return new AutoNginxRouter(reload, r.luaInclude && r.adminToken ? lua : void 0, hasLua, notice);
}
var NOT_LISTENING = /ENOENT|ECONNREFUSED|no such file|connection refused|no socket at/i, AutoNginxRouter = class {
  constructor(reload, lua, hasLua, notice) {
    this.reload = reload;
    this.lua = lua;
    this.hasLua = hasLua;
    this.notice = notice;
  }
  reload;
  lua;
  hasLua;
  notice;
  name = "nginx";
  chosen;
  async choose() {
    if (this.chosen) return this.chosen;
    let why = "nginx-lua-include and nginx-admin-token are not both set";
    if (this.lua) {
      let lua = this.lua();
      try {
        return await lua.admin("GET"), this.chosen = lua, lua;
      } catch (err) {
        if (!NOT_LISTENING.test(messageOf(err)) && await lua.socketExists())
          throw new GantryError(
            `nginx-mode: auto: the Lua admin endpoint answers but not as expected: ${messageOf(err)}. Check nginx-admin-token (it must be the token the include was written with) and nginx-admin-socket; gantry does not fall back to reloads while the Lua balancer may be routing`
          );
      }
      if (await this.hasLua())
        return this.notice?.("nginx-mode: auto chose lua: nginx has the Lua module; setting up gantry's include as nginx-mode: lua does"), this.chosen = lua, lua;
      why = "nginx has no Lua module (none compiled in, and no load_module of ngx_http_lua_module.so in `nginx -T`)";
    }
    return this.notice?.(`nginx-mode: auto chose reload: ${why}. With reload, ${RELOAD_COST}.`), this.chosen = this.reload(), this.chosen;
  }
  async preflight() {
    return (await this.choose()).preflight();
  }
  async isolate(color, ports) {
    return (await this.choose()).isolate(color, ports);
  }
  async route(weights, ports) {
    return (await this.choose()).route(weights, ports);
  }
  async drain(color, timeoutMs) {
    return (await this.choose()).drain(color, timeoutMs);
  }
  async retire(color, ports) {
    return (await this.choose()).retire(color, ports);
  }
  async mark(color, ports) {
    return (await this.choose()).mark(color, ports);
  }
  async trafficSince(mark) {
    return (await this.choose()).trafficSince(mark);
  }
  async describe(ports) {
    return (await this.choose()).describe(ports);
  }
};

// packages/deploy/src/routers/routers.ts
var ROUTER_ROLES = { haproxy: HAPROXY_ROLES, nginx: NGINX_ROLES };
function makeRouter(r, host, app, notice) {
  return r.kind === "haproxy" ? new HaproxyRouter({ host, socket: r.socket, backend: r.backend, stateFile: r.stateFile }) : makeNginxRouter(r, host, app, notice);
}
function routerNeeds(r) {
  return r.kind === "nginx" ? nginxNeeds(r) : [];
}
function routerProblems(r, host) {
  return r.kind === "haproxy" ? haproxyProblems(host, r.socket) : Promise.resolve([]);
}

// packages/deploy/src/engine/journal.ts
import { join as join6 } from "node:path";
var HISTORY_LIMIT = 50, JOURNAL_FILE = "journal.json";
function emptyJournal(app) {
  return { schema: 1, app, history: [] };
}
var Journal = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
    this.path = join6(stateDir, JOURNAL_FILE);
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
    if (doc === null || typeof doc != "object" || doc.schema !== 1 || !Array.isArray(doc.history))
      throw new GantryError(`${this.path} on ${this.host.name} is not a gantry deploy journal (schema 1)`);
    if (doc.cutover && !PHASES.includes(doc.cutover.phase)) throw new GantryError(`${this.path}: unknown phase ${JSON.stringify(doc.cutover.phase)}`);
    return checkJournal(doc, `${this.path} on ${this.host.name}:`), doc;
  }
  async write(doc) {
    doc.history.length > HISTORY_LIMIT && doc.history.splice(0, doc.history.length - HISTORY_LIMIT), await this.host.writeFile(this.path, `${JSON.stringify(doc, null, 2)}
`, 384);
  }
};
function checkJournal(doc, where) {
  checkName(doc.app, APP_NAME, `${where} app`, ACCEPTED_APP);
  let version = (v, field) => checkName(v, RELEASE_VERSION, `${where} ${field}`, ACCEPTED_VERSION), color = (c, field) => {
    if (!COLORS.includes(c)) throw new GantryError(`${where} ${field} ${JSON.stringify(c)} is not valid; accepted: blue, green`);
  }, slot = (s, field) => {
    if (s !== void 0) {
      if (s === null || typeof s != "object") throw new GantryError(`${where} ${field} is not a slot (color, port, version)`);
      if (version(s.version, `${field}.version`), color(s.color, `${field}.color`), !Number.isInteger(s.port) || s.port < 1 || s.port > 65535)
        throw new GantryError(`${where} ${field}.port ${JSON.stringify(s.port)} is not valid; accepted: a TCP port, 1-65535`);
    }
  };
  if (slot(doc.active, "active"), doc.previous !== void 0 && (version(doc.previous?.version, "previous.version"), color(doc.previous.color, "previous.color")), doc.cutover) {
    if (slot(doc.cutover.from, "cutover.from"), doc.cutover.to === void 0) throw new GantryError(`${where} cutover.to is missing`);
    slot(doc.cutover.to, "cutover.to");
  }
  for (let [i, h] of doc.history.entries())
    version(h?.version, `history[${i}].version`), h.fromVersion !== void 0 && version(h.fromVersion, `history[${i}].fromVersion`), color(h.color, `history[${i}].color`);
}
function planRecovery(c) {
  let who = `the deployer (pid ${c.deployer.pid} on ${c.deployer.machine}) stopped during ${c.phase}`;
  return COMMITTED_PHASES.includes(c.phase) ? { kind: "complete", why: `${who}, after ${c.to.version} had passed its checks` } : c.phase === "rolling-back" ? { kind: "roll-back", why: `${who} (${c.reason ?? "no reason recorded"})` } : { kind: "roll-back", why: `${who}, before ${c.to.version} had passed its checks` };
}
function runId(now = /* @__PURE__ */ new Date()) {
  return `${now.toISOString().replace(/[:.]/g, "")}-${Math.random().toString(36).slice(2, 8)}`;
}

// packages/deploy/src/engine/recover.ts
async function recoverCutover(d, doc, engine, o = {}) {
  let c = doc.cutover;
  if (!c) return;
  let found = structuredClone(c), plan = planRecovery(c);
  if (o.completeHeld && c.phase === "verifying" && c.transitions[c.transitions.length - 1]?.note === HELD_NOTE && (plan = { kind: "complete", why: `${plan.why}; it had passed its checks and another host of the same rollout was already promoted` }), c.to.pid === void 0 && (c.to.pid = await d.runtime.running(c.to.color)), plan.kind === "roll-back" && c.from && !await d.runtime.alive(c.from)) {
    let toUp = await d.runtime.alive(c.to), switched = c.phase === "verifying" || c.phase === "switching" && c.weight === 100;
    toUp && switched && (plan = { kind: "complete", why: `${plan.why}; the old version ${c.from.version} is gone and ${c.to.version} is serving` });
  }
  d.reporter.notice(
    `found an unfinished ${c.command} of ${c.to.version} in the journal: ${plan.why}; ${plan.kind === "complete" ? "completing it" : "rolling it back"}`
  );
  let base = { outcome: "failed", version: c.to.version, previousVersion: c.from?.version, verify: [] }, result = await d.timeline.span("recover", async (f) => (f.found = `${c.command} ${c.to.version} at ${c.phase}`, f.action = plan.kind, plan.kind === "complete" ? (await d.router.route({ blue: 0, green: 0, [c.to.color]: 100 }, d.ports), engine.promote(c, base)) : engine.rollback(c, base, `recovered: ${plan.why}`)));
  return { found, action: result.outcome === "promoted" ? "completed" : result.outcome, why: plan.why, result };
}

// packages/deploy/src/runtimes/runtime.ts
import { join as join7 } from "node:path";
var sleep4 = (ms) => new Promise((r) => setTimeout(r, ms)), ProcessRuntime = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
  }
  host;
  stateDir;
  name = "process";
  pidFile(color) {
    return join7(this.stateDir, "run", `${color}.pid`);
  }
  logFile(color) {
    return join7(this.stateDir, "logs", `${color}.log`);
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
    return info.state !== "running" ? !1 : !info.command || info.command.includes(`${join7(this.stateDir, "releases")}/`);
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
      await sleep4(25);
    }
    await this.host.signal(pid, "SIGKILL");
    for (let i = 0; i < 200 && (await this.host.processInfo(pid)).state === "running"; i++) await sleep4(25);
    return { signal: "SIGKILL", ms: performance.now() - started };
  }
  async logTail(color, lines) {
    let size = await this.host.fileSize(this.logFile(color)) ?? 0, tail = await this.host.readFrom(this.logFile(color), Math.max(0, size - 8192), 8192);
    return tail ? lastLines(tail.text, lines) : "";
  }
};

// packages/deploy/src/runtimes/supervisor.ts
import { join as join8 } from "node:path";

// packages/deploy/src/runtimes/service-user.ts
import { dirname as dirname3 } from "node:path";

// packages/deploy/src/runtimes/supervisor-conf.ts
var PROGRAM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,70}$/, ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/, USER_NAME = /^[a-z_][a-z0-9_-]{0,31}\$?$/;
function unwritable(value) {
  if (/[\0\r\n]/.test(value)) return "it spans lines";
  if (/\s[;#]/.test(value)) return "supervisor reads ';' or '#' after a space as the start of a comment";
  if (value.includes("%(here)s")) return "supervisor replaces %(here)s even when escaped";
  if (value !== value.trim()) return "supervisor strips spaces at either end";
}
var escapePercent = (v) => v.replaceAll("%", "%%");
function checked(value, what) {
  let why = unwritable(value);
  if (why) throw new GantryError(`${what} ${JSON.stringify(value)} cannot be written to a supervisor program file: ${why}`);
  return escapePercent(value);
}
function unquotable(value) {
  return /["']/.test(value[0] ?? "") || /["']/.test(value[value.length - 1] ?? "") ? "supervisor strips quotes at either end of a value" : value.includes('"') && value.includes("'") ? `supervisor cannot quote a value holding both ' and "` : unwritable(`x${value}x`);
}
function supervisorEnvironment(env) {
  return Object.entries(env).map(([k, v]) => {
    if (!ENV_NAME.test(k)) throw new GantryError(`the environment variable name ${JSON.stringify(k)} is not valid for supervisor`);
    let why = unquotable(v);
    if (why) throw new GantryError(`the value of ${k} cannot be passed to supervisor: ${why}`);
    let q = v.includes('"') ? "'" : '"';
    return `${k}=${q}${escapePercent(v)}${q}`;
  }).join(",");
}
function shlexQuote(arg) {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}
function renderProgram(p) {
  if (!PROGRAM.test(p.name)) throw new GantryError(`${JSON.stringify(p.name)} is not a valid supervisor program name`);
  if (p.user && !USER_NAME.test(p.user)) throw new GantryError(`user ${JSON.stringify(p.user)} is not a valid user name`);
  return `${[
    "; Written by gantry deploy (runtime: supervisor); rewritten on every cutover.",
    `[program:${p.name}]`,
    `command=${checked(shlexQuote(p.binary), "the release binary")}`,
    `directory=${checked(p.directory, "the release folder")}`,
    ...p.user ? [`user=${p.user}`] : [],
    `environment=${supervisorEnvironment(p.env)}`,
    `autostart=${p.autostart}`,
    "autorestart=true",
    "startsecs=1",
    "stopsignal=TERM",
    `stopwaitsecs=${Math.max(1, Math.ceil(p.stopWaitSecs))}`,
    `stdout_logfile=${checked(p.stdoutLog, "the stdout log")}`,
    `stderr_logfile=${checked(p.stderrLog, "the stderr log")}`
  ].join(`
`)}
`;
}
function withAutostart(text, on) {
  return text.replace(/^autostart=(true|false)$/m, `autostart=${on}`);
}
var STATES = ["STOPPED", "STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED", "FATAL", "UNKNOWN"];
function parseStatus(name, output) {
  let line = output.split(`
`).find((l) => l.startsWith(`${name} `)) ?? "", state = /^\S+\s+([A-Z]+)\b/.exec(line)?.[1];
  if (!state || !STATES.includes(state)) return { state: "MISSING", pid: 0, line: output.trim() };
  let pid = Number(/\bpid (\d+)/.exec(line)?.[1] ?? 0);
  return { state, pid: state === "RUNNING" ? pid : 0, line: line.trim() };
}

// packages/deploy/src/runtimes/service-user.ts
function defaultUser(app) {
  return `gantry-${app.toLowerCase().replaceAll(".", "-")}`;
}
var run = (host, argv) => host.exec(argv, { allowFailure: !0, timeoutMs: 6e4 });
function fail(host, what, r) {
  throw new GantryError(`${what} failed on ${host.name}: ${lastLines(`${r.stdout}${r.stderr}`.trim(), 5) || `exit code ${r.code}`}`);
}
async function realFolder(host, path) {
  let r = await run(host, ["realpath", "-m", "--", path]), real = r.stdout.replace(/\n$/, "");
  return r.code === 0 && real.startsWith("/") && !real.includes(`
`) ? real : path;
}
var ServiceUser = class {
  constructor(host, app, given) {
    this.host = host;
    this.app = app;
    this.given = given;
  }
  host;
  app;
  given;
  /** The user name the release runs as. */
  get name() {
    let name = this.given || defaultUser(this.app);
    if (!USER_NAME.test(name)) throw new GantryError(`user: the default user ${name} (gantry-<app>) is not a valid user name; give the input user`);
    return name;
  }
  /** True for the dedicated user gantry creates (it has a group of its own). */
  get dedicated() {
    return !this.given;
  }
  /** Before anything changes: a given user exists (the dedicated one is created at the first start). */
  async checkExists() {
    if (!(!this.given || (await run(this.host, ["id", "-u", "--", this.given])).code === 0))
      throw new GantryError(`user: ${this.given} does not exist on ${this.host.name}; create it, or leave user empty for gantry's own ${defaultUser(this.app)}`);
  }
  /** The dedicated user, created as a system user with a group of its own when missing. */
  async ensure() {
    if (this.given || (await run(this.host, ["id", "-u", "--", this.name])).code === 0) return;
    let r = await run(this.host, [
      "useradd",
      "--system",
      "--user-group",
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      this.name
    ]);
    r.code !== 0 && fail(this.host, `useradd ${this.name}`, r);
  }
  /**
   * The state dir (0750, root's) gets the service user's group, so the service can reach its
   * release folder (0755) and nothing else of gantry's: run/ and logs/ stay root's alone.
   */
  async shareStateDir(stateDir) {
    let id = await run(this.host, ["id", "-gn", "--", this.name]);
    id.code !== 0 && fail(this.host, `id -gn ${this.name}`, id);
    let r = await run(this.host, ["chgrp", "--", id.stdout.trim(), stateDir]);
    r.code !== 0 && fail(this.host, `chgrp ${id.stdout.trim()} ${stateDir}`, r);
  }
  /**
   * Before anything changes: the user can enter every folder above the state dir that exists
   * (search permission), and the state dir itself once it has the user's group; otherwise the
   * release fails at its start (systemd's `status=200/CHDIR`). Read from the mode bits, as a user
   * without capabilities meets them: a missing folder is made 0755, root's own power is bounded
   * away by the unit (CapabilityBoundingSet=).
   */
  async checkReaches(stateDir) {
    let real = await realFolder(this.host, stateDir), folders = [];
    for (let d = real; folders.unshift(d), d !== dirname3(d); d = dirname3(d))
      ;
    let stat5 = await run(this.host, ["stat", "-c", "%a %u %g %n", "--", ...folders]), modes = /* @__PURE__ */ new Map();
    for (let line of stat5.stdout.split(`
`)) {
      let m = /^([0-7]+) (\d+) (\d+) (.+)$/.exec(line);
      m && modes.set(m[4], { mode: Number.parseInt(m[1], 8), uid: Number(m[2]), gid: Number(m[3]) });
    }
    let ids = await this.ids();
    for (let folder of folders) {
      let s = modes.get(folder);
      if (!s) continue;
      let own = folder === real;
      if (!((s.mode & 1) !== 0 || s.uid === ids.uid && (s.mode & 64) !== 0 || (own || ids.gids.includes(s.gid)) && (s.mode & 8) !== 0))
        throw new GantryError(
          `state-dir: the service's user ${this.name} cannot enter ${folder} on ${this.host.name} (mode ${s.mode.toString(8).padStart(4, "0")}, owner ${s.uid}:${s.gid}), so the release could not reach its folder under ${stateDir} (systemd would fail it with status=200/CHDIR); give that folder search permission (chmod o+x ${folder}) or choose a state-dir the user can reach`
        );
    }
  }
  /** The user's uid and groups; a dedicated user not created yet owns nothing and is in no group that exists. */
  async ids() {
    let uid = await run(this.host, ["id", "-u", "--", this.name]);
    if (uid.code !== 0) return { uid: -1, gids: [] };
    let gids = await run(this.host, ["id", "-G", "--", this.name]);
    return { uid: Number(uid.stdout.trim()), gids: gids.stdout.trim().split(/\s+/).map(Number) };
  }
};

// packages/deploy/src/runtimes/supervisor.ts
var sleep5 = (ms) => new Promise((r) => setTimeout(r, ms)), COMING_UP = ["STARTING", "BACKOFF"], START_LIMIT_MS = 3e4, SupervisorRuntime = class {
  constructor(host, stateDir, app, o) {
    this.host = host;
    this.stateDir = stateDir;
    this.app = app;
    this.o = o;
    this.user = new ServiceUser(host, app, o.user);
  }
  host;
  stateDir;
  app;
  o;
  name = "supervisor";
  user;
  program(color) {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}`;
  }
  confFile(color) {
    return join8(this.o.confDir, `${this.program(color)}.conf`);
  }
  logFile(color, stream) {
    return join8(this.stateDir, "logs", `${color}.${stream}.log`);
  }
  ctl(args, timeoutMs = 6e4) {
    return this.host.exec(["supervisorctl", "-c", this.o.config, ...args], { allowFailure: !0, timeoutMs });
  }
  fail(what, r) {
    let said = lastLines(`${r.stdout}${r.stderr}`.trim(), 5) || `exit code ${r.code}`;
    throw new GantryError(`supervisorctl ${what} failed on ${this.host.name}: ${said}`);
  }
  /**
   * Before anything changes: supervisord answers on the config's socket, the include folder
   * exists, a given user exists and the service's user can enter the state dir (root needs not).
   */
  async preflight() {
    let r = await this.ctl(["pid"], 2e4);
    if (r.code !== 0 || !/^\d+$/.test(r.stdout.trim()))
      throw new GantryError(
        `supervisor-config: supervisorctl -c ${this.o.config} cannot reach supervisord on ${this.host.name}: ${lastLines(`${r.stdout}${r.stderr}`.trim(), 3) || `exit code ${r.code}`}; is supervisord running with this config?`
      );
    if (!await this.host.exists(this.o.confDir))
      throw new GantryError(`supervisor-conf-dir: ${this.o.confDir} does not exist on ${this.host.name}; give the folder supervisord's [include] files reads`);
    await this.user.checkExists(), this.user.name !== "root" && await this.user.checkReaches(this.stateDir);
  }
  async status(color) {
    let r = await this.ctl(["status", this.program(color)]);
    return parseStatus(this.program(color), r.stdout);
  }
  /** `reread`, then `update` of this program only (other programs' pending changes are not ours to apply). */
  async apply(color) {
    let reread = await this.ctl(["reread"]);
    (reread.code !== 0 || /ERROR/.test(reread.stdout)) && this.fail("reread", reread);
    let update = await this.ctl(["update", this.program(color)]);
    if (update.code !== 0 || /ERROR/.test(update.stdout)) {
      if (/no such group/.test(update.stdout))
        throw new GantryError(
          `supervisord on ${this.host.name} did not read ${this.confFile(color)}: its [include] files must cover supervisor-conf-dir ${this.o.confDir}`
        );
      this.fail(`update ${this.program(color)}`, update);
    }
  }
  async start(slot, release, env) {
    if (!release.binary)
      throw new GantryError(`release ${release.version} was staged for runtime: docker (it has no binary); deploy it again with runtime: supervisor`);
    let name = this.program(slot.color), leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`the program ${name} (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    await this.user.ensure(), this.user.name !== "root" && await this.user.shareStateDir(this.stateDir), await this.host.mkdirp(join8(this.stateDir, "logs"), 488);
    for (let stream of ["stdout", "stderr"]) {
      let log = this.logFile(slot.color, stream);
      await this.host.exists(log) && await this.host.rename(log, `${log}.1`), await this.host.writeFile(log, "", 416);
    }
    let text = renderProgram({
      name,
      binary: release.binary,
      directory: release.dir,
      env,
      autostart: !0,
      stopWaitSecs: this.o.stopWaitMs / 1e3,
      stdoutLog: this.logFile(slot.color, "stdout"),
      stderrLog: this.logFile(slot.color, "stderr"),
      user: this.user.name
    });
    await this.host.writeFile(this.confFile(slot.color), text, 384), await this.apply(slot.color);
    let r = await this.ctl(["start", name]);
    return (r.code !== 0 || /ERROR/.test(r.stdout) && !/already started/.test(r.stdout)) && this.fail(`start ${name}`, r), this.waitRunning(slot.color);
  }
  /** Waits while supervisord brings the program up; its pid once RUNNING. */
  async waitRunning(color) {
    let deadline = performance.now() + START_LIMIT_MS;
    for (; ; ) {
      let s = await this.status(color);
      if (s.state === "RUNNING" && s.pid > 1) return s.pid;
      if (!COMING_UP.includes(s.state) || performance.now() > deadline)
        throw new GantryError(`supervisord could not start ${this.program(color)} on ${this.host.name}: ${s.line}`);
      await sleep5(100);
    }
  }
  /**
   * The slot's own process still runs: a pid supervisord replaced is a crash it restarted, not the
   * process that passed the gate. Read from the process table, not supervisorctl (a Python start
   * per health check would slow the gate down).
   */
  async alive(slot) {
    return slot.pid !== void 0 ? (await this.host.processInfo(slot.pid)).state === "running" : (await this.status(slot.color)).state === "RUNNING";
  }
  async running(color) {
    let s = await this.status(color);
    return s.state === "RUNNING" && s.pid > 1 ? s.pid : void 0;
  }
  async runsRelease(pid, release) {
    let info = await this.host.processInfo(pid);
    return info.state === "running" && info.command === release.binary;
  }
  async stop(slot, _stopTimeoutMs) {
    let started = performance.now(), name = this.program(slot.color), before = await this.status(slot.color), signal = "none";
    if (before.state !== "MISSING" && !["STOPPED", "EXITED", "FATAL"].includes(before.state)) {
      let waitMs = Math.max(1e3, this.o.stopWaitMs), r = await this.ctl(["stop", name], waitMs + 3e4);
      (r.code !== 0 || /ERROR/.test(r.stdout) && !/not running/.test(r.stdout)) && this.fail(`stop ${name}`, r), signal = performance.now() - started >= waitMs ? "SIGKILL" : "SIGTERM";
    }
    return await this.autostartOff(slot.color), { signal, ms: signal === "none" ? 0 : performance.now() - started };
  }
  /** A stopped color stays stopped when supervisord starts again. */
  async autostartOff(color) {
    let text = await this.host.readFile(this.confFile(color));
    text === void 0 || !/^autostart=true$/m.test(text) || (await this.host.writeFile(this.confFile(color), withAutostart(text, !1), 384), await this.apply(color));
  }
  /** supervisord's view of the program, then the last lines of its stderr and stdout logs. */
  async logTail(color, lines) {
    let parts = [`supervisorctl status: ${(await this.status(color)).line}`];
    for (let stream of ["stderr", "stdout"]) {
      let file = this.logFile(color, stream), size = await this.host.fileSize(file) ?? 0, tail = size ? await this.host.readFrom(file, Math.max(0, size - 8192), 8192) : void 0;
      tail?.text.trim() && parts.push(`${stream} (${file}):
${lastLines(tail.text, lines)}`);
    }
    return parts.join(`
`);
  }
};

// packages/deploy/src/runtimes/systemd.ts
import { basename as basename3, join as join9 } from "node:path";

// packages/deploy/src/runtimes/systemd-unit.ts
var SECTIONS = ["Unit", "Service", "Install"], OWNED = ["ExecStart", "WorkingDirectory", "EnvironmentFile", "User", "Group", "Type", "WantedBy"], ACCEPTED_LINE = "accepted: lines `Directive=value` (into [Service]) or `[Unit]`, `[Service]`, `[Install]` to choose the section; a directive name is letters only, a value one line without control characters";
function unitUnfit(value) {
  if (/[\0-\x1f\x7f]/.test(value)) return "it holds a line break or a control character";
  if (value.endsWith("\\")) return "a trailing backslash continues the line in a unit file";
  if (value !== value.trim()) return "systemd strips spaces at either end";
}
function parseUnitLines(lines) {
  let out = [], section = "Service";
  for (let line of lines) {
    let header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      let name2 = header[1];
      if (!SECTIONS.includes(name2)) throw new InputError("systemd-unit", line, `unknown section; ${ACCEPTED_LINE}`);
      section = name2;
      continue;
    }
    let m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!m) throw new InputError("systemd-unit", line, ACCEPTED_LINE);
    let [, name = "", value = ""] = m;
    if (OWNED.includes(name)) throw new InputError("systemd-unit", line, `gantry sets ${name} itself; accepted: any other directive`);
    let why = unitUnfit(value.trim());
    if (why) throw new InputError("systemd-unit", line, `${why}; ${ACCEPTED_LINE}`);
    out.push({ section, name, value: value.trim() });
  }
  return out;
}
var literal = (v) => v.replaceAll("%", "%%");
function checkedPath(value, what) {
  let why = unitUnfit(value) ?? (/[\s"'\\]/.test(value) ? "it holds a space, a quote or a backslash" : void 0);
  if (why) throw new GantryError(`${what} ${JSON.stringify(value)} cannot be written to a systemd unit: ${why}`);
  return literal(value);
}
function defaults(u) {
  let caps = u.port < 1024 ? "CAP_NET_BIND_SERVICE" : "";
  return [
    ["Unit", "Description", literal(`${u.name} (gantry deploy)`)],
    ["Unit", "After", "network.target"],
    ["Unit", "StartLimitIntervalSec", "60"],
    ["Unit", "StartLimitBurst", "10"],
    ["Service", "Type", "simple"],
    ["Service", "ExecStart", checkedPath(u.binary, "the release binary")],
    ["Service", "WorkingDirectory", checkedPath(u.directory, "the release folder")],
    ["Service", "EnvironmentFile", checkedPath(u.envFile, "the environment file")],
    ["Service", "User", u.user],
    ...u.group ? [["Service", "Group", u.group]] : [],
    ["Service", "Restart", "always"],
    ["Service", "RestartSec", "1"],
    ["Service", "KillSignal", "SIGTERM"],
    ["Service", "TimeoutStopSec", `${Math.max(1, Math.ceil(u.stopTimeoutMs / 1e3))}s`],
    ["Service", "NoNewPrivileges", "yes"],
    ["Service", "ProtectSystem", "strict"],
    ["Service", "ReadWritePaths", checkedPath(u.stateDir, "the state dir")],
    ["Service", "ProtectHome", "yes"],
    ["Service", "PrivateTmp", "yes"],
    ["Service", "PrivateDevices", "yes"],
    ["Service", "PrivateMounts", "yes"],
    ["Service", "ProtectKernelTunables", "yes"],
    ["Service", "ProtectKernelModules", "yes"],
    ["Service", "ProtectKernelLogs", "yes"],
    ["Service", "ProtectControlGroups", "yes"],
    ["Service", "ProtectClock", "yes"],
    ["Service", "ProtectHostname", "yes"],
    // Other users' processes are hidden from /proc; the service's own stay (Go reads /proc/self).
    ["Service", "ProtectProc", "invisible"],
    ["Service", "RestrictNamespaces", "yes"],
    ["Service", "RestrictSUIDSGID", "yes"],
    ["Service", "RestrictRealtime", "yes"],
    ["Service", "LockPersonality", "yes"],
    // Go's runtime and Gin never map memory both writable and executable.
    ["Service", "MemoryDenyWriteExecute", "yes"],
    ["Service", "RemoveIPC", "yes"],
    ["Service", "SystemCallArchitectures", "native"],
    ["Service", "SystemCallFilter", "@system-service"],
    // A call outside the filter fails with EPERM (which Go reports as an error) instead of killing the service.
    ["Service", "SystemCallErrorNumber", "EPERM"],
    // An HTTP service needs IP sockets, and unix ones for the resolver (nscd, systemd-resolved) and syslog.
    ["Service", "RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"],
    ["Service", "UMask", "0027"],
    ["Service", "CapabilityBoundingSet", caps],
    ...caps ? [["Service", "AmbientCapabilities", caps]] : [],
    ["Service", "LimitNOFILE", "65536"],
    ["Install", "WantedBy", "multi-user.target"]
  ];
}
function renderUnit(u) {
  let lines = ["# Written by gantry deploy (runtime: systemd); rewritten on every cutover."], all = defaults(u);
  for (let section of SECTIONS) {
    lines.push(`[${section}]`);
    let mine = u.overrides.filter((o) => o.section === section);
    for (let [s, name, value] of all) {
      if (s !== section) continue;
      let o = mine.find((x) => x.name === name);
      lines.push(`${name}=${o ? literal(o.value) : value}`);
    }
    for (let o of mine) all.some(([s, n]) => s === section && n === o.name) || lines.push(`${o.name}=${literal(o.value)}`);
  }
  return `${lines.join(`
`)}
`;
}
function renderEnvironmentFile(env) {
  return Object.entries(env).map(([k, v]) => {
    if (/[\0\r\n]/.test(v)) throw new GantryError(`the value of ${k} cannot be passed to systemd: it spans lines`);
    return `${k}="${v.replace(/[\\"`$]/g, "\\$&")}"
`;
  }).join("");
}
function parseShow(text) {
  let out = {};
  for (let line of text.split(`
`)) {
    let eq = line.indexOf("=");
    eq > 0 && (out[line.slice(0, eq)] = line.slice(eq + 1));
  }
  return out;
}

// packages/deploy/src/runtimes/systemd.ts
var sleep6 = (ms) => new Promise((r) => setTimeout(r, ms)), START_LIMIT_MS2 = 3e4, SHOW = ["ActiveState", "SubState", "Result", "MainPID", "NRestarts", "UnitFileState"], PRIVATE_TMP = ["/tmp", "/var/tmp"], SystemdRuntime = class {
  constructor(host, stateDir, app, o) {
    this.host = host;
    this.stateDir = stateDir;
    this.app = app;
    this.o = o;
    this.user = new ServiceUser(host, app, o.user);
  }
  host;
  stateDir;
  app;
  o;
  name = "systemd";
  /** When this run started each color, for the journal lines of this release only. */
  startedAt = /* @__PURE__ */ new Map();
  user;
  unit(color) {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}.service`;
  }
  unitFile(color) {
    return join9(this.o.unitDir, this.unit(color));
  }
  envFile(color) {
    return join9(this.stateDir, "run", `${color}.env`);
  }
  run(argv, timeoutMs = 6e4) {
    return this.host.exec(argv, { allowFailure: !0, timeoutMs });
  }
  fail(what, r) {
    let said = lastLines(`${r.stdout}${r.stderr}`.trim(), 5) || `exit code ${r.code}`;
    throw new GantryError(`${what} failed on ${this.host.name}: ${said}`);
  }
  async systemctl(...args) {
    let r = await this.run(["systemctl", ...args], 12e4);
    r.code !== 0 && this.fail(`systemctl ${args.join(" ")}`, r);
  }
  /**
   * Before anything changes: systemd runs the host, a given user exists, the service can see and
   * enter the state dir, and the unit with these overrides passes `systemd-analyze verify`.
   */
  async preflight() {
    let state = (await this.run(["systemctl", "is-system-running"], 2e4)).stdout.trim();
    if (!["running", "degraded", "starting"].includes(state))
      throw new GantryError(
        `runtime: systemd needs systemd as the init system on ${this.host.name}; systemctl is-system-running said ${JSON.stringify(state || "nothing")}`
      );
    await this.user.checkExists(), await this.checkVisible(), await this.user.checkReaches(this.stateDir);
    let tmp = (await this.run(["mktemp", "-d"])).stdout.trim();
    if (!tmp.startsWith("/")) throw new GantryError(`mktemp -d failed on ${this.host.name}`);
    try {
      await this.verify(join9(tmp, this.unit("blue")), this.render("blue", { dir: "/", binary: "/bin/true" }, 8081), "systemd-unit");
    } finally {
      await this.host.remove(tmp);
    }
  }
  /** A state dir under /tmp or /var/tmp is hidden by PrivateTmp= (the unit fails with status=226/NAMESPACE), unless the systemd-unit input turns it off. */
  async checkVisible() {
    let privateTmp = this.o.overrides.findLast((o) => o.section === "Service" && o.name === "PrivateTmp")?.value ?? "yes";
    if (!/^(1|yes|true|on)$/i.test(privateTmp)) return;
    let real = await realFolder(this.host, this.stateDir), under = PRIVATE_TMP.find((t) => real === t || real.startsWith(`${t}/`));
    if (under)
      throw new GantryError(
        `state-dir: ${this.stateDir}${real === this.stateDir ? "" : ` (${real})`} is under ${under} on ${this.host.name}, which the unit's PrivateTmp=yes hides from the service (systemd would fail it with status=226/NAMESPACE); choose a state-dir outside ${PRIVATE_TMP.join(" and ")}, e.g. /var/lib/gantry/{app}`
      );
  }
  render(color, release, port) {
    return renderUnit({
      name: this.unit(color).replace(/\.service$/, ""),
      binary: release.binary,
      directory: release.dir,
      envFile: this.envFile(color),
      stateDir: this.stateDir,
      user: this.user.name,
      group: this.user.dedicated ? this.user.name : void 0,
      port,
      stopTimeoutMs: this.o.stopTimeoutMs,
      overrides: this.o.overrides
    });
  }
  /** Writes the text to `file` and runs `systemd-analyze verify` on it: any line it complains about of this file is an error. */
  async verify(file, text, blame) {
    await this.host.writeFile(file, text, 420);
    let r = await this.run(["systemd-analyze", "verify", file]), said = `${r.stdout}${r.stderr}`.split(`
`).filter((l) => l.includes(`${file}:`) || r.code !== 0 && l.trim());
    if (r.code !== 0 || said.length)
      throw new GantryError(`${blame}: systemd-analyze verify refused the unit ${basename3(file)} on ${this.host.name}: ${lastLines(said.join(`
`), 5)}`);
  }
  async status(color) {
    let r = await this.run(["systemctl", "show", ...SHOW.flatMap((p) => ["-p", p]), "--", this.unit(color)]);
    return parseShow(r.stdout);
  }
  async start(slot, release, env) {
    if (!release.binary)
      throw new GantryError(`release ${release.version} was staged for runtime: docker (it has no binary); deploy it again with runtime: systemd`);
    let leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`the unit ${this.unit(slot.color)} (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    await this.user.ensure(), await this.user.shareStateDir(this.stateDir), await this.host.mkdirp(join9(this.stateDir, "run"), 488), await this.host.writeFile(this.envFile(slot.color), renderEnvironmentFile(env), 384);
    let text = this.render(slot.color, release, slot.port);
    return await this.verify(join9(this.stateDir, "run", this.unit(slot.color)), text, `the unit of ${release.version}`), await this.host.writeFile(this.unitFile(slot.color), text, 420), await this.systemctl("daemon-reload"), await this.systemctl("enable", "--quiet", "--", this.unit(slot.color)), await this.run(["systemctl", "reset-failed", "--", this.unit(slot.color)]), this.startedAt.set(slot.color, Date.now()), await this.systemctl("start", "--", this.unit(slot.color)), this.waitRunning(slot.color);
  }
  /** Waits until systemd runs the unit's main process; its pid. */
  async waitRunning(color) {
    let deadline = performance.now() + START_LIMIT_MS2;
    for (; ; ) {
      let s = await this.status(color), pid = Number(s.MainPID);
      if (s.ActiveState === "active" && s.SubState === "running" && pid > 1) return pid;
      if (s.ActiveState === "failed" || performance.now() > deadline)
        throw new GantryError(`systemd could not start ${this.unit(color)} on ${this.host.name}: ${s.ActiveState}/${s.SubState} (${s.Result})`);
      await sleep6(100);
    }
  }
  /** The slot's own process still runs (a pid systemd replaced is a crash it restarted); read from the process table. */
  async alive(slot) {
    return slot.pid !== void 0 ? (await this.host.processInfo(slot.pid)).state === "running" : await this.running(slot.color) !== void 0;
  }
  async running(color) {
    let s = await this.status(color), pid = Number(s.MainPID);
    return s.ActiveState === "active" && pid > 1 ? pid : void 0;
  }
  async runsRelease(pid, release) {
    let info = await this.host.processInfo(pid);
    return info.state === "running" && info.command === release.binary;
  }
  /** `systemctl stop` (SIGTERM, SIGKILL after TimeoutStopSec), then `disable`: a stopped color stays stopped after a reboot. */
  async stop(slot, _stopTimeoutMs) {
    let started = performance.now(), unit = this.unit(slot.color), before = await this.status(slot.color), signal = "none";
    return ["active", "activating", "reloading"].includes(before.ActiveState ?? "") && (await this.systemctl("stop", "--", unit), signal = (await this.status(slot.color)).Result === "timeout" ? "SIGKILL" : "SIGTERM"), before.UnitFileState === "enabled" && await this.systemctl("disable", "--quiet", "--", unit), { signal, ms: signal === "none" ? 0 : performance.now() - started };
  }
  /** systemd's view of the unit, then its last journal lines (`journalctl -u`), of this run's start when there was one. */
  async logTail(color, lines) {
    let s = await this.status(color), since = this.startedAt.get(color), argv = ["journalctl", "-u", this.unit(color), "-n", String(Math.max(lines, 50)), "--no-pager", "-o", "short-iso"];
    since && argv.push("--since", `@${Math.floor(since / 1e3)}`);
    let r = await this.run(argv), journal = r.code === 0 ? r.stdout.trim() : `journalctl failed: ${lastLines(r.stderr.trim(), 2)}`;
    return `systemctl: ${this.unit(color)} ${s.ActiveState}/${s.SubState} (result ${s.Result}, ${s.NRestarts} restarts)
${journal}`;
  }
};

// packages/deploy/src/engine/audit.ts
import { join as join10 } from "node:path";
var AUDIT_FILE = "audit.log";
function auditWho(env) {
  if (env.GITHUB_ACTOR) {
    let where = env.GITHUB_REPOSITORY ? ` (${env.GITHUB_REPOSITORY}${env.GITHUB_RUN_ID ? ` run ${env.GITHUB_RUN_ID}` : ""})` : "";
    return `${env.GITHUB_ACTOR}${where}`;
  }
  return env.USER || env.LOGNAME || "unknown";
}
var APPEND = 'umask 027; mkdir -p -- "$(dirname -- "$1")" && cat >> "$1"';
async function appendAudit(host, stateDir, entry, warn) {
  let line = `${JSON.stringify({ ...entry, reason: entry.reason?.split(`
`)[0] })}
`, path = join10(stateDir, AUDIT_FILE);
  try {
    await host.exec(["sh", "-c", APPEND, "sh", path], { input: line, timeoutMs: 3e4 });
  } catch (err) {
    warn(`could not append to the audit log ${path} on ${host.name}: ${messageOf(err)}`);
  }
}
function parseAudit(text) {
  return text.split(`
`).filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

// packages/deploy/src/engine/timeline.ts
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
function makeRuntime(inputs, host, stateDir, app) {
  return inputs.runtime === "docker" ? new DockerRuntime(host, stateDir, app, inputs.dockerHost, inputs.stopTimeoutMs) : inputs.runtime === "supervisor" ? new SupervisorRuntime(host, stateDir, app, { ...inputs.supervisor, stopWaitMs: inputs.drainTimeoutMs }) : inputs.runtime === "systemd" ? new SystemdRuntime(host, stateDir, app, {
    user: inputs.supervisor.user,
    stopTimeoutMs: inputs.drainTimeoutMs,
    overrides: inputs.systemd.overrides,
    unitDir: SYSTEMD_UNIT_DIR
  }) : new ProcessRuntime(host, stateDir);
}
var SYSTEMD_UNIT_DIR = "/etc/systemd/system";
function stateDirFor(inputs, app) {
  return inputs.stateDir.split("{app}").join(checkName(app, APP_NAME, "app", ACCEPTED_APP));
}
function engineDeps(inputs, o, lock, parts) {
  return {
    ...parts,
    ownsLock: () => lock.verify(),
    host: o.host,
    reporter: o.reporter,
    ports: inputs.ports,
    gate: inputs.health,
    verify: { windowMs: inputs.verifyWindowMs, maxErrorRate: inputs.maxErrorRate, maxP95Ms: inputs.maxP95Ms },
    analysis: startAnalysis(inputs.analysis, o.reporter),
    drainTimeoutMs: inputs.drainTimeoutMs,
    stopTimeoutMs: inputs.stopTimeoutMs,
    stepPauseMs: inputs.stepPauseMs,
    pauseAt: o.pauseAt,
    // A lost lock also ends the health gate's and the verify windows' waits.
    signal: o.signal ? AbortSignal.any([o.signal, lock.signal]) : lock.signal,
    beforePromote: o.beforePromote
  };
}
async function audit(o, stateDir, runId2, e) {
  if (!o.who) return;
  let me = o.host.deployer(), entry = { at: (/* @__PURE__ */ new Date()).toISOString(), who: o.who, runner: `${me.machine} pid ${me.pid}`, ...e, run: runId2 };
  await appendAudit(o.host, stateDir, entry, (m) => o.reporter.warning(m));
}
function auditRecovery(o, stateDir, runId2, recovery) {
  return audit(o, stateDir, runId2, {
    command: "recover",
    version: recovery.found.to.version,
    from: recovery.found.from?.version,
    outcome: recovery.action,
    reason: recovery.why
  });
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
  let docker = inputs.runtime === "docker", artifact = inputs.command === "deploy" && !docker ? await resolveArtifact(inputs.artifact, inputs.manifest, await o.host.platform()) : void 0, app = inputs.app || artifact?.project;
  if (!app) throw new InputError("app", "", "it is required when the artifact does not come from a manifest; accepted: the service's name, e.g. hello");
  let stateDir = stateDirFor(inputs, app), router = makeRouter(inputs.router, o.host, app, (m) => o.reporter.notice(m));
  await router.preflight();
  let runtime = makeRuntime(inputs, o.host, stateDir, app);
  await runtime.preflight?.();
  let image = inputs.command === "deploy" && docker ? await resolveImage(o.host, inputs.dockerHost, inputs.artifact, inputs.imageArchive) : void 0, version = inputs.version || artifact?.version || artifact?.sha256.slice(0, 12) || imageVersion(image) || "", journal = new Journal(o.host, stateDir), doc = await journal.read(app);
  if (doc.app !== app) throw new GantryError(`${journal.path} belongs to app ${doc.app}, not ${app}; give each app its own state-dir`);
  await checkIdlePort(o.host, runtime, doc, inputs);
  let idle = doc.active ? otherColor(doc.active.color) : "blue";
  return await checkQueries(inputs.analysis, { version, previous_version: doc.active?.version ?? "", color: idle, app, host: o.host.name }, o.reporter), { artifact, image, app, version, stateDir, router, runtime, journal };
}
async function loadedImage(o, inputs, image) {
  return image.load ? (o.reporter.info(`the docker daemon on ${o.host.name} lacks ${image.ref} as image-archive holds it: streaming ${image.load.path} into docker load there`), { ref: image.ref, id: await loadImage(o.host, inputs.dockerHost, { ...image, load: image.load }) }) : image;
}
function imageVersion(image) {
  return image ? /:([\w][\w.-]{0,127})$/.exec(image.ref.split("@")[0]?.split("/").pop() ?? "")?.[1] ?? image.id.slice(7, 19) : "";
}
async function runDeploy(inputs, o) {
  if (inputs.command === "status") throw new GantryError("internal: runDeploy does not run status");
  let command = inputs.command, { artifact, image, app, version, stateDir, router, runtime, journal } = await prepare(inputs, o), timeline = new Timeline(), runId2 = runId();
  await o.host.mkdirp(dirname4(stateDir), 493), await o.host.mkdirp(stateDir, 488);
  let lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId: runId2, reporter: o.reporter })), o.onLocked?.(runId2, stateDir);
  try {
    let doc = await journal.read(app), deps = engineDeps(inputs, o, lock, { runtime, router, journal, timeline, runId: runId2 }), engine = new CutoverEngine(deps, doc), recovery = await recoverCutover(deps, doc, engine);
    await checkIdlePort(o.host, runtime, doc, inputs);
    let plan = command === "deploy" ? {
      command,
      version,
      strategy: inputs.strategy,
      steps: inputs.steps,
      stage: async () => {
        let running = [doc.active?.version, doc.previous?.version].filter((v) => !!v), { release, reused } = image ? await stageImageRelease(o.host, stateDir, version, await loadedImage(o, inputs, image), inputs.env, running, runId2) : await stageRelease(o.host, stateDir, version, artifact, inputs.env, running, runId2);
        return reused && o.reporter.info(`release ${version} is already in ${release.dir} (same sha256); reusing it`), { release, env: inputs.env };
      }
    } : await rollbackPlan(o.host, stateDir, doc, inputs);
    recovery && await auditRecovery(o, stateDir, runId2, recovery);
    let result;
    try {
      result = await engine.run(plan);
    } catch (err) {
      throw err instanceof LockLostError || await audit(o, stateDir, runId2, { command, version: plan.version, from: doc.active?.version, outcome: "failed", reason: messageOf(err) }), err;
    }
    await audit(o, stateDir, runId2, {
      command,
      version: plan.version,
      from: result.previousVersion,
      outcome: result.outcome,
      reason: result.reason
    });
    let protect = [doc.active?.version, doc.previous?.version, version].filter((v) => !!v), pruned = await pruneReleases(o.host, stateDir, inputs.keepReleases, protect);
    return { app, command, stateDir, result, recovery, timeline, runId: runId2, pruned };
  } finally {
    await lock.release();
  }
}
async function recoverOnly(inputs, stateDir, o, ro = {}) {
  let journal = new Journal(o.host, stateDir), first = await journal.read("");
  if (!first.cutover) return;
  let app = first.app, router = makeRouter(inputs.router, o.host, app, (m) => o.reporter.notice(m));
  await router.preflight();
  let timeline = new Timeline(), runId2 = runId(), lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId: runId2, reporter: o.reporter }));
  try {
    let doc = await journal.read(app), deps = engineDeps(inputs, o, lock, { runtime: makeRuntime(inputs, o.host, stateDir, app), router, journal, timeline, runId: runId2 }), recovery = await recoverCutover(deps, doc, new CutoverEngine(deps, doc), ro);
    return recovery ? (await auditRecovery(o, stateDir, runId2, recovery), { app, command: recovery.found.command, stateDir, result: recovery.result, recovery, timeline, runId: runId2, pruned: [] }) : void 0;
  } finally {
    await lock.release();
  }
}
async function rollbackPlan(host, stateDir, doc, inputs) {
  let target = doc.previous;
  if (!target) throw new GantryError(`there is no previous release of ${doc.app} in ${join11(stateDir, "journal.json")} to roll back to`);
  let release = await findRelease(host, stateDir, target.version);
  if (!release) throw new GantryError(`the previous release ${target.version} is no longer in ${join11(stateDir, "releases")} (pruned past keep-releases?)`);
  return {
    command: "rollback",
    version: target.version,
    strategy: inputs.strategy,
    steps: inputs.steps,
    stage: async () => ({ release, env: await releaseEnv(host, release) })
  };
}

// packages/deploy/src/inputs.ts
import { isAbsolute as isAbsolute2, resolve as resolve2 } from "node:path";

// packages/deploy/src/runtimes/inputs.ts
var PROCESS_ROLES = { serverPaths: [], secrets: [] }, DOCKER_ROLES = { serverPaths: [], runnerPaths: ["image-archive"], secrets: [] }, SUPERVISOR_ROLES = { serverPaths: ["supervisor-conf-dir", "supervisor-config"], secrets: [] }, SYSTEMD_ROLES = { serverPaths: [], secrets: [] }, RUNTIME_ROLES = {
  process: PROCESS_ROLES,
  docker: DOCKER_ROLES,
  supervisor: SUPERVISOR_ROLES,
  systemd: SYSTEMD_ROLES
};

// packages/deploy/src/hosts/ssh/inputs.ts
import { isAbsolute, resolve } from "node:path";

// packages/deploy/src/hosts/ssh/hosts.ts
var ACCEPTED = "accepted: user@host or user@host:port, one per line or comma-separated, e.g. deploy@web-1.example.com or deploy@10.0.0.5:2222", USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;
function isHostname(h) {
  return h.length <= 253 && h.split(".").every((l) => LABEL.test(l)) && !/^[\d.]+$/.test(h);
}
function hostLabel(user, host, port) {
  let h = host.includes(":") ? `[${host}]` : host;
  return `${user}@${h}${port === 22 ? "" : `:${port}`}`;
}
function parseHost(entry, input = "hosts") {
  let fail2 = (why) => {
    throw new InputError(input, entry, `${why}; ${ACCEPTED}`);
  }, at = entry.lastIndexOf("@");
  at < 0 && fail2("the user is missing (gantry never guesses it from the runner's account)");
  let user = entry.slice(0, at), rest = entry.slice(at + 1);
  USER.test(user) || fail2(`${JSON.stringify(user)} is not a user name (letters, digits, _ . -, starting with a letter or _)`);
  let port = 22, host;
  if (rest.startsWith("[")) {
    let close = rest.indexOf("]");
    close < 0 && fail2("the [ of an IPv6 address is not closed"), host = rest.slice(1, close), rest = rest.slice(close + 1), (!IPV6.test(host) || !host.includes(":")) && fail2(`${JSON.stringify(host)} is not an IPv6 address`), rest !== "" && !rest.startsWith(":") && fail2("only :port may follow an IPv6 address in brackets"), rest && (port = parsePort(rest.slice(1), fail2));
  } else {
    let colon = rest.indexOf(":");
    colon >= 0 && (rest.indexOf(":", colon + 1) >= 0 && fail2("an IPv6 address must be written in brackets, e.g. deploy@[2001:db8::5]:22"), port = parsePort(rest.slice(colon + 1), fail2), rest = rest.slice(0, colon)), host = rest, !IPV4.test(host) && !isHostname(host) && fail2(`${JSON.stringify(host)} is not a hostname or an IPv4 address`);
  }
  return { user, host, port, label: hostLabel(user, host, port) };
}
function parsePort(text, fail2) {
  return (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) && fail2(`port ${JSON.stringify(text)} is not a number from 1 to 65535`), Number(text);
}
function parseHosts(text, input = "hosts") {
  let entries = text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean), hosts = [];
  for (let e of entries) {
    let h = parseHost(e, input);
    if (hosts.find((o) => o.user === h.user && o.host.toLowerCase() === h.host.toLowerCase() && o.port === h.port)) throw new InputError(input, text, `${h.label} is listed twice; ${ACCEPTED}`);
    hosts.push(h);
  }
  return hosts;
}

// packages/deploy/src/hosts/ssh/keys.ts
import { writeFile } from "node:fs/promises";
import { join as join12 } from "node:path";
var KEY_SHOWN_AS = "(the key, not shown)", BEGIN = /^-----BEGIN ((?:OPENSSH|RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----$/, PUBLIC_TYPES = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;
function normalizeKey(text) {
  return `${text.replace(/\r\n?/g, `
`).trim()}
`;
}
function wireStrings(buf, from, count) {
  let out = [], at = from;
  for (let i = 0; i < count; i++) {
    if (at + 4 > buf.length) return;
    let len = buf.readUInt32BE(at);
    if (at + 4 + len > buf.length) return;
    out.push(buf.subarray(at + 4, at + 4 + len).toString("latin1")), at += 4 + len;
  }
  return out;
}
function checkPrivateKey(raw, input = "ssh-key") {
  let text = normalizeKey(raw), fail2 = (why) => {
    throw new InputError(input, KEY_SHOWN_AS, why);
  }, lines = text.trimEnd().split(`
`), first = lines[0] ?? "";
  PUBLIC_TYPES.test(first.split(/\s+/)[0] ?? "") && fail2("this is a public key (the .pub file); give the private key, the file that starts with -----BEGIN OPENSSH PRIVATE KEY-----"), first.startsWith("PuTTY-User-Key-File") && fail2("this is a PuTTY key; convert it with `puttygen key.ppk -O private-openssh -o id_ed25519` and give that file");
  let begin = BEGIN.exec(first);
  begin || fail2("accepted: a private key in OpenSSH or PEM format, starting with -----BEGIN OPENSSH PRIVATE KEY----- (the whole file, with its BEGIN and END lines)");
  let kind = begin[1] ?? "", end = `-----END ${kind}PRIVATE KEY-----`;
  lines[lines.length - 1] !== end && fail2(`the key is cut short: its last line must be ${end} (was the secret pasted whole?)`), (kind === "ENCRYPTED " || text.includes("Proc-Type: 4,ENCRYPTED")) && fail2("the key is protected by a passphrase, which nobody can type on a runner; use a deploy key without one (ssh-keygen -t ed25519 -N '')");
  let b64 = lines.slice(1, -1).filter((l) => !l.includes(":")).join("");
  if ((!/^[A-Za-z0-9+/]+=*$/.test(b64) || b64.length % 4 !== 0) && fail2("the lines between BEGIN and END are not base64 (was the key changed when it was pasted?)"), kind === "OPENSSH ") {
    let blob = Buffer.from(b64, "base64"), magic = "openssh-key-v1\0";
    blob.subarray(0, magic.length).toString("latin1") !== magic && fail2("the OpenSSH key block does not start with openssh-key-v1");
    let [cipher] = wireStrings(blob, magic.length, 1) ?? [];
    cipher === void 0 && fail2("the OpenSSH key block is truncated"), cipher !== "none" && fail2(
      `the key is protected by a passphrase (cipher ${cipher}), which nobody can type on a runner; use a deploy key without one (ssh-keygen -t ed25519 -N '')`
    );
  }
  return text;
}
function checkKnownHosts(text, input = "known-hosts") {
  let found = [], lines = text.replace(/\r\n?/g, `
`).split(`
`);
  for (let [i, raw] of lines.entries()) {
    let line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    let fields = line.split(/\s+/);
    if (fields[0]?.startsWith("@")) {
      if (fields[0] !== "@cert-authority" && fields[0] !== "@revoked")
        throw new InputError(input, line, `line ${i + 1}: unknown marker ${fields[0]}; accepted: @cert-authority or @revoked`);
      fields.shift();
    }
    let [patterns, keyType, key] = fields, accepted = "accepted: known_hosts lines such as `web-1.example.com ssh-ed25519 AAAAC3Nza…` (the output of ssh-keyscan)";
    if (!patterns || !keyType || !key) throw new InputError(input, line, `line ${i + 1} has fewer than three fields; ${accepted}`);
    if (!PUBLIC_TYPES.test(keyType)) throw new InputError(input, line, `line ${i + 1}: ${keyType} is not an SSH key type; ${accepted}`);
    let blob = Buffer.from(key, "base64"), [type] = /^[A-Za-z0-9+/]+=*$/.test(key) ? wireStrings(blob, 0, 1) ?? [] : [];
    if (type !== keyType) throw new InputError(input, line, `line ${i + 1}: the key is not a base64 ${keyType} key; ${accepted}`);
    found.push({ patterns, keyType, key });
  }
  if (found.length === 0)
    throw new InputError(input, text.slice(0, 80), "it holds no host key; accepted: known_hosts lines, e.g. the output of `ssh-keyscan -t ed25519 web-1`");
  return found;
}
async function writePrivateFile(dir, name, text) {
  let path = join12(dir, name);
  return await writeFile(path, text, { mode: 384, flag: "wx" }), path;
}
async function verifyKeyFile(path, input = "ssh-key") {
  try {
    return (await exec("ssh-keygen", ["-y", "-P", "", "-f", path], { timeoutMs: 1e4 })).stdout.trim();
  } catch (err) {
    if (err instanceof ExecError) {
      let why = lastLines(err.result.stderr, 2).replace(path, "the key") || `exit ${err.code}`;
      throw new InputError(input, KEY_SHOWN_AS, `ssh-keygen cannot read it: ${why}`);
    }
    throw new GantryError(`ssh-keygen is needed to check ssh-key and was not found: ${err.message}`);
  }
}

// packages/deploy/src/hosts/ssh/options.ts
var INT = (min, max) => (v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, YES_NO = (v) => /^(yes|no)$/i.test(v), ALGORITHMS = (v) => /^[+\-^]?[A-Za-z0-9@._-]+(,[A-Za-z0-9@._-]+)*$/.test(v), ALLOWED = {
  connecttimeout: ["ConnectTimeout", INT(1, 600), "seconds from 1 to 600"],
  connectionattempts: ["ConnectionAttempts", INT(1, 10), "a number from 1 to 10"],
  serveraliveinterval: ["ServerAliveInterval", INT(0, 3600), "seconds from 0 to 3600"],
  serveralivecountmax: ["ServerAliveCountMax", INT(1, 100), "a number from 1 to 100"],
  tcpkeepalive: ["TCPKeepAlive", YES_NO, "yes or no"],
  compression: ["Compression", YES_NO, "yes or no"],
  addressfamily: ["AddressFamily", (v) => /^(any|inet|inet6)$/.test(v), "any, inet or inet6"],
  ipqos: ["IPQoS", (v) => /^[a-z0-9]+( [a-z0-9]+)?$/.test(v), "one or two of af11…af43, cs0…cs7, ef, le, lowdelay, throughput, reliability, none"],
  rekeylimit: ["RekeyLimit", (v) => /^(default|\d+[KMG]?)( (none|\d+[smhdw]?))?$/.test(v), "a size and an optional time, e.g. 1G 1h"],
  ciphers: ["Ciphers", ALGORITHMS, "a comma-separated list of algorithms"],
  macs: ["MACs", ALGORITHMS, "a comma-separated list of algorithms"],
  kexalgorithms: ["KexAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
  hostkeyalgorithms: ["HostKeyAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
  pubkeyacceptedalgorithms: ["PubkeyAcceptedAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"]
}, REFUSED = {
  stricthostkeychecking: "host keys are always checked against known-hosts (ssh-insecure-skip-host-key-check exists for throwaway test hosts)",
  userknownhostsfile: "give the host keys in known-hosts",
  globalknownhostsfile: "give the host keys in known-hosts",
  checkhostip: "host keys are checked against known-hosts",
  identityfile: "give the key in ssh-key",
  identitiesonly: "gantry sets it when ssh-key is given",
  identityagent: "give the key in ssh-key, or run an agent and leave ssh-key empty",
  batchmode: "gantry never prompts: it is always on",
  controlmaster: "gantry keeps one connection per host itself",
  controlpath: "gantry keeps one connection per host itself",
  controlpersist: "gantry keeps one connection per host itself",
  proxycommand: "it runs a local command",
  proxyjump: "jump hosts are not supported yet (their host keys would be checked by a second ssh this run does not configure)",
  localcommand: "it runs a local command",
  permitlocalcommand: "it runs a local command",
  knownhostscommand: "it runs a local command",
  remotecommand: "gantry sends its own commands",
  user: "give the user in hosts (user@host)",
  port: "give the port in hosts (user@host:port)",
  hostname: "give the address in hosts"
}, ACCEPTED2 = `accepted: one Option=value per line, among ${Object.values(ALLOWED).map(([n]) => n).join(", ")}`;
function parseSshOptions(lines, input = "ssh-options") {
  let out = [];
  for (let line of lines) {
    let m = /^([A-Za-z]+)\s*(?:=\s*|\s+)(.+)$/.exec(line.trim());
    if (!m) throw new InputError(input, line, ACCEPTED2);
    let [, name, rawValue] = m, value = rawValue.trim(), key = name.toLowerCase(), refused = REFUSED[key];
    if (refused) throw new InputError(input, line, `${name} cannot be set here: ${refused}`);
    let allowed = ALLOWED[key];
    if (!allowed) throw new InputError(input, line, `${name} is not on gantry's list of options; ${ACCEPTED2}`);
    let [canonical, check, what] = allowed;
    if (!check(value)) throw new InputError(input, line, `${canonical} takes ${what}`);
    if (out.some((o) => o.startsWith(`${canonical}=`))) throw new InputError(input, line, `${canonical} is given twice`);
    out.push(`${canonical}=${value}`);
  }
  return out;
}
function optionValue(options, name) {
  return options.find((x) => x.startsWith(`${name}=`))?.slice(name.length + 1);
}

// packages/deploy/src/hosts/ssh/inputs.ts
var REMOTE_INPUTS = {
  hosts: "",
  "ssh-key": "",
  "known-hosts": "",
  "ssh-insecure-skip-host-key-check": "false",
  "ssh-options": "",
  rollout: "serial",
  "max-parallel": "2",
  "canary-hosts": "0"
}, REMOTE_ROLES = { serverPaths: [], runnerPaths: ["known-hosts"], secrets: [{ input: "ssh-key", at: ["sshKey"] }] };
function serverPathProblem(value) {
  if (!value.startsWith("/")) return "must be absolute";
  if (value.split("/").includes("..")) return "must not hold a .. segment";
  if (/[\x00-\x1f\x7f]/.test(value)) return "must not hold control characters";
}
function parseRemoteInputs(read2, cwd, serverPaths) {
  let hosts = parseHosts(read2.string("hosts")), rawKey = read2.string("ssh-key"), rawKnown = read2.string("known-hosts"), insecure = read2.bool("ssh-insecure-skip-host-key-check"), sshOptions = parseSshOptions(read2.lines("ssh-options")), rollout = read2.choice("rollout", ["serial", "parallel"]), maxParallel = read2.int("max-parallel", 1, 100), canaryHosts = read2.int("canary-hosts", 0, 1e3);
  if (hosts.length === 0) {
    let set = [rawKey && "ssh-key", rawKnown && "known-hosts", sshOptions.length > 0 && "ssh-options"].filter(Boolean);
    if (set.length)
      throw new InputError(
        "hosts",
        "",
        `it is empty but ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} set; give the servers (user@host[:port]), or remove the SSH inputs to deploy on this machine`
      );
    return { hosts, sshKey: "", knownHosts: void 0, insecure, sshOptions, rollout, maxParallel, canaryHosts };
  }
  for (let name of serverPaths) {
    let v = read2.string(name), why = v ? serverPathProblem(v) : void 0;
    if (why)
      throw new InputError(
        name,
        v,
        `with hosts it is a path on the servers and ${why}; accepted: an absolute path on the servers (starting with /) without .. segments or control characters`
      );
  }
  let sshKey = rawKey ? checkPrivateKey(rawKey) : "", knownHosts;
  if (insecure) {
    if (rawKnown)
      throw new InputError(
        "ssh-insecure-skip-host-key-check",
        "true",
        "known-hosts is given too; either check host keys (remove this switch) or skip the check (remove known-hosts)"
      );
  } else if (rawKnown)
    !/\s/.test(rawKnown) && /^[~./]/.test(rawKnown) ? knownHosts = { path: rawKnown.startsWith("~/") ? resolve(process.env.HOME ?? "/", rawKnown.slice(2)) : isAbsolute(rawKnown) ? rawKnown : resolve(cwd, rawKnown) } : (checkKnownHosts(rawKnown), knownHosts = { text: rawKnown });
  else throw new InputError(
    "known-hosts",
    "",
    "it is required with hosts: host keys are always checked; accepted: known_hosts lines (e.g. from `ssh-keyscan web-1`) or the path of a known_hosts file. For a throwaway test host only: ssh-insecure-skip-host-key-check: true"
  );
  if (canaryHosts >= hosts.length && canaryHosts > 0)
    throw new InputError(
      "canary-hosts",
      String(canaryHosts),
      `it must be fewer than the ${hosts.length} host(s) in hosts, so some hosts wait for the canaries; 0 turns it off`
    );
  return { hosts, sshKey, knownHosts, insecure, sshOptions, rollout, maxParallel, canaryHosts };
}

// packages/deploy/src/inputs.ts
var DEPLOY_INPUTS = {
  command: "deploy",
  app: "",
  manifest: "dist/artifacts.json",
  artifact: "",
  version: "",
  env: "",
  ports: "8081,8082",
  runtime: "process",
  "docker-host": "",
  "image-archive": "",
  "supervisor-conf-dir": "/etc/supervisor/conf.d",
  "supervisor-config": "/etc/supervisor/supervisord.conf",
  user: "",
  "systemd-unit": "",
  router: "haproxy",
  "haproxy-socket": "/run/haproxy/admin.sock",
  "haproxy-backend": "app",
  "haproxy-server-state-file": "",
  "nginx-upstream-file": "",
  "nginx-reload-command": "nginx -s reload",
  "nginx-pid-file": "/run/nginx.pid",
  "nginx-access-log": "",
  "nginx-mode": "reload",
  "nginx-lua-include": "",
  "nginx-admin-socket": "/run/gantry/{app}-nginx.sock",
  "nginx-admin-token": "",
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
  "lock-timeout": "2m",
  ...ANALYSIS_INPUTS,
  ...REMOTE_INPUTS
}, STAGE_ROLES = { serverPaths: ["state-dir"], runnerPaths: ["manifest", "artifact"], secrets: [{ input: "env", at: ["env"] }] }, DEPLOY_ROLES = [
  STAGE_ROLES,
  ...Object.values(RUNTIME_ROLES),
  ...Object.values(ROUTER_ROLES).map((r) => rolesWithin("router", r)),
  rolesWithin("remote", REMOTE_ROLES),
  rolesWithin("analysis", { serverPaths: [], secrets: ANALYSIS_SECRETS })
], SERVER_PATHS = DEPLOY_ROLES.flatMap((r) => r.serverPaths), DEPLOY_SECRETS = DEPLOY_ROLES.flatMap((r) => r.secrets);
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
function imageArtifact(read2) {
  let ref = read2.string("artifact");
  return ref && checkImageReference(ref);
}
function supervisorInputs(read2, cwd, runtime) {
  let user = read2.string("user");
  if (user && runtime !== "supervisor" && runtime !== "systemd")
    throw new InputError("user", user, "it applies to runtime: supervisor and systemd only; leave it empty");
  if (user && !USER_NAME.test(user))
    throw new InputError(
      "user",
      user,
      "accepted: a user name (lowercase letters, digits, _ and -; root only when stated), or empty for the dedicated user gantry-<app>"
    );
  let confDir = read2.path("supervisor-conf-dir", cwd);
  if (!confDir) throw new InputError("supervisor-conf-dir", "", "accepted: the folder supervisord's [include] files reads, e.g. /etc/supervisor/conf.d");
  let config = read2.path("supervisor-config", cwd);
  if (!config) throw new InputError("supervisor-config", "", "accepted: supervisord's config file, e.g. /etc/supervisor/supervisord.conf");
  return { confDir, config, user };
}
function checkSupervisorEnv(env) {
  for (let [k, v] of Object.entries(env)) {
    let why = unquotable(v);
    if (why) throw new InputError("env", `${k}=…`, `runtime: supervisor passes env in its program file, and ${why}; accepted: a value without that`);
  }
}
function systemdInputs(read2, runtime, stateDir) {
  let lines = read2.lines("systemd-unit");
  if (lines.length && runtime !== "systemd") throw new InputError("systemd-unit", lines[0] ?? "", "it applies to runtime: systemd only; leave it empty");
  if (runtime !== "systemd") return { overrides: [] };
  let why = unitUnfit(stateDir) ?? (/[\s"'\\]/.test(stateDir) ? "it holds a space, a quote or a backslash" : void 0);
  if (why) throw new InputError("state-dir", stateDir, `runtime: systemd names it in its units, and ${why}; accepted: a plain folder path`);
  return { overrides: parseUnitLines(lines) };
}
function duration(read2, name, min) {
  let ms = read2.duration(name);
  if (ms < min) throw new InputError(name, read2.string(name), `it must be at least ${min} ms`);
  return ms;
}
function parseDeployInputs(read2, cwd) {
  let command = read2.choice("command", ["deploy", "rollback", "status"]), app = read2.string("app");
  if (app && !APP_NAME.test(app)) throw new InputError("app", app, `accepted: ${ACCEPTED_APP}`);
  let version = read2.string("version");
  if (version && !RELEASE_VERSION.test(version)) throw new InputError("version", version, `accepted: ${ACCEPTED_VERSION}`);
  let runtime = read2.string("runtime");
  if (runtime !== "process" && runtime !== "docker" && runtime !== "supervisor" && runtime !== "systemd")
    throw new InputError("runtime", runtime, "accepted: process, docker, supervisor or systemd");
  let dockerHost = read2.string("docker-host");
  if (dockerHost && !DOCKER_HOST.test(dockerHost))
    throw new InputError(
      "docker-host",
      dockerHost,
      "accepted: unix:///path/to/docker.sock or tcp://127.0.0.1:port (a daemon on the host), or empty for DOCKER_HOST"
    );
  let remote = parseRemoteInputs(read2, cwd, SERVER_PATHS), imageArchive = read2.path("image-archive", cwd);
  if (imageArchive && runtime !== "docker") throw new InputError("image-archive", imageArchive, "it applies to runtime: docker only; leave it empty");
  let env = read2.keyValues("env");
  if ("PORT" in env) throw new InputError("env", "PORT=…", "PORT is set by gantry to the slot's port (see ports); remove it from env");
  let supervisor = supervisorInputs(read2, cwd, runtime);
  runtime === "supervisor" && checkSupervisorEnv(env);
  let strategy = read2.choice("strategy", ["blue-green", "canary"]), steps = strategy === "canary" ? parseSteps(read2.string("canary-steps")) : [100], healthPath = read2.string("health-path");
  if (!/^\/[\x21-\x7e]*$/.test(healthPath))
    throw new InputError("health-path", healthPath, "accepted: a URL path starting with /, without spaces, e.g. /healthz");
  let maxErrorRate = read2.percent("max-error-rate");
  if (maxErrorRate === void 0) throw new InputError("max-error-rate", "", "it is required; accepted: a percentage, e.g. 1%");
  let maxP95 = read2.string("max-p95") ? duration(read2, "max-p95", 1) : void 0, stateDir = read2.string("state-dir");
  if (!stateDir || /[\0\r\n]/.test(stateDir)) throw new InputError("state-dir", stateDir, "accepted: a folder path, e.g. /var/lib/gantry/{app}");
  let unfit = runtime === "supervisor" ? unwritable(stateDir) : void 0;
  if (unfit) throw new InputError("state-dir", stateDir, `runtime: supervisor names it in its program files, and ${unfit}; accepted: a plain folder path`);
  return {
    command,
    app,
    manifest: read2.path("manifest", cwd),
    // runtime: docker takes an image reference, not a path.
    artifact: runtime === "docker" ? imageArtifact(read2) : read2.path("artifact", cwd),
    version,
    env,
    ports: parsePorts(read2.string("ports")),
    runtime,
    dockerHost,
    imageArchive,
    supervisor,
    systemd: systemdInputs(read2, runtime, stateDir),
    router: parseRouterInputs(read2, cwd),
    strategy,
    steps,
    stepPauseMs: duration(read2, "step-pause", 0),
    health: {
      path: healthPath,
      successes: read2.int("health-successes", 1, 100),
      timeoutMs: duration(read2, "health-timeout", 1),
      intervalMs: duration(read2, "health-interval", 10)
    },
    verifyWindowMs: duration(read2, "verify-window", 0),
    maxErrorRate,
    maxP95Ms: maxP95,
    analysis: parseAnalysisInputs(read2),
    drainTimeoutMs: duration(read2, "drain-timeout", 0),
    stopTimeoutMs: duration(read2, "stop-timeout", 0),
    stateDir: isAbsolute2(stateDir) ? stateDir : resolve2(cwd, stateDir),
    keepReleases: read2.int("keep-releases", 1, 1e3),
    lockTimeoutMs: duration(read2, "lock-timeout", 0),
    remote
  };
}

// packages/deploy/src/hosts/localhost.ts
import { spawn } from "node:child_process";
import { closeSync, constants, createReadStream as createReadStream2, fchmodSync, openSync } from "node:fs";
import { mkdir, open, readFile as readFile2, readdir, rename, rm, stat as stat2 } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { hostname } from "node:os";
import { dirname as dirname5 } from "node:path";
var PIDFILE_WRAPPER = 'rm -f "$0.tmp" && set -C && echo $$ > "$0.tmp" && set +C && mv -f "$0.tmp" "$0" && exec "$@"', LOG_MODE = 416, LocalHost = class {
  name = "local";
  async platform() {
    return hostTarget();
  }
  exec(argv, options = {}) {
    let [file, ...args] = argv;
    if (!file) throw new GantryError("internal: empty command");
    return exec(file, args, { timeoutMs: options.timeoutMs, allowFailure: options.allowFailure, input: options.input, inputFile: options.inputFile });
  }
  async readFile(path) {
    try {
      return await readFile2(path, "utf8");
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
  }
  async readFrom(path, offset, maxBytes) {
    let fh;
    try {
      fh = await open(path, "r");
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
  async fileSize(path) {
    try {
      return (await stat2(path)).size;
    } catch {
      return;
    }
  }
  /** The temp name a write goes through (a method so a test can plant a symlink at it). */
  tempFor(path) {
    return tempPathBeside(path);
  }
  /** Exclusive, no-follow temp file and a rename (core's writeFileAtomic; it makes the folder only when missing). */
  writeFile(path, data, mode) {
    return writeFileAtomic(path, data, mode, this.tempFor(path));
  }
  rename(from, to) {
    return rename(from, to);
  }
  async mkdirp(path, mode) {
    await mkdir(path, { recursive: !0, mode });
  }
  remove(path) {
    return rm(path, { recursive: !0, force: !0 });
  }
  async list(dir) {
    try {
      return await readdir(dir);
    } catch {
      return [];
    }
  }
  exists(path) {
    return exists(path);
  }
  async sha256(path) {
    return await exists(path) ? sha256File(path) : void 0;
  }
  async upload(localPath, hostPath, mode) {
    let chunks = (async function* () {
      yield* createReadStream2(localPath);
    })();
    return await writeFileAtomic(hostPath, chunks, mode, this.tempFor(hostPath)), sha256File(hostPath);
  }
  async spawnDetached(spec) {
    await mkdir(dirname5(spec.logFile), { recursive: !0 }), await mkdir(dirname5(spec.pidFile), { recursive: !0 });
    let fd = openSync(spec.logFile, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, LOG_MODE);
    try {
      fchmodSync(fd, LOG_MODE);
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
  httpGet(port, path, timeoutMs) {
    let started = performance.now();
    return new Promise((res) => {
      let req = http.get({ host: "127.0.0.1", port, path, agent: !1, timeout: timeoutMs, headers: { "user-agent": "gantry-deploy" } }, (r) => {
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

// packages/deploy/src/hosts/ssh/connect.ts
import { mkdtemp, readFile as readFile4, rm as rm3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join15 } from "node:path";

// packages/deploy/src/hosts/ssh/session.ts
import { rm as rm2 } from "node:fs/promises";
import { join as join14 } from "node:path";

// packages/deploy/src/hosts/ssh/agent.ts
import { spawn as spawn2 } from "node:child_process";
var AGENT = `for t in od sed; do command -v $t >/dev/null 2>&1 || { echo "gantry-agent: $t is missing" >&2; exit 97; }; done
dec() { i=0; while [ "$i" -lt "$1" ]; do IFS= read -r l || exit 1; printf "$l"; i=$((i + 1)); done; }
exec 3>&1
echo "gantry-agent-ready 1"
while IFS=' ' read -r id nc ni; do
  case "$id:$nc:$ni" in *[!0-9:]*|*::*|:*|*:) echo "gantry-agent: bad request header" >&2; exit 1 ;; esac
  c=$(dec "$nc" && echo .) || exit 1
  in=$(dec "$ni" && echo .) || exit 1
  echo "gantry-ack $id"
  e=$( { printf '%s' "\${in%.}" | { (eval "\${c%.}") 2>&4 3>&- 4>&-; printf '\\000gantry-rc %s\\n' "$?" >&4; } | od -An -v -tx1 | sed 's/^/o/' >&3; } 4>&1 | od -An -v -tx1 )
  printf '%s\\n' "$e" | sed 's/^/e/'
  echo "gantry-done $id"
done`, READY = Buffer.from(`gantry-agent-ready 1
`), AGENT_UNUSABLE = 97, LINE_BYTES = 1024, SAFE = new Uint8Array(256);
for (let c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,./:=@_+") SAFE[c.charCodeAt(0)] = 1;
function printfLines(data) {
  let lines = [];
  for (let at = 0; at < data.length; at += LINE_BYTES) {
    let line = "";
    for (let b of data.subarray(at, at + LINE_BYTES)) line += SAFE[b] ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, "0")}`;
    lines.push(line);
  }
  return lines;
}
function frameRequest(id, command, input) {
  let c = printfLines(Buffer.from(command)), i = printfLines(input);
  return `${id} ${c.length} ${i.length}
${[...c, ...i].map((l) => `${l}
`).join("")}`;
}
var AgentLost = class extends Error {
  constructor(acked, stderr, exitCode, timedOut = !1) {
    super(timedOut ? "the remote shell did not answer in time" : `the remote shell stopped (exit ${exitCode ?? "by signal"})`);
    this.acked = acked;
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.timedOut = timedOut;
  }
  acked;
  stderr;
  exitCode;
  timedOut;
  name = "AgentLost";
}, Agent = class {
  child;
  buf = Buffer.alloc(0);
  ready = !1;
  errTail = "";
  pending;
  nextId = 1;
  ended = !1;
  /** Settles when the process has exited. */
  exited;
  hasExited = !1;
  constructor(argv) {
    this.child = spawn2(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] }), this.child.stdout.on("data", (d) => this.onData(d)), this.child.stderr.on("data", (d) => {
      this.errTail = (this.errTail + d.toString("utf8")).slice(-8192);
    }), this.child.stdin.on("error", () => {
    }), this.child.on("error", (e) => {
      this.errTail += `${e.message}
`, this.stop(null);
    }), this.exited = new Promise(
      (r) => this.child.on("close", (code) => {
        this.hasExited = !0, r(this.stop(code));
      })
    ), this.idle(!0);
  }
  /** An idle agent does not keep the deployer's process alive (the action's main must be able to end). */
  idle(yes) {
    let { child } = this;
    for (let h of [child, child.stdin, child.stdout, child.stderr]) yes ? h.unref() : h.ref();
  }
  request(command, input, timeoutMs) {
    return this.ended || this.pending ? Promise.reject(new AgentLost(!1, this.errTail, null)) : (this.idle(!1), new Promise((resolve3, reject) => {
      let id = this.nextId++, timer = setTimeout(() => this.kill(!0), timeoutMs);
      this.pending = { id, acked: !1, out: [], err: [], resolve: resolve3, reject, timer }, this.child.stdin.write(frameRequest(id, command, input));
    }));
  }
  /** Ends the agent; `timedOut`: its request is failed as a timeout. */
  kill(timedOut = !1) {
    this.settle(new AgentLost(this.pending?.acked ?? !1, this.errTail, null, timedOut)), this.ended = !0, this.child.kill("SIGTERM"), setTimeout(() => this.child.kill("SIGKILL"), 2e3).unref();
  }
  /** Lets the agent finish: it reads the end of its input after its current command, and exits. */
  close() {
    this.ended = !0, this.child.stdin.end();
  }
  stop(code) {
    this.ended = !0, this.settle(new AgentLost(this.pending?.acked ?? !1, this.errTail, code));
  }
  settle(result) {
    let p = this.pending;
    p && (this.pending = void 0, clearTimeout(p.timer), this.ended || this.idle(!0), result instanceof AgentLost ? p.reject(result) : p.resolve(result));
  }
  onData(d) {
    if (this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d, !this.ready) {
      let at = this.buf.indexOf(READY);
      if (at < 0) return;
      this.ready = !0, this.buf = this.buf.subarray(at + READY.length);
    }
    for (; ; ) {
      let nl = this.buf.indexOf(10);
      if (nl < 0) return;
      let line = this.buf.subarray(0, nl).toString("latin1");
      if (this.buf = this.buf.subarray(nl + 1), !this.onLine(line)) {
        this.errTail += `gantry-agent: unexpected output ${JSON.stringify(line.slice(0, 200))}
`, this.kill();
        return;
      }
    }
  }
  /** One line of the answer stream; false when it breaks the framing. */
  onLine(line) {
    let p = this.pending;
    if (!p) return !1;
    let tag = line[0];
    if (tag === "o" || tag === "e") {
      let hex = line.slice(1).replace(/ /g, "");
      return /^([0-9a-f]{2})*$/.test(hex) ? ((tag === "o" ? p.out : p.err).push(Buffer.from(hex, "hex")), !0) : !1;
    }
    let [word, id] = line.split(" ");
    if (id !== String(p.id)) return !1;
    if (word === "gantry-ack") p.acked = !0;
    else if (word === "gantry-done") {
      let err = Buffer.concat(p.err).toString("latin1"), m = /\0gantry-rc (\d+)\n$/.exec(err);
      if (!m) return !1;
      let stderr = Buffer.from(err.slice(0, m.index), "latin1").toString("utf8");
      this.settle({ code: Number(m[1]), stdout: Buffer.concat(p.out).toString("utf8"), stderr });
    } else return !1;
    return !0;
  }
}, AgentPool = class {
  constructor(argv, max = 4) {
    this.argv = argv;
    this.max = max;
  }
  argv;
  max;
  idle = [];
  all = /* @__PURE__ */ new Set();
  waiting = [];
  /** How many agents were started (each one is one remote login). */
  started = 0;
  async run(command, input, timeoutMs) {
    let agent = await this.acquire();
    try {
      return await agent.request(command, input, timeoutMs);
    } finally {
      this.release(agent);
    }
  }
  async acquire() {
    for (let a = this.idle.pop(); a; a = this.idle.pop()) {
      if (!a.ended) return a;
      this.all.delete(a);
    }
    return this.all.size < this.max ? this.spawn() : await new Promise((r) => this.waiting.push(r)) ?? this.spawn();
  }
  spawn() {
    let a = new Agent(this.argv());
    return this.all.add(a), this.started++, a;
  }
  release(agent) {
    let next = this.waiting.shift();
    agent.ended ? (this.all.delete(agent), next?.(void 0)) : next ? next(agent) : this.idle.push(agent);
  }
  /**
   * Ends every agent and waits until they have exited: idle ones at once, busy ones after their
   * command, or killed after `graceMs`.
   */
  async close(graceMs = 3e3) {
    let agents = [...this.all];
    this.all.clear(), this.idle.length = 0, await Promise.all(
      agents.map(async (a) => {
        a.close();
        let timer;
        await Promise.race([a.exited, new Promise((r) => timer = setTimeout(r, graceMs))]), clearTimeout(timer), a.hasExited || a.kill();
      })
    );
  }
};

// packages/deploy/src/hosts/ssh/argv.ts
import { join as join13 } from "node:path";
function hostKeyArgs(cfg) {
  if (cfg.insecure) return ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"];
  if (!cfg.knownHostsFile) throw new GantryError("internal: no known-hosts file for an SSH connection, and host key checking is not switched off");
  return ["-o", "StrictHostKeyChecking=yes", "-o", `UserKnownHostsFile=${cfg.knownHostsFile}`];
}
function sshBaseArgs(spec, cfg) {
  let o = cfg.options, args = ["-F", "none", ...o.flatMap((x) => ["-o", x])], def = (name, value) => {
    optionValue(o, name) === void 0 && args.push("-o", `${name}=${value}`);
  };
  return def("ConnectTimeout", "15"), def("ServerAliveInterval", "15"), def("ServerAliveCountMax", "3"), args.push("-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "GlobalKnownHostsFile=/dev/null", ...hostKeyArgs(cfg)), cfg.keyFile && args.push("-o", "IdentitiesOnly=yes", "-i", cfg.keyFile), args.push(
    "-o",
    "ControlMaster=auto",
    "-o",
    `ControlPath=${join13(cfg.controlDir, "%C")}`,
    "-o",
    `ControlPersist=${cfg.persistSeconds ?? 60}`,
    "-l",
    spec.user,
    "-p",
    String(spec.port)
  ), args;
}
function sshArgv(spec, cfg, use = {}) {
  let base = sshBaseArgs(spec, cfg);
  return [...use.ownConnection ? base.map(ownConnectionArg) : base, ...use.sshArgs ?? [], "--", spec.host, ...use.command ? [use.command] : []];
}
function ownConnectionArg(a) {
  return a.startsWith("ControlMaster=") ? "ControlMaster=no" : a.startsWith("ControlPath=") ? "ControlPath=none" : a === "LogLevel=ERROR" ? "LogLevel=INFO" : a;
}

// packages/deploy/src/hosts/ssh/shell.ts
function shQuote(word) {
  if (word.includes("\0")) throw new GantryError("internal: a remote argument holds a NUL byte");
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) && !word.startsWith("=") ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
function shCommand(argv) {
  if (argv.length === 0) throw new GantryError("internal: empty remote command");
  return argv.map(shQuote).join(" ");
}
function shScript(script, args = []) {
  return shCommand(["sh", "-c", script, "sh", ...args.map(String)]);
}

// packages/deploy/src/hosts/ssh/session.ts
var SshError = class extends GantryError {
  constructor(host, kind, message) {
    super(message);
    this.host = host;
    this.kind = kind;
  }
  host;
  kind;
  name = "SshError";
};
function classifySshFailure(stderr) {
  let line = (re) => stderr.split(`
`).find((l) => re.test(l))?.trim() ?? "";
  if (!/channel \d+: open failed|stdio forwarding failed|forwarding request failed|Port forwarding failed/.test(stderr)) {
    if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/.test(stderr)) {
      let fp = /key sent by the remote host is\s*\n\s*(\S+?)\.?\s*$/m.exec(stderr)?.[1], type = /The fingerprint for the (\S+) key sent/.exec(stderr)?.[1];
      return { kind: "host-key-changed", detail: fp ? `${type ?? ""} ${fp}`.trim() : "" };
    }
    if (/No \S+ host key is known for|Host key verification failed/.test(stderr))
      return { kind: "host-key-unknown", detail: /No (\S+) host key is known/.exec(stderr)?.[1] ?? "" };
    if (/Permission denied \(|Too many authentication failures|no mutual signature algorithm/.test(stderr))
      return { kind: "auth", detail: line(/Permission denied|Too many|no mutual/) };
    if (/mux_client_|Control socket connect|master failed|ControlSocket .* already exists/.test(stderr))
      return { kind: "master-lost", detail: line(/mux_client_|Control socket|master/) };
    if (/Connection timed out|Connection refused|No route to host|Network is unreachable|Could not resolve hostname|Connection closed by|Connection reset|kex_exchange_identification|Broken pipe|Timeout, server .* not responding|banner exchange|Host is down/.test(
      stderr
    ))
      return { kind: "unreachable", detail: lastLines(stderr, 1).trim() };
  }
}
var COMMAND_TIMEOUT_MS = 6e4, AGENT_MAX_INPUT = 64 * 1024, SshSession = class {
  constructor(spec, cfg) {
    this.spec = spec;
    this.cfg = cfg;
  }
  spec;
  cfg;
  down;
  forwards = /* @__PURE__ */ new Map();
  forwardCount = 0;
  /** Set when the host cannot run the long-lived shell. */
  noAgent = !1;
  /** The host's long-lived shells; each started with one exec request (and one login shell). */
  agents = new AgentPool(() => ["ssh", ...sshArgv(this.spec, this.cfg, { command: shCommand(["exec", "sh", "-c", AGENT]) })]);
  get label() {
    return this.spec.label;
  }
  /** Why the host is considered lost for this run, if it is. */
  get unreachable() {
    return this.down;
  }
  /** The ssh options every command shares (argv.ts). */
  baseArgs() {
    return sshBaseArgs(this.spec, this.cfg);
  }
  /**
   * Runs one remote command line (built by shell.ts). Plain commands go through the host's
   * long-lived shell (agent.ts); ssh-level requests (-W, -O), a connection of its own, and large
   * stdin (an upload) take an exec channel of their own on the shared master.
   */
  async run(command, o = {}) {
    if (this.down) throw this.down;
    let input = typeof o.input == "string" ? Buffer.from(o.input) : o.input ?? Buffer.alloc(0);
    return this.noAgent || !command || o.sshArgs?.length || o.ownConnection || o.ownChannel || o.inputFile || input.length > AGENT_MAX_INPUT || input.includes(0) ? this.runOwn(command, o) : this.runShared(command, input, o);
  }
  async runOwn(command, o) {
    let args = sshArgv(this.spec, this.cfg, { ownConnection: o.ownConnection, sshArgs: o.sshArgs, command });
    for (let attempt = 0; ; attempt++) {
      let r = await exec("ssh", args, { input: o.input ?? "", inputFile: o.inputFile, timeoutMs: o.timeoutMs ?? COMMAND_TIMEOUT_MS, allowFailure: !0 });
      if (r.timedOut) throw this.timeout(o);
      if (r.code === 0 || r.code !== 255 && o.allowFailure) return r;
      let failure = r.code === 255 ? classifySshFailure(r.stderr) : void 0;
      if (!(failure?.kind === "master-lost" && attempt === 0)) {
        if (failure) throw await this.failure(failure.kind, failure.detail);
        if (o.allowFailure) return r;
        throw this.commandFailed(o, r.code, r.stderr || r.stdout);
      }
    }
  }
  /** One command through the host's long-lived shell: no login shell started per command (issue 10). */
  async runShared(command, input, o) {
    let started = performance.now();
    for (let attempt = 0; ; attempt++) {
      let r;
      try {
        r = await this.agents.run(command, input, o.timeoutMs ?? COMMAND_TIMEOUT_MS);
      } catch (err) {
        if (!(err instanceof AgentLost)) throw err;
        if (err.timedOut) throw this.timeout(o);
        let failure = classifySshFailure(err.stderr);
        if (failure && failure.kind !== "master-lost") throw await this.failure(failure.kind, failure.detail);
        if (!err.acked && err.exitCode === AGENT_UNUSABLE)
          return this.noAgent = !0, this.runOwn(command, o);
        if (!err.acked && attempt === 0) continue;
        throw await this.lostDuring(o, err);
      }
      let result = { command: ["ssh", this.label, command], code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: !1 };
      if (r.code === 0 || o.allowFailure) return { ...result, durationMs: performance.now() - started };
      throw this.commandFailed(o, r.code, r.stderr || r.stdout);
    }
  }
  /** The shell stopped while a command ran: an unreachable host says so; otherwise the command's outcome is unknown. */
  async lostDuring(o, err) {
    await this.runOwn("true", { what: "reconnecting", timeoutMs: 3e4 });
    let why = lastLines(err.stderr, 2).trim();
    return new GantryError(
      `${this.label}: the remote shell stopped while ${o.what ?? "running a command"}${why ? ` (${why})` : ""}; it may or may not have finished`
    );
  }
  timeout(o) {
    return new GantryError(`${this.label}: ${o.what ?? "a command"} did not finish within ${Math.round((o.timeoutMs ?? COMMAND_TIMEOUT_MS) / 1e3)} s`);
  }
  commandFailed(o, code, text) {
    let tail = lastLines(text, 5);
    return new GantryError(`${this.label}: ${o.what ?? "a command"} failed (exit ${code})${tail ? `: ${tail}` : ""}`);
  }
  async failure(kind, detail) {
    let { label } = this;
    if (kind === "host-key-changed")
      return new SshError(
        label,
        kind,
        `${label}: the host key does not match known-hosts: the host offered ${detail || "a different key"}. If the server was reinstalled, update known-hosts; otherwise someone may be intercepting the connection. Nothing was changed on it.`
      );
    if (kind === "host-key-unknown") {
      let offered = await this.offeredKeys(detail);
      return new SshError(
        label,
        kind,
        `${label}: no key for this host in known-hosts${offered ? `; it offers ${offered}` : ""}. Check the fingerprint with the server's owner, then add its line (ssh-keyscan -p ${this.spec.port} ${this.spec.host}) to known-hosts. Nothing was changed on it.`
      );
    }
    return kind === "auth" ? (detail = detail.replace(/^\S+@\S+: /, "").replace(/\.$/, ""), new SshError(
      label,
      kind,
      `${label}: the server refused the key (${detail}); add the public key of ssh-key to ~${this.spec.user}/.ssh/authorized_keys there. Nothing was changed on it.`
    )) : (this.down = new SshError(label, "unreachable", `${label} is unreachable: ${detail || "the connection failed"}`), this.down);
  }
  /** The fingerprints the host offers, from ssh-keyscan (only to explain a host key failure). */
  async offeredKeys(type) {
    try {
      let t = type.toLowerCase(), scan = await exec("ssh-keyscan", ["-T", "5", "-p", String(this.spec.port), ...t ? ["-t", t] : [], "--", this.spec.host], {
        timeoutMs: 1e4,
        allowFailure: !0
      });
      return scan.stdout.trim() ? (await exec("ssh-keygen", ["-l", "-f", "-"], { input: scan.stdout, timeoutMs: 1e4, allowFailure: !0 })).stdout.trim().split(`
`).map((l) => {
        let [, hash, , kind] = l.split(/\s+/);
        return `${kind?.replace(/[()]/g, "") ?? ""} ${hash ?? ""}`.trim();
      }).filter(Boolean).join(", ") : "";
    } catch {
      return "";
    }
  }
  /**
   * A local unix socket forwarded through the master to a socket on the host (stream-local
   * forwarding, OpenSSH ≥ 6.7): one request to HAProxy's admin socket costs a channel on the
   * open connection, no process on either side, and nothing needs to be installed on the host.
   */
  async forwardSocket(remotePath) {
    let known = this.forwards.get(remotePath);
    if (known) return known;
    await this.run("true", { what: "opening the connection" });
    let id = sha256(`${this.label}
${remotePath}
${process.pid}
${this.forwardCount++}`).slice(0, 16), local = join14(this.cfg.controlDir, `fwd-${id}.sock`);
    return await rm2(local, { force: !0 }), await this.run("", { sshArgs: ["-O", "forward", "-L", `${local}:${remotePath}`], what: `forwarding ${remotePath}` }), this.forwards.set(remotePath, local), local;
  }
  /** Forgets a forward whose local socket stopped answering (its master was replaced). */
  dropForward(remotePath) {
    this.forwards.delete(remotePath);
  }
  /** Ends the host's long-lived shells; the master stays (for the post step). */
  closeShells() {
    return this.agents.close();
  }
  /**
   * Closes the master connection (the post step; also at the end of a CLI run) and waits for it
   * to exit: `ssh -O exit` answers before the master has gone, and the post step then removes
   * the folder holding its socket.
   */
  async close() {
    this.forwards.clear(), await this.closeShells();
    let check = await exec("ssh", sshArgv(this.spec, this.cfg, { sshArgs: ["-O", "check"] }), { timeoutMs: 1e4, allowFailure: !0 }), pid = Number(/\(pid=(\d+)\)/.exec(check.stderr)?.[1]);
    await exec("ssh", sshArgv(this.spec, this.cfg, { sshArgs: ["-O", "exit"] }), { timeoutMs: 1e4, allowFailure: !0 });
    for (let until = Date.now() + 5e3; pid && Date.now() < until && (await localProcessInfo(pid)).state === "running"; )
      await new Promise((r) => setTimeout(r, 50));
  }
};

// packages/deploy/src/hosts/ssh/sshhost.ts
import { readFile as readFile3, stat as stat3 } from "node:fs/promises";
import { hostname as hostname2 } from "node:os";

// packages/deploy/src/hosts/ssh/scripts.ts
var PROBE = `uname -s; uname -m; id -un
for c in curl wget socat setsid nohup sha256sum shasum openssl ps ss "$@"; do command -v "$c" >/dev/null 2>&1 && printf '%s\\n' "has $c"; done
[ -r /proc/self/stat ] && echo "has /proc"
exit 0`, READ = '[ -f "$1" ] || exit 3; cat -- "$1"', READ_FROM = '[ -f "$1" ] || exit 3; wc -c < "$1"; tail -c +$(($2 + 1)) "$1" | head -c "$3"', SIZE = '[ -f "$1" ] || exit 3; wc -c < "$1"', NEW_TEMP = (v) => `${v}=$(mktemp "$1.tmp-XXXXXX" 2>/dev/null) || { ${v}="$1.tmp-$$"; rm -f -- "$${v}"; set -C; : > "$${v}" || exit 1; set +C; }`, WRITE = `umask 022; mkdir -p -- "$(dirname -- "$1")" || exit 1
umask 077; ${NEW_TEMP("t")}
if cat > "$t" && chmod "$2" "$t" && mv -f -- "$t" "$1"; then exit 0; fi
rm -f -- "$t"; exit 1`, RENAME = `if [ -d "$2" ] && [ ! -L "$2" ]; then rmdir -- "$2" 2>/dev/null || { echo "$2 exists and is not empty" >&2; exit 1; }; fi
mv -f -- "$1" "$2"`, MKDIRP = 'mkdir -p -- "$1" && chmod "$2" "$1"', REMOVE = 'rm -rf -- "$1"', LIST = '[ -d "$1" ] || exit 0; ls -A -- "$1"', EXISTS = '[ -e "$1" ] || [ -L "$1" ] || exit 3', SHA = `if command -v sha256sum >/dev/null 2>&1; then sha256sum < "$F"
elif command -v shasum >/dev/null 2>&1; then shasum -a 256 < "$F"
else openssl dgst -sha256 -r < "$F"; fi`, SHA256 = `[ -f "$1" ] || exit 3; F=$1; ${SHA}`, UPLOAD = `umask 022; d=$(dirname -- "$1"); mkdir -p -- "$d" || exit 1
avail=$(df -Pk -- "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -n "$avail" ] && [ "$avail" -lt "$3" ]; then echo "only $avail KiB free in $d, $3 KiB needed" >&2; exit 28; fi
umask 077; ${NEW_TEMP("F")}
if ! { cat > "$F" && chmod "$2" "$F"; }; then rm -f -- "$F"; exit 1; fi
${SHA} || { rm -f -- "$F"; exit 1; }
mv -f -- "$F" "$1"`;
function spawnScript(wrapper) {
  return `log=$1 pidf=$2 dir=$3; shift 3
umask 022; mkdir -p -- "$(dirname -- "$log")" "$(dirname -- "$pidf")" || exit 1
[ -L "$log" ] && rm -f -- "$log"; (umask 027; : >> "$log") && chmod 640 "$log" || exit 1
rm -f -- "$pidf"; cd -- "$dir" || exit 1
launch=$(command -v setsid || command -v nohup) || { echo "neither setsid nor nohup is installed" >&2; exit 1; }
exec 3<&0
env -i /bin/sh -c 'while IFS= read -r l <&3; do export "$l" || exit 97; done; exec 3<&-; exec "$@"' sh "$launch" /bin/sh -c ${`'${wrapper.replace(/'/g, "'\\''")}'`} "$pidf" "$@" >> "$log" 2>&1 &
exec 3<&-
i=0; while [ ! -s "$pidf" ] && [ $i -lt 250 ]; do sleep 0.02 2>/dev/null || sleep 1; i=$((i + 1)); done
cat -- "$pidf" 2>/dev/null || echo $!`;
}
var PROCESS = `if [ -d /proc/self ]; then
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo gone; exit 0; }
  s=\${s##*) }; echo "proc \${s%% *}"; tr '\\0' '\\n' < "/proc/$1/cmdline" 2>/dev/null; exit 0
fi
p=$(ps -o stat= -o args= -p "$1" 2>/dev/null) && [ -n "$p" ] && echo "ps $p" || echo gone`, SIGNAL = 'kill -s "$2" "$1" 2>/dev/null || ! kill -0 "$1" 2>/dev/null', LISTENING = "if [ -r /proc/net/tcp ]; then echo proc; cat /proc/net/tcp /proc/net/tcp6 2>/dev/null; else echo ss; ss -Hltn; fi", HTTP_PROBE = `if [ "$3" = curl ]; then
  out=$(curl -g -sS -o /dev/null -A gantry-deploy --max-time "$2" -w '\\ngantry-code %{http_code} %{time_total}\\n' "$1" 2>&1)
  res=$(printf '%s\\n' "$out" | sed -n 's/^gantry-code //p' | tail -n 1)
  case $res in
    000*|'') echo "error $(printf '%s\\n' "$out" | grep -v '^gantry-code' | grep . | head -n 1)" ;;
    *) echo "code $res" ;;
  esac
  exit 0
fi
out=$(wget -q -S -O /dev/null -U gantry-deploy -T "$2" "$1" 2>&1)
code=$(printf '%s\\n' "$out" | sed -n 's/^ *HTTP\\/[0-9.]* \\([0-9][0-9][0-9]\\).*/\\1/p' | tail -n 1)
if [ -n "$code" ]; then echo "code $code"; else echo "error $(printf '%s\\n' "$out" | grep . | tail -n 1)"; fi`, FREE = `d=$1; while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done
avail=$(df -Pk -- "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -w "$d" ]; then w=writable; else w=read-only; fi
echo "\${avail:-unknown} $w $d"`, SOCKET_CHECK = '[ -S "$1" ] || { echo missing; exit 0; }; [ -w "$1" ] || { echo denied; exit 0; }; echo ok', SOCAT = 'exec socat -t "$2" - "UNIX-CONNECT:$1"', ARCH = {
  x86_64: { arch: "amd64", variant: "" },
  amd64: { arch: "amd64", variant: "" },
  aarch64: { arch: "arm64", variant: "" },
  arm64: { arch: "arm64", variant: "" },
  armv7l: { arch: "arm", variant: "v7" },
  armv6l: { arch: "arm", variant: "v6" },
  i686: { arch: "386", variant: "" },
  i386: { arch: "386", variant: "" },
  riscv64: { arch: "riscv64", variant: "" },
  ppc64le: { arch: "ppc64le", variant: "" },
  s390x: { arch: "s390x", variant: "" }
};
function parseProbe(text) {
  let [os = "", machine = "", user = "", ...rest] = text.trim().split(`
`), a = ARCH[machine.trim()] ?? { arch: machine.trim(), variant: "" };
  return {
    platform: { os: os.trim().toLowerCase(), ...a },
    user: user.trim(),
    has: new Set(rest.filter((l) => l.startsWith("has ")).map((l) => l.slice(4).trim()))
  };
}
function parseProcess(text) {
  let [head = "", ...words] = text.replace(/\n+$/, "").split(`
`);
  if (head.startsWith("proc ")) {
    let st = head.slice(5).trim();
    return { state: st === "Z" || st === "X" ? "zombie" : "running", command: words.filter(Boolean).join(" ") };
  }
  if (head.startsWith("ps ")) {
    let [stat5 = "", ...args] = head.slice(3).trim().split(/\s+/);
    return { state: stat5.startsWith("Z") ? "zombie" : "running", command: args.join(" ") };
  }
  return { state: "gone" };
}
function isListening(text, port) {
  let [kind, ...lines] = text.split(`
`);
  if (kind === "ss") return lines.some((l) => new RegExp(`:${port}\\s`).test(`${l.trim().split(/\s+/)[3] ?? ""} `));
  let hex = port.toString(16).toUpperCase().padStart(4, "0");
  return lines.some((l) => {
    let f = l.trim().split(/\s+/);
    return f[1]?.endsWith(`:${hex}`) === !0 && f[3] === "0A";
  });
}
function parseHttpProbe(text) {
  let line = text.trim().split(`
`)[0] ?? "", m = /^code (\d{3})(?: ([\d.]+))?/.exec(line);
  return m ? { status: Number(m[1]), ...m[2] ? { ms: Number(m[2]) * 1e3 } : {} } : { error: line.replace(/^error\s*/, "").replace(/^curl: \(\d+\)\s*/, "") || "no answer" };
}
function parseSha(text) {
  return /^([0-9a-f]{64})\b/.exec(text.trim())?.[1];
}

// packages/deploy/src/hosts/ssh/loopback.ts
import net2 from "node:net";
var Loopback = class {
  constructor(h) {
    this.h = h;
  }
  h;
  /**
   * How socket requests travel: a stream-local forward of the shared connection (nothing to
   * install on the host, no process per request), or socat on the host where its sshd refuses
   * forwarding (see checkSocket).
   */
  socketVia = "forward";
  checkedSockets = /* @__PURE__ */ new Set();
  get name() {
    return this.h.name;
  }
  /** One GET to http://127.0.0.1:port/path, made on the host. */
  async httpGet(port, path, timeoutMs) {
    let started = performance.now(), ms = () => performance.now() - started, method = await this.h.probeMethod();
    if (method === "channel") return this.channelGet(port, path, timeoutMs, started);
    let url = `http://127.0.0.1:${port}${path}`, seconds = Math.max(1, Math.ceil(timeoutMs / 1e3)), r = await this.h.runScript(HTTP_PROBE, [url, seconds, method], `probing ${url}`, { timeoutMs: timeoutMs + 15e3 });
    r.code !== 0 && this.h.fail(`probing ${url} with ${method}`, r);
    let p = parseHttpProbe(r.stdout);
    return "error" in p ? { ok: !1, status: 0, ms: ms(), error: p.error } : { ok: p.status >= 200 && p.status < 300, status: p.status, ms: p.ms ?? ms() };
  }
  /** One GET through a direct-tcpip channel (`ssh -W`): sshd connects to the host's loopback; nothing runs there. */
  async channelGet(port, path, timeoutMs, started) {
    let request = `GET ${path} HTTP/1.0\r
Host: 127.0.0.1:${port}\r
User-Agent: gantry-deploy\r
Connection: close\r
\r
`;
    try {
      let r = await this.h.session.run("", {
        sshArgs: ["-W", `127.0.0.1:${port}`],
        input: request,
        timeoutMs,
        allowFailure: !0,
        what: `probing port ${port}`
      }), status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(r.stdout)?.[1] ?? 0), ms = performance.now() - started;
      return status ? { ok: status >= 200 && status < 300, status, ms } : { ok: !1, status: 0, ms, error: r.stderr.trim().split(`
`)[0] || "no HTTP answer" };
    } catch (err) {
      if (err instanceof SshError && err.kind === "unreachable") throw err;
      return { ok: !1, status: 0, ms: performance.now() - started, error: err.message };
    }
  }
  /**
   * One exchange on a unix socket on the host (HAProxy's runtime API). An empty answer is normal
   * for `set` commands; the first one per socket is checked to tell a missing socket apart.
   */
  async socketRequest(socketPath, text, timeoutMs) {
    let line = text.endsWith(`
`) ? text : `${text}
`;
    if (this.socketVia === "socat") {
      let r = await this.h.runScript(SOCAT, [socketPath, Math.max(1, Math.ceil(timeoutMs / 1e3))], `talking to ${socketPath}`, {
        input: line,
        timeoutMs: timeoutMs + 1e4
      });
      return r.code !== 0 && this.h.fail(`talking to ${socketPath} with socat`, r), r.stdout;
    }
    for (let attempt = 0; ; attempt++) {
      let local;
      try {
        local = await this.h.session.forwardSocket(socketPath);
      } catch (err) {
        if (err instanceof SshError || !(await this.h.probe()).has.has("socat")) throw err;
        return this.socketVia = "socat", this.socketRequest(socketPath, text, timeoutMs);
      }
      try {
        let answer = await localExchange(local, line, timeoutMs);
        return answer === "" && await this.explainEmpty(socketPath), answer;
      } catch (err) {
        let code = err.code;
        if ((code === "ENOENT" || code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE") && attempt === 0) {
          this.h.session.dropForward(socketPath);
          continue;
        }
        if (code === "ECONNRESET" || code === "EPIPE") {
          if (await this.explainEmpty(socketPath, !0), (await this.h.probe()).has.has("socat"))
            return this.socketVia = "socat", this.socketRequest(socketPath, text, timeoutMs);
          throw new GantryError(this.refused(socketPath));
        }
        throw new GantryError(`${this.name}: ${socketPath}: ${code ?? err.message}`);
      }
    }
  }
  /**
   * Checks the socket answers `request` with something (HAProxy: `show cli level`). An empty
   * answer from a socket that exists means the host's sshd refused the forward: socat on the
   * host takes over when it is there; otherwise the error says what to change.
   */
  async checkSocket(socketPath, request) {
    let answer = await this.socketRequest(socketPath, request, 5e3);
    if (answer.trim() || this.socketVia === "socat") return answer;
    if ((await this.h.probe()).has.has("socat"))
      return this.socketVia = "socat", this.socketRequest(socketPath, request, 5e3);
    throw new GantryError(this.refused(socketPath));
  }
  refused(socketPath) {
    return `${this.name}: ${socketPath} cannot be reached through the SSH connection: its sshd seems to refuse stream-local forwarding and there is no socat on the host; set \`AllowStreamLocalForwarding yes\` for the deploy user or install socat`;
  }
  /** Throws a clear error when the socket is missing or not writable for the user; `always` checks even a socket checked before. */
  async explainEmpty(socketPath, always = !1) {
    if (this.checkedSockets.has(socketPath) && !always) return;
    let state = (await this.h.runScript(SOCKET_CHECK, [socketPath], `looking at ${socketPath}`)).stdout.trim(), user = (await this.h.probe()).user;
    if (state === "missing")
      throw new GantryError(`${this.name}: there is no socket at ${socketPath} (is HAProxy running with \`stats socket ${socketPath} level admin\`?)`);
    if (state === "denied")
      throw new GantryError(
        `${this.name}: user ${user} may not write to ${socketPath} (give its group to the deploy user, or \`stats socket … mode 660 group …\`)`
      );
    this.checkedSockets.add(socketPath);
  }
};
function localExchange(path, text, timeoutMs) {
  return new Promise((res, rej) => {
    let sock = net2.connect(path), out = "", timer = setTimeout(() => sock.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
    sock.setEncoding("utf8"), sock.on("connect", () => sock.end(text)), sock.on("data", (d) => out += d), sock.on("close", () => {
      clearTimeout(timer), res(out);
    }), sock.on("error", (e) => {
      clearTimeout(timer), rej(e);
    });
  });
}

// packages/deploy/src/hosts/ssh/sshhost.ts
var ENV_NAME2 = /^[A-Za-z_][A-Za-z0-9_]*$/, octal = (mode) => (mode & 4095).toString(8), SshHost = class {
  constructor(session, o = {}) {
    this.session = session;
    this.o = o;
  }
  session;
  o;
  facts;
  loopback = new Loopback(this);
  get name() {
    return this.session.label;
  }
  /** Runs one of scripts.ts's constant scripts with its values; the caller reads the exit code. */
  async runScript(script, args, what, o = {}) {
    return this.session.run(shScript(script, args), { ...o, what, allowFailure: !0 });
  }
  /** Throws the failure of a script, naming the host and what it was doing. */
  fail(what, r) {
    let detail = (r.stderr || r.stdout).trim().split(`
`).slice(-3).join(" / ");
    throw new GantryError(`${this.name}: ${what} failed (exit ${r.code})${detail ? `: ${detail}` : ""}`);
  }
  /** What the host has (connects on first use: the host key and the key are checked here). */
  async probe() {
    if (!this.facts) {
      let r = await this.runScript(PROBE, this.o.needs ?? [], "looking at the host");
      r.code !== 0 && this.fail("looking at the host", r), this.facts = parseProbe(r.stdout);
    }
    return this.facts;
  }
  async platform() {
    return (await this.probe()).platform;
  }
  /** The way health probes are made on this host. */
  async probeMethod() {
    if (this.o.probe) return this.o.probe;
    let { has } = await this.probe();
    return has.has("curl") ? "curl" : has.has("wget") ? "wget" : "channel";
  }
  /** Free space (KiB) where a folder is or would be created, and whether the user may create it. */
  async freeSpace(dir) {
    let r = await this.runScript(FREE, [dir], `looking at the free space for ${dir}`);
    r.code !== 0 && this.fail(`looking at the free space for ${dir}`, r);
    let [kib = "", w = "", ...at] = r.stdout.trim().split(" ");
    return { kib: /^\d+$/.test(kib) ? Number(kib) : void 0, writable: w === "writable", at: at.join(" ") };
  }
  /** Whether the host's sshd opens direct-tcpip channels (AllowTcpForwarding), for probes on a host without curl or wget. */
  async channelAllowed(port) {
    let r = await this.session.run("", {
      sshArgs: ["-W", `127.0.0.1:${port}`],
      input: "",
      timeoutMs: 2e4,
      allowFailure: !0,
      ownConnection: !0,
      what: "opening a channel"
    });
    return !/administratively prohibited/.test(r.stderr);
  }
  async exec(argv, o = {}) {
    let r = await this.session.run(shCommand(argv), {
      input: o.input,
      inputFile: o.inputFile,
      timeoutMs: o.timeoutMs,
      allowFailure: !0,
      what: `\`${argv.join(" ")}\``
    }), result = { ...r, command: ["ssh", this.name, ...argv] };
    return r.code !== 0 && !o.allowFailure && this.fail(`\`${argv.join(" ")}\``, result), result;
  }
  async readFile(path) {
    let r = await this.runScript(READ, [path], `reading ${path}`);
    if (r.code !== 3)
      return r.code !== 0 && this.fail(`reading ${path}`, r), r.stdout;
  }
  async readFrom(path, offset, maxBytes) {
    let r = await this.runScript(READ_FROM, [path, Math.max(0, Math.floor(offset)), Math.max(0, Math.floor(maxBytes))], `reading ${path}`);
    if (r.code === 3) return;
    r.code !== 0 && this.fail(`reading ${path}`, r);
    let nl = r.stdout.indexOf(`
`);
    return { size: Number(r.stdout.slice(0, nl).trim()), text: r.stdout.slice(nl + 1) };
  }
  async fileSize(path) {
    let r = await this.runScript(SIZE, [path], `reading the size of ${path}`);
    if (r.code !== 3)
      return r.code !== 0 && this.fail(`reading the size of ${path}`, r), Number(r.stdout.trim());
  }
  async writeFile(path, data, mode = 420) {
    let r = await this.runScript(WRITE, [path, octal(mode)], `writing ${path}`, { input: data });
    r.code !== 0 && this.fail(`writing ${path}`, r);
  }
  async rename(from, to) {
    let r = await this.runScript(RENAME, [from, to], `renaming ${from}`);
    r.code !== 0 && this.fail(`renaming ${from} to ${to}`, r);
  }
  async mkdirp(path, mode = 493) {
    let r = await this.runScript(MKDIRP, [path, octal(mode)], `creating ${path}`);
    r.code !== 0 && this.fail(`creating ${path}`, r);
  }
  async remove(path) {
    let r = await this.runScript(REMOVE, [path], `removing ${path}`);
    r.code !== 0 && this.fail(`removing ${path}`, r);
  }
  async list(dir) {
    let r = await this.runScript(LIST, [dir], `listing ${dir}`);
    return r.code !== 0 && this.fail(`listing ${dir}`, r), r.stdout.split(`
`).filter(Boolean);
  }
  async exists(path) {
    let r = await this.runScript(EXISTS, [path], `looking for ${path}`);
    return r.code !== 0 && r.code !== 3 && this.fail(`looking for ${path}`, r), r.code === 0;
  }
  async sha256(path) {
    let r = await this.runScript(SHA256, [path], `hashing ${path}`);
    if (r.code === 3) return;
    let sha = parseSha(r.stdout);
    return (r.code !== 0 || !sha) && this.fail(`hashing ${path} (needs sha256sum, shasum or openssl)`, r), sha;
  }
  /** Streams the file over the connection after checking the free space; returns the sha256 computed on the host. */
  async upload(localPath, hostPath, mode) {
    let size = (await stat3(localPath)).size, needKiB = Math.ceil(size * 1.1 / 1024) + 1024, r = await this.runScript(UPLOAD, [hostPath, octal(mode), needKiB], `uploading ${formatBytes(size)} to ${hostPath}`, {
      input: await readFile3(localPath),
      timeoutMs: 6e5,
      // A release is megabytes: streamed on an exec channel of its own, not through the host's shell.
      ownChannel: !0
    });
    if (r.code === 28 || /No space left on device/.test(r.stderr))
      throw new GantryError(
        `${this.name}: the disk is full: ${r.stderr.trim().split(`
`).pop()} (the release is ${formatBytes(size)}); free space in state-dir, or lower keep-releases. Nothing was changed on it.`
      );
    let sha = parseSha(r.stdout);
    return (r.code !== 0 || !sha) && this.fail(`uploading to ${hostPath} (needs sha256sum, shasum or openssl)`, r), sha;
  }
  async spawnDetached(spec) {
    let lines = Object.entries(spec.env).map(([k, v]) => {
      if (!ENV_NAME2.test(k) || /[\0\r\n]/.test(v))
        throw new GantryError(`the environment variable ${JSON.stringify(k)} cannot be passed to ${this.name} (one line, a valid name)`);
      return `${k}=${v}
`;
    }), what = `starting ${spec.argv[0]}`, r = await this.runScript(spawnScript(PIDFILE_WRAPPER), [spec.logFile, spec.pidFile, spec.cwd, ...spec.argv], what, { input: lines.join("") }), pid = Number(r.stdout.trim());
    return (r.code !== 0 || !Number.isInteger(pid) || pid <= 1) && this.fail(what, r), pid;
  }
  async processInfo(pid) {
    if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
    let r = await this.runScript(PROCESS, [pid], `looking at process ${pid}`);
    return r.code !== 0 && this.fail(`looking at process ${pid}`, r), parseProcess(r.stdout);
  }
  async signal(pid, signal) {
    if (!Number.isInteger(pid) || pid <= 1) return;
    let r = await this.runScript(SIGNAL, [pid, signal.slice(3)], `sending ${signal} to ${pid}`);
    r.code !== 0 && this.fail(`sending ${signal} to process ${pid}`, r);
  }
  async portFree(port) {
    let r = await this.runScript(LISTENING, [], "listing listening ports");
    return r.code !== 0 && this.fail("listing listening ports (needs /proc or ss)", r), !isListening(r.stdout, port);
  }
  httpGet(port, path, timeoutMs) {
    return this.loopback.httpGet(port, path, timeoutMs);
  }
  socketRequest(socketPath, text, timeoutMs) {
    return this.loopback.socketRequest(socketPath, text, timeoutMs);
  }
  /** See Loopback.checkSocket (HAProxy's preflight through the SSH connection). */
  checkSocket(socketPath, request) {
    return this.loopback.checkSocket(socketPath, request);
  }
  deployer() {
    return { machine: hostname2(), pid: process.pid };
  }
};

// packages/deploy/src/hosts/ssh/connect.ts
var CONTROL_ROOT_MAX = 31;
async function privateDir() {
  let root = tmpdir().length <= CONTROL_ROOT_MAX ? tmpdir() : "/tmp";
  return mkdtemp(join15(root, "gantry-ssh-"));
}
async function openConnections(r, reporter, needs = []) {
  let dir = await privateDir();
  try {
    let config = { controlDir: dir, insecure: r.insecure, options: r.sshOptions };
    if (r.sshKey && (config.keyFile = await writePrivateFile(dir, "key", r.sshKey), await verifyKeyFile(config.keyFile)), r.knownHosts) {
      let text;
      if ("path" in r.knownHosts) {
        let path = r.knownHosts.path;
        text = await readFile4(path, "utf8").catch(() => {
          throw new InputError("known-hosts", path, "no such file; give known_hosts lines or the path of a known_hosts file");
        });
      } else text = r.knownHosts.text;
      checkKnownHosts(text), config.knownHostsFile = await writePrivateFile(dir, "known_hosts", text.endsWith(`
`) ? text : `${text}
`);
    }
    return r.insecure && reporter.warning(
      "ssh-insecure-skip-host-key-check is on: host keys are not checked, so anyone on the network path could pose as these hosts. Use it only for throwaway test hosts."
    ), { hosts: r.hosts.map((h) => new SshHost(new SshSession(h, config), { needs })), saved: { dir, config, hosts: r.hosts } };
  } catch (err) {
    throw await rm3(dir, { recursive: !0, force: !0 }), err;
  }
}
function savedConnections(text) {
  if (text)
    try {
      let v = JSON.parse(text);
      return typeof v.dir == "string" && v.dir.includes("gantry-ssh-") && v.config && Array.isArray(v.hosts) ? v : void 0;
    } catch {
      return;
    }
}
async function closeConnections(saved, live = []) {
  if (!saved.dir.includes("gantry-ssh-")) throw new GantryError(`internal: refusing to remove ${saved.dir}`);
  await Promise.all(live.map((h) => h.session.closeShells?.())), await Promise.all(saved.hosts.map((h) => new SshSession(h, saved.config).close())), await rm3(saved.dir, { recursive: !0, force: !0 });
}

// packages/deploy/src/fleet/fleet.ts
function waves(items, canaryHosts) {
  return canaryHosts <= 0 || canaryHosts >= items.length ? [items.slice()] : [items.slice(0, canaryHosts), items.slice(canaryHosts)];
}
async function runFleet(tasks, plan, reporter, signal) {
  let rollout = new Rollout(reporter), onCancel = () => rollout.fail("deployer", `cancelled (${signal?.reason ?? "signal"})`);
  return signal?.addEventListener("abort", onCancel, { once: !0 }), await rollout.runWaves(tasks, plan), signal?.removeEventListener("abort", onCancel), await rollout.settleHeld(), rollout.result(tasks);
}
var Rollout = class {
  constructor(reporter) {
    this.reporter = reporter;
  }
  reporter;
  outcomes = /* @__PURE__ */ new Map();
  held = [];
  controllers = /* @__PURE__ */ new Map();
  failure;
  /** Stops the rollout at its first failure: every other host still running is aborted. */
  fail(host, reason) {
    if (!this.failure) {
      this.failure = { host, reason }, this.reporter.warning(`rollout stopped: ${host}: ${reason}`);
      for (let [h, c] of this.controllers) h !== host && c.abort(`${host} failed`);
    }
  }
  /** The canary hosts, then the rest, at most max-parallel at once (one for serial); stops at the first failure. */
  async runWaves(tasks, plan) {
    let concurrency = plan.rollout === "serial" ? 1 : Math.max(1, plan.maxParallel);
    for (let wave of waves(tasks, plan.canaryHosts)) {
      let queue = [...wave], workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let t = queue.shift(); t && !this.failure; t = queue.shift()) await this.startHost(t);
      });
      if (await Promise.all(workers), this.failure) break;
    }
  }
  /** Starts one host and waits until it holds (switched and verified) or ends. */
  async startHost(task) {
    let controller = new AbortController();
    this.controllers.set(task.host, controller);
    let reached, holding = new Promise((r) => reached = () => r("held")), release, decision = new Promise((r) => release = r), hold = () => this.failure ? Promise.resolve(`rolled back because ${this.failure.host} failed: ${this.failure.reason}`) : (reached(), decision), done = task.run(hold, controller.signal).catch((err) => ({ host: task.host, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) })), first = await Promise.race([holding, done]);
    if (first === "held") {
      this.held.push({ host: task.host, release, done }), this.reporter.info(`${task.host}: switched and verified; holding the old version warm until the other hosts pass`);
      return;
    }
    this.outcomes.set(task.host, first), this.controllers.delete(task.host), first.outcome !== "promoted" && this.fail(task.host, first.reason ?? first.outcome);
  }
  /** Promotes every held host once all passed; after a failure sends them back instead, newest first (issue 7). */
  async settleHeld() {
    if (this.failure) {
      let reason = `rolled back because ${this.failure.host} failed: ${this.failure.reason}`;
      for (let h of [...this.held].reverse())
        h.release(reason), this.outcomes.set(h.host, await h.done);
    } else {
      for (let h of this.held) h.release(void 0);
      for (let h of this.held) this.outcomes.set(h.host, await h.done);
    }
  }
  /** Every host's outcome in the order of the hosts input; a host never started is `skipped`. */
  result(tasks) {
    let { failure } = this, skipped = (host) => ({
      host,
      outcome: "skipped",
      activeColor: "",
      version: "",
      reason: failure ? `not started: ${failure.host} failed first` : "not started"
    });
    return { hosts: tasks.map((t) => this.outcomes.get(t.host) ?? skipped(t.host)), failure };
  }
};
function fleetOutcome(r) {
  return r.hosts.every((h) => h.outcome === "promoted") ? "promoted" : r.hosts.every((h) => h.outcome === "rolled-back" || h.outcome === "skipped") ? "rolled-back" : "failed";
}

// packages/deploy/src/fleet/preflight.ts
import { stat as stat4 } from "node:fs/promises";
var TOOLS = [
  { any: ["sha256sum", "shasum", "openssl"], why: "to check the uploaded binary's sha256" },
  { any: ["setsid", "nohup"], why: "to start the service so it outlives the SSH session" },
  { any: ["/proc", "ps"], why: "to watch the service's process" },
  { any: ["/proc", "ss"], why: "to see which ports are in use" }
];
async function preflightHost(host, inputs, app) {
  let problems = [], facts = await host.probe();
  for (let t of TOOLS) t.any.some((c) => facts.has.has(c)) || problems.push(`none of ${t.any.join(", ")} is installed (needed ${t.why})`);
  for (let c of routerNeeds(inputs.router)) facts.has.has(c) || problems.push(`\`${c}\` is not installed, and nginx-reload-command needs it`);
  await host.probeMethod() === "channel" && !await host.channelAllowed(inputs.ports.blue) && problems.push(
    "it has neither curl nor wget and its sshd refuses TCP forwarding, so nothing can probe the service's health there; install curl or allow forwarding"
  );
  let stateDir = stateDirFor(inputs, app), runtimeReady = await runtimePreflight(host, inputs, stateDir, app, problems), artifact;
  if (inputs.command === "deploy" && inputs.runtime !== "docker")
    try {
      artifact = await resolveArtifact(inputs.artifact, inputs.manifest, facts.platform);
    } catch (err) {
      problems.push(`${messageOf(err)} (the host is ${formatTarget(facts.platform)})`);
    }
  inputs.command === "deploy" && inputs.runtime === "docker" && runtimeReady && await resolveImage(host, inputs.dockerHost, inputs.artifact, inputs.imageArchive).catch(
    (err) => problems.push(messageOf(err).replace(` on ${host.name}`, ""))
  );
  let free = await host.freeSpace(stateDir);
  if (free.writable || problems.push(`user ${facts.user} may not create ${stateDir} (${free.at} is not writable for it)`), artifact && free.kib !== void 0) {
    let { size } = await stat4(artifact.path), need = Math.ceil(size * 1.1 / 1024) + 1024;
    free.kib < need && problems.push(`the disk is full: ${formatBytes(free.kib * 1024)} free in ${free.at}, the release needs ${formatBytes(need * 1024)}`);
  }
  return problems.push(...await routerProblems(inputs.router, host)), { problems, artifact };
}
async function runtimePreflight(host, inputs, stateDir, app, problems) {
  try {
    return await makeRuntime(inputs, host, stateDir, app).preflight?.(), !0;
  } catch (err) {
    return problems.push(messageOf(err).replace(` on ${host.name}`, "")), !1;
  }
}
async function preflightFleet(hosts, inputs, app) {
  let results = await Promise.allSettled(hosts.map((h) => preflightHost(h, inputs, app))), lines = [];
  if (results.forEach((r, i) => {
    let name = hosts[i].name;
    if (r.status === "rejected") lines.push(`- ${messageOf(r.reason).startsWith(name) ? messageOf(r.reason) : `${name}: ${messageOf(r.reason)}`}`);
    else for (let p of r.value.problems) lines.push(`- ${name}: ${p}`);
  }), lines.length) throw new GantryError(`the hosts are not ready; nothing was changed on any host:
${lines.join(`
`)}`);
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
      t ? `${rate === void 0 ? "no requests" : `${rate.toFixed(2)}%`} (${t.errors}/${t.requests})${t.unreadableLines ? `; ${t.unreadableLines} access-log lines not in gantry's format ignored` : ""}` : "not measured (no router counters)",
      `≤ ${inputs.maxErrorRate}%`,
      result.ok ? "✅" : "❌"
    ]), inputs.maxP95Ms !== void 0 && t?.latencyMs !== void 0 && rows.push([
      `${t.latencyKind === "avg" ? "avg response time (HAProxy)" : "p95 latency"} at ${weight}%`,
      `${t.latencyMs.toFixed(1)} ms`,
      `≤ ${inputs.maxP95Ms} ms`,
      t.latencyMs <= inputs.maxP95Ms ? "✅" : "❌"
    ]);
  }
  return rows.push(...analysisRows(r.result.analysis ?? [])), r.result.switchMs !== void 0 && rows.push(["gate passed → all traffic on new", formatDuration(r.result.switchMs), "", "ℹ️"]), r.result.rollbackMs !== void 0 && rows.push(["failure detected → traffic on old", formatDuration(r.result.rollbackMs), "", "ℹ️"]), rows;
}
function deploySummary(r, inputs) {
  let outcome = reportedOutcome(r), parts = [`### ${outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌"} deploy ${r.app} ${r.result.version}: ${outcome}`, "", outcomeSentence(r), ""];
  r.recovery && parts.push(
    `> Recovered first: an unfinished ${r.recovery.found.command} of ${r.recovery.found.to.version} (${r.recovery.why}) was ${r.recovery.action}.`,
    ""
  );
  let gates = gateRows(r, inputs);
  gates.length && parts.push(table(["Check", "Measured", "Threshold", ""], gates), "");
  let charts = analysisCharts(r.result.analysis ?? []);
  return charts && parts.push("Prometheus analysis per traffic step:", "", charts, ""), parts.push(
    table(
      ["Phase", "Start", "Duration", "Figures"],
      r.timeline.entries.map((e) => [e.phase, e.start.slice(11, 23), formatDuration(e.ms), figures(e)])
    ),
    ""
  ), r.result.logTail && parts.push(details(`last output of ${r.result.version}`, codeBlock(r.result.logTail)), ""), parts.join(`
`);
}

// packages/deploy/src/fleet/report.ts
function fleetReportedOutcome(r) {
  let o = fleetOutcome(r.fleet);
  return r.command === "rollback" ? o === "promoted" ? "rolled-back" : "failed" : o;
}
function hostReportedOutcome(command, h) {
  return command === "rollback" ? h.outcome === "promoted" ? "rolled-back" : h.outcome === "rolled-back" ? "failed" : h.outcome : h.outcome;
}
function common(values) {
  let set = new Set(values.map((v) => v ?? ""));
  return set.size === 1 ? [...set][0] : "";
}
function hostsOutput(r) {
  return r.fleet.hosts.map((h) => ({
    host: h.host,
    outcome: hostReportedOutcome(r.command, h),
    "active-color": h.activeColor,
    version: h.version,
    "previous-version": h.previousVersion ?? "",
    ...h.reason ? { reason: h.reason.split(`
`)[0] } : {}
  }));
}
function setFleetOutputs(r, ctx) {
  let traffic = sumTraffic([...r.reports.values()].flatMap((d) => d.result.traffic ? [d.result.traffic] : [])), rate = traffic ? errorRate(traffic) : void 0;
  ctx.setOutput("outcome", fleetReportedOutcome(r)), ctx.setOutput("active-color", common(r.fleet.hosts.map((h) => h.activeColor))), ctx.setOutput("version", r.version), ctx.setOutput("previous-version", common(r.fleet.hosts.map((h) => h.previousVersion))), ctx.setOutput(
    "timeline",
    [...r.reports.entries()].flatMap(([host, d]) => d.timeline.entries.map((e) => ({ host, ...e })))
  ), ctx.setOutput("error-rate", rate === void 0 ? "" : rate.toFixed(3)), ctx.setOutput(
    "analysis",
    [...r.reports.entries()].flatMap(([host, d]) => (d.result.analysis ?? []).map((m) => ({ host, ...m })))
  ), ctx.setOutput("hosts", hostsOutput(r));
}
function fleetSentence(r) {
  let n = r.fleet.hosts.length, outcome = fleetReportedOutcome(r), took = formatDuration(r.ms);
  if (outcome !== "failed" && !r.fleet.failure) {
    let verb = r.command === "rollback" ? "rolled back to" : "promoted";
    return `${r.app}: ${verb} ${r.version} on all ${n} host(s) in ${took}.`;
  }
  let f = r.fleet.failure, why = f ? `${f.host} failed: ${f.reason.split(`
`)[0]}` : "a host failed", bad = r.fleet.hosts.filter((h) => h.outcome === "unreachable" || h.outcome === "failed"), back = r.fleet.hosts.filter((h) => h.outcome === "rolled-back").map((h) => h.host), parts = [`${r.app}: ${r.command} of ${r.version} stopped: ${why}.`], untouched = r.fleet.hosts.filter((h) => h.outcome === "skipped").map((h) => h.host);
  back.length && parts.push(`Rolled back to their previous version: ${back.join(", ")}.`), untouched.length && parts.push(`Not touched: ${untouched.join(", ")}.`);
  for (let h of bad)
    parts.push(
      h.outcome === "unreachable" ? `${h.host} is unreachable; its journal decides what its next contact completes or rolls back.` : `${h.host}: ${h.reason?.split(`
`)[0] ?? "failed"}.`
    );
  return parts.join(" ");
}
function failureTail(r) {
  let host = r.fleet.failure?.host, d = host ? r.reports.get(host) : void 0;
  return d?.result.logTail ? `last output of ${d.result.version} on ${host}:
${d.result.logTail}` : "";
}
function fleetSummary(r, inputs) {
  let outcome = fleetReportedOutcome(r), icon = outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌", rows = r.fleet.hosts.map((h) => {
    let d = r.reports.get(h.host);
    return [
      h.host,
      hostReportedOutcome(r.command, h),
      h.version ? `${h.version} (${h.activeColor || "?"})` : "—",
      d ? formatDuration(d.timeline.entries.reduce((s, e) => s + e.ms, 0)) : "",
      (h.reason ?? "").split(`
`)[0]
    ];
  }), plan = `rollout ${inputs.remote.rollout}${inputs.remote.rollout === "parallel" ? ` (max-parallel ${inputs.remote.maxParallel})` : ""}${inputs.remote.canaryHosts ? `, canary-hosts ${inputs.remote.canaryHosts}` : ""}`, parts = [`### ${icon} deploy ${r.app} ${r.version} to ${r.fleet.hosts.length} host(s): ${outcome}`, "", fleetSentence(r), "", `_${plan}_`, ""];
  parts.push(table(["Host", "Outcome", "Serving", "Time", "Reason"], rows), "");
  for (let [host, d] of r.reports) parts.push(details(`${host}: ${d.result.outcome}`, deploySummary(d, inputs)), "");
  return parts.join(`
`);
}

// packages/deploy/src/fleet/remote.ts
function hostReporter(r, host) {
  let p = (m) => `${host}: ${m}`;
  return {
    info: (m) => r.info(p(m)),
    debug: (m) => r.debug(p(m)),
    annotate: (a) => r.annotate({ ...a, message: p(a.message) }),
    warning: (m, w) => r.warning(p(m), w),
    notice: (m, w) => r.notice(p(m), w),
    group: (t, fn) => r.group(p(t), fn),
    mask: (s) => r.mask(s),
    flush: () => r.flush()
  };
}
async function fleetApp(inputs) {
  if (inputs.app) return inputs.app;
  if (await exists(inputs.manifest)) return (await readManifest(inputs.manifest)).project;
  throw new InputError("app", "", "it is required when there is no manifest; accepted: the service's name, e.g. hello");
}
function outcomeOf(host, d) {
  return {
    host,
    outcome: d.result.outcome,
    activeColor: d.result.active?.color ?? "",
    version: d.result.active?.version ?? "",
    previousVersion: d.result.previousVersion,
    ...d.result.reason ? { reason: d.result.reason } : {}
  };
}
function failedOutcome(host, err) {
  let lost = err instanceof SshError && err.kind === "unreachable" ? err : host.session.unreachable;
  return lost ? {
    host: host.name,
    outcome: "unreachable",
    activeColor: "",
    version: "",
    reason: `${lost.message}; its journal decides what its next contact (the next deploy or rollback, or this job's post step) completes or rolls back`
  } : { host: host.name, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) };
}
function pauseFor(env, index) {
  if (!env.GANTRY_DEPLOY_PAUSE_AT) return;
  let only = env.GANTRY_DEPLOY_PAUSE_HOST;
  return !only || Number(only) === index + 1 ? env.GANTRY_DEPLOY_PAUSE_AT : void 0;
}
async function runRemote(inputs, ctx, signal) {
  if (inputs.command === "status") throw new GantryError("internal: runRemote does not run status");
  let command = inputs.command, started = performance.now(), app, conn;
  try {
    app = await fleetApp(inputs), conn = await openConnections(inputs.remote, ctx.reporter, routerNeeds(inputs.router)), ctx.state.set(StateKey.Cleanup, JSON.stringify(conn.saved)), await preflightFleet(conn.hosts, inputs, app);
  } catch (err) {
    throw ctx.setOutput("outcome", "failed"), err;
  }
  let saved = { fleet: {}, inputs }, reports = /* @__PURE__ */ new Map(), who = auditWho(ctx.env), tasks = conn.hosts.map((host, i) => ({
    host: host.name,
    run: async (hold, hostSignal) => {
      try {
        let report2 = await runDeploy(inputs, {
          host,
          reporter: hostReporter(ctx.reporter, host.name),
          pauseAt: pauseFor(ctx.env, i),
          signal: AbortSignal.any([signal, hostSignal]),
          beforePromote: hold,
          who,
          onLocked: (runId2, stateDir) => {
            saved.fleet[host.name] = { runId: runId2, stateDir }, savePostState(ctx.state, StateKey.DeployRun, saved, DEPLOY_SECRETS);
          }
        });
        return reports.set(host.name, report2), outcomeOf(host.name, report2);
      } catch (err) {
        return failedOutcome(host, err);
      }
    }
  })), fleet = await runFleet(tasks, inputs.remote, ctx.reporter, signal);
  await Promise.all(conn.hosts.map((h) => h.session.closeShells?.()));
  let version = inputs.version || [...reports.values()][0]?.result.version || fleet.hosts.find((h) => h.version)?.version || "", report = { app, command, version, fleet, reports, ms: performance.now() - started };
  setFleetOutputs(report, ctx), ctx.summary(fleetSummary(report, inputs));
  let ok = fleetOutcome(fleet) === "promoted", tail = failureTail(report);
  if (!ok) throw new GantryError(tail ? `${fleetSentence(report)}
${tail}` : fleetSentence(report));
  ctx.reporter.info(fleetSentence(report));
}
async function remotePost(ctx, savedRun, savedConn) {
  if (!savedConn) return;
  let hosts = [];
  try {
    if (!savedRun || Object.keys(savedRun.fleet).length === 0) return;
    let inputs = savedRun.inputs;
    hosts = savedConn.hosts.map((h) => new SshHost(new SshSession(h, savedConn.config), { needs: routerNeeds(inputs.router) }));
    let mine = (await Promise.all(
      hosts.map(async (host) => {
        let run3 = savedRun.fleet[host.name];
        if (run3)
          try {
            return { host, run: run3, doc: await new Journal(host, run3.stateDir).read("") };
          } catch (err) {
            ctx.reporter.warning(`deploy post step: ${host.name}: ${messageOf(err)}; its next deploy will finish its cutover`);
            return;
          }
      })
    )).filter((d) => d !== void 0), committed = mine.some(
      ({ run: run3, doc }) => doc.cutover?.id === run3.runId && COMMITTED_PHASES.includes(doc.cutover.phase) || doc.history.some((h) => h.id === run3.runId && h.outcome === "promoted")
    ), who = auditWho(ctx.env);
    for (let { host, run: run3, doc } of mine)
      if (doc.cutover?.id === run3.runId) {
        ctx.reporter.warning(`deploy post step: ${host.name} was left at ${doc.cutover.phase}; finishing its cutover now`);
        try {
          let r = await recoverOnly(inputs, run3.stateDir, { host, reporter: hostReporter(ctx.reporter, host.name), who }, { completeHeld: committed });
          r && ctx.reporter.info(
            `${host.name}: ${r.recovery?.action ?? r.result.outcome}: ${r.result.active ? `${r.result.active.version} serves` : "nothing serves"}`
          );
        } catch (err) {
          ctx.reporter.warning(`deploy post step: ${host.name}: recovery failed: ${messageOf(err)}; its next deploy will retry it`);
        }
      }
  } finally {
    await closeConnections(savedConn, hosts);
  }
}

// packages/deploy/src/fleet/status.ts
import { join as join16 } from "node:path";
async function hostStatus(host, inputs, app) {
  let stateDir = stateDirFor(inputs, app);
  try {
    let doc = await new Journal(host, stateDir).read(app), a = doc.active, runtime = makeRuntime(inputs, host, stateDir, app), running = a ? await runtime.alive(a) || await runtime.running(a.color) !== void 0 : !1, routing = await makeRouter(inputs.router, host, app).describe(inputs.ports).catch((err) => `unknown (${messageOf(err)})`), audit2 = parseAudit(await host.readFile(join16(stateDir, AUDIT_FILE)) ?? "").slice(-3), last = doc.history[doc.history.length - 1], c = doc.cutover, flight = c ? ` **In flight:** ${c.command} of ${c.to.version} at ${c.phase} (run ${c.id}); the next run will ${planRecovery(c).kind === "complete" ? "complete" : "roll back"} it.` : "", serving = a ? `${a.version} on ${a.color}, pid ${a.pid} ${running ? "running" : "**not running**"}` : "nothing active", trail = audit2.map((e) => `${e.at.slice(0, 19)} ${e.who}: ${e.command} ${e.version} ${e.outcome}`).join("; ");
    return {
      host: host.name,
      outcome: c ? "in-flight" : last?.outcome ?? "",
      "active-color": a?.color ?? "",
      version: a?.version ?? "",
      "previous-version": doc.previous?.version ?? "",
      detail: `${serving}; router: ${routing}.${flight}${trail ? ` Audit: ${trail}` : ""}`
    };
  } catch (err) {
    return { host: host.name, outcome: "unreachable", "active-color": "", version: "", "previous-version": "", detail: messageOf(err) };
  }
}
var same = (values) => new Set(values).size === 1 ? values[0] : "";
async function remoteStatus(inputs, ctx) {
  let app = await fleetApp(inputs), conn = await openConnections(inputs.remote, ctx.reporter, routerNeeds(inputs.router));
  try {
    let hosts = await Promise.all(conn.hosts.map((h) => hostStatus(h, inputs, app))), outcome = hosts.some((h) => h.outcome === "in-flight") ? "in-flight" : hosts.some((h) => h.outcome === "unreachable") ? "unreachable" : same(hosts.map((h) => h.outcome));
    ctx.setOutput("outcome", outcome), ctx.setOutput("active-color", same(hosts.map((h) => h["active-color"]))), ctx.setOutput("version", same(hosts.map((h) => h.version))), ctx.setOutput("previous-version", same(hosts.map((h) => h["previous-version"]))), ctx.setOutput("timeline", []), ctx.setOutput("error-rate", ""), ctx.setOutput("analysis", []), ctx.setOutput(
      "hosts",
      hosts.map(({ detail: _, ...h }) => h)
    );
    let versions = new Set(hosts.map((h) => h.version)), head = versions.size === 1 && hosts.every((h) => h.outcome !== "unreachable") ? `All ${hosts.length} host(s) serve ${hosts[0]?.version || "nothing"}.` : `The hosts do not all serve the same version (${[...versions].map((v) => v || "nothing").join(", ")}).`;
    ctx.summary(
      [
        `### deploy status: ${app} on ${hosts.length} host(s)`,
        "",
        head,
        "",
        table(
          ["Host", "Version", "Color", "Last outcome", "Details"],
          hosts.map((h) => [h.host, h.version, h["active-color"], h.outcome, h.detail])
        ),
        ""
      ].join(`
`)
    );
  } finally {
    await closeConnections(conn.saved, conn.hosts);
  }
}

// packages/deploy/src/status.ts
async function deployStatus(inputs, ctx, host) {
  let app = inputs.app;
  if (!app && await exists(inputs.manifest)) {
    let project = (await readManifest(inputs.manifest)).project;
    app = project ? checkName(project, APP_NAME, `manifest ${inputs.manifest}: project`, ACCEPTED_APP) : "";
  }
  if (!app) throw new InputError("app", "", "it is required for command: status when there is no manifest; accepted: the service's name");
  let stateDir = stateDirFor(inputs, app), doc = await new Journal(host, stateDir).read(app), runtime = makeRuntime(inputs, host, stateDir, app), active = doc.active, running = active ? await runtime.alive(active) || await runtime.running(active.color) !== void 0 : !1, routing;
  try {
    routing = await makeRouter(inputs.router, host, app).describe(inputs.ports);
  } catch (err) {
    routing = `unknown (${messageOf(err)})`;
  }
  let last = doc.history[doc.history.length - 1];
  ctx.setOutput("outcome", doc.cutover ? "in-flight" : last?.outcome ?? ""), ctx.setOutput("active-color", active?.color ?? ""), ctx.setOutput("version", active?.version ?? ""), ctx.setOutput("previous-version", doc.previous?.version ?? ""), ctx.setOutput("timeline", doc.cutover?.transitions ?? []), ctx.setOutput("error-rate", ""), ctx.setOutput("analysis", []);
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

// packages/deploy/src/stage.ts
function setDeployOutputs(r, ctx) {
  let rate = r.result.traffic ? errorRate(r.result.traffic) : void 0;
  ctx.setOutput("outcome", reportedOutcome(r)), ctx.setOutput("active-color", r.result.active?.color ?? ""), ctx.setOutput("version", r.result.version), ctx.setOutput("previous-version", r.result.previousVersion ?? ""), ctx.setOutput("timeline", r.timeline.entries), ctx.setOutput("error-rate", rate === void 0 ? "" : rate.toFixed(3)), ctx.setOutput("analysis", r.result.analysis ?? []), ctx.setOutput("hosts", [
    {
      host: "local",
      outcome: reportedOutcome(r),
      "active-color": r.result.active?.color ?? "",
      version: r.result.active?.version ?? "",
      "previous-version": r.result.previousVersion ?? "",
      ...r.result.reason ? { reason: r.result.reason.split(`
`)[0] } : {}
    }
  ]);
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
async function run2(inputs, ctx) {
  if (inputs.remote.hosts.length > 0) {
    if (inputs.command === "status") return remoteStatus(inputs, ctx);
    let cancel2 = cancellation();
    try {
      return await runRemote(inputs, ctx, cancel2.signal);
    } finally {
      cancel2.dispose();
    }
  }
  let host = new LocalHost();
  if (inputs.command === "status") return deployStatus(inputs, ctx, host);
  let cancel = cancellation(), report;
  try {
    report = await runDeploy(inputs, {
      host,
      reporter: ctx.reporter,
      pauseAt: ctx.env.GANTRY_DEPLOY_PAUSE_AT || void 0,
      signal: cancel.signal,
      who: auditWho(ctx.env),
      // The inputs ride along (without their secrets) so post works for the CLI too.
      onLocked: (runId2, stateDir) => savePostState(ctx.state, StateKey.DeployRun, { runId: runId2, stateDir, inputs }, DEPLOY_SECRETS)
    });
  } catch (err) {
    throw ctx.setOutput("outcome", "failed"), err;
  } finally {
    cancel.dispose();
  }
  setDeployOutputs(report, ctx), ctx.summary(deploySummary(report, inputs)), report.result.analysis?.length && ctx.reporter.info(`analysis (value per traffic step):
${analysisText(report.result.analysis)}`);
  let tail = report.result.logTail ? `last output of ${report.result.version}:
${report.result.logTail}` : "";
  if (reportedOutcome(report) !== "promoted" && !(inputs.command === "rollback" && reportedOutcome(report) === "rolled-back"))
    throw new GantryError(tail ? `${outcomeSentence(report)}
${tail}` : outcomeSentence(report));
  tail && ctx.reporter.info(tail), ctx.reporter.info(outcomeSentence(report));
}
async function post(ctx) {
  let connections = savedConnections(ctx.state.get(StateKey.Cleanup));
  if (connections) return remotePost(ctx, loadPostState(ctx.state, StateKey.DeployRun, DEPLOY_SECRETS, ctx.env), connections);
  let saved = loadPostState(ctx.state, StateKey.DeployRun, DEPLOY_SECRETS, ctx.env);
  if (!saved) return;
  let { runId: runId2, stateDir, inputs } = saved, host = new LocalHost(), doc = await new Journal(host, stateDir).read("");
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
  secrets: DEPLOY_SECRETS.map((s) => s.input),
  parse(read2, ctx) {
    let inputs = parseDeployInputs(read2, ctx.cwd);
    for (let value of envSecrets(inputs.env)) value.length >= 3 && ctx.reporter.mask(value);
    return inputs;
  },
  run: run2,
  post
};

export {
  COLORS,
  otherColor,
  splitWeights,
  errorRate,
  PHASES,
  COMMITTED_PHASES,
  APP_NAME,
  RELEASE_VERSION,
  FILE_NAME,
  ACCEPTED_FILE_NAME,
  TARGET_NAME,
  checkName,
  ACCEPTED_APP,
  ACCEPTED_VERSION,
  rolesWithin,
  healthGate,
  EARLY_MIN_ERRORS,
  EARLY_MIN_LATENCY_REQUESTS,
  trafficVerdict,
  verifyWindow,
  HEARTBEAT_MS,
  STALE_AFTER_MS,
  OWNER_GRACE_MS,
  BREAK_STALE_MS,
  LockLostError,
  staleReason,
  sameOwner,
  DeployLock,
  resolveArtifact,
  releasesDir,
  releaseDir,
  BASE_ENV,
  renderEnvFile,
  parseEnvFile,
  findRelease,
  releaseEnv,
  stageRelease,
  stageImageRelease,
  pruneReleases,
  HELD_NOTE,
  CutoverEngine,
  sumTraffic,
  trafficFigures,
  waitDrained,
  RouterError,
  parseShowStat,
  serverCounters,
  HAPROXY_NAME,
  HaproxyRouter,
  haproxyProblems,
  splitCommandLine,
  nginxTestCommand,
  HAPROXY_ROLES,
  NGINX_ROLES,
  MIN_TOKEN_LENGTH,
  parseRouterInputs,
  GANTRY_LOG_FORMAT,
  parseLogLine,
  accessLogProblem,
  checkAccessLog,
  LATENCY_SAMPLE,
  UpstreamTally,
  percentile,
  AccessLogTraffic,
  renderUpstream,
  NginxRouter,
  ROUTER_ROLES,
  makeRouter,
  routerNeeds,
  routerProblems,
  HISTORY_LIMIT,
  JOURNAL_FILE,
  emptyJournal,
  Journal,
  checkJournal,
  planRecovery,
  runId,
  recoverCutover,
  ProcessRuntime,
  USER_NAME,
  unwritable,
  unquotable,
  supervisorEnvironment,
  renderProgram,
  withAutostart,
  parseStatus,
  SupervisorRuntime,
  OWNED,
  unitUnfit,
  parseUnitLines,
  renderUnit,
  renderEnvironmentFile,
  parseShow,
  SystemdRuntime,
  AUDIT_FILE,
  auditWho,
  appendAudit,
  parseAudit,
  Timeline,
  makeRuntime,
  stateDirFor,
  runDeploy,
  recoverOnly,
  hostLabel,
  parseHost,
  parseHosts,
  KEY_SHOWN_AS,
  normalizeKey,
  checkPrivateKey,
  checkKnownHosts,
  writePrivateFile,
  verifyKeyFile,
  parseSshOptions,
  optionValue,
  REMOTE_INPUTS,
  REMOTE_ROLES,
  serverPathProblem,
  parseRemoteInputs,
  DEPLOY_INPUTS,
  DEPLOY_ROLES,
  SERVER_PATHS,
  DEPLOY_SECRETS,
  parseSteps,
  parsePorts,
  parseDeployInputs,
  PIDFILE_WRAPPER,
  LOG_MODE,
  LocalHost,
  shQuote,
  shCommand,
  shScript,
  SshError,
  classifySshFailure,
  COMMAND_TIMEOUT_MS,
  AGENT_MAX_INPUT,
  SshSession,
  Loopback,
  SshHost,
  CONTROL_ROOT_MAX,
  openConnections,
  savedConnections,
  closeConnections,
  waves,
  runFleet,
  fleetOutcome,
  preflightHost,
  preflightFleet,
  reportedOutcome,
  outcomeSentence,
  deploySummary,
  fleetReportedOutcome,
  hostReportedOutcome,
  hostsOutput,
  setFleetOutputs,
  fleetSentence,
  failureTail,
  fleetSummary,
  hostReporter,
  fleetApp,
  runRemote,
  remotePost,
  remoteStatus,
  deployStatus,
  setDeployOutputs,
  deployStage
};
