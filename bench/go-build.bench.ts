/**
 * go-build against the same `go build` commands run one after another and against goreleaser
 * (`release --snapshot`: the same targets, flags, archives and checksums; issue 14), side by side
 * in one run: cold (empty GOCACHE) for five targets, warm (GOCACHE kept), and gantry's own time
 * beyond the processes it runs. Also the default concurrency against all-at-once, to justify the default.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, EXAMPLE } from "../demo/lib.js";
import { findPeer, goreleaserConfig, goreleaserRelease, prepareGoreleaser } from "./peers.js";
import type { BenchRow } from "./results.js";

const TARGETS = ["linux/amd64", "linux/arm64", "linux/arm/v7", "windows/amd64", "darwin/arm64"];
const LDFLAGS = "-s -w -buildid= -X main.version=v1.0.0 -X main.commit=none -X main.date=2025-11-25T00:00:00Z";

/** Every folder the bench makes, removed at its end. */
const made: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function copy(): string {
  const dir = temp("gantry-bench-");
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

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** goreleaser cold (its own empty GOCACHE) and warm (kept), or undefined when it is not installed. */
function goreleaser(): { cold: number; warm: number } | undefined {
  if (!findPeer("goreleaser")) return undefined;
  const ws = copy();
  prepareGoreleaser(ws, goreleaserConfig(TARGETS, LDFLAGS, "v1.0.0"));
  const env = { ...process.env, GOCACHE: temp("gantry-bench-gocache-"), GOFLAGS: "-buildvcs=false" };
  const cold = goreleaserRelease(ws, env);
  return { cold, warm: goreleaserRelease(ws, env) };
}

function peerRows(peer: ReturnType<typeof goreleaser>, cold: number, warm: number, loopWarm: number): BenchRow[] {
  const vsLoop: BenchRow = {
    metric: "warm rebuild, gantry go-build vs the go build loop",
    value: `${s(warm)} vs ${s(loopWarm)} (${ratio(warm, loopWarm)})`,
    target: "≤ 1.2×",
    verdict: warm <= loopWarm * 1.2 ? "ok" : "MISSED",
  };
  if (!peer)
    return [
      {
        metric: "goreleaser release --snapshot (same targets, flags, archives, checksums)",
        value: "not measured: goreleaser is not installed (bash scripts/go-tools.sh --bench)",
        verdict: "info",
      },
      vsLoop,
    ];
  return [
    {
      metric: "cold, 5 targets: gantry go-build vs goreleaser release --snapshot (same targets, flags, archives, checksums)",
      value: `${s(cold)} vs ${s(peer.cold)} (${ratio(cold, peer.cold)})`,
      target: "≤ 1.0×",
      verdict: cold <= peer.cold ? "ok" : "MISSED",
    },
    {
      metric: "warm rebuild: gantry go-build vs goreleaser release --snapshot (GOCACHE kept)",
      value: `${s(warm)} vs ${s(peer.warm)} (${ratio(warm, peer.warm)})`,
      target: "≤ 1.0×",
      verdict: warm <= peer.warm ? "ok" : "MISSED",
    },
    vsLoop,
  ];
}

export default async function bench(): Promise<BenchRow[]> {
  try {
    const loopCache = temp("gantry-bench-gocache-");
    const loopCold = goLoop(copy(), loopCache);
    const loopWarm = goLoop(copy(), loopCache);
    const peer = goreleaser();
    const gantryCache = temp("gantry-bench-gocache-");
    const ws = copy();
    const cold = gantry(ws, gantryCache);
    const warm = gantry(ws, gantryCache);
    const warmOther = gantry(copy(), gantryCache);
    const allAtOnce = gantry(copy(), temp("gantry-bench-gocache-"), ["--parallel", "5"]);
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
      ...peerRows(peer, cold.ms, warm.ms, loopWarm),
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
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}
