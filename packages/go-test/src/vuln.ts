import { join } from "node:path";
import { exec, isExecutable, lastLines } from "@gantry/core";
import type { Finding, ModuleRoot } from "./locate.js";
import type { LayerResult } from "./results.js";
import { type ToolLayerContext, describeExit, findTool, toolResult, unavailableLayer } from "./tools.js";

/** The govulncheck version the action installs when none is found: tools/govulncheck/go.mod's (test/toolchain.test.ts checks). */
export const GOVULNCHECK_VERSION = "v1.9.0";
export const GOVULNCHECK = `golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}`;

/** One frame of a govulncheck trace (https://pkg.go.dev/golang.org/x/vuln/internal/govulncheck, protocol v1.0.0). */
interface Frame {
  module: string;
  version?: string;
  package?: string;
  function?: string;
  receiver?: string;
  /** Relative to the frame's module folder. */
  position?: { filename: string; line: number; column?: number };
}

interface OsvEntry {
  id: string;
  summary?: string;
  details?: string;
}

/** What govulncheck's JSON stream says: the advisories it loaded and its findings. */
export interface VulnReport {
  osv: Map<string, OsvEntry>;
  findings: { osv: string; fixed_version?: string; trace: Frame[] }[];
}

/**
 * Splits govulncheck's `-format json` output, a stream of indented JSON objects one after
 * another (not JSON lines), into its values.
 */
export function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (depth++ === 0) start = i;
    } else if ((c === "}" || c === "]") && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

export function parseVulnReport(text: string): VulnReport {
  const report: VulnReport = { osv: new Map(), findings: [] };
  for (const v of jsonValues(text) as Record<string, unknown>[]) {
    if (v.osv) report.osv.set((v.osv as OsvEntry).id, v.osv as OsvEntry);
    if (v.finding) report.findings.push(v.finding as VulnReport["findings"][number]);
  }
  return report;
}

/** `greet.Greeting`, `store.Client.Get`: how govulncheck's text output names a frame. */
function frameName(f: Frame): string {
  const pkg = (f.package ?? f.module).split("/").pop();
  return [pkg, f.receiver?.replace(/^\*/, ""), f.function].filter(Boolean).join(".");
}

/** The advisory's one-line title: its summary, else the first sentence of its details. */
function title(e: OsvEntry | undefined): string {
  if (e?.summary) return e.summary;
  const details = (e?.details ?? "").replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(details)?.[0] ?? details;
}

/**
 * Findings that reach the code: a trace whose first frame is a vulnerable function, annotated at
 * the call in the user's module nearest to it (trace[1…], innermost first). Findings at module or
 * package level only (imported, never called) do not fail the layer, as in govulncheck's text mode.
 */
export function vulnFindings(report: VulnReport, modules: readonly ModuleRoot[], cwd: string): { findings: Finding[]; uncalled: Set<string> } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const called = new Set<string>();
  const all = new Set<string>();
  for (const f of report.findings) {
    all.add(f.osv);
    const [sink, ...callers] = f.trace;
    if (!sink?.function) continue;
    called.add(f.osv);
    const at = callers.find((c) => c.position && modules.some((m) => m.path === c.module));
    const root = modules.find((m) => m.path === at?.module)?.dir ?? cwd;
    const file = at?.position ? join(root, at.position.filename) : "";
    const key = `${f.osv} ${file}:${at?.position?.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = sink.version ? `${sink.module}@${sink.version}` : sink.module;
    const fixed = f.fixed_version ? `fixed in ${f.fixed_version}` : "no fixed version yet";
    const call = at ? `${frameName(at)} calls ${frameName(sink)}` : `calls ${frameName(sink)}`;
    findings.push({
      file,
      line: at?.position?.line ?? 0,
      col: at?.position?.column,
      message: `${f.osv}: ${title(report.osv.get(f.osv))} (${call}; ${found}, ${fixed})`,
    });
  }
  return { findings, uncalled: new Set([...all].filter((id) => !called.has(id))) };
}

/** govulncheck on the packages, against `db` (its `-db`) when set. Exit 0 in JSON mode whatever it finds. */
export async function runGovulncheck(
  bin: string,
  packages: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; db?: string; modules: readonly ModuleRoot[] },
): Promise<LayerResult> {
  const args = ["-format", "json", ...(opts.db ? ["-db", opts.db] : []), ...packages];
  const r = await exec(bin, args, { cwd: opts.cwd, env: opts.env, allowFailure: true });
  if (r.code !== 0) {
    // The database is fetched before any code is read: an unreachable one is the likely failure offline.
    const dbWhy = /fetching vulnerabilities|vuln\.go\.dev|unrecognized vulndb format|dial tcp|no such host/i.test(r.stderr)
      ? `; could it reach the vulnerability database ${opts.db ?? "https://vuln.go.dev"}? Set vuln-db to a mirror (a URL or a folder in govulncheck's format)`
      : "";
    return toolResult(
      "vuln",
      false,
      [],
      r.stderr,
      r.durationMs,
      `govulncheck ${describeExit(r.code, r.signal)}: ${lastLines(r.stderr || r.stdout, 3)}${dbWhy}`,
    );
  }
  const report = parseVulnReport(r.stdout);
  const { findings, uncalled } = vulnFindings(report, opts.modules, opts.cwd);
  const log = [
    ...findings.map((f) => `${f.file ? `${f.file}:${f.line}:${f.col ?? 0}: ` : ""}${f.message}`),
    ...(uncalled.size > 0 ? [`${uncalled.size} more in required modules or imported packages, never called: ${[...uncalled].join(", ")}`] : []),
    `govulncheck: ${findings.length} vulnerable call(s) found`,
  ].join("\n");
  return toolResult("vuln", findings.length === 0, findings, `${log}\n${r.stderr}`, r.durationMs);
}

/**
 * Installs the pinned govulncheck into a folder of its own (not the user's GOPATH) when none is
 * found. Not tried when module downloads are off (GOPROXY=off).
 */
export async function installGovulncheck(go: string, binDir: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ bin?: string; why?: string }> {
  if ((env.GOPROXY ?? "").trim() === "off") return { why: "GOPROXY=off forbids downloading it" };
  const r = await exec(go, ["install", GOVULNCHECK], { cwd, env: { ...env, GOBIN: binDir, GOFLAGS: "" }, allowFailure: true, timeoutMs: 180_000 });
  if (r.code === 0 && (await isExecutable(join(binDir, "govulncheck")))) return { bin: join(binDir, "govulncheck") };
  return { why: `go install ${GOVULNCHECK} failed: ${lastLines(r.stderr || r.stdout, 1) || describeExit(r.code, r.signal)}` };
}

/**
 * The vuln layer: govulncheck from PATH, GOBIN or GOPATH/bin, else the pinned one installed into
 * this run's folder; when neither, the layer is skipped with a notice that says how to install it.
 */
export async function runVulnLayer(ctx: ToolLayerContext & { db?: string; workDir: string }): Promise<LayerResult> {
  let bin = await findTool("govulncheck", ctx.env, await ctx.goEnv());
  if (!bin) {
    ctx.reporter.info(`govulncheck is not installed; installing ${GOVULNCHECK}`);
    const installed = await installGovulncheck(ctx.go, join(ctx.workDir, "bin"), ctx.cwd, ctx.env);
    if (!installed.bin) {
      const why = `govulncheck is not installed and could not be installed (${installed.why}); the vuln layer did not run. Install it with go install ${GOVULNCHECK}`;
      ctx.reporter.notice(why);
      return unavailableLayer("vuln", why, ctx.optional);
    }
    bin = installed.bin;
  }
  ctx.reporter.info(`govulncheck ${ctx.db ? `-db ${ctx.db} ` : ""}${ctx.packages.join(" ")}`);
  return runGovulncheck(bin, ctx.packages, { cwd: ctx.cwd, env: ctx.env, db: ctx.db, modules: ctx.modules });
}
