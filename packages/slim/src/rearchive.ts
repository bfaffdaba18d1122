import { readFile } from "node:fs/promises";
import { type Zippable, deflateSync, gunzipSync, gzipSync, unzipSync, zipSync } from "fflate";
import { ARCHIVE_GZIP_LEVEL, gzipReproducible } from "@gantry/core";
import { type Header, extract, pack } from "tar-stream";

/**
 * Puts the slimmed binary into an archive go-build made, replacing that one member and keeping
 * every other byte decision (order, modes, mtimes, compression level) the same, so archives and
 * checksums describe the files that ship (issue 3) and stay reproducible. The compression level
 * is not recorded in a gzip or zip, so it is found by recompressing the unchanged archive until
 * the original bytes come out again (go-build's compressor first, then those gantry used before).
 */

/** One way to gzip a tar: a compressor at one level. */
type Gzipper = (tar: Uint8Array) => Promise<Uint8Array>;

const libdeflate =
  (level: number): Gzipper =>
  (tar) =>
    gzipReproducible(tar, level);
const fflate =
  (level: Level): Gzipper =>
  async (tar) =>
    gzipSync(tar, { level, mtime: 0 });
type Level = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** fflate levels to try on a zip, most likely first (go-build's zip uses 6; 9 is "best"). */
const ZIP_LEVELS: readonly Level[] = [6, 9, 1, 2, 3, 4, 5, 7, 8];

/**
 * Gzips to try, most likely first: go-build's (core's libdeflate at ARCHIVE_GZIP_LEVEL), then fflate's levels, which
 * gantry before issue 14 used (6 by default; 9 is "best").
 */
const GZIPPERS: readonly Gzipper[] = [
  libdeflate(ARCHIVE_GZIP_LEVEL),
  fflate(6),
  libdeflate(9),
  libdeflate(12),
  libdeflate(1),
  fflate(9),
  fflate(1),
  ...([2, 3, 4, 5, 7, 8] as const).map(fflate),
];

/** An archive's new bytes, and whether the original was reproduced exactly before the change. */
export interface Rearchived {
  bytes: Uint8Array;
  reproducible: boolean;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

interface TarMember {
  header: Header;
  data: Buffer;
}

async function readTar(tar: Uint8Array): Promise<TarMember[]> {
  const members: TarMember[] = [];
  const ex = extract();
  const done = new Promise<void>((res, rej) => {
    ex.on("finish", res);
    ex.on("error", rej);
  });
  ex.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => void chunks.push(c as Buffer));
    stream.on("end", () => {
      members.push({ header, data: Buffer.concat(chunks) });
      next();
    });
    stream.resume();
  });
  ex.end(Buffer.from(tar));
  await done;
  return members;
}

async function writeTar(members: readonly TarMember[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on("data", (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((res, rej) => {
    p.on("end", res);
    p.on("error", rej);
  });
  for (const m of members) {
    const { name, mode, uid, gid, uname, gname, mtime, type } = m.header;
    const header = { name, mode, uid, gid, uname, gname, mtime, type } as Header;
    if (type === "directory") p.entry(header);
    else p.entry({ ...header, size: m.data.length }, m.data);
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A tar.gz with `member` replaced by `replacement`, at the gzip level that reproduces the original. */
export async function replaceInTarGz(archive: Uint8Array, member: string, replacement: Uint8Array): Promise<Rearchived> {
  const members = await readTar(gunzipSync(archive));
  const target = members.find((m) => m.header.name === member && m.header.type === "file");
  if (!target) throw new Error(`the archive has no member ${member}`);
  const unchanged = await writeTar(members);
  let found: Gzipper | undefined;
  for (const g of GZIPPERS) {
    if (same(await g(unchanged), archive)) {
      found = g;
      break;
    }
  }
  target.data = Buffer.from(replacement);
  return { bytes: await (found ?? (GZIPPERS[0] as Gzipper))(await writeTar(members)), reproducible: found !== undefined };
}

interface ZipMeta {
  method: number;
  mtime: Date;
  attrs: number;
  /** The member's compressed bytes as stored. */
  raw: Uint8Array;
}

/** Reads each entry's method, DOS time and external attributes from the central directory. */
function zipCentralDirectory(zip: Uint8Array): Map<string, ZipMeta> {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip archive (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipMeta>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error("damaged zip central directory");
    const method = buf.readUInt16LE(off + 10);
    const time = buf.readUInt16LE(off + 12);
    const date = buf.readUInt16LE(off + 14);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const attrs = buf.readUInt32LE(off + 38);
    const compressed = buf.readUInt32LE(off + 20);
    const local = buf.readUInt32LE(off + 42);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + compressed);
    const name = buf.toString("utf8", off + 46, off + 46 + nameLen);
    // DOS times are local; fflate writes a Date back as local time, so the fields round-trip.
    const mtime = new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
    out.set(name, { method, mtime, attrs, raw });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A zip with `member` replaced by `replacement`, keeping order, times, modes and the deflate level. */
export function replaceInZip(archive: Uint8Array, member: string, replacement: Uint8Array): Rearchived {
  const meta = zipCentralDirectory(archive);
  const data = unzipSync(archive);
  if (!(member in data)) throw new Error(`the archive has no member ${member}`);
  // The smallest deflated member tells the level cheaply.
  const probe = [...meta].filter(([, m]) => m.method === 8).sort((a, b) => a[1].raw.length - b[1].raw.length)[0];
  const level: Level | undefined = probe ? ZIP_LEVELS.find((l) => same(deflateSync(data[probe[0]] as Uint8Array, { level: l }), probe[1].raw)) : undefined;
  const build = (replace: boolean): Uint8Array => {
    const files: Zippable = {};
    for (const [name, m] of meta) {
      const bytes = replace && name === member ? replacement : (data[name] ?? new Uint8Array(0));
      files[name] = [bytes, { mtime: m.mtime, os: 3, attrs: m.attrs, level: m.method === 0 ? 0 : (level ?? 6) }];
    }
    return zipSync(files);
  };
  return { bytes: build(true), reproducible: level !== undefined && same(build(false), archive) };
}

/** Rewrites an archive file's bytes with the binary at `member` replaced. */
export async function rearchive(archivePath: string, member: string, binaryPath: string): Promise<Rearchived> {
  const [archive, binary] = await Promise.all([readFile(archivePath), readFile(binaryPath)]);
  return archivePath.endsWith(".zip") ? replaceInZip(archive, member, binary) : replaceInTarGz(archive, member, binary);
}

/** checksums.txt with the lines for the given names set to new sums (`<sha256>  <name>`). */
export function updateChecksums(text: string, sums: ReadonlyMap<string, string>): string {
  return text
    .split("\n")
    .map((line) => {
      const m = /^([0-9a-f]{64})( [ *])(.+)$/.exec(line);
      const sum = m ? sums.get(m[3] as string) : undefined;
      return m && sum ? `${sum}${m[2]}${m[3]}` : line;
    })
    .join("\n");
}
