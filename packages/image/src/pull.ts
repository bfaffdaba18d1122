import { GantryError } from "@gantry/core";
import type { Layer } from "./layer.js";
import { type Descriptor, type ImageConfig, type ImageIndex, type ImageManifest, MediaType, type Platform, formatPlatform, samePlatform } from "./oci.js";
import { type ImageRef, formatReference } from "./reference.js";
import type { RegistryClient } from "./registry.js";

/** A base image's contribution for one platform. */
export interface BasePart {
  platform: Platform;
  config: ImageConfig;
  layers: Layer[];
}

export interface BaseImage {
  ref: ImageRef;
  /** Digest of what the reference named (index or manifest): the `base.digest` annotation. */
  digest: string;
  parts: BasePart[];
}

const INDEX_TYPES: readonly string[] = [MediaType.index, MediaType.dockerList];

function parseJson<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8")) as T;
  } catch {
    throw new GantryError(`${what} is not valid JSON`);
  }
}

/**
 * Pulls what a base image contributes to each platform, with no daemon: the index (or single
 * manifest), the matching manifest, its config and layers, every blob streamed and checked
 * against its descriptor's size and digest (and the reference's own digest when it is pinned).
 */
export async function pullBase(ref: ImageRef, platforms: readonly Platform[], client: RegistryClient): Promise<BaseImage> {
  const name = formatReference(ref);
  const top = await client.getManifest(ref.digest ?? ref.tag ?? "latest");
  const isIndex = INDEX_TYPES.includes(top.mediaType) || Array.isArray(parseJson<{ manifests?: unknown }>(top.bytes, name).manifests);
  const blobs = new Map<string, Promise<Uint8Array>>();
  const blob = (d: Descriptor) => {
    const key = `${d.digest} ${d.size}`;
    if (!blobs.has(key)) blobs.set(key, client.getBlob(d));
    return blobs.get(key) as Promise<Uint8Array>;
  };
  const parts: BasePart[] = [];
  for (const platform of platforms) {
    let manifestBytes = top.bytes;
    if (isIndex) {
      const index = parseJson<ImageIndex>(top.bytes, name);
      const entry = index.manifests.find((m) => m.platform && samePlatform(m.platform, platform));
      if (!entry) {
        const has = index.manifests.filter((m) => m.platform).map((m) => formatPlatform(m.platform as Platform));
        throw new GantryError(
          `base image ${name} has no ${formatPlatform(platform)} (it has ${has.join(", ") || "no platforms"}); pick a multi-arch base or narrow platforms`,
        );
      }
      manifestBytes = (await client.getManifest(entry.digest)).bytes;
      if (manifestBytes.length !== entry.size)
        throw new GantryError(`base image ${name}: manifest ${entry.digest} is ${manifestBytes.length} bytes, the index says ${entry.size}`);
    }
    const manifest = parseJson<ImageManifest>(manifestBytes, `${name} (${formatPlatform(platform)})`);
    if (!manifest.config?.digest || !Array.isArray(manifest.layers))
      throw new GantryError(`base image ${name} has a manifest gantry cannot read (no config or layers)`);
    const config = parseJson<ImageConfig>(await blob(manifest.config), `the config of ${name}`);
    const own: Platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
    if (!samePlatform(own, platform)) {
      throw new GantryError(`base image ${name} is ${formatPlatform(own)} only, not ${formatPlatform(platform)}; pick a multi-arch base or narrow platforms`);
    }
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== manifest.layers.length)
      throw new GantryError(`base image ${name}: its config lists ${diffIds.length} diff_ids for ${manifest.layers.length} layers`);
    const layers = await Promise.all(
      manifest.layers.map(async (d, i): Promise<Layer> => {
        // Docker's gzip layer type is the same bytes as OCI's; an OCI manifest must name OCI types.
        const mediaType = d.mediaType === MediaType.dockerLayerGzip ? MediaType.layerGzip : d.mediaType;
        return {
          blob: { descriptor: { mediaType, digest: d.digest, size: d.size }, bytes: await blob(d) },
          diffId: diffIds[i] as string,
          uncompressedSize: 0,
          role: "base",
        };
      }),
    );
    parts.push({ platform, config, layers });
  }
  return { ref, digest: top.digest, parts };
}
