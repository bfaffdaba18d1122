import { details, formatBytes, table } from "@gantry/core";
import type { BudgetVerdict } from "./budget.js";
import type { FileReport } from "./slim.js";

/** `-31.2%` for a ratio of 0.688. */
export function percentChange(before: number, after: number): string {
  if (before === 0) return "—";
  const p = ((after - before) / before) * 100;
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(1)}%`;
}

/** The report file and the baseline a later run reads. */
export interface SizeReport {
  schema: 1;
  "total-before": number;
  "total-after": number;
  files: FileReport[];
}

export function sizeReport(files: readonly FileReport[]): SizeReport {
  return {
    schema: 1,
    "total-before": files.reduce((s, f) => s + f.before, 0),
    "total-after": files.reduce((s, f) => s + f.after, 0),
    files: [...files],
  };
}

/** The `report` output: per file path, target, before, after, ratio, steps, skipped-reason. */
export function reportOutput(files: readonly FileReport[]): object[] {
  return files.map((f) => ({
    path: f.path,
    target: f.target,
    before: f.before,
    after: f.after,
    ratio: f.ratio,
    steps: f.steps,
    "skipped-reason": f["skipped-reason"] ?? "",
    sha256: f.sha256,
  }));
}

function budgetSection(v: BudgetVerdict): string {
  if (!v.checked) return "Budget: none set (max-size, max-growth).";
  const rows = v.rows.map((r) => [
    `\`${r.path}\``,
    r.target,
    formatBytes(r.size),
    r.limit !== undefined ? formatBytes(r.limit) : "—",
    r.baseline !== undefined ? `${formatBytes(r.baseline)} (${r.growth !== undefined && r.growth > 0 ? "+" : ""}${r.growth}%)` : "—",
    r.over.length ? `❌ ${r.over.join("; ")}` : "✅",
  ]);
  const verdict = v.failed.length ? `**Budget: ❌ ${v.failed.length} of ${v.rows.length} over budget**` : "**Budget: ✅ within budget**";
  return [verdict, "", table(["File", "Target", "Size", "max-size", "Baseline", "Verdict"], rows), ...v.notes.map((n) => `\n- ${n}`)].join("\n");
}

/** The job summary: before/after with ratios, the budget verdict, top packages collapsed. */
export function slimSummary(files: readonly FileReport[], budget: BudgetVerdict): string {
  const r = sizeReport(files);
  // A reason several files share (UPX not installed) becomes one numbered note under the table.
  const reasons = files.map((f) => (f["skipped-reason"] ? f["skipped-reason"].split("; ") : []));
  const notes = [...new Set(reasons.flat())].filter((x) => reasons.filter((rs) => rs.includes(x)).length > 1);
  const rows = files.map((f, i) => [
    `\`${f.path}\``,
    f.target,
    formatBytes(f.before),
    formatBytes(f.after),
    percentChange(f.before, f.after),
    f.steps.join(", ") || "—",
    (reasons[i] ?? []).map((x) => (notes.includes(x) ? `[${notes.indexOf(x) + 1}]` : x)).join("; "),
  ]);
  const parts = [
    `### slim: ${formatBytes(r["total-before"])} → ${formatBytes(r["total-after"])} (${percentChange(r["total-before"], r["total-after"])}) over ${files.length} binar${files.length === 1 ? "y" : "ies"}`,
    "",
    table(["File", "Target", "Before", "After", "Change", "Steps", "Skipped"], rows),
    ...(notes.length ? ["", ...notes.map((x, i) => `[${i + 1}] ${x}  `)] : []),
    "",
    budgetSection(budget),
    "",
  ];
  const noPackages = new Map<string, string[]>();
  for (const f of files) {
    if (f.packages?.length) {
      const total = f.packages.reduce((s, p) => s + p.bytes, 0);
      const pkgRows = f.packages.map((p) => [`\`${p.package}\``, formatBytes(p.bytes), `${((p.bytes / f.before) * 100).toFixed(1)}%`, p.symbols]);
      parts.push(
        details(
          `Largest Go packages in ${f.path} (${f.target})`,
          `${table(["Package", "Size", "Of the file", "Symbols"], pkgRows)}\n\nThese ${f.packages.length} rows hold ${formatBytes(total)} of the unslimmed file (go tool nm sizes, each byte counted once). Rows in brackets are the linker's tables and the debug data strip removes.`,
        ),
        "",
      );
    } else if (f["packages-reason"]) {
      noPackages.set(f["packages-reason"], [...(noPackages.get(f["packages-reason"]) ?? []), f.path]);
    }
  }
  for (const [reason, paths] of noPackages) parts.push(`Package sizes not available for ${paths.map((p) => `\`${p}\``).join(", ")}: ${reason}`, "");
  return parts.join("\n");
}
