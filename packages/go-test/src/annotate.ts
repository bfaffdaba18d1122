import { isAbsolute, relative } from "node:path";
import { type Annotation, MAX_ANNOTATIONS, type Reporter } from "@gantry/core";
import type { SourceRef } from "./locate.js";
import type { LayerResult } from "./results.js";

/** A file as the runner wants it: relative to the workspace, or nothing when it lies outside. */
export function workspacePath(file: string, workspace: string): string | undefined {
  if (!file) return undefined;
  const rel = relative(workspace, file);
  return rel.startsWith("..") || isAbsolute(rel) ? undefined : rel.split("\\").join("/");
}

function at(ref: SourceRef | undefined, workspace: string): Pick<Annotation, "file" | "line" | "col"> {
  const file = ref ? workspacePath(ref.file, workspace) : undefined;
  return file && ref ? { file, line: ref.line, col: ref.col } : {};
}

/** At most this many lines of a message in one annotation. */
const MESSAGE_LINES = 12;

function clip(message: string): string {
  const lines = message.split("\n");
  return lines.length > MESSAGE_LINES
    ? [...lines.slice(0, MESSAGE_LINES), `… ${lines.length - MESSAGE_LINES} more lines in the job summary`].join("\n")
    : message;
}

/**
 * The step's annotations, first failures first (issue 5, "Annotations"): per layer in the order
 * run, build errors at file:line:col, each failed test at its first failure, panics at their
 * deepest module frame, findings of vet/lint/vuln; then flaky tests as warnings. GitHub keeps 50
 * per step, so no more are queued than can be shown; the rest are counted in the log.
 */
export function annotations(layers: readonly LayerResult[], workspace: string): Annotation[] {
  const errors: Annotation[] = [];
  const warnings: Annotation[] = [];
  for (const l of layers) {
    for (const f of l.packageFailures) {
      if (f.buildErrors.length > 0) {
        for (const e of f.buildErrors.slice(0, 10))
          errors.push({ level: "error", title: `build failed: ${f.package} (${l.layer})`, message: e.message, ...at(e, workspace) });
      } else {
        const kind = f.located.kind === "panic" ? "panicked" : f.located.kind === "timeout" ? "timed out" : "failed";
        const title = f.located.kind === "build" ? `build failed: ${f.package} (${l.layer})` : `${f.package} ${kind} (${l.layer})`;
        errors.push({ level: "error", title, message: clip(f.located.message), ...at(f.located.ref, workspace) });
      }
    }
    for (const t of l.tests) {
      if (!t.failure) continue;
      const { located } = t.failure;
      if (t.status === "fail" && t.leaf) {
        const what =
          located.kind === "panic" ? "panicked" : located.kind === "timeout" ? "did not finish" : located.kind === "race" ? "has a data race" : "failed";
        const attempts = t.attempts.length > 1 ? `, in all ${t.attempts.length} attempts` : "";
        errors.push({ level: "error", title: `${t.name} ${what} (${l.layer}${attempts})`, message: clip(located.message), ...at(located.ref, workspace) });
      } else if (t.flaky) {
        const pass = t.attempts.indexOf("pass") + 1;
        warnings.push({
          level: "warning",
          title: `${t.name} is flaky (${l.layer})`,
          message: `failed, then passed on attempt ${pass}: ${clip(located.message)}`,
          ...at(located.ref, workspace),
        });
      }
    }
    const tool = l.layer === "vet" ? "go vet" : l.layer === "lint" ? "lint" : "govulncheck";
    for (const f of l.findings) errors.push({ level: "error", title: tool, message: f.message, ...at(f.file ? f : undefined, workspace) });
  }
  return [...errors, ...warnings];
}

/** Queues the annotations; the reporter flushes errors first, at most 50. */
export function annotate(layers: readonly LayerResult[], workspace: string, reporter: Reporter): void {
  const all = annotations(layers, workspace);
  for (const a of all.slice(0, MAX_ANNOTATIONS)) reporter.annotate(a);
  const rest = all.length - MAX_ANNOTATIONS;
  if (rest > 0)
    reporter.info(`${rest} more failure(s) not annotated (GitHub shows ${MAX_ANNOTATIONS} per step); all are in the job summary and the JUnit file`);
}
