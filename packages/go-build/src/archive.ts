import { readFile } from "node:fs/promises";
import { ARCHIVE_GZIP_LEVEL, gzipReproducible, reproducibleTar, sha256, sha256File, withParents } from "@gantry/core";
import { type AsyncZippable, zip as zipAsync } from "fflate";

/** One file in an archive. */
export interface ArchiveEntry {
  /** Path inside the archive, forward slashes, no leading `./`. */
  name: string;
  source: string;
  mode: number;
}

/**
 * A reproducible tar.gz: sorted entries with their parent folders, uid/gid 0, no user
 * names, fixed mtime, and core's pinned gzip (libdeflate in WebAssembly: a header with no
 * time, the same bytes on every runner's Node and CPU).
 */
export async function tarGz(entries: readonly ArchiveEntry[], mtimeSeconds: number): Promise<Uint8Array> {
  const tar = await reproducibleTar(
    await Promise.all(entries.map(async (e) => ({ path: e.name, mode: e.mode, data: await readFile(e.source) }))),
    mtimeSeconds,
  );
  return gzipReproducible(tar, ARCHIVE_GZIP_LEVEL);
}

/** DOS times cannot go before 1980. */
const ZIP_MIN_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 2) / 1000;

/**
 * A reproducible zip: sorted entries, fixed mtime (fflate writes local time, so the UTC time
 * is shifted by the local offset to come out the same in any time zone), unix modes.
 */
export async function zip(entries: readonly ArchiveEntry[], mtimeSeconds: number): Promise<Uint8Array> {
  const utcMs = Math.max(mtimeSeconds, ZIP_MIN_EPOCH) * 1000;
  const localShifted = new Date(utcMs + new Date(utcMs).getTimezoneOffset() * 60_000);
  const files: AsyncZippable = {};
  const sources = new Map(entries.map((e) => [e.name, e.source]));
  for (const item of withParents(entries.map((e) => ({ path: e.name, mode: e.mode })))) {
    const source = sources.get(item.path);
    files[item.path] =
      source === undefined
        ? [new Uint8Array(0), { mtime: localShifted, os: 3, attrs: (0o40755 << 16) >>> 0, level: 0 }]
        : [await readFile(source), { mtime: localShifted, os: 3, attrs: ((0o100000 | item.mode) << 16) >>> 0, level: 6 }];
  }
  // fflate's callback form runs the same code in worker threads of its own (the bytes are those of
  // zipSync): the 0.8 s a 20 MB binary takes leaves this thread free for the other targets' builds.
  return new Promise((done, fail) => zipAsync(files, (err, z) => (err ? fail(err) : done(z))));
}

/** Bump when the bytes this module writes change, so kept archives of the old layout are not reused. */
const ARCHIVE_LAYOUT = 3;

/** The key of an archive: its format, mtime and every entry's name, mode and content. */
export async function archiveKey(
  format: string,
  entries: readonly ArchiveEntry[],
  mtimeSeconds: number,
  knownSha: ReadonlyMap<string, string> = new Map(),
): Promise<string> {
  const parts = await Promise.all(entries.map(async (e) => [e.name, e.mode, knownSha.get(e.source) ?? (await sha256File(e.source))]));
  return sha256(JSON.stringify({ layout: ARCHIVE_LAYOUT, format, mtimeSeconds, parts }));
}
