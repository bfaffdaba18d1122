import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExecutableInfo } from "../src/binfmt.js";
import { stripCandidates, stripNotApplicable } from "../src/striptool.js";

/** A PATH holding fake binutils that list the BFD targets they were built for. */
function fakePath(tools: Record<string, string>): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "gantry-fake-strip-"));
  mkdirSync(join(dir, "bin"));
  for (const [name, targets] of Object.entries(tools)) {
    writeFileSync(join(dir, "bin", name), `#!/bin/sh\necho "Usage: ${name} <option(s)> in-file(s)"\necho "${name}: supported targets: ${targets}"\n`, {
      mode: 0o755,
    });
  }
  return { PATH: join(dir, "bin") };
}
const file = (format: ExecutableInfo["format"], arch: string, extra: Partial<ExecutableInfo> = {}): ExecutableInfo => ({
  format,
  os: format === "pe" ? "windows" : format === "macho" ? "darwin" : "linux",
  arch,
  bits: 64,
  littleEndian: true,
  pie: false,
  hasSymbols: true,
  signed: false,
  upxPacked: false,
  go: true,
  entry: 0,
  sections: [],
  ...extra,
});

describe("choosing a strip that understands the file", () => {
  const env = fakePath({
    strip: "elf64-x86-64 elf32-i386 pei-x86-64 pe-x86-64 elf64-little elf64-big",
    "aarch64-linux-gnu-strip": "elf64-littleaarch64 elf64-bigaarch64 elf32-littlearm",
    "llvm-strip": "",
  });
  const names = async (info: ExecutableInfo) => (await stripCandidates(info, env)).map((t) => t.name);

  it("prefers the cross binutils for exactly the file's arch", async () => {
    expect(await names(file("elf", "arm64"))).toEqual(["aarch64-linux-gnu-strip", "llvm-strip"]);
  });

  it("takes the host strip only when it lists the file's BFD target (not for a cross-built arm ELF)", async () => {
    expect(await names(file("elf", "amd64"))).toEqual(["strip", "llvm-strip"]);
    expect(await names(file("pe", "amd64"))).toEqual(["strip"]);
    expect(await names(file("elf", "riscv64"))).toEqual(["llvm-strip"]);
    expect(await names(file("pe", "arm64"))).toEqual([]);
  });

  it("never offers a strip for Mach-O", async () => {
    expect(await names(file("macho", "arm64"))).toEqual([]);
  });

  it("says why a file is not stripped", () => {
    expect(stripNotApplicable(file("macho", "arm64", { signed: true }))).toMatch(/code signature/);
    expect(stripNotApplicable(file("elf", "amd64", { hasSymbols: false }))).toMatch(/no symbols to strip/);
    expect(stripNotApplicable(file("elf", "amd64", { upxPacked: true }))).toMatch(/already packed by UPX/);
    expect(stripNotApplicable(file("elf", "amd64"))).toBeUndefined();
  });
});
