import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { writeFileAtomic } from "@gantry/core";

const MODES = ["set", "count", "atomic"];

/**
 * Merges coverage profiles. With -coverpkg one profile repeats each block once per test binary,
 * and each layer writes its own: a block's counts are summed (atomic/count mode) and the block
 * counts as covered when any run covered it, as `go tool cover` would see one combined run.
 */
export class CoverageMerger {
  private readonly blocks = new Map<string, { stmts: number; count: number }>();
  /** The merged profile's mode: the strongest of the profiles read (set < count < atomic), since layers may differ. */
  mode = "set";
  /** The mode of the profile being read, which decides how its counts combine. */
  private fileMode = "set";

  /** Adds one line of a profile (`mode:` lines set the mode). */
  line(text: string): void {
    if (text.startsWith("mode:")) {
      this.fileMode = text.slice(5).trim();
      if (MODES.indexOf(this.fileMode) > MODES.indexOf(this.mode)) this.mode = this.fileMode;
      return;
    }
    // example.com/m/pkg/file.go:17.38,18.19 1 0
    const lastSpace = text.lastIndexOf(" ");
    const midSpace = text.lastIndexOf(" ", lastSpace - 1);
    if (lastSpace < 0 || midSpace < 0) return;
    const block = text.slice(0, midSpace);
    const stmts = Number(text.slice(midSpace + 1, lastSpace));
    const count = Number(text.slice(lastSpace + 1));
    if (!Number.isFinite(stmts) || !Number.isFinite(count)) return;
    const prev = this.blocks.get(block);
    if (prev) prev.count = this.fileMode === "set" ? Math.max(prev.count, count) : prev.count + count;
    else this.blocks.set(block, { stmts, count });
  }

  /** Streams a profile file in; a missing file (a package that failed to build) adds nothing. */
  async addFile(path: string): Promise<boolean> {
    try {
      const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
      for await (const l of rl) if (l) this.line(l);
      return true;
    } catch {
      return false;
    }
  }

  get size(): number {
    return this.blocks.size;
  }

  /** Statement coverage in percent (as `go tool cover -func` totals it), or undefined with no blocks. */
  percent(): number | undefined {
    let total = 0;
    let covered = 0;
    for (const b of this.blocks.values()) {
      total += b.stmts;
      if (b.count > 0) covered += b.stmts;
    }
    return total === 0 ? undefined : (covered / total) * 100;
  }

  /** The merged profile, readable by `go tool cover`. */
  toString(): string {
    const lines = [`mode: ${this.mode}`];
    for (const [block, { stmts, count }] of this.blocks) lines.push(`${block} ${stmts} ${count}`);
    return `${lines.join("\n")}\n`;
  }

  async write(path: string): Promise<void> {
    await writeFileAtomic(path, this.toString());
  }
}

/** 73.456 → "73.5". */
export function formatPercent(p: number): string {
  return p.toFixed(1);
}
