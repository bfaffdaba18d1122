import { reproducibleTar, withParents } from "@gantry/core";
import type { Compressed } from "./compress.js";
import { type DeferredFile, type LayerEntry, diffIdOf, entriesKey, tarKey } from "./layer-key.js";
import { type LayerBlob, MediaType } from "./oci.js";
import { type CompressOptions, compressAll } from "./workers.js";

export { COMPRESSOR, GZIP_LEVEL } from "./compress.js";
export type { DeferredFile, LayerEntry };

/** A DeferredFile and how to read its bytes, which `read()` checks against the sha256 it gave. */
export interface LazyFile extends DeferredFile {
  read(): Promise<Uint8Array>;
}

/** A layer blob with what the image config and the summary need. */
export interface Layer {
  blob: LayerBlob;
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

/** A layer made in this run: the gzip blob and its digest, the tar's diff_id and size. */
export interface MadeLayer extends Compressed {
  diffId: string;
  uncompressedSize: number;
}

/** A layer a cache holds in a file: the blob's digest and size, the tar's diff_id and size; `read()` gives the blob, checked. */
export interface StoredLayer {
  digest: string;
  size: number;
  diffId: string;
  uncompressedSize: number;
  file: string;
  read(): Promise<Uint8Array>;
}

/** What a layer cache gives back: a layer as it was put (in memory), or as it keeps it (on disk). */
export type CachedLayer = MadeLayer | StoredLayer;

/** Where made layers can be looked up by their key (layer-key.ts; on disk: cache.ts). */
export interface LayerCache {
  get(key: string): Promise<CachedLayer | undefined>;
  put(key: string, layer: MadeLayer): Promise<void>;
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

/** A layer to make: the key naming its bytes, and its tar, built only when the cache does not have it. */
export interface LayerSource {
  key: string;
  role: string;
  tar(): Promise<Uint8Array>;
  /** The tar's diff_id when already computed (for the key of a tar given as bytes). */
  diffId?: string;
}

/** A layer of entries, keyed by their content (layer-key.ts): its tar is built on a cache miss only. */
export function entriesSource(entries: readonly LayerEntry[], mtimeSeconds: number, role: string): LayerSource {
  return { key: entriesKey(entries, mtimeSeconds), role, tar: () => layerTar(entries, mtimeSeconds) };
}

/**
 * A layer of entries and of files read only when its tar must be built (a binary, the CA bundle):
 * keyed by what each lazy file's sha256 and size say, the key its bytes would give (issue 14).
 */
export function lazySource(entries: readonly (LayerEntry | LazyFile)[], mtimeSeconds: number, role: string): LayerSource {
  const read = (e: LayerEntry | LazyFile): Promise<LayerEntry> =>
    "read" in e ? e.read().then((data) => ({ path: e.path, mode: e.mode, data, sha256: e.sha256 })) : Promise.resolve(e);
  return { key: entriesKey(entries, mtimeSeconds), role, tar: async () => layerTar(await Promise.all(entries.map(read)), mtimeSeconds) };
}

/** A layer whose tar is already made (a docker save's), keyed by its diff_id. */
export function tarSource({ tar, role }: LayerTar): LayerSource {
  const diffId = diffIdOf(tar);
  return { key: tarKey(diffId), role, diffId, tar: async () => tar };
}

/** Builds, digests and compresses the layers the cache did not have (the large ones in parallel: workers.ts). */
async function makeLayers(sources: readonly LayerSource[], options: CompressOptions): Promise<MadeLayer[]> {
  const tars = await Promise.all(sources.map((s) => s.tar()));
  const compressed = await compressAll(tars, options);
  return tars.map((tar, i) => ({ ...(compressed[i] as Compressed), diffId: sources[i]?.diffId ?? diffIdOf(tar), uncompressedSize: tar.length }));
}

function layerOf(c: CachedLayer, role: string): Layer {
  const descriptor = { mediaType: MediaType.layerGzip, digest: c.digest, size: "gz" in c ? c.gz.length : c.size };
  const blob: LayerBlob = "gz" in c ? { descriptor, bytes: c.gz } : { descriptor, file: c.file, read: c.read };
  return { blob, diffId: c.diffId, uncompressedSize: c.uncompressedSize, role };
}

/**
 * Layers reused by key (issue 14): a source whose key is in the cache, or comes twice in the batch,
 * is built and compressed not at all or once; the others in parallel (workers.ts), then cached.
 */
export async function layersFromSources(sources: readonly LayerSource[], options: LayerOptions = {}): Promise<Layer[]> {
  const unique = [...new Map(sources.map((s) => [s.key, s])).values()];
  const hits = await Promise.all(unique.map((s) => options.cache?.get(s.key)));
  const found = new Map<string, CachedLayer>();
  for (const [i, hit] of hits.entries()) if (hit) found.set((unique[i] as LayerSource).key, hit);
  const missing = unique.filter((s) => !found.has(s.key));
  const made = await makeLayers(missing, options);
  for (const [i, layer] of made.entries()) found.set((missing[i] as LayerSource).key, layer);
  await Promise.all(missing.map((s, i) => options.cache?.put(s.key, made[i] as MadeLayer)));
  return sources.map((s) => layerOf(found.get(s.key) as CachedLayer, s.role));
}

/** Layers from tars already made, reused by content (their diff_id). */
export function layersFromTars(tars: readonly LayerTar[], options: LayerOptions = {}): Promise<Layer[]> {
  return layersFromSources(tars.map(tarSource), options);
}

/** Builds one gzip layer from entries (or takes it from the cache). */
export async function buildLayer(entries: readonly LayerEntry[], mtimeSeconds: number, role: string, cache?: LayerCache): Promise<Layer> {
  return (await layersFromSources([entriesSource(entries, mtimeSeconds, role)], cache ? { cache } : {}))[0] as Layer;
}
