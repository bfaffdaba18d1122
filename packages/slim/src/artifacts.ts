import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { GantryError, InputReader, type Manifest, readManifest, resolveInManifest, sha256, writeManifest } from "@gantry/core";
import { SLIM_INPUTS, parseSlimInputs } from "./inputs.js";
import { planFiles } from "./plan.js";
import { stageProvenance } from "./provenance.js";
import { rearchive, updateChecksums } from "./rearchive.js";
import { Replacements } from "./replace.js";
import { type FileReport, type PreparedSlim, type SlimEnv, type SlimOptions, type SlimResult, prepareSlim } from "./slim.js";

export interface SlimArtifactsResult extends SlimResult {
  manifest: Manifest;
  manifestPath: string;
  /** Archives rewritten with the slimmed binary inside. */
  rearchived: string[];
  /** go-build's provenance statement, when it was re-issued for the slimmed files (issue 15). */
  provenance?: string;
}

/** slimArtifacts' work, checked and staged but not yet in place. */
export interface PreparedArtifacts extends SlimArtifactsResult, PreparedSlim {}

/**
 * Slims every binary an artifacts.json lists and updates the manifest in place: each entry's
 * size, sha256 and `slim` record, its archive (the binary member replaced, go-build's
 * reproducible settings kept) with `archive-sha256`, and the lines of checksums.txt. This is
 * the function go-build calls after its binaries are built, with its own `upx`/`strip` choices.
 */
export async function slimArtifacts(manifestPath: string, options: SlimOptions, senv: SlimEnv): Promise<SlimArtifactsResult> {
  const prepared = await prepareArtifacts(manifestPath, options, senv);
  await prepared.changes.commit();
  return prepared;
}

/**
 * Everything slimArtifacts changes (binaries, archives, checksums.txt, the manifest) staged in
 * one set and nothing replaced, so a caller can still refuse it (the size budget) and leave
 * every file as it was (issue 10).
 */
export async function prepareArtifacts(manifestPath: string, options: SlimOptions, senv: SlimEnv): Promise<PreparedArtifacts> {
  const manifest = await readManifest(manifestPath);
  const entries = manifest.artifacts.map((a) => ({ a, path: resolveInManifest(manifestPath, a.path) }));
  const planned = await planFiles(
    entries.map((e) => ({ path: e.path, target: e.a.target, input: "manifest", named: `${manifestPath} (${e.a.target}: ${e.a.path})` })),
    senv.cwd,
  );
  const changes = new Replacements();
  try {
    const result = await prepareSlim(planned, options, senv, changes);
    const sums = new Map<string, string>();
    const before = new Map<string, string>();
    const rearchived: string[] = [];
    for (const [i, { a, path }] of entries.entries()) {
      const r = result.files[i] as FileReport;
      if (r.sha256 !== a.sha256) before.set(a.path, a.sha256);
      a.size = r.after;
      a.sha256 = r.sha256;
      a.slim = { before: r.before, after: r.after, steps: r.steps, ...(r["skipped-reason"] ? { "skipped-reason": r["skipped-reason"] } : {}) };
      sums.set(a.path, r.sha256);
      const slimmed = changes.staged(path);
      if (a.archive && slimmed) {
        const archive = await stageArchive(resolveInManifest(manifestPath, a.archive), basename(path), slimmed, changes, a.archive, a.path);
        if (!archive.reproducible)
          senv.reporter.warning(`${a.archive}: rewritten with the slimmed binary, but its original compression settings could not be reproduced`);
        if (a["archive-sha256"] && a["archive-sha256"] !== archive.sha256) before.set(a.archive, a["archive-sha256"]);
        a["archive-sha256"] = archive.sha256;
        sums.set(a.archive, archive.sha256);
        rearchived.push(a.archive);
      }
    }
    let checksums: string | undefined;
    if (typeof manifest.checksums === "string") {
      const file = resolveInManifest(manifestPath, manifest.checksums);
      const text = await readFile(file, "utf8").catch(() => undefined);
      checksums = text === undefined ? undefined : updateChecksums(text, sums);
      if (checksums !== undefined) await changes.write(file, checksums);
    }
    const provenance = await stageProvenance(manifestPath, manifest, { before, after: sums, checksums }, options, changes, senv.reporter);
    const staged = changes.tempFor(manifestPath, "manifest");
    await writeManifest(staged, manifest);
    changes.add(manifestPath, staged);
    return { ...result, changes, manifest, manifestPath, rearchived, ...(provenance ? { provenance } : {}) };
  } catch (err) {
    await changes.discard();
    throw err;
  }
}

/** Stages the archive with the slimmed binary in place of `member`. */
async function stageArchive(
  archivePath: string,
  member: string,
  slimmed: string,
  changes: Replacements,
  shownArchive: string,
  shownBinary: string,
): Promise<{ sha256: string; reproducible: boolean }> {
  let bytes: Uint8Array;
  let reproducible: boolean;
  try {
    ({ bytes, reproducible } = await rearchive(archivePath, member, slimmed));
  } catch (err) {
    throw new GantryError(`${shownArchive} could not be rewritten with the slimmed ${shownBinary} (${(err as Error).message}); no file was changed`);
  }
  await changes.write(archivePath, bytes);
  return { sha256: sha256(bytes), reproducible };
}

/** slim's defaults (the action's input table) with some choices overridden, e.g. go-build's `upx`. */
export function slimOptions(overrides: Partial<SlimOptions> = {}): SlimOptions {
  return { ...parseSlimInputs(new InputReader(() => undefined, SLIM_INPUTS), "."), ...overrides };
}

/**
 * go-build's `upx` input: this engine on go-build's fresh binaries (already stripped at link
 * time, so only UPX runs); it rewrites the archives, checksums.txt and the manifest, and returns
 * the manifest it wrote. go-build never imports slim: whoever assembles the go-build stage (its
 * action, the pipeline) hands it this function.
 */
export async function packWithUpx(manifestPath: string, upx: "auto" | "true", senv: SlimEnv): Promise<Manifest> {
  return (await slimArtifacts(manifestPath, slimOptions({ upx, strip: "false", reportPackages: false }), senv)).manifest;
}
