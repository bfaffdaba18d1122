/**
 * The image stage against `docker build`, side by side in one run (issue 4's targets):
 * - an image for 2 platforms from go-build's binaries into an OCI layout, against `docker build`
 *   of a FROM scratch + COPY Dockerfile for one platform (≥ 5× faster), cold and with caches;
 * - a second push of an unchanged image uploads no blob;
 * - the image is the binary + the CA bundle + less than 4 KB (as `docker image inspect` counts it).
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
import type { BenchRow } from "./results.js";

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${Math.round(x)} ms`;

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
    value: `linux/amd64 ${(binarySize / 1e6).toFixed(1)} MB, linux/arm64 ${(arm64Size / 1e6).toFixed(1)} MB`,
    verdict: "info",
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
    rows.push({ metric: "docker build comparison", value: "skipped: dockerd not installed", verdict: "info" });
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
    const [dc, gc, dw, gw] = [median(dockerCold), median(gantryCold), median(dockerWarm), median(gantryWarm)];
    rows.push({ metric: "docker build, FROM scratch + COPY, 1 platform, --no-cache (median of 5)", value: ms(dc), verdict: "info" });
    rows.push({
      metric: "gantry image, 2 platforms → OCI layout, no layer cache (new binaries, every CI run)",
      value: `${ms(gc)} (${(dc / gc).toFixed(1)}× faster; per platform ${ms(gc / 2)}, ${((2 * dc) / gc).toFixed(1)}×)`,
      target: "≥ 5× faster",
      verdict: dc / gc >= 5 ? "ok" : "MISSED",
    });
    rows.push({
      metric: "… of which the image stage itself (no node start-up), no layer cache",
      value: `${ms(median(stageCold))} (${(dc / median(stageCold)).toFixed(1)}× faster)`,
      verdict: "info",
    });
    rows.push({
      metric: "… the same with every layer compressed in the stage's own thread (GANTRY_LAYER_THREADS=0), no layer cache",
      value: `${ms(median(gantryOneThread))} (${(dc / median(gantryOneThread)).toFixed(1)}× faster)`,
      verdict: "info",
    });
    rows.push({ metric: "docker build, same, with its build cache", value: ms(dw), verdict: "info" });
    rows.push({
      metric: "gantry image, 2 platforms → OCI layout, layers from the layer cache (same binaries)",
      value: `${ms(gw)} (${(dc / gw).toFixed(1)}× faster than docker --no-cache, ${(dw / gw).toFixed(1)}× than docker cached; per platform ${ms(gw / 2)}, ${((2 * dc) / gw).toFixed(1)}×)`,
      target: "≥ 5× faster",
      verdict: dc / gw >= 5 ? "ok" : "MISSED",
    });
    rows.push({
      metric: "… of which the image stage itself, layer cache",
      value: `${ms(median(stageWarm))} (${(dc / median(stageWarm)).toFixed(1)}× faster)`,
      verdict: "info",
    });

    // Size: what docker counts once the archive is loaded, against the binary and the CA bundle.
    const archive = join(ws, "image.tar");
    timed(process.execPath, [CLI, "image", "--docker-archive", archive, "--load-platform", "linux/amd64", "--tags", "size"], { cwd: ws, env });
    dockerd.docker(["load", "-i", archive]);
    const size = Number(dockerd.docker(["image", "inspect", "-f", "{{.Size}}", "hello:size"]).trim());
    const ca = Buffer.byteLength(CA_BUNDLE_PEM); // gantry's pinned bundle, not the runner's (issue 10)
    const over = size - binarySize - ca;
    rows.push({
      metric: "image size (linux/amd64, docker image inspect) − binary − CA bundle",
      value: `${over} B (image ${size} B = binary ${binarySize} + CA bundle ${ca} + ${over})`,
      target: "< 4 KB",
      verdict: over < 4096 ? "ok" : "MISSED",
    });
    const meta = JSON.parse(outputs(gantryImage("warm").stdout).metadata ?? "{}");
    const compressed = meta.platforms["linux/amd64"].size as number;
    rows.push({
      metric: "image size pushed (linux/amd64: gzip layers + config + manifest)",
      value: `${compressed} B (${((100 * compressed) / (binarySize + ca)).toFixed(0)}% of binary + CA)`,
      verdict: "info",
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
        value: `${firstPush.uploaded} blobs, ${firstPush["uploaded-bytes"]} B uploaded`,
        verdict: "info",
      });
      rows.push({
        metric: "push of the unchanged image",
        value: `${again.uploaded} blobs uploaded, ${again.skipped} found by HEAD`,
        target: "no blob uploaded again",
        verdict: again.uploaded === 0 ? "ok" : "MISSED",
      });
    }
  } finally {
    await Promise.all([dockerd.stop(), registry?.stop()]);
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}
