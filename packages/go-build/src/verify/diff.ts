import { type Entry, readEntries } from "./entries.js";
import { type Section, readSections } from "./sections.js";

/** Where two versions of a file first differ: a section, an archive entry (and inside it), or a byte offset. */
export type Difference =
  | { kind: "identical" }
  | { kind: "section"; format: string; section: string }
  | { kind: "entry"; format: string; entry: string; part: "header" | "content" | "missing" | "extra"; inner?: Difference }
  | { kind: "offset"; offset: number };

const FORMAT_NAMES: Record<string, string> = { elf: "ELF", pe: "PE", macho: "Mach-O" };

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/** The first byte at which two buffers differ (the shorter one's length when one is a prefix of the other). */
export function firstDifferingByte(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/**
 * Where `rebuilt` first differs from `expected`: for two executables of one format, the first
 * section in the expected file's order whose bytes differ (or that the other lacks), else "headers";
 * for two archives of one format, the first differing entry, its header or its content, and inside
 * its content the same again; otherwise the first differing byte.
 */
export function firstDifference(expected: Uint8Array, rebuilt: Uint8Array): Difference {
  if (equal(expected, rebuilt)) return { kind: "identical" };
  const ex = readSections(expected);
  const re = readSections(rebuilt);
  if (ex && re && ex.format === re.format) return { kind: "section", format: ex.format, section: firstSection(expected, ex.sections, rebuilt, re.sections) };
  const ea = readEntries(expected);
  const ra = readEntries(rebuilt);
  if (ea && ra && ea.format === ra.format) return firstEntry(ea.format, ea.entries, ra.entries);
  return { kind: "offset", offset: firstDifferingByte(expected, rebuilt) };
}

function firstSection(expected: Uint8Array, ex: Section[], rebuilt: Uint8Array, re: Section[]): string {
  const byName = new Map(re.map((s) => [s.name, s]));
  const bytes = (file: Uint8Array, s: Section) => file.subarray(s.offset, s.offset + s.size);
  for (const s of ex) {
    const other = byName.get(s.name);
    if (!other || !equal(bytes(expected, s), bytes(rebuilt, other))) return s.name;
  }
  const extra = re.find((s) => !ex.some((e) => e.name === s.name));
  // Every section alike: what differs is in the file and section headers (or between sections).
  return extra?.name ?? "headers";
}

function firstEntry(format: string, ex: Entry[], re: Entry[]): Difference {
  const byName = new Map(re.map((e) => [e.name, e]));
  for (const e of ex) {
    const other = byName.get(e.name);
    if (!other) return { kind: "entry", format, entry: e.name, part: "missing" };
    // Content first: a zip header holds the content's CRC and size, so it differs with it.
    if (!equal(e.content, other.content)) return { kind: "entry", format, entry: e.name, part: "content", inner: firstDifference(e.content, other.content) };
    if (!equal(e.header, other.header)) return { kind: "entry", format, entry: e.name, part: "header" };
  }
  const extra = re.find((r) => !ex.some((e) => e.name === r.name));
  if (extra) return { kind: "entry", format, entry: extra.name, part: "extra" };
  return { kind: "entry", format, entry: "(archive framing)", part: "header" };
}

/** The difference said in a few words: `section .rodata`, `tar.gz entry svc (content): section .text`, `byte 1234`. */
export function describeDifference(d: Difference): string {
  switch (d.kind) {
    case "identical":
      return "identical";
    case "section":
      return d.section === "headers" ? `${FORMAT_NAMES[d.format] ?? d.format} headers` : `section ${d.section}`;
    case "offset":
      return `byte ${d.offset}`;
    case "entry": {
      const where = `${d.format} entry ${d.entry}`;
      if (d.part === "missing") return `${where} (missing from the rebuild)`;
      if (d.part === "extra") return `${where} (only in the rebuild)`;
      return d.inner && d.inner.kind !== "identical" ? `${where} (${d.part}): ${describeDifference(d.inner)}` : `${where} (${d.part})`;
    }
  }
}
