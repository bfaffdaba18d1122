/**
 * The image stage against `docker build`, side by side in one run:
 * - an image for 2 platforms from go-build's binaries into an OCI layout, against `docker build`
 *   of a FROM scratch + COPY Dockerfile for one platform (≥ 5× faster), cold and with caches;
 * - a second push of an unchanged image uploads no blob;
 * - the image is the binary + the CA bundle + less than 4 KiB (as `docker image inspect` counts it).
 * Runs are interleaved (docker, gantry, docker, gantry …) so a busy machine slows both alike.
 * The verdicts hold gantry's two platforms against docker's one; each row also gives the figure
 * per platform (half of gantry's run against one docker build), the other reading of "per platform".
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, EXAMPLE } from "../demo/lib.js";
import { CA_BUNDLE_PEM } from "../packages/image/src/cabundle.js";
import { startDockerd, startRegistry } from "../test/image/services.js";
import { has } from "../test/tools.js";
import { type Measure, round } from "./figures.js";
import type { BenchRow } from "./results.js";

const ROUNDS = 5;

function timed(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): { ms: number; stdout: string; stderr: string } {
  const started = performance.now();
  const r = spawnSync(cmd, args, { ...options, encoding: "utf8" });
  const took = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return { ms: took, stdout: r.stdout, stderr: r.stderr };
}

function outputs(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

export default async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const ws = mkdtempSync(join(tmpdir(), "gantry-bench-image-"));
  cpSync(EXAMPLE, ws, { recursive: true });
  const env = { ...process.env, SOURCE_DATE_EPOCH: "1764028800" };
  timed(
    process.execPath,
    [CLI, "go-build", "--targets", "linux/amd64,linux/arm64", "--version", "v1.0.0", "--archive", "none", "--mod-check", "off", "--cache", "false"],
    { cwd: ws, env },
  );
  const amd64 = join(ws, "dist", "hello_linux_amd64", "hello");
  const binarySize = statSync(amd64).size;
  const arm64Size = statSync(join(ws, "dist", "hello_linux_arm64", "hello")).size;
  rows.push({
    metric: "binaries (go-build, -s -w)",
    measures: { amd64: { value: round(binarySize / 1e6, 1), unit: "MB" }, arm64: { value: round(arm64Size / 1e6, 1), unit: "MB" } },
    show: "linux/amd64 {amd64}, linux/arm64 {arm64}",
  });

  const cacheDir = mkdtempSync(join(tmpdir(), "gantry-bench-layers-"));
  let n = 0;
  const gantryImage = (cache: "off" | "warm", extra: string[] = [], threads?: string) =>
    timed(process.execPath, [CLI, "image", "--oci-layout", join(ws, `oci-${n++}`), ...extra], {
      cwd: ws,
      env: { ...env, GANTRY_DEBUG: "1", GANTRY_LAYER_CACHE: cache === "off" ? "off" : cacheDir, ...(threads ? { GANTRY_LAYER_THREADS: threads } : {}) },
    });
  /** The stage's own time, without node's start-up (from its debug line). */
  const stageMs = (r: { stderr: string }) => Number(/image timing: (\d+) ms/.exec(r.stderr)?.[1] ?? Number.NaN);

  if (!has("dockerd")) {
    rows.push({ metric: "docker build comparison", show: "skipped: dockerd not installed" });
    return rows;
  }
  const dockerd = await startDockerd();
  const registry = has("docker-registry") ? await startRegistry() : undefined;
  try {
    // Inside ws, so it goes with it.
    const ctx = join(ws, "docker-context");
    mkdirSync(ctx);
    copyFileSync(amd64, join(ctx, "hello"));
    writeFileSync(join(ctx, "Dockerfile"), 'FROM scratch\nCOPY hello /usr/local/bin/hello\nENTRYPOINT ["/usr/local/bin/hello"]\n');
    const dockerBuild = (noCache: boolean) =>
      timed("docker", ["build", "-q", ...(noCache ? ["--no-cache"] : []), "-t", `bench:${n++}`, ctx], { env: { ...process.env, ...dockerd.env } });
    // Warm-up: node's and docker's first start read their files from disk.
    dockerBuild(true);
    gantryImage("warm");
    const dockerCold: number[] = [];
    const gantryCold: number[] = [];
    const dockerWarm: number[] = [];
    const gantryWarm: number[] = [];
    const stageCold: number[] = [];
    const stageWarm: number[] = [];
    const gantryOneThread: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      dockerCold.push(dockerBuild(true).ms);
      const cold = gantryImage("off");
      gantryCold.push(cold.ms);
      stageCold.push(stageMs(cold));
      gantryOneThread.push(gantryImage("off", [], "0").ms);
      dockerWarm.push(dockerBuild(false).ms);
      const warm = gantryImage("warm");
      gantryWarm.push(warm.ms);
      stageWarm.push(stageMs(warm));
    }
    const runs = (xs: number[], by = 1): Measure => ({ value: xs.map((x) => Math.round(x / by)), unit: "ms" });
    const docker = runs(dockerCold);
    rows.push({ metric: `docker build, FROM scratch + COPY, 1 platform, --no-cache (median of ${ROUNDS})`, measures: { docker }, show: "{docker:median}" });
    rows.push({
      metric: "gantry image, 2 platforms → OCI layout, no layer cache (new binaries, every CI run) vs docker build --no-cache",
      measures: { gantry: runs(gantryCold), perPlatform: runs(gantryCold, 2), docker },
      show: "{gantry:median} ({docker/gantry} faster; per platform {perPlatform:median}, {docker/perPlatform})",
      target: { measure: "gantry", peer: "docker", fasterAtLeast: 5 },
    });
    rows.push({
      metric: "… of which the image stage itself (no node start-up), no layer cache",
      measures: { stage: runs(stageCold), docker },
      show: "{stage:median} ({docker/stage} faster than docker build --no-cache)",
    });
    rows.push({
      metric: "… the same with every layer compressed in the stage's own thread (GANTRY_LAYER_THREADS=0), no layer cache",
      measures: { gantry: runs(gantryOneThread), docker },
      show: "{gantry:median} ({docker/gantry} faster than docker build --no-cache)",
    });
    rows.push({ metric: `docker build, same, with its build cache (median of ${ROUNDS})`, measures: { docker: runs(dockerWarm) }, show: "{docker:median}" });
    // The layer cache is gantry's own cache, so it is held against docker's uncached build (the target) and beside docker's cached one.
    rows.push({
      metric: "gantry image, 2 platforms → OCI layout, from the layer cache (same binaries) vs docker build --no-cache",
      measures: { gantry: runs(gantryWarm), perPlatform: runs(gantryWarm, 2), docker },
      show: "{gantry:median} ({docker/gantry} faster; per platform {perPlatform:median}, {docker/perPlatform})",
      target: { measure: "gantry", peer: "docker", fasterAtLeast: 5 },
    });
    rows.push({
      metric: "gantry image, 2 platforms → OCI layout, from the layer cache (same binaries) vs docker build with its cache",
      measures: { gantry: runs(gantryWarm), docker: runs(dockerWarm) },
      show: "{gantry:median} vs {docker:median} ({gantry/docker})",
      target: { measure: "gantry", peer: "docker", ratioAtMost: 1.0 },
    });
    rows.push({
      metric: "… of which the image stage itself, layer cache",
      measures: { stage: runs(stageWarm), docker },
      show: "{stage:median} ({docker/stage} faster than docker build --no-cache)",
    });

    // Size: what docker counts once the archive is loaded, against the binary and the CA bundle.
    const archive = join(ws, "image.tar");
    timed(process.execPath, [CLI, "image", "--docker-archive", archive, "--load-platform", "linux/amd64", "--tags", "size"], { cwd: ws, env });
    dockerd.docker(["load", "-i", archive]);
    const size = Number(dockerd.docker(["image", "inspect", "-f", "{{.Size}}", "hello:size"]).trim());
    const ca = Buffer.byteLength(CA_BUNDLE_PEM); // gantry's pinned bundle, not the runner's
    const over = size - binarySize - ca;
    const B = (value: number): Measure => ({ value, unit: "B" });
    rows.push({
      metric: "image size (linux/amd64, docker image inspect) − binary − CA bundle",
      measures: { overhead: B(over), image: B(size), binary: B(binarySize), ca: B(ca) },
      show: "{overhead} (image {image} = binary {binary} + CA bundle {ca} + {overhead})",
      target: { measure: "overhead", below: { value: 4, unit: "KiB" } },
    });
    const meta = JSON.parse(outputs(gantryImage("warm").stdout).metadata ?? "{}");
    const compressed = meta.platforms["linux/amd64"].size as number;
    rows.push({
      metric: "image size pushed (linux/amd64: gzip layers + config + manifest)",
      measures: { pushed: B(compressed), binaryWithCa: B(binarySize + ca) },
      show: "{pushed} ({pushed/binaryWithCa:%} of binary + CA)",
    });

    if (registry) {
      const push = () =>
        JSON.parse(
          outputs(
            timed(process.execPath, [CLI, "image", "--repository", `${registry.host}/hello`, "--push", "true", "--insecure", "true"], { cwd: ws, env }).stdout,
          ).metadata ?? "{}",
        ).push as { uploaded: number; skipped: number; "uploaded-bytes": number };
      const firstPush = push();
      const again = push();
      rows.push({
        metric: "first push (docker-registry on loopback)",
        measures: { blobs: { value: firstPush.uploaded, unit: "" }, bytes: B(firstPush["uploaded-bytes"]) },
        show: "{blobs} blobs, {bytes} uploaded",
      });
      rows.push({
        metric: "push of the unchanged image",
        measures: { uploaded: { value: again.uploaded, unit: "" }, found: { value: again.skipped, unit: "" } },
        show: "{uploaded} blobs uploaded, {found} found by HEAD",
        target: { measure: "uploaded", equals: 0 },
      });
    }
  } finally {
    await Promise.all([dockerd.stop(), registry?.stop()]);
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}
