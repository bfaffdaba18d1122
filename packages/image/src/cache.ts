import { createHash } from "node:crypto";
import { mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { GantryError, InputError, gantryCacheDir, readWholeFile, writeFileAtomic } from "@gantry/core";
import { COMPRESSOR } from "./compress.js";
import type { LayerCache, StoredLayer } from "./layer.js";

/** Keep at most this many compressed layers; the least recently used go first. */
const MAX_ENTRIES = 64;

/** `<gzip sha256>.<diff_id hex>.<tar size>.<gzip size>`: what an entry's name holds after its key and compressor. */
const FIELDS = /^([0-9a-f]{64})\.([0-9a-f]{64})\.(\d{1,15})\.(\d{1,15})$/;

/** The setting that makes every hit read its entry and check it against the digest in its name. */
export const LAYER_CACHE_VERIFY_ENV = "GANTRY_LAYER_CACHE_VERIFY";

/** What an entry's name says of its layer; undefined for a name of another form (an older gantry's). */
function parseName(rest: string): Omit<StoredLayer, "file" | "read"> | undefined {
  const m = FIELDS.exec(rest);
  return m ? { digest: `sha256:${m[1]}`, diffId: `sha256:${m[2]}`, uncompressedSize: Number(m[3]), size: Number(m[4]) } : undefined;
}

/** The entry's bytes, checked against its name's size and digest; an entry that fails is dropped. */
async function readChecked(file: string, size: number, digest: string): Promise<Uint8Array> {
  const gz = await readWholeFile(file).catch((err: Error) => {
    throw new GantryError(`layer cache entry ${file} cannot be read (${err.message}); run again, and it is made anew`);
  });
  const actual = `sha256:${createHash("sha256").update(gz).digest("hex")}`;
  if (gz.length === size && actual === digest) return gz;
  await rm(file, { force: true });
  throw new GantryError(
    `layer cache entry ${file} holds ${gz.length} bytes of ${actual}, not the ${size} of ${digest} its name gives; it was removed, run again and the layer is made anew`,
  );
}

/**
 * An entry, checked by its size: the file must have the gzip size its name gives, or it is dropped (a
 * write cut short, a truncated copy). With verify, it is also read and hashed now; without, `read()`
 * hashes it when its bytes are needed (a push or a docker archive). A hit is marked used (its mtime)
 * for prune.
 */
async function openEntry(file: string, rest: string, verify: boolean): Promise<StoredLayer | undefined> {
  const named = parseName(rest);
  if (!named) return undefined;
  try {
    if (verify) await readChecked(file, named.size, named.digest);
    else if ((await stat(file)).size !== named.size) {
      await rm(file, { force: true });
      return undefined;
    }
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
    return { ...named, file, read: () => readChecked(file, named.size, named.digest) };
  } catch {
    return undefined;
  }
}

/** Removes the least recently used entries beyond MAX_ENTRIES. */
async function prune(dir: string): Promise<void> {
  const names = await readdir(dir);
  if (names.length <= MAX_ENTRIES) return;
  const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  aged.sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_ENTRIES)) await rm(join(dir, n), { force: true });
}

/** `GANTRY_LAYER_CACHE_VERIFY`: 1 or true to hash every hit when it is read, 0, false or unset to check its size only. */
function verifySetting(env: NodeJS.ProcessEnv): boolean {
  const setting = env[LAYER_CACHE_VERIFY_ENV]?.trim().toLowerCase() ?? "";
  if (setting === "" || setting === "0" || setting === "false") return false;
  if (setting === "1" || setting === "true") return true;
  throw new InputError(LAYER_CACHE_VERIFY_ENV, env[LAYER_CACHE_VERIFY_ENV] ?? "", "1 or true (hash every cached layer when it is used), 0 or false");
}

/**
 * Made layers on disk, keyed by what names their tar (layer-key.ts: a binary's verified sha256 with
 * its path, mode, mtime and the tar format) and the compressor, one file per layer: the gzip blob,
 * named `<key>.<compressor>.<gzip sha256>.<diff_id hex>.<tar size>.<gzip size>`. A hit needs neither
 * building nor hashing the tar (issue 14), nor reading the blob: as Go's build cache trusts an entry
 * by its size (GODEBUG=gocacheverify=1 rehashes), an entry whose file has the gzip size in its name
 * is used as it is, and one of another size is dropped and made anew. The OCI layout hard-links the
 * file; the blob is read, and checked against the digest in its name, only when its bytes are needed
 * (a push uploading it, a docker archive), or for every hit with `GANTRY_LAYER_CACHE_VERIFY=1`. An
 * entry whose bytes fail that check is removed and the run fails, naming it.
 * `GANTRY_LAYER_CACHE` names the folder, or `off`; by default it is `layers/` in core's
 * gantryCacheDir (GANTRY_CACHE_DIR, else ~/.cache/gantry).
 */
export function diskLayerCache(env: NodeJS.ProcessEnv): LayerCache | undefined {
  const setting = env.GANTRY_LAYER_CACHE?.trim();
  if (setting === "off") return undefined;
  const dir = setting || join(gantryCacheDir(env), "layers");
  const verify = verifySetting(env);
  const prefix = (key: string) => `${key}.${COMPRESSOR}.`;
  return {
    async get(key) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const rest = names.find((n) => n.startsWith(prefix(key)) && parseName(n.slice(prefix(key).length)))?.slice(prefix(key).length);
      return rest === undefined ? undefined : openEntry(join(dir, `${prefix(key)}${rest}`), rest, verify);
    },
    async put(key, { gz, digest, diffId, uncompressedSize }) {
      try {
        await mkdir(dir, { recursive: true });
        const hex = (d: string) => d.replace("sha256:", "");
        await writeFileAtomic(join(dir, `${prefix(key)}${hex(digest)}.${hex(diffId)}.${uncompressedSize}.${gz.length}`), gz);
        await prune(dir);
      } catch {
        // A cache that cannot be written is no cache; the image is the same without it.
      }
    },
  };
}
