import type { GoTestStream, PackageRun, TestCase, TestStatus } from "./events.js";
import type { LayerName } from "./inputs.js";
import { type Finding, type Located, type ModuleRoot, locateFailure, locatePackageFailure, parseFindings } from "./locate.js";
import { failedLeaves } from "./retry.js";

export type LayerStatus = "passed" | "failed" | "skipped" | "not-run";

/** A test's final record in one layer, over all its attempts. */
export interface TestRecord {
  layer: LayerName;
  package: string;
  name: string;
  /** The last attempt's result; a test that never finished counts as failed. */
  status: "pass" | "fail" | "skip";
  /** Seconds, of the last attempt. */
  elapsed: number;
  /** Each attempt's status, the first run first. */
  attempts: TestStatus[];
  /** Failed, then passed on a retry. */
  flaky: boolean;
  /** True for a failure not explained by a failed subtest. */
  leaf: boolean;
  /** Where and how it (first, for flaky tests; last, for failed ones) failed, with its output. */
  failure?: { located: Located; output: string; unfinished: boolean };
  skipReason?: string;
}

/** A package that failed without a test to blame: a build error, an init panic, TestMain. */
export interface PackageFailure {
  layer: LayerName;
  package: string;
  located: Located;
  output: string;
  buildErrors: Finding[];
}

export interface PackageSummary {
  name: string;
  elapsed: number;
  status: "pass" | "fail" | "skip";
  coverage?: string;
}

export interface LayerResult {
  layer: LayerName;
  status: LayerStatus;
  /** Why it was skipped, not run, or failed without a failed test. */
  reason?: string;
  durationMs: number;
  tests: TestRecord[];
  packageFailures: PackageFailure[];
  packages: PackageSummary[];
  /** vet, lint and vuln findings. */
  findings: Finding[];
  /** How many go test runs it took (1 + reruns). */
  runs: number;
  /** The tool's output, for the summary when it failed (tool layers). */
  log?: string;
}

/** What a layer needs to place failures. */
export interface Placement {
  pkgDirs: { get(importPath: string): string | undefined };
  modules: readonly ModuleRoot[];
  /** go's cwd: relative build-error paths resolve against it. */
  cwd: string;
}

const key = (pkg: string, test: string) => `${pkg}\u0000${test}`;

/**
 * Folds attempts into final records: the first run's stream, then each rerun's. The last attempt
 * of every test decides; a test retried but missing from its rerun keeps its failure (a rerun that
 * matched nothing must never turn red into green: gotestsum#423).
 */
export class LayerCollector {
  private readonly tests = new Map<string, { tc: TestCase; attempts: TestStatus[]; firstFailure?: TestCase }>();
  private readonly pkgs = new Map<string, { last: PackageRun; unexplained: boolean }>();
  runs = 0;

  constructor(
    private readonly layer: LayerName,
    private readonly place: Placement,
  ) {}

  add(stream: GoTestStream): void {
    this.runs++;
    for (const pkg of stream.packages.values()) {
      for (const tc of pkg.tests.values()) {
        const k = key(pkg.name, tc.name);
        const entry = this.tests.get(k) ?? { tc, attempts: [] };
        entry.attempts.push(tc.status);
        entry.tc = tc;
        if ((tc.status === "fail" || tc.status === "unfinished") && !entry.firstFailure) entry.firstFailure = tc;
        this.tests.set(k, entry);
      }
      const testFailed = [...pkg.tests.values()].some((t) => t.status === "fail" || t.status === "unfinished");
      this.pkgs.set(pkg.name, { last: pkg, unexplained: pkg.status === "fail" && (!testFailed || pkg.failedBuild !== undefined) });
    }
  }

  /** Failed test names per package (for reruns); packages failing without a test are rerun whole. */
  failing(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const { tc } of this.tests.values()) {
      if (tc.status !== "fail" && tc.status !== "unfinished") continue;
      out.set(tc.package, [...(out.get(tc.package) ?? []), tc.name]);
    }
    for (const [name, p] of this.pkgs) if (p.unexplained && p.last.failedBuild === undefined && !out.has(name)) out.set(name, []);
    return out;
  }

  result(durationMs: number): Omit<LayerResult, "status"> & { failed: boolean } {
    const tests: TestRecord[] = [];
    const byPkg = new Map<string, string[]>();
    for (const { tc } of this.tests.values()) {
      if (tc.status === "fail" || tc.status === "unfinished") byPkg.set(tc.package, [...(byPkg.get(tc.package) ?? []), tc.name]);
    }
    const leaves = new Set([...byPkg].flatMap(([pkg, names]) => failedLeaves(names).map((n) => key(pkg, n))));
    for (const [k, { tc, attempts, firstFailure }] of this.tests) {
      const failed = tc.status === "fail" || tc.status === "unfinished";
      const flaky = !failed && attempts.some((a) => a === "fail" || a === "unfinished");
      const rec: TestRecord = {
        layer: this.layer,
        package: tc.package,
        name: tc.name,
        status: failed ? "fail" : tc.status === "skip" ? "skip" : "pass",
        elapsed: tc.elapsed,
        attempts,
        flaky,
        leaf: failed && leaves.has(k),
        skipReason: tc.skipReason,
      };
      const blame = failed ? tc : flaky ? firstFailure : undefined;
      if (failed && !rec.leaf) {
        // Its own failure is its failed subtests'; they are the ones annotated.
        const subs = (byPkg.get(tc.package) ?? []).filter((n) => n.startsWith(`${tc.name}/`));
        rec.failure = {
          located: { message: `subtest(s) failed: ${subs.join(", ")}`, kind: "failure" },
          output: tc.output?.toString() ?? "",
          unfinished: false,
        };
      } else if (blame) {
        rec.failure = {
          located: locateFailure(blame, this.place.pkgDirs.get(blame.package), this.place.modules),
          output: blame.output?.toString() ?? "",
          unfinished: blame.status === "unfinished",
        };
      }
      tests.push(rec);
    }
    const packageFailures: PackageFailure[] = [];
    const packages: PackageSummary[] = [];
    for (const [name, { last, unexplained }] of this.pkgs) {
      const pkgFailed = unexplained || byPkg.has(name);
      packages.push({ name, elapsed: last.elapsed, status: pkgFailed ? "fail" : last.status === "skip" ? "skip" : "pass", coverage: last.coverage });
      if (!unexplained) continue;
      const buildErrors = parseFindings(last.buildOutput, this.place.cwd);
      const lines = last.output.lines();
      packageFailures.push({
        layer: this.layer,
        package: name,
        located:
          last.failedBuild !== undefined
            ? { ref: buildErrors[0], message: buildErrors[0]?.message ?? `${last.failedBuild}: build failed`, kind: "build" }
            : locatePackageFailure(lines, this.place.modules),
        output: last.failedBuild !== undefined ? last.buildOutput.join("\n") : last.output.toString(),
        buildErrors,
      });
    }
    const failed = tests.some((t) => t.status === "fail") || packageFailures.length > 0;
    return { layer: this.layer, durationMs, tests, packageFailures, packages, findings: [], runs: this.runs, failed };
  }
}

/** Counts for the `results` output and the summary table. */
export function layerCounts(r: LayerResult): { passed: number; failed: number; skipped: number; flaky: number } {
  if (r.layer === "vet" || r.layer === "lint" || r.layer === "vuln") {
    return { passed: 0, failed: r.findings.length || (r.status === "failed" ? 1 : 0), skipped: 0, flaky: 0 };
  }
  let passed = 0;
  let failed = r.packageFailures.length;
  let skipped = 0;
  let flaky = 0;
  for (const t of r.tests) {
    if (t.status === "pass") passed++;
    else if (t.status === "skip") skipped++;
    else if (t.leaf) failed++;
    if (t.flaky) flaky++;
  }
  return { passed, failed, skipped, flaky };
}
