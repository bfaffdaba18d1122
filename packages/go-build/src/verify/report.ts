import { type RunContext, table } from "@gantry/core";
import type { VerifyResult } from "./verify.js";

/** The job summary of verify mode: one row per file the release lists. */
export function verifySummary(r: VerifyResult): string {
  const bad = r.files.filter((f) => !f.identical).length;
  const rows = r.files.map((f) => [
    f.file,
    `\`${f.expected.slice(0, 12)}\``,
    f.rebuilt ? `\`${f.rebuilt.slice(0, 12)}\`` : "—",
    f.identical ? "✓ identical" : `✗ ${f.difference}`,
  ]);
  const differences = r.differences.length
    ? [
        "Inputs you gave that the statement records otherwise (the rebuild used the statement's):",
        "",
        table(
          ["Input", "Given", "Statement"],
          r.differences.map((d) => [d.input, `\`${JSON.stringify(d.given)}\``, `\`${JSON.stringify(d.statement)}\``]),
        ),
        "",
      ]
    : [];
  return [
    `### go-build verify: ${r.verified ? "reproducible" : `${bad} of ${r.files.length} files differ`}`,
    "",
    `${r.release.kind === "provenance" ? "provenance statement" : "checksums"} \`${r.release.path}\` · commit \`${r.commit.slice(0, 12)}\` rebuilt in a clean folder with empty Go caches · go ${r.go}`,
    "",
    table(["File", "Release sha256", "Rebuilt sha256", "Result"], rows),
    "",
    ...differences,
  ].join("\n");
}

/** verify mode's outputs: `verified`, `report` (one entry per file) and `input-differences` (one per differing input). */
export function setVerifyOutputs(r: VerifyResult, ctx: RunContext): void {
  ctx.setOutput("verified", r.verified);
  ctx.setOutput(
    "report",
    r.files.map((f) => ({ file: f.file, expected: f.expected, rebuilt: f.rebuilt, identical: f.identical, difference: f.difference })),
  );
  ctx.setOutput("input-differences", r.differences);
}
