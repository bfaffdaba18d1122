import { createHash } from "node:crypto";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { readWholeFile, writeFileAtomic } from "@gantry/core";
import { COMPRESSOR } from "./compress.js";
import type { CachedLayer, LayerCache } from "./layer.js";

/** Keep at most this many compressed layers; the oldest go first. */
const MAX_ENTRIES = 64;

/** `<gzip sha256>.<diff_id hex>.<tar size>`: what an entry's name holds after its key and compressor. */
const FIELDS = /^([0-9a-f]{64})\.([0-9a-f]{64})\.(\d{1,15})$/;

/** What an entry's name says of its layer; undefined for a name of another form (an older gantry's). */
function parseName(rest: string): { digest: string; diffId: string; uncompressedSize: number } | undefined {
  const m = FIELDS.exec(rest);
  return m ? { digest: `sha256:${m[1]}`, diffId: `sha256:${m[2]}`, uncompressedSize: Number(m[3]) } : undefined;
}

/** Reads an entry and checks its bytes against the gzip digest in its name; a corrupt entry is dropped. */
async function readEntry(file: string, rest: string): Promise<CachedLayer | undefined> {
  const named = parseName(rest);
  if (!named) return undefined;
  try {
    const gz = await readWholeFile(file);
    if (`sha256:${createHash("sha256").update(gz).digest("hex")}` === named.digest) return { gz, ...named, file };
    await rm(file, { force: true });
  } catch {}
  return undefined;
}

/** Removes the oldest entries beyond MAX_ENTRIES. */
async function prune(dir: string): Promise<void> {
  const names = await readdir(dir);
  if (names.length <= MAX_ENTRIES) return;
  const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  aged.sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_ENTRIES)) await rm(join(dir, n), { force: true });
}

/**
 * Made layers on disk, keyed by what names their tar (layer-key.ts: a binary's verified sha256 with
 * its path, mode, mtime and the tar format) and the compressor, one file per layer: the gzip blob,
 * named `<key>.<compressor>.<gzip sha256>.<diff_id hex>.<tar size>`. A hit needs neither building nor
 * hashing the tar (issue 14); the blob is checked against its digest on every read, a corrupt entry dropped.
 * `GANTRY_LAYER_CACHE` names the folder, or `off`.
 */
export function diskLayerCache(env: NodeJS.ProcessEnv): LayerCache | undefined {
  const setting = env.GANTRY_LAYER_CACHE?.trim();
  if (setting === "off") return undefined;
  const dir = setting || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "gantry", "layers");
  const prefix = (key: string) => `${key}.${COMPRESSOR}.`;
  return {
    async get(key) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const name = names.find((n) => n.startsWith(prefix(key)));
      return name ? readEntry(join(dir, name), name.slice(prefix(key).length)) : undefined;
    },
    async put(key, { gz, digest, diffId, uncompressedSize }) {
      try {
        await mkdir(dir, { recursive: true });
        const hex = (d: string) => d.replace("sha256:", "");
        await writeFileAtomic(join(dir, `${prefix(key)}${hex(digest)}.${hex(diffId)}.${uncompressedSize}`), gz);
        await prune(dir);
      } catch {
        // A cache that cannot be written is no cache; the image is the same without it.
      }
    },
  };
}
