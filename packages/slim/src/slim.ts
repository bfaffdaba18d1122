import { chmod, rm } from "node:fs/promises";
import { relative } from "node:path";
import { GantryError, sha256, sha256File } from "@gantry/core";
import { type PackageSize, packageSizes } from "./packages.js";
import type { PlannedFile } from "./plan.js";
import { Replacements } from "./replace.js";
import { type FileWork, type StepContext, VerifyFailure, settleTools, smokeStep, stripStep, upxStep } from "./steps.js";
import type { Upx } from "./upx.js";
import type { SlimEnv, SlimOptions } from "./options.js";

// steps.ts runs with the same options and env, so their types live below both (options.ts).
export type { SlimEnv, SlimOptions } from "./options.js";

/** One line of the size report (the `report` output). */
export interface FileReport {
  path: string;
  target: string;
  before: number;
  after: number;
  /** after / before. */
  ratio: number;
  steps: string[];
  "skipped-reason"?: string;
  sha256: string;
  /** How the result was checked (`upx -t`, `ran natively`, `sections compared`). */
  verified?: string[];
  packages?: PackageSize[];
  "packages-reason"?: string;
}

export interface SlimResult {
  files: FileReport[];
  upx?: Upx;
  /** Wall time of slimFiles and the part spent waiting for strip, upx, nm and the smoke runs. */
  timing: { totalMs: number; toolMs: number };
}

/** Slimmed copies checked and staged; nothing is replaced until `changes.commit()`. */
export interface PreparedSlim extends SlimResult {
  changes: Replacements;
}

/** Slims, checks and replaces every planned file (prepareSlim, then commit). */
export async function slimFiles(files: readonly PlannedFile[], options: SlimOptions, senv: SlimEnv): Promise<SlimResult> {
  const prepared = await prepareSlim(files, options, senv);
  await prepared.changes.commit();
  return prepared;
}

/**
 * Slims every planned file into a temporary copy (strip, then UPX) and checks each copy; the
 * copies that pass are staged in `changes` (given, so a caller can add its archives and manifest
 * to the same all-or-nothing set) and nothing is replaced yet. A copy that fails a check is
 * dropped: with on-verify-failure `fail` the step fails and nothing is staged; with
 * `restore-and-warn` that file keeps its original and the rest go on.
 */
export async function prepareSlim(
  files: readonly PlannedFile[],
  options: SlimOptions,
  senv: SlimEnv,
  changes: Replacements = new Replacements(),
): Promise<PreparedSlim> {
  const started = performance.now();
  let toolMs = 0;
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      toolMs += performance.now() - t;
    }
  };
  const c: StepContext = {
    options,
    senv,
    tools: await settleTools(files, options, senv, timed),
    temps: [],
    tempFor: (file, step) => changes.tempFor(file, step),
    timed,
  };
  const results: { file: PlannedFile; final: string; report: FileReport }[] = [];
  const failures: string[] = [];
  try {
    for (const f of files) results.push(await slimOne(f, c, failures));
    if (failures.length > 0 && options.onVerifyFailure === "fail") {
      throw new GantryError(`verification failed; no file was changed:\n${failures.map((m) => `- ${m}`).join("\n")}`);
    }
    // Every check passed: stage the copies (keep-original will leave the originals as <name>.orig).
    for (const { file, final, report } of results) {
      if (final !== file.path) {
        await chmod(final, file.mode);
        report.sha256 = await sha256File(final);
        changes.add(file.path, final, options.keepOriginal ? `${file.path}.orig` : undefined);
      } else report.sha256 = sha256(file.bytes);
    }
  } catch (err) {
    await changes.discard();
    throw err;
  } finally {
    // Intermediate copies (a stripped file that UPX then packed) are not staged.
    const staged = (t: string) => results.some((r) => r.final === t && changes.staged(r.file.path) === t);
    await Promise.all(c.temps.filter((t) => !staged(t)).map((t) => rm(t, { force: true })));
  }
  return { files: results.map((r) => r.report), upx: c.tools.upx, timing: { totalMs: performance.now() - started, toolMs }, changes };
}

/**
 * One file through strip, UPX and the smoke run. A copy that fails a check is dropped (the
 * original is the result) and the failure added to `failures`.
 */
async function slimOne(f: PlannedFile, c: StepContext, failures: string[]): Promise<{ file: PlannedFile; final: string; report: FileReport }> {
  const { options, senv } = c;
  const shown = relative(senv.cwd, f.path) || f.path;
  const w: FileWork = { file: f, shown, current: f.path, currentInfo: f.info, currentSize: f.size, steps: [], skipped: [], verified: [] };
  const report: FileReport = { path: shown.split("\\").join("/"), target: f.target, before: f.size, after: f.size, ratio: 1, steps: w.steps, sha256: "" };
  if (options.reportPackages && f.info.go) {
    const sizes = await c.timed(() => packageSizes(f.path, f.info.sections, senv.env));
    if ("packages" in sizes) report.packages = sizes.packages.slice(0, 15);
    else report["packages-reason"] = sizes.reason;
  }
  try {
    if (options.strip !== "false") await stripStep(w, c);
    if (options.upx !== "false") await upxStep(w, c);
    if (options.verify && options.smokeArgs.length > 0 && w.current !== f.path) await smokeStep(w, c);
  } catch (err) {
    if (!(err instanceof VerifyFailure)) throw err;
    const msg = `${shown}: ${err.message}; the original is kept`;
    failures.push(msg);
    w.skipped.push(`verify: ${err.message}`);
    w.steps.length = 0;
    w.current = f.path;
    w.currentSize = f.size;
    if (options.onVerifyFailure === "restore-and-warn") senv.reporter.warning(msg);
  }
  if (w.skipped.length) report["skipped-reason"] = w.skipped.join("; ");
  if (w.verified.length) report.verified = w.verified;
  report.after = w.currentSize;
  report.ratio = Math.round((w.currentSize / f.size) * 10_000) / 10_000;
  return { file: f, final: w.current, report };
}
