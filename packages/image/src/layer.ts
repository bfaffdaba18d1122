import { createHash } from "node:crypto";
import { type TarEntry, reproducibleTar, withParents } from "@gantry/core";
import type { Compressed } from "./compress.js";
import { type Blob, MediaType } from "./oci.js";
import { type CompressOptions, compressAll } from "./workers.js";

export { COMPRESSOR, GZIP_LEVEL, gzipLayer } from "./compress.js";

/** One file or folder of a layer, as it will appear in the image (a core `TarEntry`). */
export type LayerEntry = TarEntry;

/** A layer blob with what the image config and the summary need. */
export interface Layer {
  blob: Blob;
  /** sha256 of the uncompressed tar: the config's `rootfs.diff_ids` entry. */
  diffId: string;
  uncompressedSize: number;
  /** What the layer holds, for the summary: `base`, `ca-certificates`, `files`, `binary`. */
  role: string;
}

export { withParents };

/** The uncompressed tar of a layer (image-spec layer.md), from core's reproducible tar. */
export function layerTar(entries: readonly LayerEntry[], mtimeSeconds: number): Promise<Buffer> {
  return reproducibleTar(entries, mtimeSeconds);
}

/** Where compressed layers can be looked up by their uncompressed digest (see cache.ts). */
export interface LayerCache {
  get(diffId: string): Promise<Compressed | undefined>;
  put(diffId: string, layer: Compressed): Promise<void>;
}

/** How layers are compressed: the cache to reuse them from, and the worker threads (workers.ts). */
export interface LayerOptions extends CompressOptions {
  cache?: LayerCache;
}

/** A layer tar and what it holds (see `Layer.role`). */
export interface LayerTar {
  tar: Uint8Array;
  role: string;
}

/** `sha256:<hex>` of a layer tar: its diff_id, and its key in the cache. */
function diffIdOf(tar: Uint8Array): string {
  return `sha256:${createHash("sha256").update(tar).digest("hex")}`;
}

/**
 * Layers from their tars, reused by content (issue 14): a tar whose diff_id is in the cache, or
 * comes twice in the batch, is compressed not at all or once; the others in parallel (workers.ts).
 */
export async function layersFromTars(tars: readonly LayerTar[], options: LayerOptions = {}): Promise<Layer[]> {
  const diffIds = tars.map((t) => diffIdOf(t.tar));
  const unique = new Map(diffIds.map((d, i) => [d, (tars[i] as LayerTar).tar]));
  const cached = await Promise.all([...unique.keys()].map((d) => options.cache?.get(d)));
  const found = new Map<string, Compressed>();
  const missing = new Map<string, Uint8Array>();
  for (const [i, [diffId, tar]] of [...unique].entries()) {
    const hit = cached[i];
    if (hit) found.set(diffId, hit);
    else missing.set(diffId, tar);
  }
  const made = await compressAll([...missing.values()], options);
  for (const [i, diffId] of [...missing.keys()].entries()) found.set(diffId, made[i] as Compressed);
  await Promise.all([...missing.keys()].map((diffId) => options.cache?.put(diffId, found.get(diffId) as Compressed)));
  return tars.map(({ tar, role }, i) => {
    const { gz, digest } = found.get(diffIds[i] as string) as Compressed;
    return {
      blob: { descriptor: { mediaType: MediaType.layerGzip, digest, size: gz.length }, bytes: gz },
      diffId: diffIds[i] as string,
      uncompressedSize: tar.length,
      role,
    };
  });
}

/** Compresses one uncompressed layer tar in this thread (or takes it from the cache). */
export async function layerFromTar(tar: Uint8Array, role: string, cache?: LayerCache): Promise<Layer> {
  return (await layersFromTars([{ tar, role }], cache ? { cache } : {}))[0] as Layer;
}

/** Builds one gzip layer from entries. */
export async function buildLayer(entries: readonly LayerEntry[], mtimeSeconds: number, role: string, cache?: LayerCache): Promise<Layer> {
  return layerFromTar(await layerTar(entries, mtimeSeconds), role, cache);
}
