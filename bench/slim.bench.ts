/**
 * The slim stage's performance targets, on the example service, measured side by side
 * with what teams do by hand (link with -s -w, run the host `strip`) in one run:
 * - size after -s -w vs a default build (expect about −30%), and after slim's strip;
 * - start-up time of each variant (and of a UPX-packed one when UPX is installed);
 * - slim's own time beyond the tools it runs, for 5 binaries (target < 200 ms).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryReporter, which } from "@gantry/core";
import { type SlimOptions, planFiles, slimArtifacts, slimFiles } from "@gantry/slim";
import { EXAMPLE, gantry } from "../demo/lib.js";
import { round } from "./figures.js";
import type { BenchRow, Measure } from "./results.js";

const TARGETS = "linux/amd64,linux/arm64,linux/arm/v7,windows/amd64,darwin/arm64";
const OPTIONS: SlimOptions = {
  strip: "auto",
  upx: "false",
  upxVersion: "5.2.0",
  upxArgs: ["--best"],
  upxSha256: "",
  upxDownloadBaseUrl: "https://github.com/upx/upx/releases/download",
  verify: true,
  smokeArgs: ["--version"],
  smokeTimeoutMs: 10_000,
  onVerifyFailure: "fail",
  keepOriginal: false,
  reportPackages: true,
};

/** Median wall time of `file --version` over n runs, in ms. */
function startup(file: string, n = 31): number {
  spawnSync(file, ["--version"]);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = spawnSync(file, ["--version"]);
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${file} --version exited ${r.status}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)] as number;
}

async function build(work: string, outDir: string, strip: boolean, targets: string): Promise<string> {
  const r = await gantry(
    "go-build",
    { targets, version: "v1.0.0", strip: String(strip), "out-dir": outDir, archive: "none", "mod-check": "off", cache: "false" },
    { cwd: work, quiet: true, env: { ...process.env, SOURCE_DATE_EPOCH: "1764028800" } },
  );
  if (r.code !== 0) throw new Error(`go-build failed:\n${r.stderr}`);
  return r.outputs.manifest as string;
}

export default async function slimBench(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), "gantry-bench-slim-"));
  cpSync(EXAMPLE, work, { recursive: true });
  const rows: BenchRow[] = [];
  try {
    const fullManifest = await build(work, "full", false, TARGETS);
    await build(work, "sw", true, "linux/amd64");
    const full = join(work, "full", "hello_linux_amd64", "hello");
    const sw = join(work, "sw", "hello_linux_amd64", "hello");
    const defaultCopy = join(work, "default-hello");
    cpSync(full, defaultCopy);
    const defaultSize = statSync(full).size;
    const swSize = statSync(sw).size;

    // By hand, as teams do it: the host strip on every default build, no checks.
    const byHand = mkdtempSync(join(work, "by-hand-")); // inside work, so it goes with it
    cpSync(join(work, "full"), byHand, { recursive: true });
    const manifest = JSON.parse(readFileSync(fullManifest, "utf8")) as { artifacts: { target: string; path: string }[] };
    const failures: string[] = [];
    let handMs = 0;
    for (const a of manifest.artifacts) {
      const t = performance.now();
      const r = spawnSync("strip", [join(byHand, a.path)], { encoding: "utf8" });
      handMs += performance.now() - t;
      if (r.status !== 0) failures.push(`${a.target}: ${r.stderr.trim().split("\n")[0]?.split(`${byHand}/`).join("")}`);
    }
    const handStripped = join(byHand, "hello_linux_amd64", "hello");

    // slim on the same five default builds, in-process, timed.
    const senv = { reporter: new MemoryReporter(), env: process.env, cwd: work };
    const t0 = performance.now();
    const result = await slimArtifacts(fullManifest, OPTIONS, senv);
    const totalMs = performance.now() - t0;
    const ownMs = totalMs - result.timing.toolMs;
    const amd = result.files.find((f) => f.target === "linux/amd64");
    const stripped = amd?.after ?? 0;

    // slim's own time with nothing for the tools to do: the five -s -w builds, no smoke run.
    const swAll = await build(work, "sw5", true, TARGETS);
    const swFiles = JSON.parse(readFileSync(swAll, "utf8")).artifacts.map((a: { path: string; target: string }) => ({
      path: join(work, "sw5", a.path),
      target: a.target,
      input: "manifest",
      named: a.path,
    }));
    const t1 = performance.now();
    const quiet = await slimFiles(await planFiles(swFiles, work), { ...OPTIONS, reportPackages: false }, senv);
    const quietMs = performance.now() - t1 - quiet.timing.toolMs;

    const MiB = (n: number): Measure => ({ value: round(n / 2 ** 20, 2), unit: "MiB" });
    const ms = (n: number, digits = 0): Measure => ({ value: round(n, digits), unit: "ms" });
    rows.push(
      { metric: "linux/amd64 default build (symbols + DWARF)", measures: { size: MiB(defaultSize) }, show: "{size}" },
      {
        metric: "linux/amd64 linked with -s -w (go-build strip: true)",
        measures: { size: MiB(swSize), default: MiB(defaultSize) },
        show: "{size} ({size/default:+%})",
        // "About −30%": what Go's own docs and every guide report for -s -w; far outside it means the flags did not apply.
        target: { measure: "size", peer: "default", changeWithin: [-35, -25] },
      },
      {
        metric: "linux/amd64 default build after slim's strip",
        measures: { size: MiB(stripped), default: MiB(defaultSize), byHand: MiB(statSync(handStripped).size) },
        show: "{size} ({size/default:+%}; host strip by hand: {byHand})",
      },
      {
        metric: "start-up (--version, median of 31): default / -s -w / stripped",
        measures: { default: ms(startup(defaultCopy), 1), sw: ms(startup(sw), 1), stripped: ms(startup(full), 1) },
        show: "{default} / {sw} / {stripped}",
      },
    );
    const upx = await which("upx");
    if (upx) {
      const packed = join(work, "packed");
      spawnSync(upx, ["--best", "-q", "-o", packed, sw]);
      rows.push({
        metric: "UPX --best on the -s -w build: size / start-up",
        measures: { size: MiB(statSync(packed).size), sw: MiB(swSize), startup: ms(startup(packed), 1), swStartup: ms(startup(sw), 1) },
        show: "{size} ({size/sw:+%}) / {startup} vs {swStartup}",
      });
    } else {
      rows.push({ metric: "UPX-packed start-up", show: "not measured: UPX is not installed here (Debian bookworm does not ship it)" });
    }
    rows.push(
      {
        metric: "host `strip` by hand on the 5 default builds",
        measures: { failed: { value: failures.length, unit: "" }, of: { value: 5, unit: "" }, ms: ms(handMs) },
        // The tools' own messages are text, not figures: they go in the template as they are (braces would read as placeholders).
        show: `{failed} of {of} failed (${(failures.join("; ") || "none").replace(/[{}]/g, "")}), {ms}, no checks`,
      },
      {
        metric: "slim on the 5 default builds: stripped / left / total time",
        measures: {
          stripped: { value: result.files.filter((f) => f.steps.length).length, unit: "" },
          left: { value: result.files.filter((f) => !f.steps.length).length, unit: "" },
          total: ms(totalMs),
          tools: ms(result.timing.toolMs),
        },
        show: "{stripped} stripped, {left} left with a reason, {total} (tools {tools})",
      },
      {
        metric: "slim's own time beyond its tools, 5 binaries (strip + verify + nm)",
        measures: { own: ms(ownMs) },
        show: "{own}",
        target: { measure: "own", below: { value: 200, unit: "ms" } },
      },
      {
        metric: "slim's own time beyond its tools, 5 binaries already -s -w",
        measures: { own: ms(quietMs) },
        show: "{own}",
        target: { measure: "own", below: { value: 200, unit: "ms" } },
      },
    );
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
