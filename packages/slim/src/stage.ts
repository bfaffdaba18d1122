import { dirname, join } from "node:path";
import { GantryError, type RunContext, type Stage, exists, formatBytes, formatDuration } from "@gantry/core";
import { prepareArtifacts } from "./artifacts.js";
import { type BaselineEntry, type BudgetVerdict, checkBudget, readBaseline } from "./budget.js";
import { SLIM_INPUTS, type SlimInputs, parseSlimInputs } from "./inputs.js";
import { filesFromGlobs, planFiles } from "./plan.js";
import { type PreparedSlim, type SlimResult, prepareSlim } from "./slim.js";
import { reportOutput, sizeReport, slimSummary } from "./summary.js";

/** The report file beside the manifest: what a later run's `baseline` reads. */
export const REPORT_FILE = "slim-report.json";

/**
 * Runs the slim stage: manifest or globs, then the budget, outputs, report file and summary.
 * Every change is staged first and put in place only when the budget holds: a run that fails
 * for any reason leaves every file as it was (issue 10).
 */
export async function runSlim(
  inputs: SlimInputs,
  ctx: RunContext,
): Promise<{ result: SlimResult; budget: BudgetVerdict; manifest: string; reportFile: string }> {
  const senv = { reporter: ctx.reporter, env: ctx.env, cwd: inputs.cwd };
  let prepared: PreparedSlim;
  let manifest = "";
  if (inputs.files.length > 0) {
    prepared = await prepareSlim(await planFiles(await filesFromGlobs(inputs.files, inputs.cwd), inputs.cwd), inputs, senv);
  } else {
    if (!(await exists(inputs.manifest))) {
      throw new GantryError(`no manifest at ${inputs.manifest}: run go-build first, set manifest to its artifacts.json, or list executables in files`);
    }
    prepared = await prepareArtifacts(inputs.manifest, inputs, senv);
    manifest = inputs.manifest;
  }
  try {
    const budget = checkBudget(prepared.files, inputs.maxSize, inputs.maxGrowth, await baselineOf(inputs, ctx));
    const reportFile = inputs.reportFile || (manifest ? join(dirname(manifest), REPORT_FILE) : "");
    const report = sizeReport(prepared.files);
    ctx.setOutput("report", reportOutput(prepared.files));
    ctx.setOutput("total-before", report["total-before"]);
    ctx.setOutput("total-after", report["total-after"]);
    ctx.setOutput("manifest", manifest);
    ctx.setOutput("report-file", reportFile);
    ctx.summary(slimSummary(prepared.files, budget));
    ctx.reporter.debug(`slim: ${formatDuration(prepared.timing.totalMs)} in all, ${formatDuration(prepared.timing.toolMs)} in the tools it ran`);
    if (budget.failed.length > 0) {
      const lines = budget.failed.map((r) => `- ${r.path} (${r.target}, ${formatBytes(r.size)}): ${r.over.join("; ")}`);
      throw new GantryError(`over the size budget; no file was changed:\n${lines.join("\n")}`);
    }
    if (reportFile) await prepared.changes.write(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    await prepared.changes.commit();
    return { result: prepared, budget, manifest, reportFile };
  } finally {
    await prepared.changes.discard();
  }
}

/** The previous run's report for max-growth; a missing one is a warning (the first run on a branch). */
async function baselineOf(inputs: SlimInputs, ctx: RunContext): Promise<BaselineEntry[] | undefined> {
  if (!inputs.baseline) return undefined;
  const b = await readBaseline(inputs.baseline);
  if (!("missing" in b)) return b;
  ctx.reporter.warning(`${b.missing}: max-growth is not checked this time (the first run on a branch has none)`);
  return undefined;
}

export const slimStage: Stage<SlimInputs> = {
  name: "slim",
  description: "Make binaries smaller (strip, UPX) and prove they still start; size report, top packages and a size budget.",
  inputs: SLIM_INPUTS,
  parse: (read, ctx) => parseSlimInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    await runSlim(inputs, ctx);
  },
};
