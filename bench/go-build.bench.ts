/**
 * go-build against the same `go build` commands run one after another, side by side in one run:
 * cold (empty GOCACHE) for five targets, warm (GOCACHE kept), and gantry's own time beyond the
 * processes it runs. Also the default concurrency against all-at-once, to justify the default.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, EXAMPLE } from "../demo/lib.js";
import type { BenchRow } from "./results.js";

const TARGETS = ["linux/amd64", "linux/arm64", "linux/arm/v7", "windows/amd64", "darwin/arm64"];
const LDFLAGS = "-s -w -buildid= -X main.version=v1.0.0 -X main.commit=none -X main.date=2025-11-25T00:00:00Z";

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-bench-"));
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The hand-written loop a team would otherwise have: one `go build` per target, one after another. */
function goLoop(ws: string, gocache: string): number {
  const started = performance.now();
  for (const t of TARGETS) {
    const [os, arch, variant] = t.split("/") as [string, string, string?];
    const env = { ...process.env, GOCACHE: gocache, GOOS: os, GOARCH: arch, CGO_ENABLED: "0", ...(variant ? { GOARM: variant.slice(1) } : {}) };
    execFileSync("go", ["build", "-trimpath", `-ldflags=${LDFLAGS}`, "-o", join(ws, "out", t.replace(/\//g, "_"), "hello"), "."], { cwd: ws, env });
  }
  return performance.now() - started;
}

function gantry(ws: string, gocache: string, extra: string[] = []): { ms: number; ownMs: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, "go-build", "--targets", TARGETS.join(","), "--version", "v1.0.0", ...extra], {
    cwd: ws,
    env: { ...process.env, GOCACHE: gocache, GANTRY_DEBUG: "1", SOURCE_DATE_EPOCH: "1764028800" },
    encoding: "utf8",
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`gantry go-build failed:\n${r.stderr}`);
  const m = /go-build timing: (\d+) ms in all, (\d+) ms in child processes/.exec(r.stderr);
  // Own time: the whole process (node start included) minus the time child processes ran.
  return { ms, ownMs: m ? ms - Number(m[2]) : Number.NaN };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function bench(): Promise<BenchRow[]> {
  const caches: string[] = [];
  const fresh = () => {
    const c = mkdtempSync(join(tmpdir(), "gantry-bench-gocache-"));
    caches.push(c);
    return c;
  };
  try {
    const loopCache = fresh();
    const loopCold = goLoop(copy(), loopCache);
    const loopWarm = goLoop(copy(), loopCache);
    const gantryCache = fresh();
    const ws = copy();
    const cold = gantry(ws, gantryCache);
    const warm = gantry(ws, gantryCache);
    const warmOther = gantry(copy(), gantryCache);
    const allAtOnce = gantry(copy(), fresh(), ["--parallel", "5"]);
    const own = [gantry(ws, gantryCache), gantry(ws, gantryCache), gantry(ws, gantryCache)].map((r) => r.ownMs).sort((a, b) => a - b)[1] as number;
    return [
      { metric: "cold, 5 targets: go build loop one after another", value: s(loopCold), verdict: "info" },
      {
        metric: "cold, 5 targets: gantry go-build (parallel auto)",
        value: `${s(cold.ms)} (${(cold.ms / loopCold).toFixed(2)}× the loop)`,
        target: "≤ 1.0× the loop",
        verdict: cold.ms <= loopCold * 1.0 ? "ok" : "MISSED",
      },
      {
        metric: "cold, 5 targets: gantry go-build --parallel 5 (all at once)",
        value: `${s(allAtOnce.ms)} (${(allAtOnce.ms / loopCold).toFixed(2)}× the loop)`,
        verdict: "info",
      },
      {
        metric: "warm rebuild, go build loop (GOCACHE kept)",
        value: `${s(loopWarm)} (${(loopCold / loopWarm).toFixed(0)}× faster than its cold run)`,
        verdict: "info",
      },
      {
        metric: "warm rebuild, gantry go-build (GOCACHE kept)",
        value: `${s(warm.ms)} (${(cold.ms / warm.ms).toFixed(0)}× faster than cold)`,
        target: "≥ 50×",
        verdict: cold.ms / warm.ms >= 50 ? "ok" : "MISSED",
      },
      {
        metric: "warm rebuild from another folder, gantry go-build",
        value: `${s(warmOther.ms)} (${(cold.ms / warmOther.ms).toFixed(0)}× faster than cold)`,
        verdict: "info",
      },
      {
        metric: "gantry's own time beyond go processes (warm, median of 3, node start included)",
        value: `${Math.round(own)} ms`,
        target: "< 300 ms",
        verdict: own < 300 ? "ok" : "MISSED",
      },
    ];
  } finally {
    for (const c of caches) rmSync(c, { recursive: true, force: true });
  }
}
