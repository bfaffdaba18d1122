import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  describeExit,
  findTool,
  toolResult,
  unavailableLayer
} from "./chunk-J4YPHHGS.js";
import {
  exec,
  isExecutable,
  lastLines
} from "./chunk-FZKQP3XX.js";
import "./chunk-3VH2S33U.js";
import "./chunk-6LYVYBIT.js";

// packages/go-test/src/vuln.ts
import { join } from "node:path";
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
  let details = (e?.details ?? "").replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(details)?.[0] ?? details;
}
function vulnFindings(report, modules, cwd) {
  let findings = [], seen = /* @__PURE__ */ new Set(), called = /* @__PURE__ */ new Set(), all = /* @__PURE__ */ new Set();
  for (let f of report.findings) {
    all.add(f.osv);
    let [sink, ...callers] = f.trace;
    if (!sink?.function) continue;
    called.add(f.osv);
    let at = callers.find((c) => c.position && modules.some((m) => m.path === c.module)), root = modules.find((m) => m.path === at?.module)?.dir ?? cwd, file = at?.position ? join(root, at.position.filename) : "", key = `${f.osv} ${file}:${at?.position?.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let found = sink.version ? `${sink.module}@${sink.version}` : sink.module, fixed = f.fixed_version ? `fixed in ${f.fixed_version}` : "no fixed version yet", call = at ? `${frameName(at)} calls ${frameName(sink)}` : `calls ${frameName(sink)}`;
    findings.push({
      file,
      line: at?.position?.line ?? 0,
      col: at?.position?.column,
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
  return r.code === 0 && await isExecutable(join(binDir, "govulncheck")) ? { bin: join(binDir, "govulncheck") } : { why: `go install ${GOVULNCHECK} failed: ${lastLines(r.stderr || r.stdout, 1) || describeExit(r.code, r.signal)}` };
}
async function runVulnLayer(ctx) {
  let bin = await findTool("govulncheck", ctx.env, await ctx.goEnv());
  if (!bin) {
    ctx.reporter.info(`govulncheck is not installed; installing ${GOVULNCHECK}`);
    let installed = await installGovulncheck(ctx.go, join(ctx.workDir, "bin"), ctx.cwd, ctx.env);
    if (!installed.bin) {
      let why = `govulncheck is not installed and could not be installed (${installed.why}); the vuln layer did not run. Install it with go install ${GOVULNCHECK}`;
      return ctx.reporter.notice(why), unavailableLayer("vuln", why, ctx.optional);
    }
    bin = installed.bin;
  }
  return ctx.reporter.info(`govulncheck ${ctx.db ? `-db ${ctx.db} ` : ""}${ctx.packages.join(" ")}`), runGovulncheck(bin, ctx.packages, { cwd: ctx.cwd, env: ctx.env, db: ctx.db, modules: ctx.modules });
}
export {
  GOVULNCHECK,
  GOVULNCHECK_VERSION,
  installGovulncheck,
  jsonValues,
  parseVulnReport,
  runGovulncheck,
  runVulnLayer,
  vulnFindings
};
