/**
 * Minimal section-table readers for the three executable formats Go links: ELF (32/64-bit, either
 * byte order), PE (the COFF section table) and Mach-O (64-bit, the sections of each LC_SEGMENT_64,
 * and a segment without sections as a whole, e.g. __LINKEDIT). Only what a byte diff needs: each
 * section's name and where its bytes lie in the file. Refs: the System V gABI (ELF header, section
 * header table), Microsoft's PE format (§ COFF file header, section table), Apple's mach-o/loader.h.
 */

/** One section's bytes in the file. */
export interface Section {
  name: string;
  offset: number;
  size: number;
}

export type ExecutableFormat = "elf" | "pe" | "macho";

/** The file's format and sections in file order, or undefined when it is none of the three (or is cut short). */
export function readSections(bytes: Uint8Array): { format: ExecutableFormat; sections: Section[] } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (bytes.length >= 52 && view.getUint32(0) === 0x7f454c46) return { format: "elf", sections: elfSections(bytes, view) };
    if (bytes.length >= 64 && view.getUint16(0) === 0x4d5a) return { format: "pe", sections: peSections(bytes, view) };
    if (bytes.length >= 32 && view.getUint32(0, true) === 0xfeedfacf) return { format: "macho", sections: machoSections(bytes, view) };
  } catch (err) {
    // A table pointing past the end (DataView's RangeError): not a file this reader can use.
    if (err instanceof RangeError) return undefined;
    throw err;
  }
  return undefined;
}

/** A NUL-terminated name from `bytes` at `at`, at most `max` bytes. */
function cString(bytes: Uint8Array, at: number, max = 256): string {
  let end = at;
  while (end < bytes.length && end < at + max && bytes[end] !== 0) end++;
  return Buffer.from(bytes.subarray(at, end)).toString("latin1");
}

const SHT_NOBITS = 8;

function elfSections(bytes: Uint8Array, v: DataView): Section[] {
  const is64 = bytes[4] === 2;
  const le = bytes[5] === 1;
  const word = (at: number) => (is64 ? Number(v.getBigUint64(at, le)) : v.getUint32(at, le));
  const shoff = word(is64 ? 0x28 : 0x20);
  const shentsize = v.getUint16(is64 ? 0x3a : 0x2e, le);
  const shnum = v.getUint16(is64 ? 0x3c : 0x30, le);
  const shstrndx = v.getUint16(is64 ? 0x3e : 0x32, le);
  const headers = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      nameAt: v.getUint32(at, le),
      type: v.getUint32(at + 4, le),
      offset: word(at + (is64 ? 0x18 : 0x10)),
      size: word(at + (is64 ? 0x20 : 0x14)),
    };
  });
  const strtab = headers[shstrndx]?.offset ?? 0;
  return headers
    .filter((h) => h.type !== SHT_NOBITS && h.size > 0)
    .map((h) => ({ name: cString(bytes, strtab + h.nameAt), offset: h.offset, size: h.size }))
    .sort((a, b) => a.offset - b.offset);
}

function peSections(bytes: Uint8Array, v: DataView): Section[] {
  const pe = v.getUint32(0x3c, true);
  if (v.getUint32(pe) !== 0x50450000) throw new RangeError("no PE signature");
  const coff = pe + 4;
  const count = v.getUint16(coff + 2, true);
  const symbols = v.getUint32(coff + 8, true);
  const symbolCount = v.getUint32(coff + 12, true);
  const table = coff + 20 + v.getUint16(coff + 16, true);
  const sections: Section[] = [];
  for (let i = 0; i < count; i++) {
    const at = table + i * 40;
    let name = cString(bytes, at, 8);
    // "/4": a long name, at that offset in the COFF string table after the symbols (18 bytes each).
    if (/^\/\d+$/.test(name) && symbols > 0) name = cString(bytes, symbols + symbolCount * 18 + Number(name.slice(1)));
    const size = v.getUint32(at + 16, true);
    if (size > 0) sections.push({ name, offset: v.getUint32(at + 20, true), size });
  }
  return sections.sort((a, b) => a.offset - b.offset);
}

const LC_SEGMENT_64 = 0x19;
const S_ZEROFILL = 0x1;

function machoSections(bytes: Uint8Array, v: DataView): Section[] {
  const ncmds = v.getUint32(16, true);
  const sections: Section[] = [];
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = v.getUint32(at, true);
    const cmdsize = v.getUint32(at + 4, true);
    if (cmd === LC_SEGMENT_64) sections.push(...segmentSections(bytes, v, at));
    at += cmdsize;
  }
  return sections.sort((a, b) => a.offset - b.offset);
}

/** The sections of one LC_SEGMENT_64 at `at`, named `__SEGMENT,__section`; a segment with none is one range of its own. */
function segmentSections(bytes: Uint8Array, v: DataView, at: number): Section[] {
  const segname = cString(bytes, at + 8, 16);
  const nsects = v.getUint32(at + 64, true);
  if (nsects === 0) {
    const size = Number(v.getBigUint64(at + 48, true));
    return size > 0 ? [{ name: segname, offset: Number(v.getBigUint64(at + 40, true)), size }] : [];
  }
  const out: Section[] = [];
  for (let s = 0; s < nsects; s++) {
    const sect = at + 72 + s * 80;
    const size = Number(v.getBigUint64(sect + 40, true));
    const zerofill = (v.getUint32(sect + 64, true) & 0xff) === S_ZEROFILL;
    if (size > 0 && !zerofill) out.push({ name: `${segname},${cString(bytes, sect, 16)}`, offset: v.getUint32(sect + 48, true), size });
  }
  return out;
}
