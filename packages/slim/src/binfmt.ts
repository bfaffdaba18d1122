/**
 * Reads what an executable is from its own headers (ELF, PE, Mach-O): the target it runs on,
 * whether it still carries symbols, whether it is PIE, signed or already packed by UPX. The slim
 * stage decides every step from this, never from a file name (issue 3: "detecting the format
 * (ELF/PE/Mach-O, arch) from the file itself").
 */

export type ExecutableFormat = "elf" | "pe" | "macho";

/** A section as laid out in the file (address in memory, bytes in the file). */
export interface Section {
  name: string;
  addr: number;
  offset: number;
  /** Bytes the section occupies in the file (0 for .bss-like sections). */
  fileSize: number;
  /** Loaded into memory when the program runs (as opposed to symbols and debug data). */
  loaded: boolean;
}

export interface ExecutableInfo {
  format: ExecutableFormat;
  /** Go's names: linux, windows, darwin, freebsd, netbsd, openbsd … */
  os: string;
  /** Go's names: amd64, 386, arm64, arm, ppc64le, s390x, riscv64, mips64le … */
  arch: string;
  bits: 32 | 64;
  littleEndian: boolean;
  /** Position-independent (ELF ET_DYN, PE DYNAMIC_BASE, Mach-O MH_PIE). */
  pie: boolean;
  /** A symbol table or debug sections are present: strip has something to remove. */
  hasSymbols: boolean;
  /** Mach-O with LC_CODE_SIGNATURE: changing a byte invalidates it. */
  signed: boolean;
  /** UPX's marks (`UPX!` near the start, UPX0/UPX1 sections) are present. */
  upxPacked: boolean;
  /** Built by Go (a Go build-info blob or pclntab section is present). */
  go: boolean;
  entry: number;
  sections: Section[];
}

/** The file is not an executable this stage understands. */
export class NotExecutableError extends Error {
  override name = "NotExecutableError";
}

const ELF_MACHINE: Record<number, (bits: 32 | 64, le: boolean) => string> = {
  3: () => "386",
  62: () => "amd64",
  40: () => "arm",
  183: () => "arm64",
  8: (bits, le) => (bits === 64 ? "mips64" : "mips") + (le ? "le" : ""),
  21: (_bits, le) => (le ? "ppc64le" : "ppc64"),
  22: () => "s390x",
  243: () => "riscv64",
  258: () => "loong64",
};

const ELF_OSABI: Record<number, string> = { 9: "freebsd", 12: "openbsd", 2: "netbsd", 6: "solaris" };

const PE_MACHINE = new Map<number, string>([
  [0x14c, "386"],
  [0x8664, "amd64"],
  [0xaa64, "arm64"],
  [0x1c4, "arm"],
]);

const MACHO_CPU = new Map<number, string>([
  [7, "386"],
  [0x01000007, "amd64"],
  [12, "arm"],
  [0x0100000c, "arm64"],
]);

const DEBUG_SECTION = /^(\.z?debug_|__debug_|\.symtab$|\.strtab$)/;

/** Reads integers with the file's own byte order, checking every read stays inside the file. */
class Reader {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
  ) {}
  private check(off: number, n: number): void {
    if (!Number.isInteger(off) || off < 0 || off + n > this.buf.length) throw new NotExecutableError(`header field at ${off} lies outside the file`);
  }
  u8(off: number): number {
    this.check(off, 1);
    return this.buf[off] as number;
  }
  u16(off: number): number {
    this.check(off, 2);
    return this.le ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off: number): number {
    this.check(off, 4);
    return this.le ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  u64(off: number): number {
    this.check(off, 8);
    return Number(this.le ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off));
  }
  /** A NUL-terminated string (at most `max` bytes). */
  cstr(off: number, max = 256): string {
    this.check(off, 0);
    const end = this.buf.indexOf(0, off);
    return this.buf.toString("latin1", off, end < 0 ? Math.min(this.buf.length, off + max) : Math.min(end, off + max));
  }
}

function hasUpxMark(buf: Buffer): boolean {
  return buf.subarray(0, 4096).includes("UPX!");
}

function parseElf(buf: Buffer): Omit<ExecutableInfo, "go"> {
  const bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : undefined;
  const le = buf[5] === 1 ? true : buf[5] === 2 ? false : undefined;
  if (bits === undefined || le === undefined) throw new NotExecutableError("ELF header has an unknown class or byte order");
  const r = new Reader(buf, le);
  const type = r.u16(16);
  if (type !== 2 && type !== 3) throw new NotExecutableError(`ELF file of type ${type} is not an executable (object file or core dump)`);
  const machine = r.u16(18);
  const archOf = ELF_MACHINE[machine];
  if (!archOf) throw new NotExecutableError(`ELF machine ${machine} is not one Go builds for`);
  const w = bits === 64 ? 8 : 4;
  const word = (off: number) => (bits === 64 ? r.u64(off) : r.u32(off));
  const entry = word(24);
  const shoff = word(24 + 2 * w);
  const base = 24 + 3 * w + 4; // e_flags follows e_shoff
  const shentsize = r.u16(base + 6);
  const shnum = r.u16(base + 8);
  const shstrndx = r.u16(base + 10);
  const raw: { nameOff: number; type: number; flags: number; addr: number; offset: number; size: number }[] = [];
  for (let i = 0; i < shnum && shoff > 0; i++) {
    const h = shoff + i * shentsize;
    raw.push({
      nameOff: r.u32(h),
      type: r.u32(h + 4),
      flags: word(h + 8),
      addr: word(h + 8 + w),
      offset: word(h + 8 + 2 * w),
      size: word(h + 8 + 3 * w),
    });
  }
  const strtab = raw[shstrndx];
  const sections: Section[] = raw.map((s) => ({
    name: strtab ? r.cstr(strtab.offset + s.nameOff) : "",
    addr: s.addr,
    offset: s.offset,
    fileSize: s.type === 8 ? 0 : s.size, // SHT_NOBITS (.bss) has no bytes in the file
    loaded: (s.flags & 2) !== 0, // SHF_ALLOC
  }));
  const names = new Set(sections.map((s) => s.name));
  let os = ELF_OSABI[buf[7] as number] ?? "linux";
  if (names.has(".note.netbsd.ident")) os = "netbsd";
  else if (names.has(".note.openbsd.ident")) os = "openbsd";
  return {
    format: "elf",
    os,
    arch: archOf(bits, le),
    bits,
    littleEndian: le,
    pie: type === 3,
    hasSymbols: sections.some((s) => DEBUG_SECTION.test(s.name)),
    signed: false,
    upxPacked: hasUpxMark(buf),
    entry,
    sections,
  };
}

function parsePe(buf: Buffer): Omit<ExecutableInfo, "go"> {
  const r = new Reader(buf, true);
  const pe = r.u32(0x3c);
  if (r.u32(pe) !== 0x00004550) throw new NotExecutableError("MZ file without a PE header (a DOS program?)");
  const coff = pe + 4;
  const machine = r.u16(coff);
  const arch = PE_MACHINE.get(machine);
  if (!arch) throw new NotExecutableError(`PE machine 0x${machine.toString(16)} is not one Go builds for`);
  const nsections = r.u16(coff + 2);
  const symtab = r.u32(coff + 8);
  const nsyms = r.u32(coff + 12);
  const optSize = r.u16(coff + 16);
  const characteristics = r.u16(coff + 18);
  if ((characteristics & 0x0002) === 0 || (characteristics & 0x2000) !== 0) throw new NotExecutableError("PE file is a DLL or not marked executable");
  const opt = coff + 20;
  const magic = r.u16(opt);
  const bits = magic === 0x20b ? 64 : magic === 0x10b ? 32 : undefined;
  if (!bits) throw new NotExecutableError(`PE optional header has unknown magic 0x${magic.toString(16)}`);
  const imageBase = bits === 64 ? r.u64(opt + 24) : r.u32(opt + 28);
  const entry = imageBase + r.u32(opt + 16);
  const dllCharacteristics = r.u16(opt + 70);
  // Names longer than 8 bytes are "/<offset>" into the COFF string table after the symbols.
  const strings = symtab > 0 ? symtab + nsyms * 18 : 0;
  const sections: Section[] = [];
  for (let i = 0; i < nsections; i++) {
    const h = opt + optSize + i * 40;
    let name = r.cstr(h, 8);
    if (name.startsWith("/") && strings > 0 && /^\/\d+$/.test(name)) name = r.cstr(strings + Number(name.slice(1)));
    const virtualSize = r.u32(h + 8);
    const rawSize = r.u32(h + 16);
    const flags = r.u32(h + 36);
    sections.push({
      name,
      addr: imageBase + r.u32(h + 12),
      offset: r.u32(h + 20),
      fileSize: Math.min(rawSize, virtualSize || rawSize),
      // .reloc is discardable yet must survive a strip unchanged, so every non-debug section counts.
      loaded: !DEBUG_SECTION.test(name) && (flags & 0x02000000 ? name === ".reloc" : true),
    });
  }
  return {
    format: "pe",
    os: "windows",
    arch,
    bits,
    littleEndian: true,
    pie: (dllCharacteristics & 0x40) !== 0,
    // Go keeps an empty 4-byte .symtab section after -s; only real symbols or DWARF count.
    hasSymbols: nsyms > 0 || sections.some((s) => /^\.z?debug_/.test(s.name)),
    signed: false,
    upxPacked: hasUpxMark(buf) || sections.some((s) => /^UPX\d$/.test(s.name)),
    entry,
    sections,
  };
}

function parseMachO(buf: Buffer): Omit<ExecutableInfo, "go"> {
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xfeedfacf || magic === 0xfeedface;
  const r = new Reader(buf, le);
  const bits = r.u32(0) === 0xfeedfacf ? 64 : 32;
  const cpu = r.u32(4);
  const arch = MACHO_CPU.get(cpu);
  if (!arch) throw new NotExecutableError(`Mach-O CPU type 0x${cpu.toString(16)} is not one Go builds for`);
  if (r.u32(12) !== 2) throw new NotExecutableError("Mach-O file is not an executable (MH_EXECUTE)");
  const ncmds = r.u32(16);
  const flags = r.u32(24);
  let off = bits === 64 ? 32 : 28;
  const sections: Section[] = [];
  let nsyms = 0;
  let signed = false;
  let entry = 0;
  let textVmaddr = 0;
  for (let i = 0; i < ncmds; i++) {
    const cmd = r.u32(off);
    const size = r.u32(off + 4);
    if (size < 8) throw new NotExecutableError("Mach-O load command of size < 8");
    if (cmd === 0x19 || cmd === 0x1) {
      // LC_SEGMENT_64 / LC_SEGMENT: its sections follow the segment header.
      const seg = r.cstr(off + 8, 16);
      const is64 = cmd === 0x19;
      if (seg === "__TEXT") textVmaddr = is64 ? r.u64(off + 24) : r.u32(off + 24);
      const nsects = r.u32(off + (is64 ? 64 : 48));
      let s = off + (is64 ? 72 : 56);
      for (let j = 0; j < nsects; j++, s += is64 ? 80 : 68) {
        const sectFlags = r.u32(s + (is64 ? 64 : 56));
        const zerofill = (sectFlags & 0xff) === 1;
        sections.push({
          name: `${seg},${r.cstr(s, 16)}`,
          addr: is64 ? r.u64(s + 32) : r.u32(s + 32),
          offset: r.u32(s + (is64 ? 48 : 40)),
          fileSize: zerofill ? 0 : is64 ? r.u64(s + 40) : r.u32(s + 36),
          loaded: seg !== "__DWARF",
        });
      }
    } else if (cmd === 0x2) {
      nsyms = r.u32(off + 12); // LC_SYMTAB
    } else if (cmd === 0x1d) {
      signed = true; // LC_CODE_SIGNATURE
    } else if (cmd === 0x80000028) {
      entry = r.u64(off + 8); // LC_MAIN: offset from __TEXT
    }
    off += size;
  }
  return {
    format: "macho",
    os: "darwin",
    arch,
    bits,
    littleEndian: le,
    pie: (flags & 0x200000) !== 0,
    hasSymbols: nsyms > 0 || sections.some((s) => s.name.startsWith("__DWARF,")),
    signed,
    upxPacked: hasUpxMark(buf),
    entry: textVmaddr + entry,
    sections,
  };
}

/** What kind of executable the bytes are; throws NotExecutableError for anything else. */
export function parseExecutable(buf: Buffer): ExecutableInfo {
  if (buf.length < 64) throw new NotExecutableError("the file is too short to be an executable");
  const m = buf.readUInt32BE(0);
  const withGo = (info: Omit<ExecutableInfo, "go">): ExecutableInfo => ({ ...info, go: isGo(buf, info.sections) });
  try {
    if (m === 0x7f454c46) return withGo(parseElf(buf));
    if (buf[0] === 0x4d && buf[1] === 0x5a) return withGo(parsePe(buf));
    if ([0xcffaedfe, 0xcefaedfe, 0xfeedfacf, 0xfeedface].includes(m)) return withGo(parseMachO(buf));
  } catch (err) {
    if (err instanceof NotExecutableError) throw err;
    throw new NotExecutableError(`its headers are damaged (${(err as Error).message})`);
  }
  if (m === 0xcafebabe) throw new NotExecutableError("universal (fat) Mach-O binaries or Java classes are not supported; slim each architecture's binary");
  if (buf[0] === 0x23 && buf[1] === 0x21) throw new NotExecutableError("it is a script (#!), not a compiled executable");
  throw new NotExecutableError("it is not an ELF, PE or Mach-O executable");
}

/** Go writes its build info behind this magic (cmd/go/internal/version, debug/buildinfo). */
const GO_BUILDINFO_MAGIC = Buffer.from("\xff Go buildinf:", "latin1");

function isGo(buf: Buffer, sections: readonly Section[]): boolean {
  return sections.some((s) => /gopclntab|go\.buildinfo|go_buildinfo/.test(s.name)) || buf.includes(GO_BUILDINFO_MAGIC);
}

/** `linux/arm64`: the Go/OCI target name of the executable. */
export function targetOf(info: Pick<ExecutableInfo, "os" | "arch">): string {
  return `${info.os}/${info.arch}`;
}
