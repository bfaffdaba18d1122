import { dirname, join, relative } from "node:path";
import { GANTRY_VERSION, type ResourceDescriptor, gantryBuildType, isSecretName, provenanceStatement, writeProvenance } from "@gantry/core";
import type { ImageResult } from "./image.js";
import type { ImageInputs } from "./inputs.js";
import { formatPlatform } from "./oci.js";
import { formatReference } from "./reference.js";

/** The image's statement: beside go-build's manifest (whose folder already holds go-build's provenance.intoto.json). */
export const IMAGE_PROVENANCE_FILE = "image.provenance.intoto.json";

/**
 * The image's provenance (issue 15): subjects are the index (named by the repository, else
 * `index`) and each platform's manifest (named by its platform); the dependencies are the base
 * image and go-build's binaries. Returns the statement's path.
 */
export async function writeImageProvenance(r: ImageResult, inputs: ImageInputs, env: NodeJS.ProcessEnv, startedOn: Date): Promise<string> {
  const hex = (digest: string) => digest.replace(/^sha256:/, "");
  const subjects = [
    { name: r.repository || "index", sha256: hex(r.digest) },
    ...r.image.images.map((i) => ({ name: formatPlatform(i.platform), sha256: hex(i.manifest.descriptor.digest) })),
  ];
  const commit = r.set?.commit ?? "";
  const statement = provenanceStatement({
    buildType: gantryBuildType("image"),
    subjects,
    inputs: imageByteInputs(inputs),
    source:
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && /^[0-9a-f]{40}$/.test(commit)
        ? { uri: `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`, commit }
        : undefined,
    internal: { gantry: GANTRY_VERSION, ...(r.set ? { version: r.set.version, sourceDate: r.set.date } : {}) },
    dependencies: imageDependencies(r, inputs.cwd),
    env,
    startedOn,
    finishedOn: new Date(),
  });
  const first = r.set?.manifests[0];
  const path = join(first ? dirname(first) : inputs.cwd, IMAGE_PROVENANCE_FILE);
  await writeProvenance(path, statement);
  return path;
}

/** The base image (by digest) and each binary go-build made, by its path relative to the working directory. */
function imageDependencies(r: ImageResult, cwd: string): ResourceDescriptor[] {
  const deps: ResourceDescriptor[] = [];
  const base = /^(.+)@sha256:([0-9a-f]{64})$/.exec(r.base);
  if (base) deps.push({ uri: `docker://${base[1]}`, digest: { sha256: base[2] as string } });
  const imaged = new Set(r.image.images.map((i) => formatPlatform(i.platform)));
  for (const b of (r.set?.binaries ?? []).filter((x) => imaged.has(formatPlatform(x.platform))))
    deps.push({ name: relative(cwd, b.path).split("\\").join("/"), digest: { sha256: b.artifact.sha256 } });
  return deps;
}

/**
 * The inputs that decide the image's bytes, in their input form. Values of secret-looking names in
 * `env` and `build-args` are never written (core's isSecretName): only that they were set.
 */
export function imageByteInputs(inputs: ImageInputs): Record<string, string> {
  const rel = (p: string) => relative(inputs.cwd, p).split("\\").join("/") || ".";
  const lines = (kv: Record<string, string>) =>
    Object.entries(kv)
      .map(([k, v]) => `${k}=${isSecretName(k) ? "<redacted>" : v}`)
      .join("\n");
  const common = { engine: inputs.engine, labels: lines(inputs.labels), annotations: lines(inputs.annotations) };
  if (inputs.engine === "docker")
    return { ...common, dockerfile: rel(inputs.dockerfile), context: rel(inputs.context), "build-args": lines(inputs.buildArgs), target: inputs.target };
  return {
    ...common,
    platforms: inputs.platforms.map(formatPlatform).join(","),
    base: inputs.base === "scratch" ? "scratch" : formatReference(inputs.base),
    "ca-certificates": String(inputs.caCertificates),
    user: inputs.user,
    entrypoint: inputs.entrypoint ? JSON.stringify(inputs.entrypoint) : "",
    cmd: inputs.cmd ? JSON.stringify(inputs.cmd) : "",
    env: lines(inputs.env),
    ports: inputs.ports.join(","),
    workdir: inputs.workdir,
    files: inputs.files.map((f) => `${rel(f.source)}:${f.dest}${f.mode !== undefined ? `:${f.mode.toString(8).padStart(4, "0")}` : ""}`).join("\n"),
  };
}
