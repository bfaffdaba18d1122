import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, mkdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { writeNewFile } from "@gantry/core";

/** One file to replace: `source` (a staged file beside `target`) takes its place. */
interface Replacement {
  target: string;
  source: string;
  /** Where the original goes once everything is in place (keep-original's `<name>.orig`). */
  keepAs?: string;
}

/**
 * The files one slim run changes (binaries, archives, checksums.txt, the manifest, the report),
 * applied together or not at all (issue 10: a run that fails for any reason, the size budget
 * included, leaves every file as it was). Each replacement is staged beside its target first;
 * `commit` keeps a hard link to every original, renames the replacements in, and on any error
 * puts every original back. Only then are the originals dropped or kept as `<name>.orig`.
 */
export class Replacements {
  private readonly items: Replacement[] = [];
  /** Random, so another user cannot plant a name this run will write to (issue 10). */
  private readonly tag = `${process.pid}-${randomBytes(6).toString("hex")}`;

  /**
   * A temporary path beside `target`, so the rename that replaces it is atomic. Not core's
   * tempPathBeside: the steps of one target (strip, upx, new, was) need names of their own that
   * the glob of binaries skips (a leading dot) and that say which run and step made them.
   */
  tempFor(target: string, step: string): string {
    return join(dirname(target), `.${basename(target)}.slim-${this.tag}-${step}`);
  }

  /** Stages an existing file `source` (beside `target`) to replace it. */
  add(target: string, source: string, keepAs?: string): void {
    if (this.items.some((r) => r.target === target)) throw new Error(`${target} is staged twice`);
    this.items.push({ target, source, ...(keepAs ? { keepAs } : {}) });
  }

  /** Stages new contents for `target` (a file that may not exist yet), with the original's mode. */
  async write(target: string, data: string | Uint8Array): Promise<void> {
    // Before the exclusive create, whose failure would remove the file staged first.
    if (this.staged(target)) throw new Error(`${target} is staged twice`);
    const source = this.tempFor(target, "new");
    try {
      await mkdir(dirname(target), { recursive: true });
      const mode = await stat(target).then(
        (s) => s.mode & 0o7777,
        () => undefined,
      );
      // Staged, not renamed in yet (commit renames every file together): core's exclusive,
      // no-follow create, not its writeFileAtomic.
      await writeNewFile(source, data, mode);
    } catch (err) {
      await rm(source, { force: true });
      throw err;
    }
    this.add(target, source);
  }

  /** The staged replacement of `target`, if there is one. */
  staged(target: string): string | undefined {
    return this.items.find((r) => r.target === target)?.source;
  }

  get size(): number {
    return this.items.length;
  }

  /** Puts every replacement in place, or none: a failure part-way undoes the ones done. */
  async commit(): Promise<void> {
    const done: { item: Replacement; backup?: string }[] = [];
    try {
      for (const item of this.items) {
        const backup = this.tempFor(item.target, "was");
        const hadOriginal = await keepCopy(item.target, backup);
        done.push({ item, ...(hadOriginal ? { backup } : {}) });
        await rename(item.source, item.target);
      }
    } catch (err) {
      for (const { item, backup } of done.reverse()) {
        if (backup) await rename(backup, item.target);
        else await rm(item.target, { force: true });
      }
      await this.discard();
      throw err;
    }
    for (const { item, backup } of done) {
      if (!backup) continue;
      if (item.keepAs) await rename(backup, item.keepAs);
      else await rm(backup, { force: true });
    }
    this.items.length = 0;
  }

  /** Drops every staged file; the targets are untouched. Safe to call after commit. */
  async discard(): Promise<void> {
    await Promise.all(this.items.map((r) => rm(r.source, { force: true })));
    this.items.length = 0;
  }
}

/** A second name for the original (a copy where hard links are not allowed); false when there is none. */
async function keepCopy(target: string, backup: string): Promise<boolean> {
  try {
    await link(target, backup);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return false;
    if (code !== "EPERM" && code !== "EXDEV" && code !== "ENOTSUP" && code !== "EMLINK") throw err;
  }
  await copyFile(target, backup, constants.COPYFILE_EXCL);
  return true;
}
