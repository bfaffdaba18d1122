import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { globFiles, globToRegExp } from "../src/glob.js";

describe("globs for the files input", () => {
  it.each([
    ["bin/*", "bin/app", true],
    ["bin/*", "bin/sub/app", false],
    ["dist/**/app", "dist/app", true],
    ["dist/**/app", "dist/a/b/app", true],
    ["dist/*_{linux,windows}_*/*", "dist/hello_linux_amd64/hello", true],
    ["dist/*_{linux,windows}_*/*", "dist/hello_darwin_arm64/hello", false],
    ["app-?.exe", "app-1.exe", true],
    ["app-[0-9].exe", "app-x.exe", false],
    ["a.b", "axb", false],
  ])("%s matches %s: %s", (glob, path, match) => expect(globToRegExp(glob).test(path)).toBe(match));

  it("walks from the fixed prefix, skips hidden files, sorts, and takes a plain path as is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-glob-"));
    for (const f of ["dist/b/app", "dist/a/app", "dist/a/.app.slim-1-strip", "other/app"]) {
      mkdirSync(join(dir, f, ".."), { recursive: true });
      writeFileSync(join(dir, f), "");
    }
    expect(await globFiles("dist/**/*app*", dir)).toEqual([join(dir, "dist/a/app"), join(dir, "dist/b/app")]);
    expect(await globFiles("nothing/*", dir)).toEqual([]);
    expect(await globFiles("plain/path", dir)).toEqual([join(dir, "plain/path")]);
  });
});
