/**
 * go-test on a public suite of real size, against gotestsum, like with like: a team moving from
 * goreleaser and gotestsum wants the unit layer no slower on its own hundreds of tests. The suite is
 * a public module pinned by version, fetched from the Go module proxy only, into this bench's own
 * folder (its own GOMODCACHE; never the user's module cache). The Go build cache stays the user's,
 * warm, as in go-test.bench.ts: what is compared is the runner's overhead, not compiling.
 *
 * Both sides run the same go test: gantry's unit layer runs `go test -json -short -count=1 ./...`
 * (layers: unit, JUnit on, coverage off), gotestsum runs `--junitfile … -- -short -count=1 ./...`,
 * its documented use. They alternate (the order swapped each round, after a warm-up of each);
 * every run is recorded, and the target is judged on the medians.
 * `GANTRY_BENCH_ROUNDS` sets the number of rounds (default 7, at least 5 for a recorded run).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Measure, round } from "./figures.js";
import { action, run } from "./go-test.bench.js";
import { findPeer } from "./peers.js";
import type { BenchRow } from "./results.js";

/**
 * HashiCorp's HCL: 25 packages, 18 of them with tests, about 1,950 tests as `go test -json` reports
 * them (subtests included; 150 top-level Test functions), pure Go (no cgo, network or services),
 * about 5 s warm on 2 cores.
 */
export const SUITE = { module: "github.com/hashicorp/hcl/v2", version: "v2.25.0" };
/** Fewer tests than this and the row would not be the suite size it claims to be. */
const MIN_TESTS = 500;

const rounds = (): number => {
  const raw = process.env.GANTRY_BENCH_ROUNDS;
  if (raw === undefined || raw === "") return 7;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`GANTRY_BENCH_ROUNDS is "${raw}"; accepted: a whole number of rounds, 1 or more`);
  return n;
};

const secs = (ms: number[]): Measure => ({ value: ms.map((x) => round(x / 1000, 2)), unit: "s" });

function go(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync("go", args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`go ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

/**
 * The suite's source in `work/src`, its dependencies in `work/mod`; returns the environment both
 * tools run in: the module cache is the bench's and the proxy is off, so nothing is fetched while measured.
 */
function fetchSuite(work: string): { src: string; env: NodeJS.ProcessEnv } {
  // The module proxy only, never version control: the proxies `go env GOPROXY` names, without
  // `direct` (as scripts/go-tools.sh does); Go's default proxy when it names none.
  const proxies = go(["env", "GOPROXY"], work, process.env)
    .trim()
    .split(/[,|]/)
    .filter((p) => p && p !== "direct" && p !== "off");
  const fetchEnv: NodeJS.ProcessEnv = {
    ...process.env,
    GOMODCACHE: join(work, "mod"),
    // Writable, so the folder can be removed afterwards; the copy in src is then writable too.
    GOFLAGS: [process.env.GOFLAGS, "-modcacherw"].filter(Boolean).join(" "),
  };
  if (proxies.length > 0) fetchEnv.GOPROXY = proxies.join(",");
  else delete fetchEnv.GOPROXY;
  const info = JSON.parse(go(["mod", "download", "-json", `${SUITE.module}@${SUITE.version}`], work, fetchEnv)) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${SUITE.module}@${SUITE.version}: ${info.Error ?? "no Dir"}`);
  const src = join(work, "src");
  cpSync(info.Dir, src, { recursive: true });
  go(["mod", "download"], src, fetchEnv);
  return { src, env: { ...fetchEnv, GOPROXY: "off" } };
}

/** The number of test cases a JUnit file reports. */
const testcases = (file: string) => (readFileSync(file, "utf8").match(/<testcase\b/g) ?? []).length;

export default async function goTestSuiteBench(): Promise<BenchRow[]> {
  const what = `public suite ${SUITE.module}@${SUITE.version}`;
  if (!findPeer("gotestsum")) return [{ metric: `${what}: gotestsum`, show: "not measured: gotestsum is not installed (bash scripts/go-tools.sh --bench)" }];
  const work = mkdtempSync(join(tmpdir(), "gantry-bench-go-test-suite-"));
  try {
    const { src, env } = fetchSuite(work);
    const out = join(work, "out");
    mkdirSync(out);
    for (const f of ["summary.md", "output"]) writeFileSync(join(out, f), "");
    const packages = go(["list", "-f", "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}", "./..."], src, env).split("\n").filter(Boolean).length;
    const junit = { gantry: join(out, "results.xml"), gotestsum: join(out, "gotestsum.xml") };
    const ways = {
      gantry: () => action(src, out, "unit", "false", env),
      gotestsum: () => run("gotestsum", ["--junitfile", junit.gotestsum, "--", "-short", "-count=1", "./..."], src, env),
    };
    const n = rounds();
    const times = { gantry: [] as number[], gotestsum: [] as number[] };
    for (let i = 0; i <= n; i++) {
      const order = i % 2 ? (["gotestsum", "gantry"] as const) : (["gantry", "gotestsum"] as const);
      for (const k of order) {
        const ms = ways[k]();
        if (i > 0) times[k].push(ms);
      }
    }
    // Both ran the whole suite: the same number of tests, and at least the size the row claims.
    const tests = { gantry: testcases(junit.gantry), gotestsum: testcases(junit.gotestsum) };
    if (tests.gotestsum < MIN_TESTS || tests.gantry !== tests.gotestsum)
      throw new Error(`the suite reported ${tests.gantry} tests to gantry and ${tests.gotestsum} to gotestsum; expected the same, at least ${MIN_TESTS}`);
    return [
      {
        metric: `${what} ({tests} tests, subtests included, in {packages} packages), unit layer + JUnit: gantry go-test vs gotestsum --junitfile (median of ${n}, alternated)`,
        measures: {
          gantry: secs(times.gantry),
          gotestsum: secs(times.gotestsum),
          tests: { value: tests.gotestsum, unit: "" },
          packages: { value: packages, unit: "" },
        },
        show: "{gantry:median} vs {gotestsum:median} ({gantry/gotestsum}); runs {gantry:range} vs {gotestsum:range}",
        target: { measure: "gantry", peer: "gotestsum", ratioAtMost: 1.03 },
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
