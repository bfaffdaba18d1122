import { readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { GantryError, InputError, type RunContext, exists, formatDuration, hostTarget, sha256 } from "@gantry/core";
import { type BuiltImage, CA_BUNDLE_PATH, type ImageSpec, type PlatformImage, assembleIndex, binarySource, platformImage, scratchEntries } from "./assemble.js";
import { CA_BUNDLE_SOURCE } from "./cabundle-source.js";
import { type Credentials, dockerConfigCredentials } from "./auth.js";
import { type AttachResult, pushReferrers } from "./attach.js";
import { type Binary, type BuildSet, findManifests, loadBuildSet, notLinux, readSboms, selectBinaries } from "./binaries.js";
import { diskLayerCache } from "./cache.js";
import { dockerBuild, dockerLoad, dockerServer, dockerTag } from "./docker.js";
import { type ImageInputs, usesHttp } from "./inputs.js";
import { type LazyFile, type Layer, type LayerEntry, type LayerOptions, type LayerSource, entriesSource, layersFromSources, lazySource } from "./layer.js";
import { writeDockerArchive, writeOciLayout } from "./layout.js";
import { type Platform, formatPlatform, platformOfTarget, samePlatform } from "./oci.js";
import { type BaseImage, pullBase } from "./pull.js";
import { type PushResult, pushImage } from "./push.js";
import { type ImageRef, formatReference, sanitizeTag } from "./reference.js";
import { type Referrer, sbomReferrer } from "./referrers.js";
import { RegistryClient } from "./registry.js";
import { bundledWorker, layerThreads } from "./workers.js";

export interface ImageResult {
  image: BuiltImage;
  engine: ImageInputs["engine"];
  /** `ghcr.io/acme/api`, or "" without a repository. */
  repository: string;
  tags: string[];
  digest: string;
  /** `repository@digest` (just the digest without a repository). */
  reference: string;
  base: string;
  push?: PushResult;
  /** The binaries' SBOMs as OCI artifacts referring to the platform manifests (sbom-attach). */
  referrers: Referrer[];
  /** How the referrers reached the registry. */
  attached?: AttachResult;
  ociLayout?: string;
  dockerArchive?: { path: string; platform: string; size: number };
  loaded?: string[];
  /** go-build's binaries the image was made from (engine oci). */
  set?: BuildSet;
  /** The image's provenance statement, once written (stage.ts). */
  provenance?: string;
}

/** True when GITHUB_REF is the repository's default branch (from the event payload). */
async function onDefaultBranch(env: NodeJS.ProcessEnv): Promise<boolean> {
  const ref = env.GITHUB_REF ?? "";
  if (!ref.startsWith("refs/heads/") || !env.GITHUB_EVENT_PATH) return false;
  try {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as { repository?: { default_branch?: string } };
    return event.repository?.default_branch === ref.slice("refs/heads/".length);
  } catch {
    return false;
  }
}

/** The tags input, else the manifest's version plus `latest` on the default branch. */
export async function resolveTags(inputs: ImageInputs, set: BuildSet | undefined, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (inputs.tags.length > 0) return [...new Set(inputs.tags)];
  const tags = set ? [sanitizeTag(set.version)] : [];
  if (await onDefaultBranch(env)) tags.push("latest");
  return [...new Set(tags)];
}

/** `org.opencontainers.image.*` labels from the build (annotations.md): commit time, not now. */
export function defaultLabels(set: BuildSet | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const labels: Record<string, string> = {};
  if (env.GITHUB_REPOSITORY) labels["org.opencontainers.image.source"] = `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}`;
  const revision = set?.commit && set.commit !== "none" ? set.commit : env.GITHUB_SHA;
  if (revision) labels["org.opencontainers.image.revision"] = revision;
  if (set) {
    labels["org.opencontainers.image.version"] = set.version;
    labels["org.opencontainers.image.created"] = set.date;
  }
  return labels;
}

/** Credentials for a registry: the inputs when it is the target's, else the user's Docker config. */
async function credentialsFor(registry: string, inputs: ImageInputs, ctx: RunContext): Promise<Credentials | undefined> {
  if (inputs.username && (!inputs.repository || inputs.repository.registry === registry)) {
    return { username: inputs.username, password: inputs.password, source: "the username and password inputs" };
  }
  const found = await dockerConfigCredentials(registry, ctx.env);
  if (found) ctx.reporter.mask(found.password);
  return found;
}

async function client(ref: ImageRef, actions: "pull" | "pull,push", inputs: ImageInputs, ctx: RunContext): Promise<RegistryClient> {
  const base = inputs.base === "scratch" ? undefined : inputs.base;
  const mountFrom = actions === "pull,push" && base?.registry === ref.registry && base.repository !== ref.repository ? base.repository : undefined;
  return new RegistryClient(ref.registry, ref.repository, {
    http: usesHttp(inputs, ref.registry),
    authForce: inputs.authForce,
    credentials: await credentialsFor(ref.registry, inputs, ctx),
    actions,
    reporter: ctx.reporter,
    ...(mountFrom ? { mountFrom } : {}),
  });
}

/** The `files` input as layer entries: a file, or a folder's files, each with its mode. */
async function extraEntries(inputs: ImageInputs): Promise<LayerEntry[]> {
  const entries: LayerEntry[] = [];
  const add = async (source: string, dest: string, mode: number | undefined, spec: string) => {
    const s = await stat(source).catch(() => undefined);
    if (!s) throw new InputError("files", spec, `${source} does not exist`);
    if (s.isDirectory()) {
      for (const name of (await readdir(source)).sort()) await add(join(source, name), `${dest}/${name}`, mode, spec);
    } else if (s.isFile()) {
      entries.push({ path: dest, mode: mode ?? (s.mode & 0o111 ? 0o755 : 0o644), data: await readFile(source) });
    }
  };
  for (const f of inputs.files) await add(f.source, f.dest, f.mode, `${f.source}:/${f.dest}`);
  return entries;
}

/** The scratch base's layer: accounts, /tmp and (unless turned off) gantry's pinned CA bundle. */
function scratchLayer(inputs: ImageInputs, epoch: number, ctx: RunContext): LayerSource {
  if (!inputs.caCertificates) return entriesSource(scratchEntries(inputs.user), epoch, "accounts");
  // gantry's pinned bundle, never the runner's: the digest must not depend on the machine (issue 10).
  // Keyed by its pinned sha256 and size, its 230 kB of text loaded only when the layer must be built (issue 14).
  const ca: LazyFile = { path: CA_BUNDLE_PATH, mode: 0o644, sha256: CA_BUNDLE_SOURCE.sha256, size: CA_BUNDLE_SOURCE.bytes, read: readCaBundle };
  ctx.reporter.info(`ca-certificates: ${CA_BUNDLE_SOURCE.name}, ${CA_BUNDLE_SOURCE.date}, ${CA_BUNDLE_SOURCE.certificates} roots`);
  return lazySource([...scratchEntries(inputs.user), ca], epoch, "ca-certificates");
}

/** The pinned CA bundle's bytes, checked against the sha256 it is keyed by. */
async function readCaBundle(): Promise<Uint8Array> {
  const bytes = Buffer.from((await import("./cabundle.js")).CA_BUNDLE_PEM);
  if (sha256(bytes) !== CA_BUNDLE_SOURCE.sha256)
    throw new GantryError(`gantry's CA bundle does not have the sha256 cabundle-source.ts gives; this gantry build is broken`);
  return bytes;
}

/** The SBOM artifacts of each platform's binary (sbom-attach), platform by platform, SPDX first. */
async function sbomReferrers(images: readonly PlatformImage[], binaries: readonly Binary[], created: string): Promise<Referrer[]> {
  const out: Referrer[] = [];
  for (const [i, b] of binaries.entries()) for (const sbom of await readSboms(b)) out.push(sbomReferrer(images[i] as PlatformImage, sbom, created));
  return out;
}

/** The oci engine: one image per binary over the base, joined in an index, and the SBOMs referring to each. */
async function ociImages(
  inputs: ImageInputs,
  set: BuildSet,
  labels: Record<string, string>,
  ctx: RunContext,
  layerOptions: LayerOptions,
): Promise<{ images: PlatformImage[]; base: BaseImage | undefined; referrers: Referrer[] }> {
  const binaries = await selectBinaries(set, inputs.platforms);
  if (inputs.platforms.length === 0) for (const t of set.others) ctx.reporter.info(`${notLinux(t, true)}: left out`);
  const platforms = binaries.map((b) => b.platform);
  const shared: LayerSource[] = [];
  let base: BaseImage | undefined;
  if (inputs.base === "scratch") {
    shared.push(scratchLayer(inputs, set.epoch, ctx));
  } else {
    ctx.reporter.info(`pulling base ${formatReference(inputs.base)} for ${platforms.map(formatPlatform).join(", ")}`);
    base = await pullBase(inputs.base, platforms, await client(inputs.base, "pull", inputs, ctx));
    if (!inputs.base.digest)
      ctx.reporter.notice(`base ${formatReference(inputs.base)} is not pinned by digest; pin it (@${base.digest}) for reproducible images`);
  }
  const files = await extraEntries(inputs);
  if (files.length > 0) shared.push(entriesSource(files, set.epoch, "files"));
  const name = binaries[0]?.artifact.name || set.project;
  // Keyed by the sha256 selectBinaries verified: a cached layer is neither built nor hashed again, its binary not even read (issue 14).
  const binaryLayers = binaries.map((b) => binarySource(name, b, set.epoch));
  // Every layer in one batch: reused by content, the binaries compressed in parallel (issue 14).
  const layers = await layersFromSources([...shared, ...binaryLayers], layerOptions);
  const spec: ImageSpec = {
    name,
    created: set.date,
    epoch: set.epoch,
    user: inputs.user,
    entrypoint: inputs.entrypoint,
    cmd: inputs.cmd,
    env: inputs.env,
    ports: inputs.ports,
    workdir: inputs.workdir,
    labels,
    annotations: inputs.annotations,
    sharedLayers: layers.slice(0, shared.length),
    ...(base ? { base: { name: formatReference({ ...base.ref, digest: undefined }), digest: base.digest } } : {}),
  };
  const images = binaries.map((b, i) => platformImage(spec, b.platform, layers[shared.length + i] as Layer, base?.parts[i]));
  const referrers = inputs.sbomAttach ? await sbomReferrers(images, binaries, set.date) : [];
  if (inputs.sbomAttach && referrers.length === 0)
    ctx.reporter.info("sbom-attach: the manifest names no SBOMs (go-build's sbom input was none); nothing to attach");
  return { images, base, referrers };
}

/** The platform the docker archive holds: load-platform, else the runner's, else the only one. */
export function archivePlatform(image: BuiltImage, wanted: Platform | undefined): PlatformImage {
  const have = image.images.map((i) => formatPlatform(i.platform)).join(", ");
  if (wanted) {
    const found = image.images.find((i) => samePlatform(i.platform, wanted));
    if (!found) throw new InputError("load-platform", formatPlatform(wanted), `the image has ${have}`);
    return found;
  }
  const host = platformOfTarget(hostTarget());
  const found = image.images.find((i) => samePlatform(i.platform, host)) ?? (image.images.length === 1 ? image.images[0] : undefined);
  if (!found) throw new InputError("load-platform", "", `the runner is ${formatPlatform(host)}, which the image does not have (it has ${have}); choose one`);
  return found;
}

/** Pushes the SBOM referrers after the image, and says how they were listed. */
async function attach(c: RegistryClient, referrers: readonly Referrer[], reporter: RunContext["reporter"]): Promise<AttachResult> {
  const started = performance.now();
  const a = await pushReferrers(c, referrers, reporter);
  const how =
    a.scheme === "referrers-api" ? "listed by the registry's referrers API" : `referrers tag schema: ${a.tags.join(", ") || "tags already up to date"}`;
  reporter.info(`sbom-attach: ${a.artifacts} SBOM artifact(s) pushed in ${formatDuration(performance.now() - started)}, ${how}`);
  return a;
}

/** Builds the image and writes it where the inputs say: OCI layout, docker archive, docker load, registry. */
export async function buildImage(inputs: ImageInputs, ctx: RunContext): Promise<ImageResult> {
  const { reporter, env } = ctx;
  const threads = layerThreads(env);
  const cache = diskLayerCache(env);
  const layerOptions: LayerOptions = { script: bundledWorker(), ...(cache ? { cache } : {}), ...(threads === undefined ? {} : { threads }) };
  let set: BuildSet | undefined;
  if (inputs.engine === "oci" || (await exists(resolve(inputs.cwd, inputs.manifest))))
    set = await loadBuildSet(await findManifests(inputs.manifest, inputs.cwd), inputs.cwd);
  const tags = await resolveTags(inputs, set, env);
  const labels = { ...defaultLabels(set, env), ...inputs.labels };
  let images: PlatformImage[];
  let base = "scratch";
  let dockerId: string | undefined;
  let referrers: Referrer[] = [];
  if (inputs.engine === "docker") {
    if (inputs.platforms.length > 1 || (inputs.platforms[0] && !samePlatform(inputs.platforms[0], platformOfTarget(hostTarget())))) {
      throw new InputError(
        "platforms",
        inputs.platforms.map(formatPlatform).join(","),
        "engine: docker builds the daemon's own platform only (no QEMU emulation); use engine: oci for several platforms",
      );
    }
    const built = await dockerBuild({
      dockerfile: inputs.dockerfile,
      context: inputs.context,
      buildArgs: inputs.buildArgs,
      target: inputs.target,
      labels,
      annotations: inputs.annotations,
      env,
      reporter,
      layers: layerOptions,
    });
    images = [built.image];
    dockerId = built.id;
    base = `Dockerfile ${inputs.dockerfile}`;
  } else {
    const r = await ociImages(inputs, set as BuildSet, labels, ctx, layerOptions);
    images = r.images;
    referrers = r.referrers;
    if (r.base) base = `${formatReference({ ...r.base.ref, digest: undefined })}@${r.base.digest}`;
  }
  const image = assembleIndex(images, inputs.annotations);
  const repository = inputs.repository ? formatReference(inputs.repository) : "";
  const digest = image.index.descriptor.digest;
  const reference = repository ? `${repository}@${digest}` : digest;
  const result: ImageResult = { image, engine: inputs.engine, repository, tags, digest, reference, base, referrers, ...(set ? { set } : {}) };
  const localName = repository || sanitizeTag(set?.project ?? "image").toLowerCase();
  const repoTags = (tags.length > 0 ? tags : ["latest"]).map((t) => `${localName}:${t}`);

  if (inputs.ociLayout) {
    await writeOciLayout(inputs.ociLayout, image, tags, referrers);
    result.ociLayout = inputs.ociLayout;
    reporter.info(`oci-layout: wrote ${inputs.ociLayout} (${image.blobs.size} blobs)`);
  }
  if (inputs.dockerArchive || inputs.load) {
    const chosen = archivePlatform(image, inputs.loadPlatform);
    const server = inputs.load ? await dockerServer(env) : undefined;
    const daemon = server && "version" in server ? server.version : undefined;
    if (server && "problem" in server) reporter.warning(`load: ${server.problem}; the image was not loaded`);
    const path = inputs.dockerArchive || join(env.RUNNER_TEMP || tmpdir(), `gantry-image-${process.pid}.tar`);
    if (inputs.dockerArchive || daemon) {
      const size = await writeDockerArchive(path, chosen, repoTags, set?.epoch ?? 0);
      if (inputs.dockerArchive) result.dockerArchive = { path, platform: formatPlatform(chosen.platform), size };
      if (daemon && dockerId) {
        await dockerTag(dockerId, repoTags, env);
        result.loaded = repoTags;
      } else if (daemon) {
        result.loaded = await dockerLoad(path, env);
        reporter.info(`load: docker ${daemon} loaded ${result.loaded.join(", ")} (${formatPlatform(chosen.platform)})`);
      }
      if (!inputs.dockerArchive) await rm(path, { force: true });
    }
  } else if (dockerId && repoTags.length > 0) {
    await dockerTag(dockerId, repoTags, env);
  }
  if (inputs.push && inputs.repository) {
    const c = await client(inputs.repository, "pull,push", inputs, ctx);
    result.push = await pushImage(c, image, tags, reporter);
    if (referrers.length > 0) result.attached = await attach(c, referrers, reporter);
    const mounted = result.push.mounted > 0 ? `, ${result.push.mounted} mounted from the base` : "";
    reporter.info(
      `push: ${repository} ${tags.join(", ") || "(by digest)"}: ${result.push.uploaded} blob(s) uploaded, ${result.push.skipped} already there${mounted}`,
    );
  }
  if (!inputs.ociLayout && !inputs.dockerArchive && !inputs.load && !inputs.push && inputs.engine === "oci") {
    reporter.notice("no output asked for (push, oci-layout, docker-archive, load): the image was assembled and its digest computed only");
  }
  return result;
}
