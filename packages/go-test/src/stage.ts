import { GantryError, type RunContext, type Stage, formatDuration } from "@gantry/core";
import { annotate, workspacePath } from "./annotate.js";
import { formatPercent } from "./coverage.js";
import { GO_TEST_INPUTS, type GoTestInputs, parseGoTestInputs } from "./inputs.js";
import { layerCounts } from "./results.js";
import { type GoTestResult, failedTests, goTest } from "./run.js";
import { redactingReporter, redactor } from "./secrets.js";
import { goTestSummary } from "./summary.js";

/** The `results` output: per layer, in the order run (issue 5, "Outputs"). Durations in seconds. */
export function resultsOutput(r: GoTestResult): Record<string, object> {
  const out: Record<string, object> = {};
  for (const l of r.layers) {
    out[l.layer] = { status: l.status, ...layerCounts(l), duration: Math.round(l.durationMs) / 1000, ...(l.reason ? { reason: l.reason } : {}) };
  }
  return out;
}

/** Sets the outputs named in action.yml. */
export function setGoTestOutputs(r: GoTestResult, ctx: RunContext): void {
  ctx.setOutput("results", resultsOutput(r));
  ctx.setOutput("coverage", r.coverage === undefined ? "" : formatPercent(r.coverage));
  ctx.setOutput("coverage-profile", r.coverageProfile ?? "");
  ctx.setOutput("junit", r.junit);
  ctx.setOutput(
    "failed-tests",
    failedTests(r, (f) => workspacePath(f, ctx.cwd)),
  );
}

/** One sentence for the step's failure. */
export function failureSentence(r: GoTestResult): string {
  const parts = r.layers
    .filter((l) => l.status === "failed")
    .map((l) => {
      const c = layerCounts(l);
      return `${l.layer} failed (${l.reason && c.failed === 0 ? l.reason.split("\n")[0] : `${c.failed} failure(s)`})`;
    });
  const notRun = r.layers.filter((l) => l.status === "not-run").map((l) => l.layer);
  if (notRun.length > 0) parts.push(`not run: ${notRun.join(", ")}`);
  if (r.coverageFailure) parts.push(r.coverageFailure);
  return `go-test: ${parts.join("; ")}`;
}

export const goTestStage: Stage<GoTestInputs> = {
  name: "go-test",
  description: "Layered Go tests (vet, unit, race, integration, e2e, vuln, lint) with annotations at the failing line, JUnit and coverage gates.",
  inputs: GO_TEST_INPUTS,
  parse: (read, ctx) => parseGoTestInputs(read, ctx.cwd, (s) => ctx.reporter.mask(s)),
  async run(inputs, ctx) {
    // Secrets are masked for the runner's log when parsed; the summary and annotations are cut here too (issue 10).
    const redact = redactor(inputs.secrets);
    try {
      await runGoTest(inputs, { ...ctx, reporter: redactingReporter(ctx.reporter, redact), summary: (md) => ctx.summary(redact(md)) });
    } catch (err) {
      if (err instanceof GantryError) throw new GantryError(redact(err.message));
      throw err;
    }
  },
};

/** The stage's run: the layers, then annotations, outputs, the summary and the verdict. */
async function runGoTest(inputs: GoTestInputs, ctx: RunContext): Promise<void> {
  const r = await goTest(inputs, ctx);
  annotate(r.layers, ctx.cwd, ctx.reporter);
  setGoTestOutputs(r, ctx);
  ctx.summary(
    goTestSummary({
      layers: r.layers,
      passed: r.passed,
      coverage: r.coverage,
      minCoverage: inputs.minCoverage,
      coverageProfile: r.coverageProfile,
      junit: r.junit,
      logs: r.logs,
      workspace: ctx.cwd,
      goVersion: r.goVersion,
    }),
  );
  ctx.reporter.debug(`go-test: ${formatDuration(r.durationMs)} in all`);
  if (!r.passed) throw new GantryError(failureSentence(r));
}
