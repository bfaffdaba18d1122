/** Temp-file writing shared by every stage (issue 10): random names, exclusive no-follow creates, write then rename. */
import { createHash } from "node:crypto";
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFileAtomic, digestFile, readWholeFile, tempPathBeside, writeFileAtomic, writeNewFile } from "../src/fsx.js";

const work = mkdtempSync(join(tmpdir(), "gantry-fsx-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("temp files", () => {
  it("tempPathBeside gives a name beside the target that differs on every call", () => {
    const a = tempPathBeside("/x/state.json");
    expect(a).toMatch(new RegExp(`^/x/state\\.json\\.tmp-${process.pid}-[0-9a-f]{12}$`));
    expect(tempPathBeside("/x/state.json")).not.toBe(a);
  });

  it("tempPathBeside keeps the temp name of a long name within a file name's 255 bytes", async () => {
    const long = join(work, "k".repeat(250));
    expect(tempPathBeside(long)).toMatch(new RegExp(`/k{100}\\.tmp-${process.pid}-[0-9a-f]{12}$`));
    await writeFileAtomic(long, "x");
    expect(readFileSync(long, "utf8")).toBe("x");
  });

  it("writeNewFile refuses an existing name and a planted symlink, and sets the mode exactly", async () => {
    const victim = join(work, "victim");
    writeFileSync(victim, "keep");
    symlinkSync(victim, join(work, "planted"));
    await expect(writeNewFile(join(work, "planted"), "evil")).rejects.toMatchObject({ code: "EEXIST" });
    await expect(writeNewFile(victim, "evil")).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(victim, "utf8")).toBe("keep");
    const old = process.umask(0o077);
    try {
      await writeNewFile(join(work, "mode"), "x", 0o644);
    } finally {
      process.umask(old);
    }
    expect(statSync(join(work, "mode")).mode & 0o777).toBe(0o644);
  });

  it("writeFileAtomic makes a missing folder, writes chunks, and fails on a planted temp name leaving the target as it was", async () => {
    const target = join(work, "new", "deep", "file");
    await writeFileAtomic(
      target,
      (async function* () {
        yield Buffer.from("a");
        yield Buffer.from("b");
      })(),
    );
    expect(readFileSync(target, "utf8")).toBe("ab");
    const victim = join(work, "victim2");
    writeFileSync(victim, "keep");
    const tmp = join(work, "new", "deep", "file.tmp-planted");
    symlinkSync(victim, tmp);
    await expect(writeFileAtomic(target, "evil", undefined, tmp)).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(victim, "utf8")).toBe("keep");
    expect(readFileSync(target, "utf8")).toBe("ab");
    expect(() => lstatSync(tmp)).toThrow(/ENOENT/);
  });

  it("copyFileAtomic copies through a temp name of its own and leaves none behind", async () => {
    const src = join(work, "src");
    writeFileSync(src, "bin", { mode: 0o755 });
    const dir = join(work, "copies");
    await writeFileAtomic(join(dir, "old"), "old");
    await copyFileAtomic(src, join(dir, "old"));
    expect(readFileSync(join(dir, "old"), "utf8")).toBe("bin");
    expect(statSync(join(dir, "old")).mode & 0o777).toBe(0o755);
    await expect(copyFileAtomic(join(work, "missing"), join(dir, "x"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(readdirSync(dir)).toEqual(["old"]);
  });
});

describe("readWholeFile", () => {
  it("gives the file's bytes, large or empty, and the open error of a missing one", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    big.write("end", big.length - 3);
    writeFileSync(join(work, "big"), big);
    writeFileSync(join(work, "empty"), "");
    expect((await readWholeFile(join(work, "big"))).equals(big)).toBe(true);
    expect((await readWholeFile(join(work, "empty"))).length).toBe(0);
    await expect(readWholeFile(join(work, "missing"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("digestFile", () => {
  it("gives the sha256 and size hashing the whole file gives, across its 1 MiB reads (empty, one read exactly, several and a part), and the open error of a missing one", async () => {
    const MiB = 1 << 20;
    for (const size of [0, 1, MiB, 2 * MiB + 12_345]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 131 + (i >> 20)) & 0xff;
      const file = join(work, `digest-${size}`);
      writeFileSync(file, bytes);
      expect(await digestFile(file), `${size} bytes`).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), size });
    }
    await expect(digestFile(join(work, "no-such-file"))).rejects.toThrow(/ENOENT/);
  });
});
