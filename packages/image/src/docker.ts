import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExecError, GantryError, type Reporter, commonJsExports, exec, lastLines, which } from "@gantry/core";
import type { PlatformImage } from "./assemble.js";
import { type LayerOptions, layersFromTars } from "./layer.js";
import { type ImageConfig, type ImageManifest, MediaType, digestOf, jsonBlob } from "./oci.js";

/**
 * The Docker daemon's version, or why there is none to use: the docker CLI is not installed, or
 * no daemon answers it (degrade on capability, not on environment). The two need different
 * fixes, so they are told apart.
 */
export async function dockerServer(env: NodeJS.ProcessEnv): Promise<{ version: string } | { problem: string }> {
  if (!(await which("docker", env))) return { problem: "the docker CLI is not installed (no docker on PATH; Debian and Ubuntu: apt-get install docker.io)" };
  const r = await exec("docker", ["version", "--format", "{{.Server.Version}}"], { env, allowFailure: true, timeoutMs: 15_000 }).catch(() => undefined);
  const v = r?.stdout.trim();
  if (r?.code === 0 && v) return { version: v };
  return { problem: `no Docker daemon answers the docker CLI (DOCKER_HOST=${env.DOCKER_HOST ?? "unset"}; docker version failed)` };
}

/** `docker load -i file`; returns the names docker reports. */
export async function dockerLoad(file: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await exec("docker", ["load", "--input", file], { env, timeoutMs: 300_000 });
  return [...r.stdout.matchAll(/^Loaded image(?: ID)?: (\S+)$/gm)].map((m) => m[1] as string);
}

/** Every file of a tar in memory (a `docker save` output: config, manifest.json, layer tars). */
export async function readTar(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  // Loaded here, for engine: docker only (issue 14: an oci run need not load tar-stream).
  const { extract } = commonJsExports(await import("tar-stream"));
  const ex = extract();
  const done = new Promise<void>((res, rej) => {
    ex.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        if (header.type === "file") files.set(header.name.replace(/^\.\//, ""), Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    ex.on("finish", res);
    ex.on("error", rej);
  });
  ex.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  await done;
  return files;
}

export interface DockerBuildOptions {
  dockerfile: string;
  context: string;
  buildArgs: Record<string, string>;
  target: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  env: NodeJS.ProcessEnv;
  reporter: Reporter;
  /** The layer cache and worker threads (layer.ts). */
  layers?: LayerOptions;
}

/**
 * Build-arg values shorter than this are not masked: masking `1` or `on` would blank every such
 * run of characters in the whole log, and a secret that short is no secret.
 */
const MIN_MASKED = 4;

/**
 * The `docker build` command line. Build args go as `--build-arg NAME` with the value in the
 * child's environment, where docker reads it, so no value shows in `ps` or an error's command
 * line (issue 10). `--` ends the options, so the context can never be read as one.
 */
export function dockerBuildCommand(
  o: Pick<DockerBuildOptions, "dockerfile" | "context" | "buildArgs" | "labels" | "target">,
  iidfile: string,
): { args: string[]; extraEnv: Record<string, string> } {
  const args = ["build", "--iidfile", iidfile, "--file", o.dockerfile];
  for (const k of Object.keys(o.buildArgs)) args.push("--build-arg", k);
  for (const [k, v] of Object.entries(o.labels)) args.push("--label", `${k}=${v}`);
  if (o.target) args.push("--target", o.target);
  args.push("--", o.context);
  return { args, extraEnv: { ...o.buildArgs } };
}

/**
 * The `docker` engine: `docker build` of the user's Dockerfile (build args and target passed
 * through, labels added), then `docker save` read back into the same OCI blobs the oci engine
 * makes, so digests, outputs and pushes work the same way. The config's bytes are kept as docker
 * wrote them, so the image ID docker shows is the config digest here too.
 */
export async function dockerBuild(o: DockerBuildOptions): Promise<{ image: PlatformImage; id: string }> {
  const server = await dockerServer(o.env);
  if ("problem" in server)
    throw new GantryError(`engine: docker needs the docker CLI and a daemon, and ${server.problem}; use engine: oci, which needs neither`);
  const parent = o.env.RUNNER_TEMP || tmpdir();
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, "gantry-docker-"));
  try {
    const iid = join(tmp, "iid");
    const { args, extraEnv } = dockerBuildCommand(o, iid);
    for (const v of Object.values(o.buildArgs)) if (v.length >= MIN_MASKED) o.reporter.mask(v);
    try {
      await exec("docker", args, {
        env: o.env,
        extraEnv,
        timeoutMs: 3_600_000,
        onStdoutLine: (l) => o.reporter.info(l),
        onStderrLine: (l) => o.reporter.info(l),
      });
    } catch (err) {
      if (err instanceof ExecError)
        throw new GantryError(`docker build of ${o.dockerfile} failed (exit ${err.code}):\n${lastLines(err.result.stdout + err.result.stderr, 15)}`);
      throw err;
    }
    const id = (await readFile(iid, "utf8")).trim();
    const saved = join(tmp, "image.tar");
    await exec("docker", ["save", "--output", saved, "--", id], { env: o.env, timeoutMs: 600_000 });
    const files = await readTar(await readFile(saved));
    const list = JSON.parse(files.get("manifest.json")?.toString("utf8") ?? "[]") as { Config: string; Layers: string[] }[];
    const entry = list[0];
    const configBytes = entry && files.get(entry.Config);
    if (!entry || !configBytes) throw new GantryError(`docker save of ${id} has no manifest.json entry or config gantry can read`);
    const config = JSON.parse(configBytes.toString("utf8")) as ImageConfig;
    const tars = entry.Layers.map((path) => {
      const tar = files.get(path);
      if (!tar) throw new GantryError(`docker save of ${id} lacks its layer ${path}`);
      return { tar, role: "dockerfile" };
    });
    // One batch, as for the oci engine: reused by content, the large layers compressed in parallel (issue 14).
    const layers = await layersFromTars(tars, o.layers);
    for (const [i, layer] of layers.entries())
      if (layer.diffId !== config.rootfs.diff_ids[i])
        throw new GantryError(`docker save of ${id}: layer ${entry.Layers[i]} is ${layer.diffId}, the config says ${config.rootfs.diff_ids[i]}`);
    const configBlob = { descriptor: { mediaType: MediaType.config, digest: digestOf(configBytes), size: configBytes.length }, bytes: configBytes };
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.manifest,
      config: configBlob.descriptor,
      layers: layers.map((l) => l.blob.descriptor),
      ...(Object.keys(o.annotations).length > 0 ? { annotations: o.annotations } : {}),
    };
    const platform = { architecture: config.architecture, os: config.os, ...(config.variant ? { variant: config.variant } : {}) };
    return { image: { platform, manifest: jsonBlob(MediaType.manifest, manifest), config: configBlob, layers }, id };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** `docker tag` the image with each name; `--` ends the options, so no name is read as one. */
export async function dockerTag(id: string, names: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  for (const n of names) {
    if (n.startsWith("-") || id.startsWith("-")) throw new GantryError(`docker tag ${id} ${n}: a reference cannot begin with "-"`);
    await exec("docker", ["tag", "--", id, n], { env, timeoutMs: 60_000 });
  }
}
