/**
 * The layer cache's keys (issue 14): what names a layer's bytes before its tar is built. The tar is a
 * deterministic function of its entries (core's `reproducibleTar`), so a layer of entries is keyed by
 * each file's sha256, path and mode, the mtime and the tar format: a cache hit needs neither building
 * nor hashing the tar. A tar that comes as bytes (a docker save) is keyed by its diff_id.
 */
import { createHash } from "node:crypto";
import { REPRODUCIBLE_TAR_FORMAT, type TarEntry, sha256, withParents } from "@gantry/core";

/** One file or folder of a layer (a core `TarEntry`), with its data's sha256 when it is already known. */
export interface LayerEntry extends TarEntry {
  /** Hex sha256 of `data`, given only when it was verified (a binary checked against go-build's manifest). */
  sha256?: string;
}

/** A file of a layer known, before its bytes are read, by its verified sha256 and its size (a binary go-build's manifest names). */
export interface DeferredFile {
  path: string;
  mode: number;
  sha256: string;
  size: number;
}

/** `sha256:<hex>` of a layer tar: its diff_id. */
export function diffIdOf(tar: Uint8Array): string {
  return `sha256:${createHash("sha256").update(tar).digest("hex")}`;
}

/** The key of a tar given as bytes, from its diff_id. */
export function tarKey(diffId: string): string {
  return sha256(`layer tar ${diffId}`);
}

/**
 * The key of the layer `reproducibleTar(entries, mtimeSeconds)` makes: the same key, the same tar. A
 * DeferredFile gives the key its data would give, so a layer's key is known before its files are read.
 */
export function entriesKey(entries: readonly (LayerEntry | DeferredFile)[], mtimeSeconds: number): string {
  const files = withParents(entries).map((e) => {
    const { data, sha256: known, size } = e as LayerEntry & Partial<DeferredFile>;
    const digest = data === undefined ? (known ?? null) : (known ?? sha256(data));
    return [e.path, e.mode, digest, data?.length ?? size ?? null];
  });
  return sha256(JSON.stringify({ format: REPRODUCIBLE_TAR_FORMAT, mtime: mtimeSeconds, files }));
}
