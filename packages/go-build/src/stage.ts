import { basename, dirname, join } from "node:path";
import {
  type Artifact,
  type Manifest,
  type Reporter,
  type RunContext,
  type Stage,
  childProcessTime,
  formatBytes,
  formatDuration,
  saveCachePlan,
  table,
} from "@gantry/core";
import { type GoBuildResult, goBuild } from "./build.js";
import { GO_BUILD_INPUTS, type GoBuildInputs, VERIFY_ONLY, type VerifyRequest, parseGoBuildInputs } from "./inputs.js";
import { writeGoBuildProvenance } from "./provenance.js";
import { setVerifyOutputs, verifySummary } from "./verify/report.js";
import { verifyError, verifyRelease } from "./verify/verify.js";

/**
 * go-build's `upx` input: the slim stage's own engine on the fresh binaries, which rewrites the
 * archives, checksums.txt and the manifest and returns the manifest it wrote. No stage imports
 * another (docs/architecture.md, "Import directions"): whoever assembles the stage (the go-build
 * action, the pipeline) passes slim's `packWithUpx`, loaded only when called, not at every
 * go-build start.
 */
export type UpxPacker = (manifestPath: string, upx: "auto" | "true", env: { reporter: Reporter; env: NodeJS.ProcessEnv; cwd: string }) => Promise<Manifest>;

/** Packs the built binaries and refreshes the outputs from the manifest the packer wrote. */
async function packBuilt(r: GoBuildResult, upx: "auto" | "true", ctx: RunContext, packUpx: UpxPacker): Promise<void> {
  const manifest = await packUpx(r.manifestPath, upx, { reporter: ctx.reporter, env: ctx.env, cwd: ctx.cwd });
  r.manifest = manifest;
  r.artifacts = r.artifacts.map((a, i) => ({ ...a, ...(manifest.artifacts[i] as Artifact), absolutePath: a.absolutePath, buildMs: a.buildMs }));
}

/** The job summary: one row per target. */
export function goBuildSummary(r: GoBuildResult): string {
  const rows = r.artifacts.map((a) => [
    `\`${a.target}\``,
    a.path,
    formatBytes(a.size),
    `\`${a.sha256.slice(0, 12)}\``,
    a.archive ?? "—",
    formatDuration(a.buildMs),
  ]);
  return [
    `### go-build: ${r.manifest.project} ${r.info.version}`,
    "",
    `go ${r.go.version} · commit \`${r.info.commit.slice(0, 12)}\` · ${r.info.date} · cache ${r.cacheHit ? "hit" : "miss"}`,
    "",
    table(["Target", "Binary", "Size", "sha256", "Archive", "Build time"], rows),
    "",
    supplyChainLine(r),
  ].join("\n");
}

/** What the release carries besides the binaries: the SBOM formats and the provenance statement (issue 15). */
function supplyChainLine(r: GoBuildResult): string {
  const formats = [...new Set(r.artifacts.flatMap((a) => [a.sbom?.spdx ? "SPDX 2.3" : "", a.sbom?.cyclonedx ? "CycloneDX 1.6" : ""]).filter(Boolean))];
  const parts = [
    formats.length > 0 ? `SBOMs: ${formats.join(", ")} beside each binary` : "",
    r.provenancePath ? `provenance: \`${basename(r.provenancePath)}\` (in-toto v1, SLSA v1)` : "",
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(" · ")}\n` : "";
}

/** Sets the outputs named in action.yml. */
export function setGoBuildOutputs(r: GoBuildResult, ctx: RunContext): void {
  ctx.setOutput(
    "artifacts",
    r.artifacts.map((a) => ({
      name: a.name,
      target: a.target,
      os: a.os,
      arch: a.arch,
      variant: a.variant,
      path: a.absolutePath,
      size: a.size,
      sha256: a.sha256,
      archive: a.archive ? join(dirname(r.manifestPath), a.archive) : "",
      "archive-sha256": a["archive-sha256"] ?? "",
      sbom: {
        spdx: a.sbom?.spdx ? join(dirname(r.manifestPath), a.sbom.spdx) : "",
        cyclonedx: a.sbom?.cyclonedx ? join(dirname(r.manifestPath), a.sbom.cyclonedx) : "",
      },
    })),
  );
  ctx.setOutput("manifest", r.manifestPath);
  ctx.setOutput("checksums", r.checksumsPath ?? "");
  ctx.setOutput("provenance", r.provenancePath ?? "");
  ctx.setOutput("version", r.info.version);
  ctx.setOutput("cache-hit", r.cacheHit);
}

/** go-build, then its upx step when asked: the build a release is made with, and rebuilt with by verify. */
function buildAndPack(packUpx: UpxPacker): (inputs: GoBuildInputs, ctx: RunContext) => Promise<GoBuildResult> {
  return async (inputs, ctx) => {
    const r = await goBuild(inputs, ctx);
    if (inputs.upx !== "false") await packBuilt(r, inputs.upx, ctx, packUpx);
    return r;
  };
}

/** verify mode: rebuild and compare; a difference fails the step after the outputs and summary are written. */
async function runVerify(inputs: GoBuildInputs & { verify: VerifyRequest }, ctx: RunContext, packUpx: UpxPacker): Promise<void> {
  const r = await verifyRelease(inputs, ctx, buildAndPack(packUpx));
  setVerifyOutputs(r, ctx);
  ctx.summary(verifySummary(r));
  if (!r.verified) throw verifyError(r);
  ctx.reporter.info(`verify: all ${r.files.length} files of ${r.release.path} rebuilt byte for byte from ${r.commit.slice(0, 12)}`);
}

/** One release: build, pack, provenance, outputs and summary. */
async function releaseOne(inputs: GoBuildInputs, ctx: RunContext, packUpx: UpxPacker): Promise<void> {
  const startedOn = new Date();
  const r = await buildAndPack(packUpx)(inputs, ctx);
  // After upx, so the subjects are the bytes that ship.
  if (inputs.provenance) r.provenancePath = await writeGoBuildProvenance(r, inputs, ctx.env, startedOn);
  setGoBuildOutputs(r, ctx);
  ctx.summary(goBuildSummary(r));
  const children = childProcessTime();
  ctx.reporter.debug(
    `go-build timing: ${Math.round(r.timing.totalMs)} ms in all, ${Math.round(children)} ms in child processes, ${Math.round(r.timing.totalMs - children)} ms gantry's own`,
  );
}

/** The go-build stage, packing with `packUpx` when its `upx` input asks. */
export const goBuildStageWith = (packUpx: UpxPacker): Stage<GoBuildInputs> => ({
  name: "go-build",
  description: "Cross-compile a Go service for many targets, reproducibly, with archives and checksums.",
  inputs: GO_BUILD_INPUTS,
  standalone: VERIFY_ONLY,
  parse: (read, ctx) => parseGoBuildInputs(read, ctx.cwd, ctx.env),
  async run(inputs, ctx) {
    if (inputs.verify) return runVerify({ ...inputs, verify: inputs.verify }, ctx, packUpx);
    const ignored = inputs.naming?.ignored ?? [];
    if (ignored.length > 0) ctx.reporter.notice(`goreleaser-config: gantry does not do ${ignored.join("; ")}`);
    // goreleaser-config's further builds, each into out-dir/<id>; the outputs are the first build's.
    for (const more of inputs.also ?? []) await releaseOne(more, { ...ctx, setOutput: () => undefined }, packUpx);
    await releaseOne(inputs, ctx, packUpx);
  },
  post: (ctx) => saveCachePlan(ctx.reporter, ctx.state, ctx.env),
});
