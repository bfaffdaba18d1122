import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "../../../test/support/scratch.js";
import { tarGz, zip } from "@gantry/go-build";
import { gunzipSync, gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { replaceInTarGz, replaceInZip, updateChecksums } from "../src/rearchive.js";

describe("putting the slimmed binary into go-build's archives", () => {
  const dir = scratchDir("gantry-rearchive-");
  const write = (name: string, data: string) => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  };
  const original = write("hello", "original binary bytes".repeat(100));
  const slimmed = write("hello-slim", "slim bytes");
  const page = write("index.html", "<h1>hi</h1>");
  const entries = (bin: string) => [
    { name: "hello", source: bin, mode: 0o755 },
    { name: "static/index.html", source: page, mode: 0o644 },
  ];

  it("a tar.gz comes out byte for byte as go-build would have made it with the slimmed binary", async () => {
    const before = await tarGz(entries(original), 1764028800);
    const after = await replaceInTarGz(before, "hello", Buffer.from("slim bytes"));
    expect(after.reproducible).toBe(true);
    expect(Buffer.from(after.bytes).equals(Buffer.from(await tarGz(entries(slimmed), 1764028800)))).toBe(true);
  });

  it("a tar.gz gantry made before issue 14 (fflate's gzip) keeps that compressor", async () => {
    const tar = async (bin: string) => gunzipSync(await tarGz(entries(bin), 1764028800));
    const before = gzipSync(await tar(original), { level: 6, mtime: 0 });
    const after = await replaceInTarGz(before, "hello", Buffer.from("slim bytes"));
    expect(after.reproducible).toBe(true);
    expect(Buffer.from(after.bytes).equals(Buffer.from(gzipSync(await tar(slimmed), { level: 6, mtime: 0 })))).toBe(true);
  });

  it("a zip comes out byte for byte as go-build would have made it with the slimmed binary", async () => {
    const before = await zip(entries(original), 1764028800);
    const after = replaceInZip(before, "hello", Buffer.from("slim bytes"));
    expect(after.reproducible).toBe(true);
    expect(Buffer.from(after.bytes).equals(Buffer.from(await zip(entries(slimmed), 1764028800)))).toBe(true);
  });

  it("says when the archive does not hold the binary", async () => {
    await expect(replaceInTarGz(await tarGz(entries(original), 0), "nope", Buffer.from("x"))).rejects.toThrow(/no member nope/);
    expect(() => replaceInZip(Buffer.from("not a zip at all"), "x", Buffer.from("x"))).toThrow(/not a zip/);
  });

  it("updates only the checksum lines of the files that changed", () => {
    const a = "a".repeat(64);
    const b = "b".repeat(64);
    const text = `${a}  hello_linux.tar.gz\n${b}  hello_darwin.tar.gz\n`;
    expect(updateChecksums(text, new Map([["hello_linux.tar.gz", "c".repeat(64)]]))).toBe(`${"c".repeat(64)}  hello_linux.tar.gz\n${b}  hello_darwin.tar.gz\n`);
  });
});
