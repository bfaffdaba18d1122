import { isAbsolute, posix, resolve } from "node:path";
import { InputError, type InputReader } from "@gantry/core";
import { type Platform, parsePlatform } from "./oci.js";
import { type ImageRef, TAG, isLoopback, parseReference } from "./reference.js";

/** Every image input with its default: the same table as actions/image/action.yml. */
export const IMAGE_INPUTS = {
  manifest: "dist/artifacts.json",
  platforms: "",
  repository: "",
  tags: "",
  base: "scratch",
  "ca-certificates": "true",
  user: "65532:65532",
  entrypoint: "",
  cmd: "",
  env: "",
  ports: "",
  workdir: "",
  labels: "",
  annotations: "",
  files: "",
  push: "false",
  "sbom-attach": "true",
  "oci-layout": "",
  "docker-archive": "",
  provenance: "true",
  "load-platform": "",
  load: "false",
  username: "",
  password: "",
  insecure: "false",
  force: "false",
  "auth-force": "false",
  engine: "oci",
  dockerfile: "Dockerfile",
  context: ".",
  "build-args": "",
  target: "",
} as const;

/**
 * Build-arg values travel in the docker client's own environment (never on its command line,
 * issue 10), so names the client (a Go program) or its dynamic loader and TLS stack read there
 * would change how it runs. Proxy variables stay allowed: docker treats them as predefined build
 * args, and they apply to the client too (actions/image/README.md says so).
 */
const DOCKER_CLIENT_ENV = /^(PATH|HOME|TMPDIR|DOCKER_.*|BUILDX_.*|LD_.*|SSL_CERT_.*|XDG_.*|GODEBUG|GOGC|GOMAXPROCS|GOMEMLIMIT|GOTRACEBACK)$/i;

/** An extra file for the image (`files: src:dest[:mode]`). */
export interface FileSpec {
  /** Absolute path on the runner: a file or a folder (copied whole). */
  source: string;
  /** Path in the image without the leading `/`. */
  dest: string;
  /** Unset: 0755 for executables, else 0644. */
  mode?: number;
}

export interface ImageInputs {
  /** As given (a file, a folder or a glob), resolved against `cwd` in run. */
  manifest: string;
  cwd: string;
  /** Empty: every Linux target of the manifest. */
  platforms: Platform[];
  repository?: ImageRef;
  /** Empty: the manifest's version, plus `latest` on the default branch. */
  tags: string[];
  base: ImageRef | "scratch";
  caCertificates: boolean;
  user: string;
  /** Undefined: the binary. */
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  /** `8080/tcp` */
  ports: string[];
  workdir: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  files: FileSpec[];
  push: boolean;
  /** Attach the binaries' SBOMs (go-build's manifest) to each platform manifest as OCI referrers (issue 15). */
  sbomAttach: boolean;
  ociLayout: string;
  dockerArchive: string;
  /** Write image.provenance.intoto.json beside go-build's manifest (issue 15). */
  provenance: boolean;
  /** Undefined: the runner's platform. */
  loadPlatform?: Platform;
  load: boolean;
  username: string;
  password: string;
  insecure: boolean;
  force: boolean;
  /** Send credentials to a token realm off the registry's origin (issue 10). */
  authForce: boolean;
  engine: "oci" | "docker";
  dockerfile: string;
  context: string;
  buildArgs: Record<string, string>;
  target: string;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** `key=value` lines whose keys may hold dots (labels, annotations). */
function pairs(read: InputReader, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read.lines(name)) {
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!KEY.test(key)) throw new InputError(name, line, "accepted: one key=value per line, e.g. org.opencontainers.image.title=api");
    out[key] = line.slice(eq + 1).trim();
  }
  return out;
}

/** `["/app","serve"]` (JSON) or words separated by spaces; no shell is involved either way. */
export function parseArgv(text: string, name: string): string[] | undefined {
  if (text === "") return undefined;
  if (text.startsWith("[")) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      v = undefined;
    }
    if (!Array.isArray(v) || !v.every((s) => typeof s === "string"))
      throw new InputError(name, text, 'accepted: a JSON array of strings, e.g. ["/app", "serve"], or words separated by spaces');
    return v;
  }
  return text.split(/\s+/).filter(Boolean);
}

/** `8080`, `8080/tcp`, `53/udp` → `8080/tcp`. */
export function parsePort(text: string): string {
  const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) throw new InputError("ports", text, "accepted: port[/tcp|udp|sctp] from 1 to 65535, e.g. 8080/tcp");
  return `${Number(m[1])}/${m[2] ?? "tcp"}`;
}

/** `src:dest[:mode]`; dest is an absolute path in the image. */
export function parseFileSpec(line: string, abs: (p: string) => string): FileSpec {
  const accepted = "accepted: src:dest[:mode] per line, dest an absolute path in the image, mode octal, e.g. config/app.yaml:/etc/app/app.yaml:0644";
  const parts = line.split(":");
  let mode: number | undefined;
  if (parts.length >= 3 && /^0?[0-7]{3,4}$/.test(parts[parts.length - 1] as string)) mode = Number.parseInt(parts.pop() as string, 8);
  if (parts.length < 2) throw new InputError("files", line, accepted);
  const dest = parts.pop() as string;
  const source = parts.join(":");
  if (!source || !dest.startsWith("/")) throw new InputError("files", line, accepted);
  const normal = posix.normalize(dest).replace(/^\/+/, "").replace(/\/+$/, "");
  if (normal === "" || normal.split("/").includes("..")) throw new InputError("files", line, `the destination must name a path below /; ${accepted}`);
  return { source: abs(source), dest: normal, ...(mode === undefined ? {} : { mode }) };
}

/** Parses and checks every input; nothing is read from disk or the network here. */
export function parseImageInputs(read: InputReader, cwd: string): ImageInputs {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const absOrEmpty = (name: string) => (read.string(name) ? abs(read.string(name)) : "");
  const platforms = read.list("platforms", "platforms").map((p) => {
    const parsed = parsePlatform(p);
    if (!parsed) throw new InputError("platforms", p, "accepted: os/arch[/variant] separated by commas, e.g. linux/amd64,linux/arm64");
    return parsed;
  });
  const repoText = read.string("repository");
  const repository = repoText ? parseReference(repoText, "repository", { tag: false, digest: false }) : undefined;
  const tags = read.list("tags", "tags");
  for (const t of tags)
    if (!TAG.test(t)) throw new InputError("tags", t, "accepted: tags of letters, digits, _ . - (up to 128, not starting with . or -), separated by commas");
  const baseText = read.string("base") || "scratch";
  const base = baseText === "scratch" ? "scratch" : parseReference(baseText, "base", { tag: true, digest: true });
  const user = read.string("user");
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user))
    throw new InputError("user", user, "accepted: uid[:gid] or name[:group], e.g. 65532:65532");
  if (base === "scratch" && !/^(\d+|root|nonroot)(:(\d+|root|nonroot))?$/.test(user)) {
    throw new InputError(
      "user",
      user,
      "a scratch image has no user names but root and nonroot: give uid[:gid], e.g. 65532:65532, or use a base image that has the user",
    );
  }
  const workdir = read.string("workdir");
  if (workdir && !workdir.startsWith("/")) throw new InputError("workdir", workdir, "accepted: an absolute path in the image, e.g. /app");
  const push = read.bool("push");
  if (push && !repository) throw new InputError("repository", "", "it is required when push is true; e.g. ghcr.io/acme/api");
  const insecure = read.bool("insecure");
  const force = read.bool("force");
  if (insecure && repository && !isLoopback(repository.registry) && !force) {
    throw new InputError(
      "insecure",
      "true",
      `${repository.registry} is not on loopback (127.0.0.1, ::1, localhost): plain HTTP would send credentials and layers in the clear; set force: true to allow it anyway`,
    );
  }
  const username = read.string("username");
  const password = read.string("password");
  if (Boolean(username) !== Boolean(password))
    throw new InputError(username ? "password" : "username", "", "username and password are given together, or neither (then ~/.docker/config.json is used)");
  const loadPlatformText = read.string("load-platform");
  const loadPlatform = loadPlatformText ? parsePlatform(loadPlatformText) : undefined;
  if (loadPlatformText && !loadPlatform) throw new InputError("load-platform", loadPlatformText, "accepted: os/arch[/variant], e.g. linux/amd64");
  const buildArgs = read.keyValues("build-args");
  for (const k of Object.keys(buildArgs))
    if (DOCKER_CLIENT_ENV.test(k))
      throw new InputError(
        "build-args",
        k,
        "PATH, HOME, TMPDIR, DOCKER_*, BUILDX_*, LD_*, SSL_CERT_*, XDG_* and the Go runtime's GODEBUG, GOGC, GOMAXPROCS, GOMEMLIMIT, GOTRACEBACK set how the docker client itself runs; accepted: other KEY=value lines (HTTP_PROXY, HTTPS_PROXY, NO_PROXY are allowed)",
      );
  const target = read.string("target");
  if (target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(target))
    throw new InputError("target", target, "accepted: a stage name of the Dockerfile (letters, digits, _ . -)");
  return {
    manifest: read.string("manifest") || IMAGE_INPUTS.manifest,
    cwd,
    platforms,
    ...(repository ? { repository } : {}),
    tags,
    base,
    caCertificates: read.bool("ca-certificates"),
    user,
    entrypoint: parseArgv(read.string("entrypoint"), "entrypoint"),
    cmd: parseArgv(read.string("cmd"), "cmd"),
    env: read.keyValues("env"),
    ports: read.list("ports", "ports").map(parsePort),
    workdir,
    labels: pairs(read, "labels"),
    annotations: pairs(read, "annotations"),
    files: read.lines("files").map((l) => parseFileSpec(l, abs)),
    push,
    sbomAttach: read.bool("sbom-attach"),
    ociLayout: absOrEmpty("oci-layout"),
    dockerArchive: absOrEmpty("docker-archive"),
    provenance: read.bool("provenance"),
    ...(loadPlatform ? { loadPlatform } : {}),
    load: read.bool("load"),
    username,
    password,
    insecure,
    force,
    authForce: read.bool("auth-force"),
    engine: read.choice("engine", ["oci", "docker"] as const),
    dockerfile: abs(read.string("dockerfile") || "Dockerfile"),
    context: abs(read.string("context") || "."),
    buildArgs,
    target,
  };
}

/** Plain HTTP for this registry? Only on loopback, unless forced (checked in parse for the repository). */
export function usesHttp(inputs: Pick<ImageInputs, "insecure" | "force">, registry: string): boolean {
  return inputs.insecure && (isLoopback(registry) || inputs.force);
}
