import { gunzipSync, inflateSync } from "fflate";

/**
 * Minimal readers of the archives go-build writes (archive.ts): the entries of a tar.gz (ustar
 * headers, 512-byte blocks) and of a zip (local file headers, in file order), each with its header
 * bytes and its content, so a diff can say which entry differs and whether in its header or content.
 */
export interface Entry {
  name: string;
  header: Uint8Array;
  /** The stored bytes: for a zip, uncompressed. */
  content: Uint8Array;
}

export type ArchiveFormat = "tar.gz" | "zip";

/** The archive's format and entries, or undefined when the bytes are neither a gzip'd tar nor a zip. */
export function readEntries(bytes: Uint8Array): { format: ArchiveFormat; entries: Entry[] } | undefined {
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { format: "tar.gz", entries: tarEntries(gunzipSync(bytes)) };
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) return { format: "zip", entries: zipEntries(bytes) };
  } catch {
    // Corrupt or cut short: compared as plain bytes.
    return undefined;
  }
  return undefined;
}

const BLOCK = 512;

function field(header: Uint8Array, at: number, length: number): string {
  const raw = Buffer.from(header.subarray(at, at + length)).toString("utf8");
  const nul = raw.indexOf("\0");
  return nul < 0 ? raw : raw.slice(0, nul);
}

function tarEntries(tar: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    if (!Number.isFinite(size)) throw new Error(`tar entry ${name}: bad size`);
    const start = at + BLOCK;
    if (start + size > tar.length) throw new Error(`tar entry ${name} is cut short`);
    entries.push({ name, header, content: tar.subarray(start, start + size) });
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

const LOCAL_HEADER = 0x04034b50;

function zipEntries(zip: Uint8Array): Entry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: Entry[] = [];
  for (let at = 0; at + 30 <= zip.length && v.getUint32(at, true) === LOCAL_HEADER; ) {
    const method = v.getUint16(at + 8, true);
    const compressed = v.getUint32(at + 18, true);
    const headerLength = 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    const name = Buffer.from(zip.subarray(at + 30, at + 30 + v.getUint16(at + 26, true))).toString("utf8");
    const data = zip.subarray(at + headerLength, at + headerLength + compressed);
    entries.push({ name, header: zip.subarray(at, at + headerLength), content: method === 8 ? inflateSync(data) : data });
    at += headerLength + compressed;
  }
  return entries;
}
