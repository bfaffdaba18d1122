/**
 * go-build + image against ko, side by side in one run on the Gin example service:
 * `ko build --push=false --oci-layout-path …` for linux/amd64 and linux/arm64 (its documented
 * way to an OCI layout without pushing), with the same -trimpath, CGO off and ldflags as gantry's
 * defaults (a .ko.yaml), on a base holding the same CA bundle gantry's scratch image gets (ko
 * always needs a base: ko-base.ts serves one from docker-registry on loopback). SBOM off on ko's
 * side (gantry writes none). Both warm (GOCACHE kept: the everyday CI rerun and local loop),
 * alternated, medians; gantry's go-build keeps its defaults (mod-check included) with archive none.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, EXAMPLE } from "../demo/lib.js";
import { startRegistry } from "../test/image/services.js";
import { has } from "../test/tools.js";
import { pushKoBase, writeKoBase } from "./ko-base.js";
import { findPeer } from "./peers.js";
import { type Measure, round } from "./figures.js";
import type { BenchRow } from "./results.js";

const ROUNDS = 5;
const PLATFORMS = ["linux/amd64", "linux/arm64"];
const LDFLAGS = "-s -w -buildid= -X main.version=v1.0.0 -X main.commit=none -X main.date=2025-11-25T00:00:00Z";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const s = (ms: number): Measure => ({ value: round(ms / 1000, 2), unit: "s" });

function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`.slice(-4000));
  return performance.now() - started;
}

const koConfig = () =>
  [
    `defaultPlatforms: [${PLATFORMS.join(", ")}]`,
    "builds:",
    "  - id: hello",
    "    main: .",
    "    env: [CGO_ENABLED=0]",
    "    flags: [-trimpath]",
    `    ldflags: [${JSON.stringify(LDFLAGS)}]`,
    "",
  ].join("\n");

export default async function bench(): Promise<BenchRow[]> {
  if (!findPeer("ko") || !has("docker-registry") || !has("skopeo"))
    return [
      {
        metric: "go-build + image vs ko build",
        show: "not measured: needs ko (bash scripts/go-tools.sh --bench), docker-registry and skopeo",
      },
    ];
  const made: string[] = [];
  const temp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
  const registry = await startRegistry();
  try {
    const baseDir = temp("gantry-bench-ko-base-");
    await writeKoBase(baseDir);
    const base = pushKoBase(baseDir, registry.host);
    const ws = temp("gantry-bench-ko-");
    cpSync(EXAMPLE, ws, { recursive: true });
    writeFileSync(join(ws, ".ko.yaml"), koConfig());
    const gocache = temp("gantry-bench-ko-gocache-");
    // The image stage's layer cache on (its default), in a folder of the bench's own.
    const env = { ...process.env, GOCACHE: gocache, GANTRY_LAYER_CACHE: temp("gantry-bench-ko-layers-"), SOURCE_DATE_EPOCH: "1764028800" };
    const koEnv = { ...env, KO_DOCKER_REPO: `${registry.host}/ko`, KO_DEFAULTBASEIMAGE: base };
    let n = 0;
    // ko takes --oci-layout-path for a repository name and refuses capitals (mkdtemp's names have them).
    const koOut = join(tmpdir(), `gantry-bench-ko-oci-${randomBytes(6).toString("hex")}`);
    mkdirSync(koOut);
    made.push(koOut);
    const ko = () => timed("ko", ["build", "--push=false", "--sbom=none", "--bare", `--oci-layout-path=${join(koOut, `run${n++}`)}`, "."], ws, koEnv);
    const goBuild = () => timed(process.execPath, [CLI, "go-build", "--targets", PLATFORMS.join(","), "--version", "v1.0.0", "--archive", "none"], ws, env);
    const image = () => timed(process.execPath, [CLI, "image", "--oci-layout", join(ws, `oci-${n++}`)], ws, env);
    // Cold for both (one shared GOCACHE, so each side's first run is the warm-up of the other's).
    const koCold = ko();
    const gantryColdBuild = goBuild();
    const gantryColdImage = image();
    const k: number[] = [];
    const b: number[] = [];
    const i: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      k.push(ko());
      b.push(goBuild());
      i.push(image());
    }
    const [kw, bw, iw] = [median(k), median(b), median(i)];
    return [
      {
        metric: "first run, ko cold (compiles the Gin service for 2 platforms), then gantry on the GOCACHE ko filled",
        measures: { ko: s(koCold), build: s(gantryColdBuild), image: s(gantryColdImage) },
        show: "ko {ko}; gantry go-build {build} + image {image}",
      },
      {
        metric: `warm, 2 platforms → OCI layout: gantry go-build + image vs ko build (median of ${ROUNDS})`,
        measures: { gantry: s(bw + iw), build: s(bw), image: s(iw), ko: s(kw) },
        show: "{gantry} ({build} + {image}) vs {ko} ({gantry/ko})",
        target: { measure: "gantry", peer: "ko", ratioAtMost: 1.0 },
      },
    ];
  } finally {
    await registry.stop();
    for (const d of made) rmSync(d, { recursive: true, force: true });
  }
}
