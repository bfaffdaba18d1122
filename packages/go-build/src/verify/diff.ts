import { type Entry, readEntries } from "./entries.js";
import { type Section, readSections } from "./sections.js";

/** Where two versions of a file first differ: a section, an archive entry (and inside it), or a byte offset. */
export type Difference =
  | { kind: "identical" }
  | { kind: "section"; format: string; section: string /** the other differing sections, in file order */; also: string[] }
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
 * section in the expected file's order whose bytes differ (or that the other lacks), with the others
 * that differ, else "headers";
 * for two archives of one format, the first differing entry, its header or its content, and inside
 * its content the same again; otherwise the first differing byte.
 */
export function firstDifference(expected: Uint8Array, rebuilt: Uint8Array): Difference {
  if (equal(expected, rebuilt)) return { kind: "identical" };
  const ex = readSections(expected);
  const re = readSections(rebuilt);
  if (ex && re && ex.format === re.format) {
    const [section = "headers", ...also] = differingSections(expected, ex.sections, rebuilt, re.sections);
    return { kind: "section", format: ex.format, section, also };
  }
  const ea = readEntries(expected);
  const ra = readEntries(rebuilt);
  if (ea && ra && ea.format === ra.format) return firstEntry(ea.format, ea.entries, ra.entries);
  return { kind: "offset", offset: firstDifferingByte(expected, rebuilt) };
}

/** The sections whose bytes differ (or that one file lacks), in the expected file's order; none when only headers differ. */
function differingSections(expected: Uint8Array, ex: Section[], rebuilt: Uint8Array, re: Section[]): string[] {
  const byName = new Map(re.map((s) => [s.name, s]));
  const bytes = (file: Uint8Array, s: Section) => file.subarray(s.offset, s.offset + s.size);
  const differing = ex.filter((s) => {
    const other = byName.get(s.name);
    return !other || !equal(bytes(expected, s), bytes(rebuilt, other));
  });
  const extra = re.filter((s) => !ex.some((e) => e.name === s.name));
  return [...differing, ...extra].map((s) => s.name);
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
      if (d.section === "headers") return `${FORMAT_NAMES[d.format] ?? d.format} headers`;
      return d.also.length ? `section ${d.section} (also ${d.also.join(", ")})` : `section ${d.section}`;
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
