/**
 * go-build against the release a team would script by hand (bench/go-loop.ts: the same module
 * checks, builds, archives and checksums with the usual tools) and against goreleaser
 * (`release --snapshot` with the same module checks as hooks, targets, flags, archives and checksums).
 * Cold runs (empty GOCACHE) are interleaved, each tool taking each place in the order once per
 * ROUNDS runs, so a machine that slows down or warms up part-way does not favour one of them; the
 * rows give the median and the spread. Then warm rebuilds (GOCACHE kept), gantry's own time beyond
 * the processes it runs, and the default concurrency against all-at-once, to justify the default.
 *
 * GANTRY_BENCH_TARGETS (comma-separated) and GANTRY_BENCH_ROUNDS shrink a trial run; such a run is
 * for seeing the bench work (`tsx bench/run.ts --no-record go-build`), not for the results file.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, EXAMPLE } from "../demo/lib.js";
import type { Measure } from "./figures.js";
import { goLoop } from "./go-loop.js";
import { findPeer, goreleaserConfig, goreleaserRelease, prepareGoreleaser } from "./peers.js";
import type { BenchRow } from "./results.js";

const TARGETS = (process.env.GANTRY_BENCH_TARGETS || "linux/amd64,linux/arm64,linux/arm/v7,windows/amd64,darwin/arm64").split(",");
const ROUNDS = Number(process.env.GANTRY_BENCH_ROUNDS || 3);
const LDFLAGS = "-s -w -buildid= -X main.version=v1.0.0 -X main.commit=none -X main.date=2025-11-25T00:00:00Z";
const VERSION = "v1.0.0";
/** What the loop and goreleaser cannot do with a usual tool stays off in gantry for the comparison. */
const LIKE_FOR_LIKE = ["--sbom", "none", "--provenance", "false"];
const METHOD = "like-for-like";
const N = `${TARGETS.length} target${TARGETS.length === 1 ? "" : "s"}`;

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

function gantry(ws: string, gocache: string, extra: string[] = []): { ms: number; ownMs: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, "go-build", "--targets", TARGETS.join(","), "--version", VERSION, ...extra], {
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

const sec = (ms: number | number[]): Measure => ({ value: [ms].flat().map((x) => Number((x / 1000).toFixed(2))), unit: "s" });
const one = (ms: number): Measure => ({ value: Number((ms / 1000).toFixed(2)), unit: "s" });

type Tool = "gantry" | "loop" | "goreleaser";
interface Kept {
  ws: string;
  gocache: string;
}

/** One cold run of a tool in a fresh copy with an empty GOCACHE: its time, and where it ran (for the warm runs). */
function cold(tool: Tool): { ms: number; kept: Kept } {
  const ws = copy();
  const gocache = temp("gantry-bench-gocache-");
  if (tool === "loop") return { ms: goLoop(ws, gocache, TARGETS, LDFLAGS, VERSION), kept: { ws, gocache } };
  if (tool === "gantry") return { ms: gantry(ws, gocache, LIKE_FOR_LIKE).ms, kept: { ws, gocache } };
  prepareGoreleaser(ws, goreleaserConfig(TARGETS, LDFLAGS, VERSION, ["go mod verify", "go mod tidy -diff"]));
  return { ms: goreleaserRelease(ws, goreleaserEnv(gocache)), kept: { ws, gocache } };
}

const goreleaserEnv = (gocache: string) => ({ ...process.env, GOCACHE: gocache, GOFLAGS: "-buildvcs=false" });

/** ROUNDS cold runs of each tool, the order rotated every round (gantry, loop, goreleaser; loop, goreleaser, gantry; …). */
function interleaved(tools: Tool[]): { times: Record<Tool, number[]>; kept: Partial<Record<Tool, Kept>> } {
  const times: Record<Tool, number[]> = { gantry: [], loop: [], goreleaser: [] };
  const kept: Partial<Record<Tool, Kept>> = {};
  for (let round = 0; round < ROUNDS; round++)
    for (let i = 0; i < tools.length; i++) {
      const tool = tools[(round + i) % tools.length] as Tool;
      process.stderr.write(`cold round ${round + 1}/${ROUNDS}: ${tool}\n`);
      const r = cold(tool);
      times[tool].push(r.ms);
      kept[tool] = r.kept;
    }
  return { times, kept };
}

const runs = `${ROUNDS} interleaved cold run${ROUNDS === 1 ? "" : "s"} each, median (min–max)`;

function goreleaserRows(times: number[], warm: number | undefined, gantryCold: number[], gantryWarm: number): BenchRow[] {
  if (warm === undefined)
    return [{ metric: "goreleaser release --snapshot", show: "not measured: goreleaser is not installed (bash scripts/go-tools.sh --bench)", method: METHOD }];
  return [
    {
      metric: `cold, ${N}: gantry go-build vs goreleaser release --snapshot (same module checks, targets, flags, archives, checksums; no SBOM or provenance in either; ${runs})`,
      measures: { gantry: sec(gantryCold), goreleaser: sec(times) },
      show: "{gantry:median} ({gantry:range}) vs {goreleaser:median} ({goreleaser:range}) ({gantry/goreleaser})",
      target: { measure: "gantry", peer: "goreleaser", ratioAtMost: 1.0 },
      method: METHOD,
    },
    {
      metric: "warm rebuild: gantry go-build vs goreleaser release --snapshot (GOCACHE kept, no SBOM or provenance in either)",
      measures: { gantry: one(gantryWarm), goreleaser: one(warm) },
      show: "{gantry} vs {goreleaser} ({gantry/goreleaser})",
      target: { measure: "gantry", peer: "goreleaser", ratioAtMost: 1.0 },
      method: METHOD,
    },
  ];
}

export default async function bench(): Promise<BenchRow[]> {
  try {
    const hasGoreleaser = findPeer("goreleaser") !== undefined;
    const { times, kept } = interleaved(hasGoreleaser ? ["gantry", "loop", "goreleaser"] : ["gantry", "loop"]);
    const g = kept.gantry as Kept;
    const loopWarm = goLoop(copy(), (kept.loop as Kept).gocache, TARGETS, LDFLAGS, VERSION);
    const warm = gantry(g.ws, g.gocache, LIKE_FOR_LIKE);
    const goreleaserWarm = kept.goreleaser ? goreleaserRelease(kept.goreleaser.ws, goreleaserEnv(kept.goreleaser.gocache)) : undefined;
    const warmOther = gantry(copy(), g.gocache, LIKE_FOR_LIKE);
    const allAtOnce = gantry(copy(), temp("gantry-bench-gocache-"), [...LIKE_FOR_LIKE, "--parallel", String(TARGETS.length)]);
    // gantry's own time with its defaults (SBOMs and provenance on): nothing here is compared with a peer.
    const own = [gantry(g.ws, g.gocache), gantry(g.ws, g.gocache), gantry(g.ws, g.gocache)].map((r) => r.ownMs);
    return [
      {
        metric: `cold, ${N}: the loop a team would script (go mod verify, go mod tidy -diff, go build per target one after another, tar/zip, sha256sum; ${runs})`,
        measures: { loop: sec(times.loop) },
        show: "{loop:median} ({loop:range})",
        method: METHOD,
      },
      {
        metric: `cold, ${N}: gantry go-build (parallel auto; no SBOM or provenance, which the loop has no usual tool for) vs the loop (${runs})`,
        measures: { gantry: sec(times.gantry), loop: sec(times.loop) },
        show: "{gantry:median} ({gantry:range}) vs {loop:median} ({loop:range}) ({gantry/loop})",
        target: { measure: "gantry", peer: "loop", ratioAtMost: 1.0 },
        method: METHOD,
      },
      {
        metric: `cold, ${N}: gantry go-build --parallel ${TARGETS.length} (all at once; one run) vs the loop's median`,
        measures: { all: one(allAtOnce.ms), loop: sec(times.loop) },
        show: "{all} ({all/loop} the loop)",
        method: METHOD,
      },
      {
        metric: "warm rebuild, the loop (GOCACHE kept)",
        measures: { warm: one(loopWarm), cold: sec(times.loop) },
        show: "{warm} ({cold/warm} faster than its cold median)",
        method: METHOD,
      },
      {
        metric: "warm rebuild, gantry go-build (GOCACHE kept)",
        measures: { warm: one(warm.ms), cold: sec(times.gantry) },
        show: "{warm} ({cold/warm} faster than its cold median)",
        target: { measure: "warm", peer: "cold", fasterAtLeast: 50 },
        method: METHOD,
      },
      ...goreleaserRows(times.goreleaser, goreleaserWarm, times.gantry, warm.ms),
      {
        metric: "warm rebuild, gantry go-build vs the loop (GOCACHE kept)",
        measures: { gantry: one(warm.ms), loop: one(loopWarm) },
        show: "{gantry} vs {loop} ({gantry/loop})",
        target: { measure: "gantry", peer: "loop", ratioAtMost: 1.2 },
        method: METHOD,
      },
      {
        metric: "warm rebuild from another folder, gantry go-build",
        measures: { warm: one(warmOther.ms), cold: sec(times.gantry) },
        show: "{warm} ({cold/warm} faster than its cold median)",
        method: METHOD,
      },
      {
        metric: "gantry's own time beyond go processes (warm, median of 3, node start included)",
        measures: { own: { value: own.map((x) => Math.round(x)), unit: "ms" } },
        show: "{own:median}",
        target: { measure: "own", below: { value: 300, unit: "ms" } },
        method: METHOD,
      },
    ];
  } finally {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}
