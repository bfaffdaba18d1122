import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GantryError, type RunContext, formatDuration } from "@gantry/core";
import { CoverageMerger, formatPercent } from "./coverage.js";
import type { GoTestInputs, LayerName } from "./inputs.js";
import { type TestLayerContext, layerProfile, runTestLayer } from "./layers.js";
import { type GoPackage, PackageDirs, findModules, listPackages, taggedPackages } from "./packages.js";
import { writeJunit } from "./junit.js";
import type { LayerResult } from "./results.js";
import { type RunningProcess, logTail, stopProcess } from "./processes.js";
import { startServices } from "./services.js";
import { type GoEnv, findTool, goVersionOf, raceProblem, readGoEnv, runVet, skippedLayer, unavailableLayer } from "./tools.js";

export interface FailedTest {
  layer: LayerName;
  package: string;
  /** `[package]` for a failure no test explains (a build error, an init panic). */
  test: string;
  file?: string;
  line?: number;
}

export interface GoTestResult {
  layers: LayerResult[];
  passed: boolean;
  goVersion: string;
  coverage?: number;
  coverageProfile?: string;
  /** Why coverage fails the step, when it does. */
  coverageFailure?: string;
  junit: string;
  /** Service and e2e-binary logs (shown when a layer failed). */
  logs: { label: string; tail: string }[];
  durationMs: number;
}

const GO_TEST_LAYERS: readonly LayerName[] = ["unit", "race", "integration", "e2e"];

/**
 * Everything that can fail before a test runs is checked first (issue 5, "Bad input and failures").
 * A run of vet, unit and race starts no go process here: the module comes from go.mod, package
 * folders from the module path; `go list` runs only to find the packages with tagged files.
 */
async function prepare(inputs: GoTestInputs, ctx: RunContext) {
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  const cwd = inputs.workingDirectory;
  const has = (l: LayerName) => inputs.layers.includes(l);
  const go = await findTool("go", env);
  if (!go) throw new GantryError("no `go` on PATH: install Go first (actions/setup-go, or go-build with go-version)");
  const modules = await findModules(go, cwd, env);
  const pkgDirs = new PackageDirs(modules);
  let untagged: Promise<GoPackage[]> | undefined;
  const tagged = async (layer: LayerName, tags: string[]) => {
    if (!has(layer)) return [];
    untagged ??= listPackages(go, inputs.packages, [], cwd, env);
    const [before, list] = await Promise.all([untagged, listPackages(go, inputs.packages, tags, cwd, env)]);
    pkgDirs.add(list);
    return taggedPackages(before, list);
  };
  const [integrationPkgs, e2ePkgs] = await Promise.all([tagged("integration", inputs.integrationTags), tagged("e2e", inputs.e2eTags)]);
  const raceWhy = has("race") ? await raceProblem(env) : undefined;
  const e2eBinary = has("e2e") && e2ePkgs.length > 0 ? await (await import("./e2e.js")).resolveE2eBinary(inputs.e2eBinary, inputs.manifest) : undefined;
  // Only the tool layers need GOPATH/GOBIN (asked for when they run); the version is for the summary.
  let goEnvAsked: Promise<GoEnv> | undefined;
  const goEnv = () => {
    goEnvAsked ??= readGoEnv(go, cwd, env);
    return goEnvAsked;
  };
  const goVersion = await goVersionOf(go);
  return { goVersion, env, cwd, go, goEnv, modules, pkgDirs, integrationPkgs, e2ePkgs, raceWhy, e2eBinary };
}

/**
 * Runs the layers in the order given, stopping at the first failure when fail-fast is on. The e2e,
 * vuln and lint layers' code is loaded only when one of them runs (issue 14: the bundle loads only
 * what the chosen layers need).
 */
export async function goTest(inputs: GoTestInputs, ctx: RunContext): Promise<GoTestResult> {
  const started = performance.now();
  const { reporter } = ctx;
  const p = await prepare(inputs, ctx);
  reporter.info(`go-test: layers ${inputs.layers.join(" → ")} on ${inputs.packages.join(" ")} in ${p.cwd}`);
  const temp = ctx.env.RUNNER_TEMP || tmpdir();
  await mkdir(temp, { recursive: true });
  const workDir = await mkdtemp(join(temp, "gantry-go-test-"));
  const tctx: TestLayerContext = {
    go: p.go,
    inputs,
    env: p.env,
    place: { pkgDirs: p.pkgDirs, modules: p.modules, cwd: p.cwd },
    reporter,
    coverpkg: p.modules.map((m) => `${m.path}/...`).join(","),
    workDir,
  };
  const layers: LayerResult[] = [];
  const logs: GoTestResult["logs"] = [];
  let services: RunningProcess[] = [];
  try {
    if (inputs.services.length > 0)
      services = await reporter.group("go-test: services", () => startServices(inputs.services, { cwd: p.cwd, env: p.env, logDir: workDir }, reporter));
    let stoppedBy: LayerName | undefined;
    for (const name of inputs.layers) {
      if (stoppedBy) {
        layers.push({ ...skippedLayer(name, `${stoppedBy} failed and fail-fast is on`), status: "not-run" });
        continue;
      }
      const r = await reporter.group(`go-test: ${name}`, async () => {
        const result = await runLayer(name, inputs, p, tctx, layers, logs);
        if (result.log?.trim()) reporter.info(result.log.trimEnd());
        return result;
      });
      layers.push(r);
      reporter.info(`${name}: ${r.status} in ${formatDuration(r.durationMs)}${r.reason ? ` (${r.reason.split("\n")[0]})` : ""}`);
      if (r.status === "failed" && inputs.failFast) stoppedBy = name;
    }
    if (layers.some((l) => l.status === "failed")) for (const s of services) logs.push({ label: `${s.label} log`, tail: logTail(s, 50) });

    const merger = new CoverageMerger();
    if (inputs.coverage) for (const l of layers) if (GO_TEST_LAYERS.includes(l.layer) && l.runs > 0) await merger.addFile(layerProfile(workDir, l.layer));
    const coverage = merger.percent();
    if (coverage !== undefined) await merger.write(inputs.coverageProfile);
    let coverageFailure: string | undefined;
    if (inputs.minCoverage !== undefined) {
      if (coverage === undefined) coverageFailure = `min-coverage is ${inputs.minCoverage}% but no coverage was measured (no go test layer ran)`;
      else if (coverage + 1e-9 < inputs.minCoverage) coverageFailure = `coverage ${formatPercent(coverage)}% is below min-coverage ${inputs.minCoverage}%`;
    }
    await writeJunit(inputs.junit, layers, ctx.cwd, inputs.secrets);
    return {
      layers,
      passed: !layers.some((l) => l.status === "failed") && !coverageFailure,
      goVersion: p.goVersion ?? "",
      coverage,
      coverageProfile: coverage !== undefined ? inputs.coverageProfile : undefined,
      coverageFailure,
      junit: inputs.junit,
      logs,
      durationMs: performance.now() - started,
    };
  } finally {
    await Promise.all(services.reverse().map((s) => stopProcess(s)));
    await rm(workDir, { recursive: true, force: true });
  }
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

async function runLayer(
  name: LayerName,
  inputs: GoTestInputs,
  p: Prepared,
  tctx: TestLayerContext,
  done: readonly LayerResult[],
  logs: GoTestResult["logs"],
): Promise<LayerResult> {
  const { reporter } = tctx;
  // go test runs a subset of go vet's checks before the tests. When the vet layer has just passed on
  // the same packages, with no tags and the same cgo setting, that subset passes too: `-vet=off`
  // skips the second pass (0.2 s of a 0.9 s unit run on the example service; issue 14). `args` can
  // still set -vet, as go's last flag wins.
  const vetPassed = done.some((l) => l.layer === "vet" && l.status === "passed");
  const vetOff = (cgo: boolean) => (vetPassed && (!cgo || p.env.CGO_ENABLED !== "0") ? ["-vet=off"] : []);
  switch (name) {
    case "vet":
      return runVet(p.go, inputs.packages, p.cwd, p.env);
    case "unit":
      return runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-short", ...vetOff(false)] });
    case "race":
      if (p.raceWhy) {
        const optional = inputs.optionalLayers.includes(name);
        if (optional) reporter.warning(`race layer skipped: ${p.raceWhy}`);
        return unavailableLayer(name, p.raceWhy, optional);
      }
      if (p.env.CGO_ENABLED === "0") reporter.info("CGO_ENABLED=0 is set: the race layer runs with CGO_ENABLED=1, which -race needs");
      return runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-race", ...vetOff(true)], env: { CGO_ENABLED: "1" } });
    case "integration":
      if (p.integrationPkgs.length === 0)
        return skippedLayer(name, `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.integrationTags.join(",")}`);
      return runTestLayer(tctx, { name, packages: p.integrationPkgs, flags: [`-tags=${inputs.integrationTags.join(",")}`] });
    case "e2e":
      return runE2eLayer(inputs, p, tctx, logs);
    case "vuln":
      return (await import("./vuln.js")).runVulnLayer({
        ...p,
        packages: inputs.packages,
        db: inputs.vulnDb,
        workDir: tctx.workDir,
        reporter,
        optional: inputs.optionalLayers.includes(name),
      });
    case "lint":
      return (await import("./lint.js")).runLintLayer(
        { ...p, packages: inputs.packages, reporter, optional: inputs.optionalLayers.includes(name) },
        done.some((l) => l.layer === "vet" && l.status !== "not-run"),
      );
  }
}

async function runE2eLayer(inputs: GoTestInputs, p: Prepared, tctx: TestLayerContext, logs: GoTestResult["logs"]): Promise<LayerResult> {
  if (p.e2ePkgs.length === 0 || !p.e2eBinary)
    return skippedLayer("e2e", `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.e2eTags.join(",")}`);
  const { E2eError, shutdownE2e, startE2e } = await import("./e2e.js");
  const started = performance.now();
  let service: Awaited<ReturnType<typeof startE2e>>;
  try {
    service = await startE2e({
      binary: p.e2eBinary,
      args: inputs.e2eArgs,
      env: { ...p.env, ...inputs.e2eEnv },
      cwd: p.cwd,
      port: inputs.e2ePort,
      health: inputs.e2eHealth,
      startTimeoutMs: inputs.e2eStartTimeoutMs,
      logDir: tctx.workDir,
    });
  } catch (err) {
    if (!(err instanceof E2eError)) throw err;
    logs.push({ label: "e2e binary log", tail: err.logTail });
    return { ...skippedLayer("e2e", err.message), status: "failed", durationMs: performance.now() - started };
  }
  tctx.reporter.info(`e2e: ${p.e2eBinary} is up at ${service.baseUrl} (pid ${service.proc.pid})`);
  let result: LayerResult | undefined;
  let error: unknown;
  try {
    result = await runTestLayer(tctx, { name: "e2e", packages: p.e2ePkgs, flags: [`-tags=${inputs.e2eTags.join(",")}`], env: { BASE_URL: service.baseUrl } });
  } catch (err) {
    error = err;
  }
  // The binary is stopped whatever the tests did; how it stops is part of the layer's verdict.
  const down = await shutdownE2e(service, inputs.e2eShutdownTimeoutMs);
  tctx.reporter.info(down.ok ? `e2e: the binary shut down gracefully in ${formatDuration(down.ms)}` : `e2e: ${down.reason}`);
  if (error || !result) throw error;
  if (!down.ok) result = { ...result, status: "failed", reason: down.reason };
  if (result.status === "failed") logs.push({ label: "e2e binary log", tail: logTail(service.proc, 50) });
  return { ...result, durationMs: performance.now() - started };
}

/** The `failed-tests` output: each failure once, where it failed. */
export function failedTests(r: GoTestResult, workspacePath: (file: string) => string | undefined): FailedTest[] {
  const out: FailedTest[] = [];
  for (const l of r.layers) {
    for (const f of l.packageFailures) out.push({ layer: l.layer, package: f.package, test: "[package]", ...ref(f.located.ref, workspacePath) });
    for (const t of l.tests)
      if (t.status === "fail" && t.leaf) out.push({ layer: l.layer, package: t.package, test: t.name, ...ref(t.failure?.located.ref, workspacePath) });
  }
  return out;
}

function ref(r: { file: string; line: number } | undefined, workspacePath: (file: string) => string | undefined): { file?: string; line?: number } {
  const file = r ? workspacePath(r.file) : undefined;
  return file && r ? { file, line: r.line } : {};
}
