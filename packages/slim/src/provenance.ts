import { type Manifest, type Reporter, exists, parseChecksums, provenanceJson, readProvenance, reissueStatement, resolveInManifest } from "@gantry/core";
import type { Replacements } from "./replace.js";
import type { SlimOptions } from "./slim.js";

/**
 * go-build's provenance statement kept true after slim (issue 15): when slim rewrites binaries,
 * archives and checksums.txt, the statement beside the manifest is re-issued in the same staged
 * set (nothing is replaced until everything is), with the new checksums.txt lines as subjects,
 * slim's byte-changing inputs as `externalParameters.slim`, and each replaced file's go-build
 * digest as a resolved dependency. A run that changes no byte leaves the statement as it was.
 */

/** The stage whose output slim rewrites: resolved dependencies are named `go-build:<file>`. */
const BUILT_BY = "go-build";

/** slim's inputs that decide the bytes it writes, each as given. */
export function slimByteInputs(o: SlimOptions): Record<string, string> {
  return { strip: o.strip, upx: o.upx, "upx-version": o.upxVersion, "upx-args": o.upxArgs.join(" ") };
}

/** What one slim run did to the files of a manifest. */
export interface SlimmedFiles {
  /** Every file slim replaced (binaries, archives; names as in checksums.txt) with its sha256 before. */
  before: ReadonlyMap<string, string>;
  /** Every binary and archive of the manifest with its sha256 now. */
  after: ReadonlyMap<string, string>;
  /** checksums.txt as staged, when the manifest has one. */
  checksums?: string;
}

/** Stages the re-issued statement in `changes`; returns its path, or undefined when it stays as it was. */
export async function stageProvenance(
  manifestPath: string,
  manifest: Manifest,
  files: SlimmedFiles,
  options: SlimOptions,
  changes: Replacements,
  reporter: Reporter,
): Promise<string | undefined> {
  if (!manifest.provenance || files.before.size === 0) return undefined;
  const path = resolveInManifest(manifestPath, manifest.provenance);
  if (!(await exists(path))) {
    reporter.warning(`${manifest.provenance}: the manifest names this provenance statement but it is missing, so it was not re-issued for the slimmed files`);
    return undefined;
  }
  const prev = await readProvenance(path);
  const subjects =
    files.checksums !== undefined
      ? parseChecksums(files.checksums)
      : prev.subject.map((s) => ({ name: s.name, sha256: files.after.get(s.name) ?? s.digest.sha256 }));
  const replaced = [...files.before]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, sha256]) => ({ name: `${BUILT_BY}:${name}`, digest: { sha256 } }));
  const statement = reissueStatement(prev, { stage: "slim", inputs: slimByteInputs(options), subjects, replaced, finishedOn: new Date() });
  await changes.write(path, provenanceJson(statement));
  return path;
}
