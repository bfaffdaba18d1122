import { readFile } from "node:fs/promises";
import { type Zippable, gunzipSync, gzipSync, unzipSync, zipSync } from "fflate";
import { type Header, extract, pack } from "tar-stream";

/**
 * Puts the slimmed binary into an archive go-build made, replacing that one member and keeping
 * every other byte decision (order, modes, mtimes, gzip settings) the same as go-build's
 * reproducible archives, so archives and checksums describe the files that ship (issue 3).
 */

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

/** A tar.gz with `member` replaced by `replacement`; same gzip settings as go-build's tarGz. */
export async function replaceInTarGz(archive: Uint8Array, member: string, replacement: Uint8Array): Promise<Uint8Array> {
  const members = await readTar(gunzipSync(archive));
  const target = members.find((m) => m.header.name === member && m.header.type === "file");
  if (!target) throw new Error(`the archive has no member ${member}`);
  target.data = Buffer.from(replacement);
  return gzipSync(await writeTar(members), { level: 9, mtime: 0 });
}

interface ZipMeta {
  method: number;
  mtime: Date;
  attrs: number;
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
    const name = buf.toString("utf8", off + 46, off + 46 + nameLen);
    // DOS times are local; fflate writes a Date back as local time, so the fields round-trip.
    const mtime = new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
    out.set(name, { method, mtime, attrs });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A zip with `member` replaced by `replacement`, keeping order, times and modes. */
export function replaceInZip(archive: Uint8Array, member: string, replacement: Uint8Array): Uint8Array {
  const meta = zipCentralDirectory(archive);
  const data = unzipSync(archive);
  if (!(member in data)) throw new Error(`the archive has no member ${member}`);
  const files: Zippable = {};
  for (const [name, m] of meta) {
    const bytes = name === member ? replacement : (data[name] ?? new Uint8Array(0));
    files[name] = [bytes, { mtime: m.mtime, os: 3, attrs: m.attrs, level: m.method === 0 ? 0 : 9 }];
  }
  return zipSync(files);
}

/** Rewrites an archive file's bytes with the binary at `member` replaced. */
export async function rearchive(archivePath: string, member: string, binaryPath: string): Promise<Uint8Array> {
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
