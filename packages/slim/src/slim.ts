import { chmod, readFile, rm, stat } from "node:fs/promises";
import { relative } from "node:path";
import { GantryError, type Reporter, sha256, sha256File } from "@gantry/core";
import { type ExecutableInfo, parseExecutable } from "./binfmt.js";
import type { SlimInputs } from "./inputs.js";
import { type PackageSize, packageSizes } from "./packages.js";
import type { PlannedFile } from "./plan.js";
import { Replacements } from "./replace.js";
import { type StripTool, runStrip, stripCandidates, stripNotApplicable } from "./striptool.js";
import { type Upx, resolveUpx, upxPack, upxTest, upxUnsafeReason } from "./upx.js";
import { loadedSectionsDiffer, runnerFor, smokeRun } from "./verify.js";

/** What slim needs of a stage's inputs (go-build passes its own choices). */
export type SlimOptions = Pick<
  SlimInputs,
  | "strip"
  | "upx"
  | "upxVersion"
  | "upxArgs"
  | "upxSha256"
  | "upxDownloadBaseUrl"
  | "verify"
  | "smokeArgs"
  | "smokeTimeoutMs"
  | "onVerifyFailure"
  | "keepOriginal"
  | "reportPackages"
>;

export interface SlimEnv {
  reporter: Reporter;
  env: NodeJS.ProcessEnv;
  /** Paths in the report are relative to this folder. */
  cwd: string;
}

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

/** A file whose slimmed copy failed a check; the original stays. */
class VerifyFailure extends Error {}

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
  const tempPath = (file: string, step: string) => changes.tempFor(file, step);
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
  const { reporter, env } = senv;
  const temps: string[] = [];

  // Tools are settled before any file is touched, so `true` fails early and cleanly.
  const stripTools = new Map<string, StripTool[]>();
  if (options.strip !== "false") {
    for (const f of files) {
      const key = `${f.info.format}/${f.info.arch}`;
      if (!stripTools.has(key)) stripTools.set(key, await timed(() => stripCandidates(f.info, env)));
      if (options.strip === "true" && !stripNotApplicable(f.info) && (stripTools.get(key) ?? []).length === 0) {
        throw new GantryError(
          `strip: true, but no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch} (${relative(senv.cwd, f.path)}); install binutils for it (e.g. binutils-aarch64-linux-gnu, binutils-mingw-w64-x86-64) or llvm`,
        );
      }
    }
  }
  let upx: Upx | undefined;
  let upxMissing: string | undefined;
  const wantsUpx = options.upx !== "false" && files.some((f) => !f.info.upxPacked && !upxUnsafeReason(f.info));
  if (wantsUpx) {
    const found = await timed(() =>
      resolveUpx(
        { version: options.upxVersion, baseUrl: options.upxDownloadBaseUrl, sha256: options.upxSha256, install: options.upx === "true", env },
        reporter,
      ),
    );
    if ("reason" in found) {
      if (options.upx === "true") throw new GantryError(`upx: true, but UPX cannot be had: ${found.reason}`);
      upxMissing = found.reason;
      reporter.info(`upx: not packing: ${found.reason}`);
    } else {
      upx = found;
      reporter.info(`upx ${upx.version} from ${upx.source}: ${upx.path}`);
    }
  }

  const results: { file: PlannedFile; final: string; report: FileReport }[] = [];
  const failures: string[] = [];
  try {
    for (const f of files) {
      const shown = relative(senv.cwd, f.path) || f.path;
      const steps: string[] = [];
      const skipped: string[] = [];
      const verified: string[] = [];
      const report: FileReport = { path: shown.split("\\").join("/"), target: f.target, before: f.size, after: f.size, ratio: 1, steps, sha256: "" };
      let current = f.path;
      let currentInfo: ExecutableInfo = f.info;
      let currentSize = f.size;

      if (options.reportPackages && f.info.go) {
        const sizes = await timed(() => packageSizes(f.path, f.info.sections, env));
        if ("packages" in sizes) report.packages = sizes.packages.slice(0, 15);
        else report["packages-reason"] = sizes.reason;
      }

      try {
        if (options.strip !== "false") {
          const na = stripNotApplicable(f.info);
          if (na) skipped.push(`strip: ${na}`);
          else {
            const problems: string[] = [];
            for (const tool of stripTools.get(`${f.info.format}/${f.info.arch}`) ?? []) {
              const out = tempPath(f.path, "strip");
              temps.push(out);
              const err = await timed(() => runStrip(tool, f.path, out, env));
              if (err) {
                problems.push(`${tool.name}: ${err}`);
                continue;
              }
              const bytes = await readFile(out);
              let info: ExecutableInfo;
              try {
                info = parseExecutable(bytes);
              } catch (e) {
                problems.push(`${tool.name} wrote an unreadable file: ${(e as Error).message}`);
                continue;
              }
              const diff = loadedSectionsDiffer(f.bytes, f.info, bytes, info);
              if (diff) {
                problems.push(`${tool.name} changed what the program loads: ${diff}`);
                continue;
              }
              current = out;
              currentInfo = info;
              currentSize = bytes.length;
              steps.push(`strip (${tool.name})`);
              verified.push("loaded sections unchanged");
              break;
            }
            if (current === f.path) {
              const why = problems.length ? problems.join(" · ") : `no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch}`;
              if (options.strip === "true") throw new GantryError(`${shown}: strip failed: ${why}`);
              skipped.push(`strip: ${why}`);
              if (problems.length) reporter.warning(`${shown}: not stripped: ${why}`);
            }
          }
        }

        if (options.upx !== "false") {
          const unsafe = f.info.upxPacked ? "already packed by UPX" : upxUnsafeReason(f.info);
          if (unsafe) {
            skipped.push(`upx: ${unsafe}`);
            if (!f.info.upxPacked) reporter.notice(`${shown}: not packed with UPX: ${unsafe}`);
          } else if (!upx) {
            skipped.push(`upx: ${upxMissing ?? "not available"}`);
          } else {
            const out = tempPath(f.path, "upx");
            temps.push(out);
            await rm(out, { force: true }); // UPX will not write over an existing file
            const r = await timed(() => upxPack(upx as Upx, current, out, options.upxArgs, env));
            if (!r.packed) {
              const what = `UPX ${r.exception}${r.message ? `: ${r.message}` : ""}`;
              skipped.push(`upx: ${what}`);
              if (r.skip) reporter.notice(`${shown}: left unpacked: ${what}`);
              else if (options.upx === "true") throw new GantryError(`${shown}: ${what}`);
              else reporter.warning(`${shown}: left unpacked: ${what}`);
            } else {
              const packedSize = (await stat(out)).size;
              if (packedSize >= currentSize) {
                skipped.push(`upx: the packed file (${packedSize} B) is not smaller than ${currentSize} B`);
              } else {
                if (options.verify) {
                  const bad = await timed(() => upxTest(upx as Upx, out, env));
                  if (bad) throw new VerifyFailure(`upx -t failed: ${bad}`);
                  verified.push("upx -t");
                }
                current = out;
                currentSize = packedSize;
                steps.push(`upx ${options.upxArgs.join(" ")} (${(upx as Upx).version})`.replace("  ", " "));
              }
            }
          }
        }

        if (options.verify && options.smokeArgs.length > 0 && current !== f.path) {
          const runner = await timed(() => runnerFor(currentInfo, env));
          if ("reason" in runner) {
            verified.push(`not run: ${runner.reason}`);
          } else {
            const before = await timed(() => smokeRun(f.path, runner, options.smokeArgs, options.smokeTimeoutMs, env));
            if (!before.ok) {
              reporter.warning(`${shown}: smoke test not judged: the original itself fails: ${before.problem}`);
              verified.push("not run: the original fails the smoke test too");
            } else {
              const after = await timed(() => smokeRun(current, runner, options.smokeArgs, options.smokeTimeoutMs, env));
              if (!after.ok) throw new VerifyFailure(`the slimmed binary fails its smoke test: ${after.problem?.replace(current, shown)}`);
              verified.push(`ran ${runner.label}: ${after.firstLine}`);
            }
          }
        }
      } catch (err) {
        if (!(err instanceof VerifyFailure)) throw err;
        const msg = `${shown}: ${err.message}; the original is kept`;
        failures.push(msg);
        skipped.push(`verify: ${err.message}`);
        steps.length = 0;
        current = f.path;
        currentSize = f.size;
        if (options.onVerifyFailure === "restore-and-warn") reporter.warning(msg);
      }
      if (skipped.length) report["skipped-reason"] = skipped.join("; ");
      if (verified.length) report.verified = verified;
      report.after = currentSize;
      report.ratio = Math.round((currentSize / f.size) * 10_000) / 10_000;
      results.push({ file: f, final: current, report });
    }

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
    await Promise.all(temps.filter((t) => !results.some((r) => r.final === t && changes.staged(r.file.path) === t)).map((t) => rm(t, { force: true })));
  }
  return { files: results.map((r) => r.report), upx, timing: { totalMs: performance.now() - started, toolMs }, changes };
}
