import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { MANIFEST_FILE, exists, readManifest, resolveInManifest } from "@gantry/core";
import { OWNER_FILE, STAGING_PREFIX, claimStaging, guardStaging, removeStaleStaging } from "./staging.js";

/** The files a previous run's manifest says it wrote (binaries' folders, archives, checksums, itself). */
async function previousOutputs(outDir: string): Promise<string[]> {
  const manifestPath = join(outDir, MANIFEST_FILE);
  if (!(await exists(manifestPath))) return [];
  try {
    const m = await readManifest(manifestPath);
    const files = new Set<string>([manifestPath]);
    if (m.checksums) files.add(resolveInManifest(manifestPath, m.checksums));
    if (m.provenance) files.add(resolveInManifest(manifestPath, m.provenance));
    for (const a of m.artifacts) {
      const bin = resolveInManifest(manifestPath, a.path);
      // A binary lives in its own folder directly under out-dir: remove the folder.
      files.add(dirname(bin) === resolve(outDir) ? bin : dirname(bin));
      if (a.archive) files.add(resolveInManifest(manifestPath, a.archive));
    }
    // Never reach outside out-dir, whatever the manifest says.
    return [...files].filter((f) => !relative(resolve(outDir), f).startsWith("..") && resolve(f) !== resolve(outDir));
  } catch {
    return [manifestPath];
  }
}

/**
 * A build writes into a staging folder inside out-dir, owned by this process (staging.ts): a
 * SIGTERM or SIGINT removes it before the process exits, and a later run removes one a killed
 * run left once its owner is gone. Only when every target built does
 * `commit()` replace the previous run's outputs; `abandon()` removes the staging folder and
 * the previous outputs, so nothing stale is left looking current beside a failed build.
 */
export class OutDir {
  private constructor(
    readonly dir: string,
    readonly staging: string,
    /** Staging folders that killed runs had left, removed on open. */
    readonly removedStale: readonly string[],
    private readonly guard: { release: () => void },
  ) {}

  static async open(dir: string): Promise<OutDir> {
    await mkdir(dir, { recursive: true });
    const removedStale = await removeStaleStaging(dir);
    const staging = await mkdtemp(join(dir, STAGING_PREFIX));
    const guard = guardStaging(staging);
    try {
      await claimStaging(staging);
    } catch (err) {
      guard.release();
      await rm(staging, { recursive: true, force: true });
      throw err;
    }
    return new OutDir(dir, staging, removedStale, guard);
  }

  /** Path in the staging folder for a name relative to out-dir. */
  staged(name: string): string {
    return join(this.staging, name);
  }

  async commit(): Promise<void> {
    for (const f of await previousOutputs(this.dir)) await rm(f, { recursive: true, force: true });
    const names = (await readdir(this.staging)).filter((n) => n !== OWNER_FILE);
    // The manifest goes last: whoever sees it sees a complete set.
    names.sort((a, b) => Number(a === MANIFEST_FILE) - Number(b === MANIFEST_FILE));
    for (const n of names) {
      await rm(join(this.dir, n), { recursive: true, force: true });
      await rename(join(this.staging, n), join(this.dir, n));
    }
    await rm(this.staging, { recursive: true, force: true });
    this.guard.release();
  }

  async abandon(): Promise<string[]> {
    const removed = await previousOutputs(this.dir);
    for (const f of removed) await rm(f, { recursive: true, force: true });
    await rm(this.staging, { recursive: true, force: true });
    this.guard.release();
    return removed;
  }
}
