import { join } from "node:path";
import { type Reporter, lastLines } from "@gantry/core";
import { runGoTest } from "./gotest.js";
import type { GoTestInputs, LayerName } from "./inputs.js";
import { LayerCollector, type LayerResult, type Placement } from "./results.js";
import { rerunPatterns } from "./retry.js";

/** What every go test layer shares. */
export interface TestLayerContext {
  go: string;
  inputs: GoTestInputs;
  env: NodeJS.ProcessEnv;
  place: Placement;
  reporter: Reporter;
  /** `-coverpkg` value: every package of the module(s). */
  coverpkg: string;
  /** Folder for this run's coverage profiles. */
  workDir: string;
}

/** One go test layer: its own flags and environment (issue 5, "Contract"). */
export interface TestLayer {
  name: LayerName;
  packages: readonly string[];
  flags: readonly string[];
  env?: Record<string, string>;
}

/** The profile a layer writes (merged into one at the end). */
export function layerProfile(workDir: string, layer: LayerName): string {
  return join(workDir, `${layer}.coverprofile`);
}

/**
 * The cheapest -covermode that serves: the gate and the profile need only whether a block ran, so
 * `set` (a plain store per block), and `atomic` only where -race is on, which go test requires
 * (cmd/go refuses another mode with -race) and where a non-atomic counter would be a data race.
 */
export function coverMode(flags: readonly string[]): "set" | "atomic" {
  return flags.some((f) => /^--?race(=true)?$/.test(f)) ? "atomic" : "set";
}

/**
 * Flags for a layer's first run. Integration and e2e runs get -count=1 unless `count` is set: the
 * test cache cannot see a database or a started binary, so a cached pass would prove nothing.
 */
export function layerFlags(ctx: Pick<TestLayerContext, "inputs" | "coverpkg" | "workDir">, layer: TestLayer): string[] {
  const i = ctx.inputs;
  const flags = [...layer.flags];
  if (i.timeout) flags.push(`-timeout=${i.timeout}`);
  if (i.shuffle !== "off") flags.push(`-shuffle=${i.shuffle}`);
  if (i.count) flags.push(`-count=${i.count}`);
  else if (layer.name === "integration" || layer.name === "e2e") flags.push("-count=1");
  if (i.coverage)
    flags.push(`-covermode=${coverMode([...layer.flags, ...i.args])}`, `-coverpkg=${ctx.coverpkg}`, `-coverprofile=${layerProfile(ctx.workDir, layer.name)}`);
  flags.push(...i.args);
  return flags;
}

/** Flags for a rerun: no coverage (the first run's profile stands), one run each, only the failed tests. */
export function rerunFlags(first: readonly string[], pattern: string | undefined): string[] {
  const kept = first.filter((f) => !/^-(count|cover\w*)=/.test(f));
  return [...kept, "-count=1", ...(pattern ? [`-run=${pattern}`] : [])];
}

/**
 * Runs one go test layer, then reruns only what failed, up to `retries` times (issue 5). Every
 * run is parsed as it streams; the collector decides each test by its last attempt.
 */
export async function runTestLayer(ctx: TestLayerContext, layer: TestLayer): Promise<LayerResult> {
  const started = performance.now();
  const collector = new LayerCollector(layer.name, ctx.place);
  const flags = layerFlags(ctx, layer);
  const env = (attempt: number) => ({ ...ctx.env, ...layer.env, GANTRY_TEST_LAYER: layer.name, GANTRY_TEST_ATTEMPT: String(attempt) });
  const progress = (line: string) => ctx.reporter.info(`  ${line}`);
  ctx.reporter.info(`go test -json ${[...flags, ...layer.packages].join(" ")}`);
  const first = await runGoTest({ go: ctx.go, cwd: ctx.inputs.workingDirectory, env: env(1), flags, packages: layer.packages, onProgress: progress });
  collector.add(first.stream);
  // go test failed, yet no test or package says why (a bad flag, no packages matched…).
  let runFailure = first.code !== 0 && collector.failing().size === 0 && !collector.result(0).failed;
  let reason = runFailure ? `\`go test\` exited with ${first.code}: ${first.stderrTail || lastLines(first.stream.other.toString(), 5)}` : undefined;

  for (let attempt = 2; attempt <= ctx.inputs.retries + 1 && !runFailure; attempt++) {
    const failing = collector.failing();
    if (failing.size === 0) break;
    const count = [...failing.values()].reduce((n, names) => n + Math.max(1, names.length), 0);
    ctx.reporter.info(`retry ${attempt - 1}/${ctx.inputs.retries}: rerunning ${count} failed test(s) in ${failing.size} package(s)`);
    for (const [pkg, names] of failing) {
      const patterns = names.length > 0 ? rerunPatterns(names) : [undefined];
      for (const pattern of patterns) {
        const r = await runGoTest({
          go: ctx.go,
          cwd: ctx.inputs.workingDirectory,
          env: env(attempt),
          flags: rerunFlags(flags, pattern),
          packages: [pkg],
          onProgress: progress,
        });
        collector.add(r.stream);
        if (r.code !== 0 && r.stream.packages.size === 0) {
          runFailure = true;
          reason = `a rerun of ${pkg} failed to start: ${r.stderrTail}`;
        }
      }
    }
  }
  const { failed, ...result } = collector.result(performance.now() - started);
  return { ...result, status: failed || runFailure ? "failed" : "passed", reason };
}
