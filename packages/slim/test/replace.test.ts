import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Replacements } from "../src/replace.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-replace-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const listing = (dir: string) => Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), "utf8")]));

describe("Replacements", () => {
  it("puts every staged file in place, keeps an original as <name>.orig when asked, and leaves no temp file", async () => {
    const dir = folder({ a: "old a", b: "old b" });
    const r = new Replacements();
    await r.write(join(dir, "a"), "new a");
    const staged = r.tempFor(join(dir, "b"), "x");
    writeFileSync(staged, "new b");
    r.add(join(dir, "b"), staged, join(dir, "b.orig"));
    await r.write(join(dir, "c"), "new c");
    await r.commit();
    expect(listing(dir)).toEqual({ a: "new a", b: "new b", "b.orig": "old b", c: "new c" });
  });

  it("undoes every replacement already made when one fails part-way, and drops the staged files", async () => {
    const dir = folder({ a: "old a", c: "old c" });
    mkdirSync(join(dir, "b", "inside"), { recursive: true });
    const r = new Replacements();
    await r.write(join(dir, "a"), "new a");
    await r.write(join(dir, "new"), "a file that did not exist");
    await r.write(join(dir, "b"), "b is a folder: it cannot be replaced by a file");
    await r.write(join(dir, "c"), "new c");
    await expect(r.commit()).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(["a", "b", "c"]);
    expect([readFileSync(join(dir, "a"), "utf8"), readFileSync(join(dir, "c"), "utf8")]).toEqual(["old a", "old c"]);
  });

  it("discard leaves the targets untouched", async () => {
    const dir = folder({ a: "old a" });
    const r = new Replacements();
    await r.write(join(dir, "a"), "new a");
    await r.discard();
    expect(listing(dir)).toEqual({ a: "old a" });
  });
});
