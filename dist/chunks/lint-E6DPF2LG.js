import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  describeExit,
  findTool,
  runVet,
  toolResult,
  unavailableLayer
} from "./chunk-J4YPHHGS.js";
import {
  exec,
  lastLines
} from "./chunk-FZKQP3XX.js";
import "./chunk-3VH2S33U.js";
import "./chunk-6LYVYBIT.js";

// packages/go-test/src/lint.ts
import { resolve } from "node:path";
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
      file: p.location.file ? resolve(cwd, p.location.file) : "",
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
  if (!vet && !sc)
    return unavailableLayer("lint", `staticcheck is not installed (go install ${STATICCHECK}) and the vet layer already ran go vet`, ctx.optional);
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
export {
  STATICCHECK,
  STATICCHECK_VERSION,
  parseStaticcheck,
  runLintLayer,
  runStaticcheck
};
