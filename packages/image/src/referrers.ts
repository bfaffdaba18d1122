import { basename } from "node:path";
import { GantryError } from "@gantry/core";
import type { PlatformImage } from "./assemble.js";
import { type Blob, type Descriptor, type ImageIndex, type ImageManifest, MediaType, type Platform, digestOf, jsonBlob } from "./oci.js";
import type { SbomFile, SbomFormat } from "./sbom.js";

// binaries.ts reads the SBOM files that this file attaches, so their types live below both (sbom.ts).
export type { SbomFile, SbomFormat } from "./sbom.js";

/** The `artifactType` (and layer media type) of each format: SPDX's and CycloneDX's registered JSON types. */
export const SBOM_ARTIFACT_TYPES: Readonly<Record<SbomFormat, string>> = { spdx: MediaType.spdx, cyclonedx: MediaType.cyclonedx };

/** An artifact manifest that refers to one platform's manifest, and the blobs it names. */
export interface Referrer {
  platform: Platform;
  format: SbomFormat;
  /** The platform manifest it refers to. */
  subject: Descriptor;
  manifest: Blob;
  /** The empty config and the SBOM. */
  blobs: Blob[];
}

const EMPTY_JSON = Buffer.from("{}");

/**
 * The empty descriptor (image-spec 1.1 manifest.md "Guidance for an Empty Descriptor"): an
 * artifact without a config names this two-byte `{}` blob, with its bytes inline as `data`.
 */
export const EMPTY_CONFIG: Blob = {
  descriptor: { mediaType: MediaType.empty, digest: digestOf(EMPTY_JSON), size: EMPTY_JSON.length, data: EMPTY_JSON.toString("base64") },
  bytes: EMPTY_JSON,
};

/**
 * An SBOM as an OCI 1.1 artifact (manifest.md "Guidelines for Artifact Usage"): `artifactType`
 * the SBOM's media type, the empty config, the SBOM as its one layer, `subject` the platform
 * manifest. `created` is the commit time, so the same build gives the same bytes.
 */
export function sbomReferrer(image: PlatformImage, sbom: SbomFile, created: string): Referrer {
  const artifactType = SBOM_ARTIFACT_TYPES[sbom.format];
  const layer: Blob = {
    descriptor: {
      mediaType: artifactType,
      digest: digestOf(sbom.bytes),
      size: sbom.bytes.length,
      annotations: { "org.opencontainers.image.title": basename(sbom.path) },
    },
    bytes: sbom.bytes,
  };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    artifactType,
    config: EMPTY_CONFIG.descriptor,
    layers: [layer.descriptor],
    subject: image.manifest.descriptor,
    annotations: { "org.opencontainers.image.created": created },
  };
  return {
    platform: image.platform,
    format: sbom.format,
    subject: image.manifest.descriptor,
    manifest: jsonBlob(MediaType.manifest, manifest),
    blobs: [EMPTY_CONFIG, layer],
  };
}

/**
 * How a referrer is listed (distribution-spec "Listing Referrers" and the referrers tag
 * schema): the manifest's descriptor with its `artifactType` and every annotation copied.
 */
export function referrerDescriptor(r: Referrer): Descriptor {
  const m = JSON.parse(Buffer.from(r.manifest.bytes).toString("utf8")) as ImageManifest;
  return { ...r.manifest.descriptor, ...(m.artifactType ? { artifactType: m.artifactType } : {}), ...(m.annotations ? { annotations: m.annotations } : {}) };
}

/** The referrers tag of a subject (distribution-spec "Referrers Tag Schema"): `<alg>-<hex>`, each part cut to its limit. */
export function referrersTag(subjectDigest: string): string {
  const [alg = "", hex = ""] = subjectDigest.split(":");
  return `${alg.slice(0, 32)}-${hex.slice(0, 64)}`;
}

/** The referrer list a tag holds: an OCI image index, else an error naming the tag (the spec says to stop there). */
export function parseReferrersIndex(bytes: Uint8Array, mediaType: string, where: string): ImageIndex {
  let index: ImageIndex | undefined;
  try {
    index = JSON.parse(Buffer.from(bytes).toString("utf8")) as ImageIndex;
  } catch {}
  if (mediaType !== MediaType.index || !Array.isArray(index?.manifests))
    throw new GantryError(`${where} holds ${mediaType || "something"} that is not an OCI image index of referrers; refusing to overwrite it`);
  return index;
}

/**
 * The referrer list with the descriptors added that it lacks (by digest: a re-run adds
 * nothing), the existing entries kept in their order. `added` 0 means nothing to push.
 */
export function addReferrers(existing: ImageIndex | undefined, descriptors: readonly Descriptor[]): { index: Blob; added: number } {
  const manifests = [...(existing?.manifests ?? [])];
  let added = 0;
  for (const d of descriptors) {
    if (manifests.some((m) => m.digest === d.digest)) continue;
    manifests.push(d);
    added++;
  }
  const index: ImageIndex = { ...(existing ?? {}), schemaVersion: 2, mediaType: MediaType.index, manifests };
  return { index: jsonBlob(MediaType.index, index), added };
}
