import { createHash } from "node:crypto";
import { GantryError, type Target } from "@gantry/core";

/** Media types of the OCI image-spec v1.1 and the Docker schema 2 types registries still serve. */
export const MediaType = {
  index: "application/vnd.oci.image.index.v1+json",
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  layer: "application/vnd.oci.image.layer.v1.tar",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  /** The empty descriptor's type (image-spec manifest.md "Guidance for an Empty Descriptor"): an artifact's config. */
  empty: "application/vnd.oci.empty.v1+json",
  spdx: "application/spdx+json",
  cyclonedx: "application/vnd.cyclonedx+json",
} as const;

/** Every manifest type gantry reads: the OCI `Accept` a registry needs (Debian's 2.8 answers 404 without it). */
export const MANIFEST_ACCEPT = [MediaType.index, MediaType.manifest, MediaType.dockerList, MediaType.dockerManifest].join(", ");

/** An OCI platform (image-spec image-index.md). */
export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

/** A content descriptor (image-spec descriptor.md). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  /** The artifact's type, on a descriptor of an artifact manifest (image-spec 1.1 image-index.md). */
  artifactType?: string;
  /** The content itself, base64 (image-spec descriptor.md "data"): the empty config carries `e30=`. */
  data?: string;
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  /** Set on an artifact manifest whose config is the empty descriptor (image-spec 1.1 manifest.md). */
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  /** The manifest this one refers to (image-spec 1.1 manifest.md "subject"): what the referrers API lists it under. */
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** The parts of the image config (image-spec config.md) gantry writes or inherits from a base. */
export interface ContainerConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  ExposedPorts?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  [other: string]: unknown;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  created?: string;
  architecture: string;
  os: string;
  variant?: string;
  config?: ContainerConfig;
  rootfs: { type: "layers"; diff_ids: string[] };
  history?: HistoryEntry[];
  [other: string]: unknown;
}

/** Bytes with the descriptor that names them. */
export interface Blob {
  descriptor: Descriptor;
  bytes: Uint8Array;
}

/**
 * A blob left in the file that holds it until its bytes are needed (a layer cache hit, issue 14):
 * the OCI layout hard-links the file; a push or a docker archive calls `read()`, which checks the
 * bytes against the descriptor.
 */
export interface FileBlob {
  descriptor: Descriptor;
  file: string;
  read(): Promise<Uint8Array>;
  bytes?: undefined;
}

/** A layer's blob: in memory, or in a file until asked for. */
export type LayerBlob = Blob | FileBlob;

/** A blob's bytes, read from its file when it has not been read. */
export function blobBytes(blob: LayerBlob): Promise<Uint8Array> {
  return blob.bytes ? Promise.resolve(blob.bytes) : blob.read();
}

/** `sha256:<hex>` of some bytes. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** A JSON document as a blob: compact, in the key order it was built in, so the digest is stable. */
export function jsonBlob(mediaType: string, value: unknown): Blob {
  const bytes = Buffer.from(JSON.stringify(value), "utf8");
  return { descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}

/** Checks fetched bytes against the digest that named them. */
export function verifyDigest(bytes: Uint8Array, digest: string, what: string): void {
  if (!digest.startsWith("sha256:")) throw new GantryError(`${what}: digest ${digest} uses an algorithm gantry does not verify (only sha256)`);
  const actual = digestOf(bytes);
  if (actual !== digest) throw new GantryError(`${what}: content has digest ${actual}, expected ${digest}; refusing to use it`);
}

/**
 * True when a Go version (`1.21.5`, `go1.19rc1`) is older than 1.22: its first numbers read as semver's
 * `coerce` reads them, a missing minor as 0; false when it has none. Not semver itself: that would load
 * its 60 KiB for every image run, for this one comparison (issue 14).
 */
export function goBefore122(version: string): boolean {
  const m = /(\d{1,16})(?:\.(\d{1,16}))?/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2] ?? 0)];
  return major < 1 || (major === 1 && minor < 22);
}

/**
 * The OCI platform of a Go target. arm needs a variant (image-spec: "variant" for arm): a
 * target without one was built with Go's default GOARM, 5 when cross-compiling before Go 1.22
 * and 7 from then on. arm64's baseline v8 is left out, as Docker and ko do.
 */
export function platformOfTarget(t: Target, goVersion?: string): Platform {
  const p: Platform = { architecture: t.arch, os: t.os };
  let variant = t.variant;
  if (t.arch === "arm" && !variant) variant = goBefore122(goVersion ?? "") ? "v5" : "v7";
  if (t.arch === "arm64" && variant === "v8") variant = "";
  if (variant) p.variant = variant;
  return p;
}

/** `linux/arm/v7` */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/** `linux/arm64` → Platform; undefined when malformed. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^[a-z0-9][a-z0-9._-]*$/.test(p))) return undefined;
  return parts[2]
    ? { os: parts[0] as string, architecture: parts[1] as string, variant: parts[2] }
    : { os: parts[0] as string, architecture: parts[1] as string };
}

/** Variant with the defaults filled in, so `linux/arm64` matches `linux/arm64/v8` (containerd's platforms.Normalize). */
function normalVariant(p: Platform): string {
  if (p.architecture === "arm64") return p.variant && p.variant !== "v8" ? p.variant : "";
  if (p.architecture === "arm") return p.variant || "v7";
  return p.variant ?? "";
}

/** True when two platforms name the same machine. */
export function samePlatform(a: Platform, b: Platform): boolean {
  return a.os === b.os && a.architecture === b.architecture && normalVariant(a) === normalVariant(b);
}
