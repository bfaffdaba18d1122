import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { GantryError, InputReader, type Manifest, readManifest, resolveInManifest, sha256, writeFileAtomic, writeManifest } from "@gantry/core";
import { SLIM_INPUTS, parseSlimInputs } from "./inputs.js";
import { planFiles } from "./plan.js";
import { rearchive, updateChecksums } from "./rearchive.js";
import { type FileReport, type SlimEnv, type SlimOptions, type SlimResult, slimFiles } from "./slim.js";

export interface SlimArtifactsResult extends SlimResult {
  manifest: Manifest;
  manifestPath: string;
  /** Archives rewritten with the slimmed binary inside. */
  rearchived: string[];
}

/**
 * Slims every binary an artifacts.json lists and updates the manifest in place: each entry's
 * size, sha256 and `slim` record, its archive (the binary member replaced, go-build's
 * reproducible settings kept) with `archive-sha256`, and the lines of checksums.txt. This is
 * the function go-build calls after its binaries are built, with its own `upx`/`strip` choices.
 */
export async function slimArtifacts(manifestPath: string, options: SlimOptions, senv: SlimEnv): Promise<SlimArtifactsResult> {
  const manifest = await readManifest(manifestPath);
  const entries = manifest.artifacts.map((a) => ({ a, path: resolveInManifest(manifestPath, a.path) }));
  const planned = await planFiles(
    entries.map((e) => ({ path: e.path, target: e.a.target, input: "manifest", named: `${manifestPath} (${e.a.target}: ${e.a.path})` })),
    senv.cwd,
  );
  const result = await slimFiles(planned, options, senv);
  const sums = new Map<string, string>();
  const rearchived: string[] = [];
  for (const [i, { a, path }] of entries.entries()) {
    const r = result.files[i] as FileReport;
    const changed = r.sha256 !== a.sha256;
    a.size = r.after;
    a.sha256 = r.sha256;
    a.slim = { before: r.before, after: r.after, steps: r.steps, ...(r["skipped-reason"] ? { "skipped-reason": r["skipped-reason"] } : {}) };
    sums.set(a.path, r.sha256);
    if (a.archive && changed) {
      const archivePath = resolveInManifest(manifestPath, a.archive);
      try {
        const { bytes, reproducible } = await rearchive(archivePath, basename(path), path);
        if (!reproducible)
          senv.reporter.warning(`${a.archive}: rewritten with the slimmed binary, but its original compression settings could not be reproduced`);
        await writeFileAtomic(archivePath, bytes);
        a["archive-sha256"] = sha256(bytes);
        sums.set(a.archive, a["archive-sha256"]);
        rearchived.push(a.archive);
      } catch (err) {
        throw new GantryError(
          `${a.archive} could not be rewritten with the slimmed ${a.path} (${(err as Error).message}); the binaries are slimmed but the archive still holds the originals`,
        );
      }
    }
  }
  if (typeof manifest.checksums === "string") {
    const file = resolveInManifest(manifestPath, manifest.checksums);
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) await writeFileAtomic(file, updateChecksums(text, sums));
  }
  await writeManifest(manifestPath, manifest);
  return { ...result, manifest, manifestPath, rearchived };
}

/** slim's defaults (the action's input table) with some choices overridden, e.g. go-build's `upx`. */
export function slimOptions(overrides: Partial<SlimOptions> = {}): SlimOptions {
  return { ...parseSlimInputs(new InputReader(() => undefined, SLIM_INPUTS), "."), ...overrides };
}
