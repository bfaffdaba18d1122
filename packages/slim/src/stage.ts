import { dirname, join } from "node:path";
import { GantryError, type RunContext, type Stage, exists, formatBytes, formatDuration, writeFileAtomic } from "@gantry/core";
import { slimArtifacts } from "./artifacts.js";
import { type BaselineEntry, type BudgetVerdict, checkBudget, readBaseline } from "./budget.js";
import { SLIM_INPUTS, type SlimInputs, parseSlimInputs } from "./inputs.js";
import { filesFromGlobs, planFiles } from "./plan.js";
import { type SlimResult, slimFiles } from "./slim.js";
import { reportOutput, sizeReport, slimSummary } from "./summary.js";

/** The report file beside the manifest: what a later run's `baseline` reads. */
export const REPORT_FILE = "slim-report.json";

/** Runs the slim stage: manifest or globs, then the budget, outputs, report file and summary. */
export async function runSlim(
  inputs: SlimInputs,
  ctx: RunContext,
): Promise<{ result: SlimResult; budget: BudgetVerdict; manifest: string; reportFile: string }> {
  const senv = { reporter: ctx.reporter, env: ctx.env, cwd: inputs.cwd };
  let result: SlimResult;
  let manifest = "";
  if (inputs.files.length > 0) {
    result = await slimFiles(await planFiles(await filesFromGlobs(inputs.files, inputs.cwd), inputs.cwd), inputs, senv);
  } else {
    if (!(await exists(inputs.manifest))) {
      throw new GantryError(`no manifest at ${inputs.manifest}: run go-build first, set manifest to its artifacts.json, or list executables in files`);
    }
    result = await slimArtifacts(inputs.manifest, inputs, senv);
    manifest = inputs.manifest;
  }
  let baseline: BaselineEntry[] | undefined;
  if (inputs.baseline) {
    const b = await readBaseline(inputs.baseline);
    if ("missing" in b) ctx.reporter.warning(`${b.missing}: max-growth is not checked this time (the first run on a branch has none)`);
    else baseline = b;
  }
  const budget = checkBudget(result.files, inputs.maxSize, inputs.maxGrowth, baseline);
  const reportFile = inputs.reportFile || (manifest ? join(dirname(manifest), REPORT_FILE) : "");
  const report = sizeReport(result.files);
  if (reportFile) await writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  ctx.setOutput("report", reportOutput(result.files));
  ctx.setOutput("total-before", report["total-before"]);
  ctx.setOutput("total-after", report["total-after"]);
  ctx.setOutput("manifest", manifest);
  ctx.setOutput("report-file", reportFile);
  ctx.summary(slimSummary(result.files, budget));
  ctx.reporter.debug(`slim: ${formatDuration(result.timing.totalMs)} in all, ${formatDuration(result.timing.toolMs)} in the tools it ran`);
  if (budget.failed.length > 0) {
    const lines = budget.failed.map((r) => `- ${r.path} (${r.target}, ${formatBytes(r.size)}): ${r.over.join("; ")}`);
    throw new GantryError(`over the size budget:\n${lines.join("\n")}`);
  }
  return { result, budget, manifest, reportFile };
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
