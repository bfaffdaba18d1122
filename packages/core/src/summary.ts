import { appendFileSync } from "node:fs";
import type { Reporter } from "./report.js";

/** GitHub rejects a step summary over 1 MiB (go-test-action#10); stay well under. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;

/** Escapes text for a markdown table cell. */
export function cell(text: string | number): string {
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A markdown table. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const head = `| ${headers.map(cell).join(" | ")} |`;
  const sep = `| ${headers.map(() => "---").join(" | ")} |`;
  return [head, sep, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

/** A collapsed section. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A fenced code block whose fence cannot be closed by the content. */
export function codeBlock(text: string, lang = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/**
 * Appends markdown to the job summary. Degrades to the log when GITHUB_STEP_SUMMARY
 * is unset (act, the CLI) or cannot be written, and truncates past the size limit.
 */
export function writeSummary(markdown: string, reporter: Reporter, env: NodeJS.ProcessEnv = process.env): void {
  let text = markdown.endsWith("\n") ? markdown : `${markdown}\n`;
  if (Buffer.byteLength(text) > MAX_SUMMARY_BYTES) {
    text = `${Buffer.from(text).subarray(0, MAX_SUMMARY_BYTES).toString("utf8")}\n\n… summary truncated at ${MAX_SUMMARY_BYTES} bytes\n`;
  }
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) {
    reporter.info(text);
    return;
  }
  try {
    appendFileSync(file, text);
  } catch (err) {
    reporter.warning(`could not write the job summary (${(err as Error).message}); it follows in the log`);
    reporter.info(text);
  }
}
