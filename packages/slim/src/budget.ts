import { readFile } from "node:fs/promises";
import { GantryError, formatBytes } from "@gantry/core";
import type { SizeBudget } from "./inputs.js";
import type { FileReport } from "./slim.js";

/**
 * The size budget (issue 3): `max-size` per binary or per target, and `max-growth` against a
 * previous run's report, so a pull request that makes a binary too big fails its check.
 */

/** The parts of a previous report the growth check reads. */
export interface BaselineEntry {
  path: string;
  target: string;
  after: number;
}

export interface BudgetRow {
  path: string;
  target: string;
  size: number;
  limit?: number;
  baseline?: number;
  /** Percent, relative to the baseline's size. */
  growth?: number;
  over: string[];
}

export interface BudgetVerdict {
  checked: boolean;
  rows: BudgetRow[];
  failed: BudgetRow[];
  notes: string[];
}

/** Reads a baseline: the report-file JSON (`{ files: [...] }`) or the `report` output (an array). */
export async function readBaseline(path: string): Promise<BaselineEntry[] | { missing: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    return { missing: `baseline ${path} cannot be read (${(err as NodeJS.ErrnoException).code})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GantryError(`baseline ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const files = Array.isArray(data) ? data : (data as { files?: unknown })?.files;
  if (!Array.isArray(files) || !files.every((f) => typeof f?.path === "string" && typeof f?.after === "number")) {
    throw new GantryError(`baseline ${path} is not a slim size report (expected the report output or report-file: entries with path, target and after)`);
  }
  return files.map((f) => ({ path: f.path, target: String(f.target ?? ""), after: f.after }));
}

/** The limit for a target: its own, its os/arch's (`linux/arm` covers `linux/arm/v7`), else the general one. */
export function limitFor(budget: SizeBudget, target: string): number | undefined {
  const [os, arch] = target.split("/");
  return budget.perTarget[target] ?? budget.perTarget[`${os}/${arch}`] ?? budget.all;
}

function baselineFor(file: FileReport, baseline: readonly BaselineEntry[]): BaselineEntry | undefined {
  const byPath = baseline.find((b) => b.path === file.path);
  if (byPath) return byPath;
  const sameTarget = baseline.filter((b) => b.target === file.target);
  return sameTarget.length === 1 ? sameTarget[0] : undefined;
}

/** Checks every file against the budget; `failed` lists those over it. */
export function checkBudget(
  files: readonly FileReport[],
  maxSize: SizeBudget | undefined,
  maxGrowth: number | undefined,
  baseline?: readonly BaselineEntry[],
): BudgetVerdict {
  const notes: string[] = [];
  const rows: BudgetRow[] = files.map((f) => {
    const row: BudgetRow = { path: f.path, target: f.target, size: f.after, over: [] };
    if (maxSize) {
      row.limit = limitFor(maxSize, f.target);
      if (row.limit !== undefined && f.after > row.limit) row.over.push(`${formatBytes(f.after)} is over max-size ${formatBytes(row.limit)}`);
    }
    if (maxGrowth !== undefined && baseline) {
      const b = baselineFor(f, baseline);
      if (!b) notes.push(`${f.path}: not in the baseline, growth not checked`);
      else {
        row.baseline = b.after;
        row.growth = b.after > 0 ? Math.round(((f.after - b.after) / b.after) * 10_000) / 100 : 0;
        if (row.growth > maxGrowth) row.over.push(`grew ${row.growth}% (${formatBytes(b.after)} → ${formatBytes(f.after)}), over max-growth ${maxGrowth}%`);
      }
    }
    return row;
  });
  return { checked: maxSize !== undefined || (maxGrowth !== undefined && baseline !== undefined), rows, failed: rows.filter((r) => r.over.length > 0), notes };
}
