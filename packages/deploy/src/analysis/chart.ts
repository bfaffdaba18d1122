/**
 * The analysis as people read it (issue 13): rows for the summary's check table, a Mermaid
 * `xychart-beta` per query (GitHub renders Mermaid in Markdown) and a compact table for the log.
 */
import type { Measurement } from "./evaluate.js";
import { formatValue } from "./evaluate.js";

/** What a step is judged on for one query: its failing measurement, else its last with a value, else its last. */
export function judged(ms: readonly Measurement[], step: number, query: string): { m: Measurement; count: number } | undefined {
  const own = ms.filter((m) => m.step === step && m.query === query);
  const m = own.find((x) => x.verdict === "fail") ?? own.filter((x) => x.value !== null).at(-1) ?? own.at(-1);
  return m && { m, count: own.length };
}

const ICONS: Record<Measurement["verdict"], string> = { pass: "✅", fail: "❌", inconclusive: "⚠️", skipped: "➖" };

/** Steps and query names in the order they were measured. */
function axes(ms: readonly Measurement[]): { steps: number[]; queries: string[] } {
  return { steps: [...new Set(ms.map((m) => m.step))], queries: [...new Set(ms.map((m) => m.query))] };
}

function measured(m: Measurement, count: number): string {
  const base = m.baseline !== undefined ? `, baseline ${formatValue(m.baseline)}` : "";
  const what = m.value === null ? (m.detail ?? "no value") : formatValue(m.value);
  return `${what}${base} (${count} measurement${count === 1 ? "" : "s"})`;
}

/** One row per step and query: check, measured, threshold, verdict. */
export function analysisRows(ms: readonly Measurement[]): string[][] {
  const { steps, queries } = axes(ms);
  const rows: string[][] = [];
  for (const step of steps)
    for (const query of queries) {
      const j = judged(ms, step, query);
      if (j) rows.push([`analysis ${query} at ${step}%`, measured(j.m, j.count), j.m.threshold, ICONS[j.m.verdict]]);
    }
  return rows;
}

/**
 * A Mermaid chart per query: bars for the value each step was judged on, a line for its limit.
 * A query with a step without a finite value is left to the table (a chart cannot draw a gap).
 */
export function analysisCharts(ms: readonly Measurement[]): string {
  const { steps, queries } = axes(ms);
  const charts: string[] = [];
  for (const query of queries) {
    const points = steps.map((s) => judged(ms, s, query)?.m).filter((m): m is Measurement => m !== undefined);
    if (points.length === 0 || points.some((m) => !Number.isFinite(m.value) || !Number.isFinite(m.limit))) continue;
    const num = (v: number | null) => String(Number((v as number).toPrecision(6)));
    charts.push(
      [
        "```mermaid",
        "xychart-beta",
        `  title "${query}: bars measured, line threshold (${(points[0] as Measurement).threshold})"`,
        `  x-axis [${points.map((m) => `"${m.step}%"`).join(", ")}]`,
        `  y-axis "${query}"`,
        `  bar [${points.map((m) => num(m.value)).join(", ")}]`,
        `  line [${points.map((m) => num(m.limit)).join(", ")}]`,
        "```",
      ].join("\n"),
    );
  }
  return charts.join("\n\n");
}

/** A compact text table for the log and the CLI: a row per query, a column per step. */
export function analysisText(ms: readonly Measurement[]): string {
  const { steps, queries } = axes(ms);
  const mark: Record<Measurement["verdict"], string> = { pass: "", fail: " FAIL", inconclusive: " ?", skipped: " -" };
  const rows = [["query", ...steps.map((s) => `${s}%`), "threshold"]];
  for (const query of queries) {
    const cells = steps.map((s) => {
      const j = judged(ms, s, query);
      return j ? `${j.m.value === null ? "n/a" : formatValue(j.m.value)}${mark[j.m.verdict]}` : "";
    });
    rows.push([query, ...cells, ms.find((m) => m.query === query)?.threshold ?? ""]);
  }
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] as number))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
