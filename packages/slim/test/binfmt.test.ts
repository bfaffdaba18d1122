import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotExecutableError, parseExecutable, targetOf } from "../src/binfmt.js";

/** A minimal ELF header (no sections): class, byte order, OS ABI, type and machine. */
function elf(opts: { bits?: 32 | 64; le?: boolean; osabi?: number; type?: number; machine: number }): Buffer {
  const bits = opts.bits ?? 64;
  const le = opts.le ?? true;
  const b = Buffer.alloc(128);
  b.write("\x7fELF", 0, "latin1");
  b[4] = bits === 64 ? 2 : 1;
  b[5] = le ? 1 : 2;
  b[6] = 1;
  b[7] = opts.osabi ?? 0;
  const u16 = (v: number, o: number) => (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  u16(opts.type ?? 2, 16);
  u16(opts.machine, 18);
  return b;
}

/** A minimal PE32+ (no sections). */
function pe(machine: number, characteristics = 0x0022, dllChars = 0x8160): Buffer {
  const b = Buffer.alloc(512);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  b.writeUInt16LE(machine, 0x84);
  b.writeUInt16LE(0, 0x86);
  b.writeUInt16LE(240, 0x94);
  b.writeUInt16LE(characteristics, 0x96);
  b.writeUInt16LE(0x20b, 0x98);
  b.writeUInt32LE(0x1000, 0x98 + 16);
  b.writeBigUInt64LE(0x400000n, 0x98 + 24);
  b.writeUInt16LE(dllChars, 0x98 + 70);
  return b;
}

describe("parseExecutable on crafted headers", () => {
  it.each([
    [62, 64, true, "amd64"],
    [3, 32, true, "386"],
    [183, 64, true, "arm64"],
    [40, 32, true, "arm"],
    [21, 64, true, "ppc64le"],
    [21, 64, false, "ppc64"],
    [8, 32, false, "mips"],
    [8, 32, true, "mipsle"],
    [8, 64, true, "mips64le"],
    [22, 64, false, "s390x"],
    [243, 64, true, "riscv64"],
    [258, 64, true, "loong64"],
  ] as const)("ELF machine %i (%i-bit, le=%s) is %s", (machine, bits, le, arch) => {
    const i = parseExecutable(elf({ machine, bits, le }));
    expect(i).toMatchObject({ format: "elf", os: "linux", arch, bits, littleEndian: le, pie: false, hasSymbols: false, upxPacked: false });
  });

  it("reads the OS from the ELF OS ABI byte, and PIE from ET_DYN", () => {
    expect(targetOf(parseExecutable(elf({ machine: 62, osabi: 9 })))).toBe("freebsd/amd64");
    expect(parseExecutable(elf({ machine: 62, type: 3 })).pie).toBe(true);
  });

  it("rejects object files and unknown machines", () => {
    expect(() => parseExecutable(elf({ machine: 62, type: 1 }))).toThrow(/object file or core dump/);
    expect(() => parseExecutable(elf({ machine: 9999 }))).toThrow(/ELF machine 9999 is not one Go builds for/);
  });

  it("reads PE machine, DYNAMIC_BASE, and refuses DLLs", () => {
    expect(parseExecutable(pe(0x8664))).toMatchObject({ format: "pe", os: "windows", arch: "amd64", bits: 64, pie: true, entry: 0x401000 });
    expect(parseExecutable(pe(0xaa64, 0x0022, 0))).toMatchObject({ arch: "arm64", pie: false });
    expect(() => parseExecutable(pe(0x8664, 0x2022))).toThrow(/DLL/);
  });

  it("marks a file that carries UPX's mark as packed", () => {
    const b = elf({ machine: 62 });
    const packed = Buffer.concat([b, Buffer.from("....UPX!....")]);
    expect(parseExecutable(packed).upxPacked).toBe(true);
  });

  it("explains what a non-executable is", () => {
    expect(() => parseExecutable(Buffer.from(`#!/bin/sh\necho hi\n${" ".repeat(80)}`))).toThrow(/it is a script/);
    expect(() => parseExecutable(Buffer.alloc(10))).toThrow(/too short/);
    expect(() => parseExecutable(Buffer.alloc(100, 0x41))).toThrow(/not an ELF, PE or Mach-O/);
  });

  it("never crashes on damaged headers: any bytes give a result or a NotExecutableError", () => {
    const magics = [
      Buffer.from("7f454c46", "hex"),
      Buffer.from("4d5a", "hex"),
      Buffer.from("cffaedfe", "hex"),
      Buffer.from("cafebabe", "hex"),
      Buffer.alloc(0),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ minLength: 0, maxLength: 600 }), (magic, rest) => {
        try {
          parseExecutable(Buffer.concat([magic, Buffer.from(rest)]));
        } catch (err) {
          expect(err).toBeInstanceOf(NotExecutableError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("never crashes when header fields point anywhere", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffff }),
        (shoff, shnum, shstrndx) => {
          const b = elf({ machine: 62 });
          b.writeBigUInt64LE(BigInt(shoff), 40);
          b.writeUInt16LE(64, 58);
          b.writeUInt16LE(shnum, 60);
          b.writeUInt16LE(shstrndx, 62);
          try {
            parseExecutable(b);
          } catch (err) {
            expect(err).toBeInstanceOf(NotExecutableError);
          }
        },
      ),
    );
  });
});
