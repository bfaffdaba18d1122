/**
 * The section and entry readers of verify/ against real Go binaries, cross-compiled here from a
 * tiny module as go-build links them (-trimpath, -s -w -buildid=): every table is checked against
 * Go's own debug/elf, debug/pe and debug/macho, and a one-byte change is named by its section.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarGz, zip } from "../src/archive.js";
import { describeDifference, firstDifference } from "../src/verify/diff.js";
import { readEntries } from "../src/verify/entries.js";
import { readSections } from "../src/verify/sections.js";

const run = promisify(execFile);

/** ELF 64 LE and BE, ELF 32 LE, PE, Mach-O 64. */
const TARGETS = ["linux/amd64", "linux/arm64", "linux/s390x", "linux/arm", "windows/amd64", "darwin/arm64"] as const;

const MAIN = (greeting: string) => `package main\n\nvar greeting = "${greeting}"\n\nfunc main() { println(greeting) }\n`;

/** Go's own readers, printing each section as `readSections` names it: the reference. */
const REFERENCE = `package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/json"
	"os"
)

type section struct {
	Name   string \`json:"name"\`
	Offset uint64 \`json:"offset"\`
	Size   uint64 \`json:"size"\`
}

func main() {
	out := []section{}
	if f, err := elf.Open(os.Args[1]); err == nil {
		for _, s := range f.Sections {
			if s.Type != elf.SHT_NOBITS && s.Size > 0 {
				out = append(out, section{s.Name, s.Offset, s.Size})
			}
		}
	} else if f, err := pe.Open(os.Args[1]); err == nil {
		for _, s := range f.Sections {
			if s.Size > 0 {
				out = append(out, section{s.Name, uint64(s.Offset), uint64(s.Size)})
			}
		}
	} else if f, err := macho.Open(os.Args[1]); err == nil {
		for _, l := range f.Loads {
			if seg, ok := l.(*macho.Segment); ok && seg.Nsect == 0 && seg.Filesz > 0 {
				out = append(out, section{seg.Name, seg.Offset, seg.Filesz})
			}
		}
		for _, s := range f.Sections {
			if s.Size > 0 && s.Flags&0xff != 1 {
				out = append(out, section{s.Seg + "," + s.Name, uint64(s.Offset), s.Size})
			}
		}
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`;

let dir: string;
/** target → [binary, the same with one byte of the greeting changed] */
const built = new Map<string, [Uint8Array, Uint8Array]>();
const reference = new Map<string, { name: string; offset: number; size: number }[]>();

async function build(module: string, target: string, out: string): Promise<Uint8Array> {
  const [os, arch] = target.split("/") as [string, string];
  const env = { ...process.env, GOOS: os, GOARCH: arch, CGO_ENABLED: "0", GOFLAGS: "-buildvcs=false" };
  await run("go", ["build", "-trimpath", "-ldflags=-s -w -buildid=", "-o", out, "."], { cwd: module, env });
  return readFileSync(out);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gantry-verify-sections-"));
  const modules: [string, string][] = [
    ["a", "hello, world"],
    ["b", "hello, wOrld"],
  ];
  for (const [name, greeting] of modules) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "go.mod"), "module example.com/tiny\n\ngo 1.22\n");
    writeFileSync(join(dir, name, "main.go"), MAIN(greeting));
  }
  mkdirSync(join(dir, "ref"));
  writeFileSync(join(dir, "ref", "go.mod"), "module example.com/ref\n\ngo 1.22\n");
  writeFileSync(join(dir, "ref", "main.go"), REFERENCE);
  await run("go", ["build", "-o", join(dir, "sections"), "."], { cwd: join(dir, "ref"), env: { ...process.env, GOFLAGS: "-buildvcs=false" } });
  await Promise.all(
    TARGETS.map(async (t) => {
      const slug = t.replace("/", "_");
      const pair: [Uint8Array, Uint8Array] = [await build(join(dir, "a"), t, join(dir, `a_${slug}`)), await build(join(dir, "b"), t, join(dir, `b_${slug}`))];
      built.set(t, pair);
      reference.set(t, JSON.parse((await run(join(dir, "sections"), [join(dir, `a_${slug}`)])).stdout));
    }),
  );
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (t: string, which: 0 | 1) => (built.get(t) as [Uint8Array, Uint8Array])[which];

describe("section tables of real Go binaries, as Go's debug/elf, debug/pe and debug/macho read them", () => {
  it.each([
    ["linux/amd64", "elf", ".rodata"],
    ["linux/arm64", "elf", ".rodata"],
    ["linux/s390x", "elf", ".rodata"],
    ["linux/arm", "elf", ".rodata"],
    ["windows/amd64", "pe", ".rdata"],
    ["darwin/arm64", "macho", "__TEXT,__rodata"],
  ])("%s: %s", (target, format, rodata) => {
    const read = readSections(bytesOf(target, 0));
    expect(read?.format).toBe(format);
    const sorted = [...(reference.get(target) ?? [])].sort((a, b) => a.offset - b.offset);
    expect(sorted.length).toBeGreaterThan(3);
    expect(read?.sections).toEqual(sorted);
    expect(read?.sections.map((s) => s.name)).toContain(rodata);
  });

  it("anything else is no executable: text, a cut-short ELF", () => {
    expect(readSections(Buffer.from("hello, world\n".repeat(10)))).toBeUndefined();
    expect(readSections(bytesOf("linux/amd64", 0).subarray(0, 64))).toBeUndefined();
  });
});

describe("firstDifference names the section a one-byte source change touches", () => {
  // Same length: the code is the same, only the string's bytes differ.
  it.each([
    ["linux/amd64", "section .rodata"],
    ["linux/arm64", "section .rodata"],
    ["linux/s390x", "section .rodata"],
    ["linux/arm", "section .rodata"],
    ["windows/amd64", "section .rdata"],
    ["darwin/arm64", "section __TEXT,__rodata (also __LINKEDIT)"], // the code signature covers the pages
  ])("%s: %s", (target, named) => {
    expect(describeDifference(firstDifference(bytesOf(target, 0), bytesOf(target, 1)))).toBe(named);
  });

  it("every section alike but a header field (ELF e_flags): ELF headers", () => {
    const changed = Buffer.from(bytesOf("linux/amd64", 0));
    changed[0x30] = (changed[0x30] as number) ^ 1;
    expect(describeDifference(firstDifference(bytesOf("linux/amd64", 0), changed))).toBe("ELF headers");
  });

  it("identical bytes are identical; unknown files differ at a byte offset", () => {
    expect(firstDifference(bytesOf("linux/amd64", 0), Buffer.from(bytesOf("linux/amd64", 0)))).toEqual({ kind: "identical" });
    expect(describeDifference(firstDifference(Buffer.from("abcdef"), Buffer.from("abcxef")))).toBe("byte 3");
    expect(describeDifference(firstDifference(Buffer.from("abc"), Buffer.from("abcd")))).toBe("byte 3");
  });
});

describe("archives as go-build writes them: the entry, header or content, and the section inside", () => {
  const archive = async (format: "tar.gz" | "zip", which: "a" | "b", target: string, extra = "MIT") => {
    const slug = target.replace("/", "_");
    writeFileSync(join(dir, `LICENSE_${which}`), extra);
    const entries = [
      { name: "tiny", source: join(dir, `${which}_${slug}`), mode: 0o755 },
      { name: "docs/LICENSE", source: join(dir, `LICENSE_${which}`), mode: 0o644 },
    ];
    return format === "zip" ? zip(entries, 1_700_000_000) : tarGz(entries, 1_700_000_000);
  };

  it("tar.gz: entries in order with their contents", async () => {
    const read = readEntries(await archive("tar.gz", "a", "linux/amd64"));
    expect(read?.format).toBe("tar.gz");
    expect(read?.entries.map((e) => e.name)).toEqual(["docs/", "docs/LICENSE", "tiny"]);
    expect(Buffer.from(read?.entries[2]?.content ?? []).equals(bytesOf("linux/amd64", 0))).toBe(true);
  });

  it("zip: entries in order with their uncompressed contents", async () => {
    const read = readEntries(await archive("zip", "a", "windows/amd64"));
    expect(read?.format).toBe("zip");
    expect(read?.entries.map((e) => e.name)).toEqual(["docs/", "docs/LICENSE", "tiny"]);
    expect(Buffer.from(read?.entries[2]?.content ?? []).equals(bytesOf("windows/amd64", 0))).toBe(true);
  });

  it("tar.gz: a changed binary is named by entry and section", async () => {
    const d = firstDifference(await archive("tar.gz", "a", "linux/amd64"), await archive("tar.gz", "b", "linux/amd64"));
    expect(describeDifference(d)).toBe("tar.gz entry tiny (content): section .rodata");
  });

  it("zip: a changed binary is named by entry and section", async () => {
    const d = firstDifference(await archive("zip", "a", "windows/amd64"), await archive("zip", "b", "windows/amd64"));
    expect(describeDifference(d)).toBe("zip entry tiny (content): section .rdata");
  });

  it("a changed extra file is named first, before the binary; same-length content changes only the content", async () => {
    const d = firstDifference(await archive("tar.gz", "a", "linux/amd64"), await archive("tar.gz", "a", "linux/amd64", "BSD"));
    expect(describeDifference(d)).toBe("tar.gz entry docs/LICENSE (content): byte 0");
  });
});
