/**
 * Issue 5's performance targets for the go-test stage, measured side by side in one run:
 * - overhead of the action (node dist/go-test/main.js, as the runner starts it) over running the
 *   same go commands directly (go vet, go test -json -short -vet=off …, go test -json -race -vet=off …,
 *   with the same coverage flags and -count=1 so neither side reads cached results): target ≤ 5%, on
 *   the example service and on a generated module with a more realistic amount of test work; and
 *   the same commands as a team would type them (go test vetting again after go vet);
 * - against gotestsum and raw `go test -json`: the unit layer with JUnit, ≤ 5% over raw
 *   go and not slower than gotestsum, on both modules;
 * - parser throughput on a recorded 100,000-event `go test -json` stream: target ≥ 200,000
 *   events/s, and memory flat (heap after 100k vs 400k events).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { GoTestStream, LayerCollector } from "@gantry/go-test";
import { EXAMPLE, REPO } from "../demo/lib.js";
import { findPeer } from "./peers.js";
import { type Measure, round } from "./figures.js";
import type { BenchRow } from "./results.js";

const sec = (ms: number): Measure => ({ value: round(ms / 1000, 2), unit: "s" });

/** Every folder the bench makes, removed at its end. */
const made: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  return performance.now() - t;
}

/**
 * The go commands the action runs for layers vet,unit,race with coverage, run directly. The action
 * passes `-vet=off` to go test once the vet layer has passed (issue 14); `byHand` leaves it out, as
 * a team typing the three commands would, so go test runs its own vet checks again.
 */
function direct(dir: string, module: string, out: string, byHand = false): number {
  const cover = (mode: string) => ["-count=1", `-covermode=${mode}`, `-coverpkg=${module}/...`];
  const vet = byHand ? [] : ["-vet=off"];
  return (
    run("go", ["vet", "./..."], dir) +
    run("go", ["test", "-json", "-short", ...vet, ...cover("set"), `-coverprofile=${join(out, "u.out")}`, "./..."], dir) +
    run("go", ["test", "-json", "-race", ...vet, ...cover("atomic"), `-coverprofile=${join(out, "r.out")}`, "./..."], dir)
  );
}

/**
 * The action, started the way the runner starts it (layers vet,unit,race with coverage unless told),
 * in `base`'s environment (go-test-suite.bench.ts points GOMODCACHE at its own folder).
 */
export function action(dir: string, out: string, layers = "vet,unit,race", coverage = "true", base: NodeJS.ProcessEnv = process.env): number {
  const env: NodeJS.ProcessEnv = {
    ...base,
    GITHUB_STEP_SUMMARY: join(out, "summary.md"),
    GITHUB_OUTPUT: join(out, "output"),
    RUNNER_TEMP: out,
    INPUT_LAYERS: layers,
    INPUT_PACKAGES: "./...",
    INPUT_COUNT: "1",
    INPUT_COVERAGE: coverage,
    "INPUT_FAIL-FAST": "true",
    INPUT_RETRIES: "0",
    INPUT_SHUFFLE: "off",
    INPUT_JUNIT: join(out, "results.xml"),
    "INPUT_COVERAGE-PROFILE": coverage === "false" ? "" : join(out, "coverage.out"),
    "INPUT_INTEGRATION-TAGS": "integration",
    "INPUT_E2E-TAGS": "e2e",
    "INPUT_E2E-HEALTH": "/healthz",
    "INPUT_E2E-START-TIMEOUT": "30s",
    "INPUT_E2E-SHUTDOWN-TIMEOUT": "10s",
  };
  return run(process.execPath, [join(REPO, "dist/go-test/main.js")], dir, env);
}

/**
 * Alternates the three ways `n` times after a warm-up of each. The machine is shared, so single runs
 * wander by ±30%: the overhead is the median of the paired differences, over the median direct time.
 */
function overhead(dir: string, module: string, n: number): { direct: number; action: number; diff: number; byHand: number } {
  const out = temp("gantry-bench-go-test-out-");
  for (const f of ["summary.md", "output"]) writeFileSync(join(out, f), "");
  direct(dir, module, out);
  direct(dir, module, out, true);
  action(dir, out);
  const d: number[] = [];
  const h: number[] = [];
  const a: number[] = [];
  for (let i = 0; i < n; i++) {
    d.push(direct(dir, module, out));
    h.push(direct(dir, module, out, true));
    a.push(action(dir, out));
  }
  return { direct: median(d), action: median(a), diff: median(a.map((x, i) => x - (d[i] as number))), byHand: median(h) };
}

/**
 * The unit layer with JUnit three ways, alternated `n` times after a warm-up (issue 14): raw
 * `go test -json -short -count=1 ./...`, gotestsum (`--junitfile … -- -short -count=1 ./...`, its
 * documented use) and the action (layers: unit, JUnit, no coverage). Medians of each.
 */
function unitPeers(dir: string, n: number): { raw: number; gotestsum: number; action: number } {
  const out = mkdtempSync(join(tmpdir(), "gantry-bench-go-test-peers-"));
  try {
    for (const f of ["summary.md", "output"]) writeFileSync(join(out, f), "");
    const flags = ["-short", "-count=1", "./..."];
    const ways = {
      raw: () => run("go", ["test", "-json", ...flags], dir),
      gotestsum: () => run("gotestsum", ["--junitfile", join(out, "gotestsum.xml"), "--", ...flags], dir),
      action: () => action(dir, out, "unit", "false"),
    };
    const times: Record<keyof typeof ways, number[]> = { raw: [], gotestsum: [], action: [] };
    for (let i = 0; i <= n; i++)
      for (const [k, f] of Object.entries(ways) as [keyof typeof ways, () => number][]) {
        const ms = f();
        if (i > 0) times[k].push(ms);
      }
    return { raw: median(times.raw), gotestsum: median(times.gotestsum), action: median(times.action) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function peerRows(what: string, dir: string, n: number): BenchRow[] {
  if (!findPeer("gotestsum")) return [{ metric: `${what}: gotestsum`, show: "not measured: gotestsum is not installed (bash scripts/go-tools.sh --bench)" }];
  const u = unitPeers(dir, n);
  return [
    {
      metric: `${what}, unit layer + JUnit: gantry go-test vs raw go test -json (median of ${n})`,
      measures: { gantry: sec(u.action), raw: sec(u.raw) },
      show: "{gantry} vs {raw} ({gantry/raw:+%})",
      target: { measure: "gantry", peer: "raw", overheadAtMost: 5 },
    },
    {
      metric: `${what}, unit layer + JUnit: gantry go-test vs gotestsum --junitfile (median of ${n})`,
      measures: { gantry: sec(u.action), gotestsum: sec(u.gotestsum) },
      show: "{gantry} vs {gotestsum} ({gantry/gotestsum})",
      target: { measure: "gantry", peer: "gotestsum", ratioAtMost: 1.0 },
    },
  ];
}

/** A module with some real test work: `pkgs` packages of `tests` tests that each hash for a while. */
function generatedModule(pkgs: number, tests: number): string {
  const dir = temp("gantry-bench-go-test-mod-");
  writeFileSync(join(dir, "go.mod"), "module example.com/benchmod\n\ngo 1.19\n");
  for (let p = 0; p < pkgs; p++) {
    const pkg = join(dir, `p${p}`);
    mkdirSync(pkg);
    writeFileSync(
      join(pkg, "work.go"),
      `package p${p}\n\nimport "crypto/sha256"\n\n// Work hashes n times.\nfunc Work(n int) [32]byte {\n\tsum := sha256.Sum256([]byte("x"))\n\tfor i := 0; i < n; i++ {\n\t\tsum = sha256.Sum256(sum[:])\n\t}\n\treturn sum\n}\n`,
    );
    const body = Array.from(
      { length: tests },
      (_, t) => `func TestWork${t}(t *testing.T) {\n\tif Work(12000)[0] == 0 && ${t} < 0 {\n\t\tt.Fatal("never")\n\t}\n}\n`,
    ).join("\n");
    writeFileSync(join(pkg, "work_test.go"), `package p${p}\n\nimport "testing"\n\n${body}`);
  }
  return dir;
}

/** Records a real `go test -json` stream of at least `events` lines, cut to exactly that many. */
function recordStream(events: number): string[] {
  const dir = temp("gantry-bench-go-test-rec-");
  writeFileSync(join(dir, "go.mod"), "module example.com/rec\n\ngo 1.19\n");
  const tests = Array.from(
    { length: 500 },
    (_, i) =>
      `func TestRec${i}(t *testing.T) {\n\tt.Logf("step %d", ${i})\n\tt.Run("a", func(t *testing.T) {})\n\tt.Run("b", func(t *testing.T) { t.Log("sub") })\n}\n`,
  ).join("\n");
  writeFileSync(join(dir, "rec_test.go"), `package rec\n\nimport "testing"\n\n${tests}`);
  const r = spawnSync("go", ["test", "-json", "-count=15", "."], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
  const lines = r.stdout.split("\n").filter(Boolean);
  if (lines.length < events) throw new Error(`the recording has ${lines.length} events, fewer than ${events}`);
  return lines.slice(0, events);
}

function gcNow(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Parses the lines `times` times over (as one long stream); heap growth kept by the parser. */
function parse(lines: readonly string[], times: number): { ms: number; heapMiB: number } {
  gcNow();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const s = new GoTestStream();
  for (let k = 0; k < times; k++) for (const l of lines) s.stdoutLine(l);
  s.finish();
  const c = new LayerCollector("unit", { pkgDirs: new Map(), modules: [], cwd: "/" });
  c.add(s);
  c.result(0);
  const ms = performance.now() - t;
  gcNow();
  const heapMiB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  if (s.events !== lines.length * times) throw new Error(`parsed ${s.events} events, expected ${lines.length * times}`);
  return { ms, heapMiB };
}

export default async function goTestBench(): Promise<BenchRow[]> {
  try {
    return await measure();
  } finally {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const overheadRow = (metric: string, o: { action: number; direct: number; diff: number; byHand: number }): BenchRow => ({
    metric,
    measures: { gantry: sec(o.action), direct: sec(o.direct), overhead: { value: Math.round(o.diff), unit: "ms" }, byHand: sec(o.byHand) },
    show: "{gantry} vs {direct} direct: {overhead:+} ({overhead/direct:%}); by hand, go test vetting again: {byHand}",
    target: { measure: "overhead", peer: "direct", shareAtMost: 5 },
  });

  const example = temp("gantry-bench-go-test-example-");
  cpSync(EXAMPLE, example, { recursive: true });
  const small = overhead(example, "example.com/hello", 7);
  rows.push(overheadRow("overhead on the example service (vet,unit,race; go alone takes about 1 s)", small));
  const mod = generatedModule(8, 40);
  const big = overhead(mod, "example.com/benchmod", 5);
  rows.push(overheadRow("overhead on a generated module, 8 packages × 40 tests that hash for a while (vet,unit,race)", big));

  rows.push(...peerRows("example service", example, 7), ...peerRows("generated module", mod, 5));

  const lines = recordStream(100_000);
  const recorded = join(temp("gantry-bench-go-test-100k-"), "gantry-go-test-100k.jsonl");
  writeFileSync(recorded, `${lines.join("\n")}\n`);
  const mib = Buffer.byteLength(readFileSync(recorded)) / 1024 / 1024;
  parse(lines, 1);
  const runs = Array.from({ length: 5 }, () => parse(lines, 1));
  const ms = median(runs.map((r) => r.ms));
  const eps = 100_000 / (ms / 1000);
  rows.push({
    metric: "parser throughput, recorded 100,000-event go test -json stream ({stream})",
    measures: { stream: { value: round(mib, 1), unit: "MiB" }, eps: { value: Math.round(eps), unit: "events/s" }, ms: { value: Math.round(ms), unit: "ms" } },
    show: "{eps} ({ms})",
    target: { measure: "eps", atLeast: { value: 200_000, unit: "events/s" } },
  });
  const one = median(runs.map((r) => r.heapMiB));
  const four = parse(lines, 4);
  rows.push({
    metric: "heap kept after parsing 100k events vs the same stream 4× (400k events)",
    measures: {
      one: { value: round(one, 1), unit: "MiB" },
      four: { value: round(four.heapMiB, 1), unit: "MiB" },
      stream: { value: round(mib, 1), unit: "MiB" },
    },
    show: "{one} vs {four} (the stream itself: {stream} per 100k)",
    // Flat: four times the stream keeps at most half as much again, plus 1 MiB for the collector's noise.
    target: { measure: "four", peer: "one", ratioAtMost: 1.5, slack: { value: 1, unit: "MiB" } },
  });
  return rows;
}
