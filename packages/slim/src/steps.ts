import { readFile, rm, stat } from "node:fs/promises";
import { relative } from "node:path";
import { GantryError } from "@gantry/core";
import { type ExecutableInfo, parseExecutable } from "./binfmt.js";
import type { PlannedFile } from "./plan.js";
import type { SlimEnv, SlimOptions } from "./options.js";
import { type StripTool, runStrip, stripCandidates, stripNotApplicable } from "./striptool.js";
import { type Upx, resolveUpx, upxPack, upxTest, upxUnsafeReason } from "./upx.js";
import { loadedSectionsDiffer, runnerFor, smokeRun } from "./verify.js";

/** The steps slim takes on one file (strip, UPX, the smoke run), each on the copy the last one made. */

/** One file's copy so far, and what its report will say. */
export interface FileWork {
  file: PlannedFile;
  /** Its path as shown to the user. */
  shown: string;
  /** The latest copy (the original until a step makes one). */
  current: string;
  currentInfo: ExecutableInfo;
  currentSize: number;
  steps: string[];
  skipped: string[];
  verified: string[];
}

/** What the steps share: the options, the tools settled up front, the temp files, the tool clock. */
export interface StepContext {
  options: SlimOptions;
  senv: SlimEnv;
  tools: SlimTools;
  /** Every temp file made, for the caller to clean up. */
  temps: string[];
  tempFor(file: string, step: string): string;
  /** Runs a tool, counting its time. */
  timed<T>(fn: () => Promise<T>): Promise<T>;
}

export interface SlimTools {
  /** Strip candidates per `format/arch`. */
  strip: Map<string, StripTool[]>;
  upx?: Upx;
  /** Why there is no UPX, when there is none. */
  upxMissing?: string;
}

/** A file whose slimmed copy failed a check; the original stays. */
export class VerifyFailure extends Error {}

/** Finds the tools before any file is touched, so `strip: true` or `upx: true` fails early and cleanly. */
export async function settleTools(files: readonly PlannedFile[], options: SlimOptions, senv: SlimEnv, timed: StepContext["timed"]): Promise<SlimTools> {
  const { reporter, env } = senv;
  const tools: SlimTools = { strip: new Map() };
  if (options.strip !== "false") {
    for (const f of files) {
      const key = `${f.info.format}/${f.info.arch}`;
      if (!tools.strip.has(key)) tools.strip.set(key, await timed(() => stripCandidates(f.info, env)));
      if (options.strip === "true" && !stripNotApplicable(f.info) && (tools.strip.get(key) ?? []).length === 0) {
        throw new GantryError(
          `strip: true, but no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch} (${relative(senv.cwd, f.path)}); install binutils for it (e.g. binutils-aarch64-linux-gnu, binutils-mingw-w64-x86-64) or llvm`,
        );
      }
    }
  }
  const wantsUpx = options.upx !== "false" && files.some((f) => !f.info.upxPacked && !upxUnsafeReason(f.info));
  if (!wantsUpx) return tools;
  const found = await timed(() =>
    resolveUpx({ version: options.upxVersion, baseUrl: options.upxDownloadBaseUrl, sha256: options.upxSha256, install: options.upx === "true", env }, reporter),
  );
  if ("reason" in found) {
    if (options.upx === "true") throw new GantryError(`upx: true, but UPX cannot be had: ${found.reason}`);
    tools.upxMissing = found.reason;
    reporter.info(`upx: not packing: ${found.reason}`);
  } else {
    tools.upx = found;
    reporter.info(`upx ${found.version} from ${found.source}: ${found.path}`);
  }
  return tools;
}

/**
 * Strips with the first candidate whose copy still loads the same program: a tool that fails,
 * writes an unreadable file or changes a loaded section is passed over (issue 10), and with
 * none left the original stays (or, with `strip: true`, the step fails).
 */
export async function stripStep(w: FileWork, c: StepContext): Promise<void> {
  const { file: f, shown } = w;
  const na = stripNotApplicable(f.info);
  if (na) {
    w.skipped.push(`strip: ${na}`);
    return;
  }
  const problems: string[] = [];
  for (const tool of c.tools.strip.get(`${f.info.format}/${f.info.arch}`) ?? []) {
    const out = c.tempFor(f.path, "strip");
    c.temps.push(out);
    const err = await c.timed(() => runStrip(tool, f.path, out, c.senv.env));
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
    w.current = out;
    w.currentInfo = info;
    w.currentSize = bytes.length;
    w.steps.push(`strip (${tool.name})`);
    w.verified.push("loaded sections unchanged");
    return;
  }
  const why = problems.length ? problems.join(" · ") : `no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch}`;
  if (c.options.strip === "true") throw new GantryError(`${shown}: strip failed: ${why}`);
  w.skipped.push(`strip: ${why}`);
  if (problems.length) c.senv.reporter.warning(`${shown}: not stripped: ${why}`);
}

/** Packs the current copy with UPX when that is safe and smaller; `upx -t` checks it when verify is on. */
export async function upxStep(w: FileWork, c: StepContext): Promise<void> {
  const { file: f, shown } = w;
  const { reporter, env } = c.senv;
  const upx = c.tools.upx;
  const unsafe = f.info.upxPacked ? "already packed by UPX" : upxUnsafeReason(f.info);
  if (unsafe) {
    w.skipped.push(`upx: ${unsafe}`);
    if (!f.info.upxPacked) reporter.notice(`${shown}: not packed with UPX: ${unsafe}`);
    return;
  }
  if (!upx) {
    w.skipped.push(`upx: ${c.tools.upxMissing ?? "not available"}`);
    return;
  }
  const out = c.tempFor(f.path, "upx");
  c.temps.push(out);
  await rm(out, { force: true }); // UPX will not write over an existing file
  const r = await c.timed(() => upxPack(upx, w.current, out, c.options.upxArgs, env));
  if (!r.packed) {
    const what = `UPX ${r.exception}${r.message ? `: ${r.message}` : ""}`;
    w.skipped.push(`upx: ${what}`);
    if (r.skip) reporter.notice(`${shown}: left unpacked: ${what}`);
    else if (c.options.upx === "true") throw new GantryError(`${shown}: ${what}`);
    else reporter.warning(`${shown}: left unpacked: ${what}`);
    return;
  }
  const packedSize = (await stat(out)).size;
  if (packedSize >= w.currentSize) {
    w.skipped.push(`upx: the packed file (${packedSize} B) is not smaller than ${w.currentSize} B`);
    return;
  }
  if (c.options.verify) {
    const bad = await c.timed(() => upxTest(upx, out, env));
    if (bad) throw new VerifyFailure(`upx -t failed: ${bad}`);
    w.verified.push("upx -t");
  }
  w.current = out;
  w.currentSize = packedSize;
  w.steps.push(`upx ${c.options.upxArgs.join(" ")} (${upx.version})`.replace("  ", " "));
}

/** Runs the original and the slimmed copy with the smoke arguments; the copy must pass where the original does. */
export async function smokeStep(w: FileWork, c: StepContext): Promise<void> {
  const { file: f, shown } = w;
  const { options, senv } = c;
  const runner = await c.timed(() => runnerFor(w.currentInfo, senv.env));
  if ("reason" in runner) {
    w.verified.push(`not run: ${runner.reason}`);
    return;
  }
  const before = await c.timed(() => smokeRun(f.path, runner, options.smokeArgs, options.smokeTimeoutMs, senv.env));
  if (!before.ok) {
    senv.reporter.warning(`${shown}: smoke test not judged: the original itself fails: ${before.problem}`);
    w.verified.push("not run: the original fails the smoke test too");
    return;
  }
  const after = await c.timed(() => smokeRun(w.current, runner, options.smokeArgs, options.smokeTimeoutMs, senv.env));
  if (!after.ok) throw new VerifyFailure(`the slimmed binary fails its smoke test: ${after.problem?.replace(w.current, shown)}`);
  w.verified.push(`ran ${runner.label}: ${after.firstLine}`);
}
