import { MAX_SUMMARY_BYTES, cell, codeBlock, details, formatDuration, table } from "@gantry/core";
import { workspacePath } from "./annotate.js";
import { shorten } from "./capped.js";
import { formatPercent } from "./coverage.js";
import type { Located } from "./locate.js";
import { type LayerResult, layerCounts } from "./results.js";

export interface SummaryInput {
  layers: readonly LayerResult[];
  passed: boolean;
  coverage?: number;
  minCoverage?: number;
  coverageProfile?: string;
  junit?: string;
  /** Logs of services and the e2e binary, shown when a layer failed. */
  logs: readonly { label: string; tail: string }[];
  workspace: string;
  /** `go1.19.8`, when known. */
  goVersion?: string;
}

const ICON: Record<LayerResult["status"], string> = { passed: "✅ passed", failed: "❌ failed", skipped: "⚠️ skipped", "not-run": "⏭️ not run" };

/** One failure to show, with its output (cut to fit the budget). */
interface Shown {
  head: string;
  output: string;
}

function where(located: Located, workspace: string): string {
  const file = located.ref ? workspacePath(located.ref.file, workspace) : undefined;
  return file && located.ref ? `\`${file}:${located.ref.line}\`` : "";
}

function firstLine(text: string, max = 160): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function failures(layers: readonly LayerResult[], workspace: string): Shown[] {
  const shown: Shown[] = [];
  for (const l of layers) {
    for (const f of l.packageFailures) {
      shown.push({
        head: `❌ ${l.layer} · ${f.package} · ${f.located.kind === "build" ? "build failed" : "package failed"} ${where(f.located, workspace)} — ${cell(firstLine(f.located.message))}`,
        output: f.output,
      });
    }
    for (const t of l.tests) {
      if (t.status !== "fail" || !t.leaf || !t.failure) continue;
      const tries = t.attempts.length > 1 ? ` (${t.attempts.length} attempts)` : "";
      shown.push({
        head: `❌ ${l.layer} · ${t.package} · <b>${t.name}</b>${tries} ${where(t.failure.located, workspace)} — ${cell(firstLine(t.failure.located.message))}`,
        output: t.failure.output,
      });
    }
    if (l.findings.length > 0 || (l.status === "failed" && l.log !== undefined)) {
      const list = l.findings
        .map((f) => `${workspacePath(f.file, workspace) ?? ""}${f.file ? `:${f.line}${f.col ? `:${f.col}` : ""}: ` : ""}${f.message}`)
        .join("\n");
      shown.push({ head: `❌ ${l.layer}: ${l.findings.length} finding(s)${l.reason ? ` — ${cell(firstLine(l.reason))}` : ""}`, output: list || l.log || "" });
    }
  }
  return shown;
}

function render(parts: { top: string; shown: Shown[]; perOutput: number; rest: string }): string {
  const items = parts.shown.map((s) =>
    parts.perOutput > 0 && s.output.trim() ? details(s.head, codeBlock(shorten(s.output.trimEnd(), parts.perOutput))) : `- ${s.head}`,
  );
  return [parts.top, items.length > 0 ? `#### Failures\n\n${items.join("\n\n")}\n` : "", parts.rest].filter(Boolean).join("\n");
}

/**
 * The job summary (issue 5): a row per layer, the failures with their output in collapsed
 * sections, flaky tests, the 10 slowest tests, coverage. It stays under GitHub's 1 MiB limit
 * (go-test-action#10) by cutting each failure's output to a share of what is left, never by
 * leaving a failure out.
 */
export function goTestSummary(s: SummaryInput, budget = MAX_SUMMARY_BYTES - 8 * 1024): string {
  const failedLayers = s.layers.filter((l) => l.status === "failed").map((l) => l.layer);
  const rows = s.layers.map((l) => {
    const c = layerCounts(l);
    const tool = l.layer === "vet" || l.layer === "lint" || l.layer === "vuln";
    if (l.status === "not-run" || l.status === "skipped") return [l.layer, ICON[l.status], "—", "—", "—", "—", "—", l.reason ? firstLine(l.reason, 200) : ""];
    return [
      l.layer,
      ICON[l.status],
      tool ? "—" : c.passed,
      tool ? `${c.failed} finding(s)` : c.failed,
      tool ? "—" : c.skipped,
      tool ? "—" : c.flaky,
      formatDuration(l.durationMs),
      l.reason ? firstLine(l.reason, 200) : l.runs > 1 ? `${l.runs - 1} rerun(s)` : "",
    ];
  });
  const cov =
    s.coverage === undefined
      ? ""
      : `**Coverage:** ${formatPercent(s.coverage)}% of statements across the layers${s.minCoverage !== undefined ? ` (minimum ${s.minCoverage}%: ${s.coverage + 1e-9 >= s.minCoverage ? "✅ met" : "❌ not met"})` : ""}${s.coverageProfile ? ` · profile \`${workspacePath(s.coverageProfile, s.workspace) ?? s.coverageProfile}\`` : ""}\n`;
  const top = [
    `### go-test: ${s.passed ? "✅ passed" : `❌ failed${failedLayers.length > 0 ? ` (${failedLayers.join(", ")})` : ""}`}`,
    "",
    ...(s.goVersion ? [`${s.goVersion.replace(/^go/, "go ")} · ${s.layers.map((l) => l.layer).join(" → ")}`, ""] : []),
    table(["Layer", "Status", "Passed", "Failed", "Skipped", "Flaky", "Duration", "Notes"], rows),
    "",
    cov,
  ].join("\n");

  const flaky = s.layers.flatMap((l) => l.tests.filter((t) => t.flaky).map((t) => `- ${l.layer} · ${t.package} · **${t.name}**: failed, then passed on retry`));
  const slowest = s.layers
    .flatMap((l) => l.tests.filter((t) => !t.name.includes("/")).map((t) => ({ l: l.layer, t })))
    .sort((a, b) => b.t.elapsed - a.t.elapsed)
    .slice(0, 10);
  const rest = [
    flaky.length > 0 ? `#### Flaky tests (passed on retry)\n\n${flaky.join("\n")}\n` : "",
    slowest.length > 0
      ? `#### 10 slowest tests\n\n${table(
          ["Test", "Package", "Layer", "Time"],
          slowest.map(({ l, t }) => [t.name, t.package, l, `${t.elapsed.toFixed(2)} s`]),
        )}\n`
      : "",
    !s.passed && s.logs.length > 0
      ? `#### Logs\n\n${s.logs.map((g) => details(g.label, codeBlock(shorten(g.tail, 8 * 1024) || "(no output)"))).join("\n\n")}\n`
      : "",
    s.junit ? `JUnit: \`${workspacePath(s.junit, s.workspace) ?? s.junit}\`\n` : "",
  ]
    .filter(Boolean)
    .join("\n");

  const shown = failures(s.layers, s.workspace);
  const fixed = Buffer.byteLength(render({ top, shown, perOutput: 0, rest }));
  // Whole outputs when they fit; else an equal share each, halved while multi-byte text still
  // overflows; at the very end the list of failures alone, which is never cut.
  const share = Math.max(0, Math.floor((budget - fixed) / Math.max(1, shown.length)) - 200);
  let perOutput = Number.POSITIVE_INFINITY;
  let text = render({ top, shown, perOutput, rest });
  while (Buffer.byteLength(text) > budget && perOutput > 0) {
    perOutput = perOutput === Number.POSITIVE_INFINITY ? share : perOutput >= 128 ? Math.floor(perOutput / 2) : 0;
    text = render({ top, shown, perOutput, rest });
  }
  return text;
}
