import { relative } from "node:path";
import { writeFileAtomic } from "@gantry/core";
import { shorten } from "./capped.js";
import type { LayerResult, TestRecord } from "./results.js";
import { redactor } from "./secrets.js";

/** XML 1.0 cannot hold most control characters at all, even escaped: drop them. */
function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function attr(text: string): string {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

const secs = (s: number) => s.toFixed(3);
/** Per test case, so one runaway test cannot make the file unreadable. */
const MAX_CASE_OUTPUT = 64 * 1024;

function testCase(t: TestRecord, workspace: string): string {
  const head = `<testcase classname="${attr(t.package)}" name="${attr(t.name)}" time="${secs(t.elapsed)}"`;
  const where = t.failure?.located.ref ? ` at ${relative(workspace, t.failure.located.ref.file)}:${t.failure.located.ref.line}` : "";
  const type = t.failure?.located.kind ?? "failure";
  const message = (t.failure?.located.message.split("\n")[0] ?? "") + where;
  const body = shorten(t.failure?.output ?? "", MAX_CASE_OUTPUT);
  if (t.status === "skip") return `    ${head}>\n      <skipped message="${attr(t.skipReason ?? "skipped")}"/>\n    </testcase>`;
  if (t.status === "fail") {
    const reruns = t.attempts.length > 1 ? `\n      <system-err>${xmlText(`failed in all ${t.attempts.length} attempts`)}</system-err>` : "";
    return `    ${head}>\n      <failure message="${attr(message)}" type="${type}">${xmlText(body)}</failure>${reruns}\n    </testcase>`;
  }
  if (t.flaky) {
    // Maven Surefire's rerun format, which CI test reporters read: passed, with the failed attempt kept.
    return `    ${head}>\n      <flakyFailure message="${attr(message)}" type="${type}">${xmlText(body)}</flakyFailure>\n    </testcase>`;
  }
  return `    ${head}/>`;
}

/**
 * JUnit XML with one testsuite per package per layer (issue 5), named `layer: package` so the
 * same test in two layers stays two results. Package failures (build errors, init panics) and
 * vet/lint/vuln findings become failed test cases, so no failure is missing from the file.
 */
export function junitXml(layers: readonly LayerResult[], workspace: string, timestamp = new Date()): string {
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  let time = 0;
  for (const l of layers) {
    if (l.status === "not-run" || l.status === "skipped") continue;
    const groups = new Map<string, { cases: string[]; tests: number; failures: number; skipped: number; time: number }>();
    const group = (name: string) => {
      let g = groups.get(name);
      if (!g) {
        g = { cases: [], tests: 0, failures: 0, skipped: 0, time: 0 };
        groups.set(name, g);
      }
      return g;
    };
    for (const p of l.packages) group(p.name).time = p.elapsed;
    for (const t of l.tests) {
      // A parent whose failure a failed subtest explains is still a test case, but not a second failure to count.
      const g = group(t.package);
      g.cases.push(testCase(t, workspace));
      g.tests++;
      if (t.status === "fail") g.failures++;
      if (t.status === "skip") g.skipped++;
    }
    for (const f of l.packageFailures) {
      const g = group(f.package);
      const where = f.located.ref ? ` at ${relative(workspace, f.located.ref.file)}:${f.located.ref.line}` : "";
      g.cases.push(
        `    <testcase classname="${attr(f.package)}" name="[package]" time="0.000">\n      <failure message="${attr(f.located.message.split("\n")[0] + where)}" type="${f.located.kind}">${xmlText(shorten(f.output, MAX_CASE_OUTPUT))}</failure>\n    </testcase>`,
      );
      g.tests++;
      g.failures++;
    }
    if (l.layer === "vet" || l.layer === "lint" || l.layer === "vuln") {
      const g = group(l.layer);
      g.time = l.durationMs / 1000;
      for (const f of l.findings) {
        const where = f.file ? `${relative(workspace, f.file)}:${f.line}${f.col ? `:${f.col}` : ""}` : f.message.split(":")[0] || "finding";
        g.cases.push(
          `    <testcase classname="${l.layer}" name="${attr(where)}" time="0.000">\n      <failure message="${attr(f.message)}" type="${l.layer}"/>\n    </testcase>`,
        );
        g.tests++;
        g.failures++;
      }
      if (l.findings.length === 0) {
        const failure =
          l.status === "failed"
            ? `\n      <failure message="${attr(l.reason ?? "failed")}" type="${l.layer}">${xmlText(shorten(l.log ?? "", MAX_CASE_OUTPUT))}</failure>\n    `
            : "";
        g.cases.push(`    <testcase classname="${l.layer}" name="${l.layer}" time="${secs(l.durationMs / 1000)}">${failure}</testcase>`);
        g.tests++;
        if (failure) g.failures++;
      }
    }
    for (const [name, g] of groups) {
      total += g.tests;
      failures += g.failures;
      skipped += g.skipped;
      time += g.time;
      suites.push(
        `  <testsuite name="${attr(`${l.layer}: ${name}`)}" tests="${g.tests}" failures="${g.failures}" errors="0" skipped="${g.skipped}" time="${secs(g.time)}" timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, "")}">\n    <properties>\n      <property name="layer" value="${l.layer}"/>\n      <property name="package" value="${attr(name)}"/>\n    </properties>\n${g.cases.join("\n")}\n  </testsuite>`,
      );
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="go-test" tests="${total}" failures="${failures}" errors="0" skipped="${skipped}" time="${secs(time)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export async function writeJunit(path: string, layers: readonly LayerResult[], workspace: string, secrets: readonly string[] = []): Promise<void> {
  // A secret is cut out as the tests printed it and as XML escaped it.
  const redact = redactor(secrets.flatMap((s) => [s, xmlText(s), attr(s)]));
  await writeFileAtomic(path, redact(junitXml(layers, workspace)));
}
