import {
  type Blob,
  type ContainerConfig,
  type HistoryEntry,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type LayerBlob,
  MediaType,
  type Platform,
  jsonBlob,
} from "./oci.js";
import type { CheckedBinary } from "./binaries.js";
import { type LazyFile, type Layer, type LayerCache, type LayerEntry, type LayerSource, buildLayer, lazySource } from "./layer.js";
import type { ImageInputs } from "./inputs.js";
import type { BasePart } from "./pull.js";

/** Docker's default PATH, set for a scratch base so the entrypoint's children find programs. */
export const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Where the binary goes in the image. */
export const BINARY_DIR = "usr/local/bin";
const BINARY_MODE = 0o755;

/** Everything the images share, whatever the platform: the image inputs as parsed, and what the build adds. */
export interface ImageSpec extends Pick<ImageInputs, "user" | "entrypoint" | "cmd" | "env" | "ports" | "workdir" | "labels" | "annotations"> {
  /** The binary's file name. */
  name: string;
  /** RFC 3339: config `created` and history (the commit time, never now). */
  created: string;
  /** mtime of every file in gantry's layers. */
  epoch: number;
  /** Layers every platform shares, after the base's (scratch files, extra files). */
  sharedLayers: Layer[];
  /** Set for a pulled base: `org.opencontainers.image.base.*` annotations. */
  base?: { name: string; digest: string };
}

/** One platform's image. */
export interface PlatformImage {
  platform: Platform;
  manifest: Blob;
  config: Blob;
  layers: Layer[];
}

/** The whole image: the index, each platform's image, and every blob by digest (a cached layer's in its file: `FileBlob`). */
export interface BuiltImage {
  index: Blob;
  images: PlatformImage[];
  blobs: Map<string, LayerBlob>;
}

/** Where a scratch image's CA bundle goes (Debian's path, which Go's crypto/x509 reads first). */
export const CA_BUNDLE_PATH = "etc/ssl/certs/ca-certificates.crt";

/** `65532:65532` → passwd and group files naming the user, for a scratch base (os/user lookups, `id`). */
export function scratchAccounts(user: string): { passwd: string; group: string } {
  const [u = "65532", g] = user.split(":");
  const uid = u === "root" ? "0" : u === "nonroot" ? "65532" : u;
  const gid = g === undefined ? uid : g === "root" ? "0" : g === "nonroot" ? "65532" : g;
  const passwd = ["root:x:0:0:root:/root:/sbin/nologin"];
  const group = ["root:x:0:"];
  if (uid !== "0") passwd.push(`nonroot:x:${uid}:${gid}:nonroot:/home/nonroot:/sbin/nologin`);
  if (gid !== "0") group.push(`nonroot:x:${gid}:`);
  return { passwd: `${passwd.join("\n")}\n`, group: `${group.join("\n")}\n` };
}

/** The scratch base's one layer: /etc/passwd, /etc/group, /tmp (1777) and, unless turned off, the CA bundle. */
export function scratchEntries(user: string, caBundle?: Uint8Array): LayerEntry[] {
  const { passwd, group } = scratchAccounts(user);
  const entries: LayerEntry[] = [
    { path: "etc/passwd", mode: 0o644, data: Buffer.from(passwd) },
    { path: "etc/group", mode: 0o644, data: Buffer.from(group) },
    { path: "tmp/", mode: 0o1777 },
  ];
  if (caBundle) entries.push({ path: CA_BUNDLE_PATH, mode: 0o644, data: caBundle });
  return entries;
}

function mergeEnv(base: readonly string[], ours: Record<string, string>): string[] {
  const out = [...base];
  for (const [k, v] of Object.entries(ours)) {
    const i = out.findIndex((e) => e.startsWith(`${k}=`));
    if (i >= 0) out[i] = `${k}=${v}`;
    else out.push(`${k}=${v}`);
  }
  return out;
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The container config: the base's, then ours on top (an entrypoint of ours drops the base's Cmd, as docker does). */
export function containerConfig(spec: ImageSpec, base?: ContainerConfig): ContainerConfig {
  const entrypoint = spec.entrypoint ?? [`/${BINARY_DIR}/${spec.name}`];
  const ports = { ...(base?.ExposedPorts ?? {}) };
  for (const p of spec.ports) ports[p] = {};
  const labels = sorted({ ...(base?.Labels ?? {}), ...spec.labels });
  const c: ContainerConfig = { User: spec.user, Env: mergeEnv(base?.Env ?? [DEFAULT_PATH], spec.env), Entrypoint: entrypoint };
  if (spec.cmd) c.Cmd = spec.cmd;
  if (Object.keys(ports).length > 0)
    c.ExposedPorts = Object.fromEntries(
      Object.keys(ports)
        .sort()
        .map((p) => [p, {}]),
    );
  const workdir = spec.workdir || base?.WorkingDir;
  if (workdir) c.WorkingDir = workdir;
  if (Object.keys(labels).length > 0) c.Labels = labels;
  if (base?.StopSignal) c.StopSignal = base.StopSignal;
  return c;
}

/**
 * The binary's layer as a source, keyed by the sha256 and size selectBinaries checked (the key its
 * entries would give): the binary is read, and checked again, only when the cache lacks the layer (issue 14).
 */
export function binarySource(name: string, binary: CheckedBinary, epoch: number): LayerSource {
  const file: LazyFile = { path: `${BINARY_DIR}/${name}`, mode: BINARY_MODE, sha256: binary.artifact.sha256, size: binary.size, read: binary.read };
  return lazySource([file], epoch, "binary");
}

/** The binary's layer: the one file, at /usr/local/bin/<name>, with its sha256 when verified against the manifest (the cache key). */
export function binaryEntries(name: string, binary: Uint8Array, sha256?: string): LayerEntry[] {
  return [{ path: `${BINARY_DIR}/${name}`, mode: BINARY_MODE, data: binary, ...(sha256 ? { sha256 } : {}) }];
}

/** One platform's image from its binary, the shared layers and the base's part (compressed in this thread). */
export async function assemblePlatform(
  spec: ImageSpec,
  platform: Platform,
  binary: Uint8Array,
  base: BasePart | undefined,
  cache?: LayerCache,
): Promise<PlatformImage> {
  return platformImage(spec, platform, await buildLayer(binaryEntries(spec.name, binary), spec.epoch, "binary", cache), base);
}

/** One platform's image from its binary's layer, the shared layers and the base's part. */
export function platformImage(spec: ImageSpec, platform: Platform, binaryLayer: Layer, base: BasePart | undefined): PlatformImage {
  const layers = [...(base?.layers ?? []), ...spec.sharedLayers, binaryLayer];
  const ours: HistoryEntry[] = [...spec.sharedLayers, binaryLayer].map((l) => ({
    created: spec.created,
    created_by: `gantry image: ${l.role} layer`,
    comment: "gantry",
  }));
  const config: ImageConfig = {
    created: spec.created,
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: containerConfig(spec, base?.config.config),
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
    history: [...(base?.config.history ?? []), ...ours],
  };
  const configBlob = jsonBlob(MediaType.config, config);
  const annotations = { ...spec.annotations };
  if (spec.base) {
    annotations["org.opencontainers.image.base.name"] = spec.base.name;
    annotations["org.opencontainers.image.base.digest"] = spec.base.digest;
  }
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.blob.descriptor),
    ...(Object.keys(annotations).length > 0 ? { annotations: sorted(annotations) } : {}),
  };
  return { platform, manifest: jsonBlob(MediaType.manifest, manifest), config: configBlob, layers };
}

/** The index over the platforms' images (image-spec image-index.md), and every blob by digest. */
export function assembleIndex(images: readonly PlatformImage[], annotations: Record<string, string>): BuiltImage {
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: MediaType.index,
    manifests: images.map((i) => ({ ...i.manifest.descriptor, platform: i.platform })),
    ...(Object.keys(annotations).length > 0 ? { annotations: sorted(annotations) } : {}),
  };
  const blobs = new Map<string, LayerBlob>();
  for (const i of images) {
    for (const l of i.layers) blobs.set(l.blob.descriptor.digest, l.blob);
    blobs.set(i.config.descriptor.digest, i.config);
    blobs.set(i.manifest.descriptor.digest, i.manifest);
  }
  const indexBlob = jsonBlob(MediaType.index, index);
  blobs.set(indexBlob.descriptor.digest, indexBlob);
  return { index: indexBlob, images: [...images], blobs };
}
