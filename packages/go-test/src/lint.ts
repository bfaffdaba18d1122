import { resolve } from "node:path";
import { exec, lastLines } from "@gantry/core";
import type { Finding } from "./locate.js";
import type { LayerResult } from "./results.js";
import { type ToolLayerContext, describeExit, findTool, runVet, toolResult, unavailableLayer } from "./tools.js";

/** The staticcheck version the lint layer's notice says to install: tools/staticcheck/go.mod's (test/toolchain.test.ts checks). */
export const STATICCHECK_VERSION = "v0.8.2";
export const STATICCHECK = `honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}`;

/** One line of `staticcheck -f json` (https://staticcheck.dev/docs/running-staticcheck/cli/formatters/). */
interface Problem {
  code: string;
  severity?: string;
  location: { file: string; line: number; column?: number };
  message: string;
}

/** staticcheck's JSON lines as findings at file:line:col, `message (SA4000)`. */
export function parseStaticcheck(stdout: string, cwd: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of stdout.split("\n")) {
    let p: Problem;
    try {
      p = JSON.parse(line) as Problem;
    } catch {
      continue; // not a problem line (staticcheck writes only those to stdout)
    }
    if (!p?.location || typeof p.message !== "string") continue;
    findings.push({
      file: p.location.file ? resolve(cwd, p.location.file) : "",
      line: p.location.line,
      col: p.location.column || undefined,
      message: `${p.message} (${p.code})`,
    });
  }
  return findings;
}

/** staticcheck on the packages; it exits 1 when it finds something, and with findings the layer fails. */
export async function runStaticcheck(bin: string, packages: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<LayerResult> {
  const r = await exec(bin, ["-f", "json", ...packages], { cwd, env, allowFailure: true });
  const findings = parseStaticcheck(r.stdout, cwd);
  const ok = r.code === 0;
  const log = `${findings.map((f) => `${f.file}:${f.line}:${f.col ?? 0}: ${f.message}`).join("\n")}\n${r.stderr}`;
  const reason = ok || findings.length > 0 ? undefined : `staticcheck ${describeExit(r.code, r.signal)}: ${lastLines(r.stderr || r.stdout, 3)}`;
  return toolResult("lint", ok, findings, log, r.durationMs, reason);
}

/** lint = go vet's analyzers (unless the vet layer just ran them) plus staticcheck when it is installed. */
export async function runLintLayer(ctx: ToolLayerContext, vetRan: boolean): Promise<LayerResult> {
  const started = performance.now();
  const vet = vetRan ? undefined : await runVet(ctx.go, ctx.packages, ctx.cwd, ctx.env, "lint");
  const bin = await findTool("staticcheck", ctx.env, await ctx.goEnv());
  if (!bin)
    ctx.reporter.notice(
      `lint: staticcheck is not installed (not on PATH, GOBIN or GOPATH/bin), so lint ran ${vet ? "go vet only" : "nothing beyond the vet layer"}; install it with go install ${STATICCHECK}`,
    );
  const sc = bin ? await runStaticcheck(bin, ctx.packages, ctx.cwd, ctx.env) : undefined;
  if (!vet && !sc)
    return unavailableLayer("lint", `staticcheck is not installed (go install ${STATICCHECK}) and the vet layer already ran go vet`, ctx.optional);
  const parts = [vet, sc].filter((x): x is LayerResult => x !== undefined);
  const failed = parts.some((x) => x.status === "failed");
  return {
    ...(parts[0] as LayerResult),
    layer: "lint",
    status: failed ? "failed" : "passed",
    reason: parts.map((x) => x.reason).find(Boolean) ?? (sc ? undefined : "staticcheck not installed: go vet only"),
    findings: parts.flatMap((x) => x.findings),
    log: parts.map((x) => x.log ?? "").join(""),
    durationMs: performance.now() - started,
  };
}
