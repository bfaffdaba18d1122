import { availableParallelism } from "node:os";
import { basename, join, relative } from "node:path";
import { writeFile } from "node:fs/promises";
import {
  type Artifact,
  GantryError,
  type GoToolchain,
  InputError,
  MANIFEST_FILE,
  type Manifest,
  type Reporter,
  type RunContext,
  exec,
  exists,
  formatTarget,
  goVersionFromFile,
  goVersionRange,
  moduleGoDirective,
  resolveGo,
  restoreCache,
  sha256File,
  writeManifest,
} from "@gantry/core";
import * as semver from "semver";
import { type ArchiveEntry, archiveKey, tarGz, zip } from "./archive.js";
import { checksumLines, writeChecksums } from "./checksums.js";
import { checkLdflags } from "./buildflags.js";
import { extraFiles } from "./extrafiles.js";
import { keep, keptFolder, pruneKept, restoreKept } from "./linkcache.js";
import { goCacheEntries, goCachePlan, judgeRestoredCache } from "./cachekey.js";
import { type CompileError, type CompileJob, type CompiledBinary, compileAll, compileAnnotations } from "./compile.js";
import type { GoBuildInputs } from "./inputs.js";
import { buildLdflags, fillTemplate, parseXAssignments } from "./ldflags.js";
import { placeholderValues } from "./placeholders.js";
import { checkModule } from "./modcheck.js";
import { downloadModules } from "./modules.js";
import { OutDir } from "./outdir.js";
import { type BuildTarget, resolveTargets } from "./targets.js";
import { writeSboms } from "./sbom/index.js";
import { type BuildInfo, detectBuildInfo } from "./version.js";

export interface GoBuildResult {
  manifestPath: string;
  manifest: Manifest;
  checksumsPath?: string;
  /** provenance.intoto.json, once written (stage.ts, after upx). */
  provenancePath?: string;
  artifacts: (Artifact & { absolutePath: string; buildMs: number })[];
  info: BuildInfo;
  go: GoToolchain;
  cacheHit: boolean;
  /** Wall time of the whole stage and of the go processes alone. */
  timing: { totalMs: number; goMs: number };
}

/**
 * One build per two CPUs: go build already spreads one target's packages over every core. On two
 * cores, five targets one after another took 39 s against 43 s all at once (issue 2's measurement);
 * our own interleaved runs of 1, 2 and 5 at once were within ±10% of each other.
 */
export function defaultParallelism(cpus = availableParallelism()): number {
  return Math.max(1, Math.floor(cpus / 2));
}

async function resolveToolchain(inputs: GoBuildInputs, ctx: RunContext): Promise<GoToolchain> {
  const spec = inputs.goVersion
    ? await goVersionRange(inputs.goVersion)
    : inputs.goVersionFile
      ? await goVersionRange(await goVersionFromFile(inputs.goVersionFile), "go-version-file")
      : undefined;
  return resolveGo(spec, inputs.goDownloadBaseUrl, ctx.reporter);
}

async function moduleInfo(go: GoToolchain, inputs: GoBuildInputs, env: NodeJS.ProcessEnv): Promise<{ modulePath: string; packageName: string }> {
  const goMod = join(inputs.workingDirectory, "go.mod");
  if (!(await exists(inputs.workingDirectory))) throw new InputError("working-directory", inputs.workingDirectory, "the folder does not exist");
  if (!(await exists(goMod)))
    throw new GantryError(`no go.mod in ${inputs.workingDirectory}: go-build needs a Go module there (run \`go mod init\`, or set working-directory)`);
  const wants = await moduleGoDirective(goMod);
  if (wants && semver.lt(go.version, wants)) {
    throw new GantryError(
      `go.mod asks for go ${wants} but the go in use is ${go.version}; set go-version: ${wants.replace(/\.0$/, "")} (or go-version-file: go.mod) to install it`,
    );
  }
  // -find: the package alone, without loading its imports, so nothing is downloaded before the
  // inputs are checked and the module cache restored.
  const r = await exec(go.go, ["list", "-find", "-f", "{{.Module.Path}}\t{{.Name}}", inputs.main], {
    cwd: inputs.workingDirectory,
    env,
    allowFailure: true,
  });
  if (r.code !== 0)
    throw new InputError("main", inputs.main, `it is not a package of the module in ${inputs.workingDirectory}: ${r.stderr.trim().split("\n")[0]}`);
  const [modulePath = "", packageName = ""] = r.stdout.trim().split("\t");
  if (packageName !== "main")
    throw new InputError("main", inputs.main, `it is package ${packageName}, not a main package; point main at the command, e.g. ./cmd/server`);
  return { modulePath, packageName };
}

function archiveFormat(inputs: GoBuildInputs, t: BuildTarget): "tar.gz" | "zip" | undefined {
  if (inputs.archive === "none") return undefined;
  if (inputs.archive === "auto") return t.os === "windows" ? "zip" : "tar.gz";
  return inputs.archive;
}

/** Each target's archive file name (none for `archive: none`), checked before anything runs: file-name characters, no two alike. */
function planArchiveNames(inputs: GoBuildInputs, targets: readonly BuildTarget[], baseName: (t: BuildTarget) => string): Map<BuildTarget, string> {
  const archiveNames = new Map<BuildTarget, string>();
  for (const t of targets) {
    const fmt = archiveFormat(inputs, t);
    if (!fmt) continue;
    const base = baseName(t);
    if (!/^[A-Za-z0-9._+~-]+$/.test(base)) {
      throw new InputError(
        inputs.version ? "version" : "archive-name",
        inputs.version || inputs.archiveName,
        `it makes the archive name ${JSON.stringify(base)}; file names may hold letters, digits and . _ + ~ - only`,
      );
    }
    const file = `${base}.${fmt}`;
    if ([...archiveNames.values()].includes(file))
      throw new InputError("archive-name", inputs.archiveName, `two targets get the same archive name ${file}; include {os}, {arch} and {variant}`);
    archiveNames.set(t, file);
  }
  return archiveNames;
}

/** Failed targets: an annotation per compile error (once, though several targets share it), and the error to throw. */
function compileFailure(failed: readonly CompileError[], moduleDir: string, ctx: RunContext): GantryError {
  const seen = new Set<string>();
  for (const f of failed) {
    for (const a of compileAnnotations(f.output, moduleDir, ctx.cwd)) {
      const key = `${a.file}:${a.line}:${a.col}:${a.message}`;
      if (!seen.has(key)) ctx.reporter.annotate({ ...a, title: `go build (${formatTarget(f.target)})` });
      seen.add(key);
    }
  }
  return new GantryError(failed.map((f) => f.message).join("\n"));
}

/** Cross-compiles every target into out-dir, with archives, checksums.txt and artifacts.json. */
export async function goBuild(inputs: GoBuildInputs, ctx: RunContext): Promise<GoBuildResult> {
  const started = performance.now();
  const { reporter } = ctx;
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  // The caches the builds use are the environment's (verify mode gives empty ones), also for the kept links.
  const found = await resolveToolchain(inputs, ctx);
  const go: GoToolchain = { ...found, gocache: env.GOCACHE || found.gocache, gomodcache: env.GOMODCACHE || found.gomodcache };
  const kept = keptFolder(go.gocache, env);
  const [{ stdout: dist }, mod, detected] = await Promise.all([
    exec(go.go, ["tool", "dist", "list"], { env }),
    moduleInfo(go, inputs, env),
    detectBuildInfo(inputs.workingDirectory, inputs.version, env),
  ]);
  // goreleaser-config's templates, filled now that the version is known (a snapshot's version is its own).
  const naming = await inputs.naming?.resolve(detected, {
    cwd: inputs.workingDirectory,
    tagged: !!inputs.version || !!env.GITHUB_REF?.startsWith("refs/tags/"),
  });
  const info = naming ? { ...detected, version: naming.version } : detected;
  const targets = resolveTargets(inputs.targets, dist.split("\n").filter(Boolean), go.version);
  const name = inputs.name || (inputs.main === "." ? (mod.modulePath.split("/").pop() as string) : basename(inputs.main));
  const xs = parseXAssignments(inputs.x);
  const extras = await extraFiles(inputs);
  if (info.dateSource === "none")
    reporter.notice(
      "no commit time (not a git checkout?) and no SOURCE_DATE_EPOCH: build date and archive times set to 1970-01-01 so the output stays reproducible",
    );

  const templateFor = (t: BuildTarget) => placeholderValues(name, info, { ...t, target: formatTarget(t) });
  // goreleaser-config's ldflags are filled from their templates per target, after the inputs were
  // parsed: they pass the same allow-list here, before anything runs, as the ldflags input did.
  const extraLdflags = (t: BuildTarget): string => {
    const filled = naming?.ldflags(t);
    if (filled === undefined) return inputs.ldflags;
    checkLdflags(filled, "goreleaser-config");
    return filled;
  };
  // Built now, so a value Go's quoting cannot carry fails before anything runs.
  const ldflags = new Map(targets.map((t) => [t, buildLdflags({ strip: inputs.strip, info, x: xs, templateValues: templateFor(t), extra: extraLdflags(t) })]));

  const archiveNames = planArchiveNames(inputs, targets, (t) => naming?.archive(t) ?? fillTemplate(inputs.archiveName, templateFor(t), "archive-name"));

  reporter.info(`go ${go.version}: building ${name} ${info.version} (${info.commit.slice(0, 12)}, ${info.date}) for ${targets.map(formatTarget).join(", ")}`);
  // GOCACHE and GOMODCACHE first, then the modules once for every target, then the checks that read them.
  const restored = inputs.cache ? await restoreCache(await goCachePlan(go, targets, inputs.cgo, inputs.workingDirectory, env), reporter, ctx.state) : undefined;
  const entriesAtRestore = restored?.available ? await goCacheEntries(go.gocache) : 0;
  await downloadModules(go.go, inputs.workingDirectory, env, reporter);
  // Read only, so it runs beside the link checks; no `go build` starts before it passes (issue 14).
  const modChecked =
    inputs.modCheck === "verify"
      ? checkModule(go.go, go.version, inputs.workingDirectory, env, reporter, inputs.cache ? { kept, gomodcache: go.gomodcache } : undefined)
      : Promise.resolve();

  const out = await OutDir.open(inputs.outDir);
  if (out.removedStale.length > 0) reporter.info(`out-dir: removed ${out.removedStale.join(", ")}, left by killed runs whose process is gone`);
  try {
    const jobs: CompileJob[] = targets.map((target) => ({
      go: go.go,
      linkCache: { goVersion: go.version, kept },
      moduleDir: inputs.workingDirectory,
      main: inputs.main,
      name,
      target,
      ldflags: ldflags.get(target) as string,
      tags: inputs.tags,
      flags: inputs.flags,
      cgo: inputs.cgo,
      outRoot: out.staging,
      env,
    }));
    const parts: ArtifactParts = { inputs, name, archiveNames, extras, info, go, env, out, kept };
    const { built, artifacts } = await buildArtifacts(jobs, inputs.parallel || defaultParallelism(), modChecked, parts, ctx);
    const goMs = built.reduce((s, b) => s + b.durationMs, 0);
    const { manifest, checksumsName } = await writeRelease({ inputs, artifacts, name, info, go, kept, out, reporter, checksumsName: naming?.checksums });
    await out.commit();
    const cacheHit = restored?.hit === true && (await judgeRestoredCache(restored.matched as string, entriesAtRestore, go.gocache, reporter));
    restored?.settle(cacheHit);
    const manifestPath = join(inputs.outDir, MANIFEST_FILE);
    return {
      manifestPath,
      manifest,
      checksumsPath: checksumsName ? join(inputs.outDir, checksumsName) : undefined,
      artifacts: artifacts.map((a, i) => ({ ...a, absolutePath: join(inputs.outDir, a.path), buildMs: (built[i] as CompiledBinary).durationMs })),
      info,
      go,
      cacheHit,
      timing: { totalMs: performance.now() - started, goMs },
    };
  } catch (err) {
    const removed = await out.abandon();
    if (removed.length > 0)
      reporter.info(
        `out-dir: removed the previous run's outputs (${removed.map((f) => relative(inputs.outDir, f)).join(", ")}) so nothing stale looks current`,
      );
    throw err;
  }
}

/** What each binary's archive and SBOMs are made from. */
interface ArtifactParts {
  inputs: GoBuildInputs;
  name: string;
  archiveNames: ReadonlyMap<BuildTarget, string>;
  extras: ArchiveEntry[];
  info: BuildInfo;
  go: GoToolchain;
  env: NodeJS.ProcessEnv;
  out: OutDir;
  /** The folder of kept links and archives (linkcache.ts keptFolder). */
  kept: string;
}

/** One binary's entry in the manifest, with its archive and SBOMs staged beside it. */
async function artifactOf(b: CompiledBinary, p: ArtifactParts): Promise<Artifact> {
  const { inputs, name, archiveNames, extras, info, go, env, out, kept } = p;
  const rel = (f: string) => relative(out.staging, f).split("\\").join("/");
  const [artifact, sbom] = await Promise.all([
    toArtifact(b, name, archiveNames.get(b.target), extras, info, out, rel, kept),
    writeSboms({ format: inputs.sbom, go: go.go, env, binary: b.path, file: rel(b.path), sha256: b.sha256, version: info.version, date: info.date }),
  ]);
  return sbom ? { ...artifact, sbom } : artifact;
}

/**
 * Builds every target (compileChecked), each binary's archive and SBOMs starting as soon as it is
 * built, beside the builds still running. On failure, every archive under way settles before the
 * error is thrown: nothing may write into out-dir's staging once the run gives up on it.
 */
async function buildArtifacts(
  jobs: CompileJob[],
  limit: number,
  modChecked: Promise<void>,
  parts: ArtifactParts,
  ctx: RunContext,
): Promise<{ built: CompiledBinary[]; artifacts: Artifact[] }> {
  const pending = new Map<CompiledBinary, Promise<Artifact>>();
  const onBuilt = (b: CompiledBinary) => {
    const artifact = artifactOf(b, parts);
    artifact.catch(() => undefined); // handled below, once the builds are done
    pending.set(b, artifact);
  };
  const { built, failed } = await compileChecked(jobs, limit, modChecked, ctx.reporter, onBuilt).catch(async (err) => {
    await Promise.allSettled(pending.values());
    throw err;
  });
  if (failed.length > 0) {
    await Promise.allSettled(pending.values());
    throw compileFailure(failed, parts.inputs.workingDirectory, ctx);
  }
  return { built, artifacts: await allSettledOrThrow(built.map((b) => pending.get(b) as Promise<Artifact>)) };
}

/** Every promise settled, then their values in order, or the first failure. */
async function allSettledOrThrow<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** What the release adds once every artifact is staged: checksums.txt and artifacts.json. */
interface ReleaseParts {
  inputs: GoBuildInputs;
  artifacts: Artifact[];
  name: string;
  info: BuildInfo;
  go: GoToolchain;
  /** The folder of kept links and archives (linkcache.ts keptFolder). */
  kept: string;
  out: OutDir;
  reporter: Reporter;
  /** goreleaser-config's checksum.name_template, filled. */
  checksumsName?: string;
}

/** checksums.txt and the manifest, staged (out-dir changes only at commit). */
async function writeRelease(p: ReleaseParts): Promise<{ manifest: Manifest; checksumsName?: string }> {
  const { inputs, artifacts, name, info, go, kept, out, reporter } = p;
  // Once per run, after every target's entries are kept, never while they are written (issue 10).
  await pruneKept(kept).catch((err) => reporter.info(`could not prune old links and archives kept in ${kept}: ${err}`));
  let checksumsName: string | undefined;
  if (inputs.checksums) {
    checksumsName = p.checksumsName ?? "checksums.txt";
    await writeChecksums(out.staged(checksumsName), await checksumLines(artifacts, (f) => out.staged(f)));
  }
  const manifest: Manifest = {
    schema: 1,
    project: name,
    version: info.version,
    commit: info.commit,
    date: info.date,
    go: go.version,
    artifacts,
    ...(checksumsName ? { checksums: checksumsName } : {}),
  };
  await writeManifest(out.staged(MANIFEST_FILE), manifest);
  return { manifest, checksumsName };
}

/** compileAll beside mod-check: a failed mod-check is the error, even when every link was reused. */
async function compileChecked(
  jobs: CompileJob[],
  limit: number,
  modChecked: Promise<void>,
  reporter: Reporter,
  onBuilt: (b: CompiledBinary) => void,
): ReturnType<typeof compileAll> {
  const [compiled, checked] = await Promise.allSettled([
    compileAll(jobs, { limit, checks: availableParallelism(), ready: modChecked }, reporter, onBuilt),
    modChecked,
  ]);
  if (checked.status === "rejected") throw checked.reason;
  if (compiled.status === "rejected") throw compiled.reason;
  return compiled.value;
}

async function toArtifact(
  b: CompiledBinary,
  name: string,
  archiveName: string | undefined,
  extras: readonly ArchiveEntry[],
  info: BuildInfo,
  out: OutDir,
  rel: (p: string) => string,
  kept: string,
): Promise<Artifact> {
  const artifact: Artifact = {
    name,
    target: formatTarget(b.target),
    os: b.target.os,
    arch: b.target.arch,
    variant: b.target.variant,
    path: rel(b.path),
    size: b.size,
    sha256: b.sha256,
  };
  if (archiveName) {
    const format = archiveName.endsWith(".zip") ? "zip" : "tar.gz";
    const entries: ArchiveEntry[] = [{ name: basename(b.path), source: b.path, mode: 0o755 }, ...extras];
    const dest = out.staged(archiveName);
    // An archive's bytes depend only on its entries and mtime: reuse the one made last time.
    const key = await archiveKey(format, entries, info.epoch, new Map([[b.path, b.sha256]]));
    if (!(await restoreKept(kept, "archive", key, dest))) {
      await writeFile(dest, format === "zip" ? await zip(entries, info.epoch) : await tarGz(entries, info.epoch));
      await keep(kept, "archive", key, dest);
    }
    artifact.archive = archiveName;
    artifact["archive-sha256"] = await sha256File(dest);
  }
  return artifact;
}
