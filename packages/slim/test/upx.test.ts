import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installStandin } from "../../../test/slim/upx-standin.js";
import { describeNeeding } from "../../../test/tools.js";
import { type Upx, parseUpxError, upxPack, upxRelease, upxTest, upxUnsafeReason, upxVersionOf } from "../src/upx.js";

describe("UPX's answers, as real UPX prints them", () => {
  it.each([
    [
      "upx: hello: CantPackException: macOS is currently not supported (try --force-macos)",
      "CantPackException",
      "macOS is currently not supported (try --force-macos)",
    ],
    ["upx: x.exe: AlreadyPackedException: already packed by UPX", "AlreadyPackedException", "already packed by UPX"],
    ["upx: hello: NotCompressibleException", "NotCompressibleException", ""],
    ["upx: notes.txt: UnknownExecutableFormatException", "UnknownExecutableFormatException", ""],
    [
      "upx: x.dll: CantPackException: GUARD_CF enabled PE files are not supported (use --force to disable)",
      "CantPackException",
      "GUARD_CF enabled PE files are not supported (use --force to disable)",
    ],
    ["upx: /tmp/a b/hello: IOException: file is write protected -- skipped", "IOException", "file is write protected -- skipped"],
  ])("%s", (line, exception, message) => {
    expect(parseUpxError(`        File size         Ratio      Format      Name\n${line}\n\nPacked 1 file: 0 ok, 1 error.\n`)).toEqual({ exception, message });
  });

  it("finds nothing in a successful run", () => expect(parseUpxError("Packed 1 file.\n")).toBeUndefined());
});

describe("which targets UPX must not pack", () => {
  it.each([
    [{ format: "macho", os: "darwin", arch: "arm64", pie: true }, /upx#612/],
    [{ format: "macho", os: "darwin", arch: "amd64", pie: false }, /upx#612/],
    [{ format: "pe", os: "windows", arch: "arm64", pie: true }, /upx#551/],
    [{ format: "elf", os: "freebsd", arch: "amd64", pie: false }, /upx#636/],
    [{ format: "elf", os: "linux", arch: "mips64", pie: false }, /no packer/],
    [{ format: "elf", os: "linux", arch: "s390x", pie: false }, /no packer/],
    [{ format: "elf", os: "linux", arch: "loong64", pie: false }, /no packer/],
    [{ format: "elf", os: "linux", arch: "riscv64", pie: false }, /no packer/],
    [{ format: "elf", os: "linux", arch: "amd64", pie: true }, /PIE build .*upx#18895/],
  ] as const)("%o", (target, reason) => expect(upxUnsafeReason(target)).toMatch(reason));

  it.each([
    ["elf", "linux", "amd64"],
    ["elf", "linux", "arm64"],
    ["elf", "linux", "arm"],
    ["elf", "linux", "386"],
    ["elf", "linux", "ppc64le"],
    ["pe", "windows", "amd64"],
    ["pe", "windows", "386"],
  ] as const)("packs %s %s/%s (a PE with ASLR is fine)", (format, os, arch) =>
    expect(upxUnsafeReason({ format, os, arch, pie: format === "pe" })).toBeUndefined(),
  );
});

describe("the release archive for the runner", () => {
  const base = "https://github.com/upx/upx/releases/download";
  it("is the runner's own arch, pinned by sha256", () => {
    expect(upxRelease("5.2.0", base, "", "linux", "arm64")).toEqual({
      tool: "upx",
      version: "5.2.0",
      arch: "arm64",
      url: `${base}/v5.2.0/upx-5.2.0-arm64_linux.tar.xz`,
      sha256: "55d48a61e8ffd17152db871c855376cba7f08e830b37799d0947a16dff8ec36c",
      format: "tar.xz",
      root: "upx-5.2.0-arm64_linux",
    });
    expect(upxRelease("5.2.0", base, "", "linux", "x64")).toMatchObject({ url: `${base}/v5.2.0/upx-5.2.0-amd64_linux.tar.xz`, root: "upx-5.2.0-amd64_linux" });
    expect(upxRelease("5.2.0", base, "", "win32", "x64")).toMatchObject({ url: `${base}/v5.2.0/upx-5.2.0-win64.zip`, format: "zip" });
  });

  it("needs upx-sha256 for a version gantry does not pin, and says there is no macOS build", () => {
    expect(upxRelease("4.2.4", base, "", "linux", "x64")).toEqual({
      reason: expect.stringMatching(/set upx-sha256 to the sha256 of upx-4\.2\.4-amd64_linux\.tar\.xz/),
    });
    expect(upxRelease("4.2.4", "http://mirror", "a".repeat(64), "linux", "x64")).toMatchObject({
      url: "http://mirror/v4.2.4/upx-4.2.4-amd64_linux.tar.xz",
      sha256: "a".repeat(64),
    });
    expect(upxRelease("5.2.0", base, "", "darwin", "arm64")).toEqual({ reason: expect.stringMatching(/no release for darwin\/arm64 runners/) });
  });
});

describeNeeding(["gzip"], "the UPX command logic behind UPX's interface (stand-in for UPX, which Debian bookworm does not ship)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-upx-unit-"));
  const upx: Upx = { path: installStandin(), version: "5.2.0", source: "PATH" };
  const elf = join(dir, "prog");
  // A compressible "ELF": UPX's format check reads the magic, the stand-in's size check the rest.
  writeFileSync(elf, Buffer.concat([Buffer.from("7f454c46", "hex"), Buffer.alloc(100_000, 0x41)]), { mode: 0o755 });

  it("reads the version from upx -V", async () => expect(await upxVersionOf(upx.path)).toBe("5.2.0"));

  it("packs into a new file and leaves the input as it was", async () => {
    const before = readFileSync(elf);
    expect(await upxPack(upx, elf, join(dir, "packed"), ["--best"])).toMatchObject({ packed: true });
    expect(readFileSync(elf).equals(before)).toBe(true);
    expect(await upxTest(upx, join(dir, "packed"))).toBeUndefined();
  });

  it("AlreadyPacked, CantPack (macOS), NotCompressible and UnknownExecutableFormat are answers to skip on", async () => {
    copyFileSync(join(dir, "packed"), join(dir, "again"));
    expect(await upxPack(upx, join(dir, "again"), join(dir, "o1"), [])).toEqual({
      packed: false,
      exception: "AlreadyPackedException",
      message: "already packed by UPX",
      skip: true,
    });
    writeFileSync(join(dir, "mac"), Buffer.concat([Buffer.from("cffaedfe", "hex"), Buffer.alloc(1000)]));
    expect(await upxPack(upx, join(dir, "mac"), join(dir, "o2"), [])).toEqual({
      packed: false,
      exception: "CantPackException",
      message: "macOS is currently not supported (try --force-macos)",
      skip: true,
    });
    writeFileSync(join(dir, "random"), Buffer.concat([Buffer.from("7f454c46", "hex"), randomBytes(50_000)]));
    expect(await upxPack(upx, join(dir, "random"), join(dir, "o3"), [])).toEqual({
      packed: false,
      exception: "NotCompressibleException",
      message: "",
      skip: true,
    });
    writeFileSync(join(dir, "text"), "hello\n");
    expect(await upxPack(upx, join(dir, "text"), join(dir, "o4"), [])).toMatchObject({
      packed: false,
      exception: "UnknownExecutableFormatException",
      skip: true,
    });
  });

  it("a file UPX did not pack fails upx -t with NotPackedException", async () => {
    expect(await upxTest(upx, elf)).toBe("NotPackedException: not packed by UPX");
  });

  it("other failures are errors, not skips", async () => {
    expect(await upxPack(upx, join(dir, "missing"), join(dir, "o5"), [])).toMatchObject({ packed: false, exception: "FileNotFoundException", skip: false });
  });
});
