import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheServed, goCacheEntries } from "../src/cachekey.js";
import { scratchDir } from "../../../test/support/scratch.js";

describe("whether a restored Go build cache served the build", () => {
  it("an empty entry never did; one the build mostly reused did; one it more than doubled did not", () => {
    expect(cacheServed(0, 0)).toBe(false);
    expect(cacheServed(0, 5000)).toBe(false);
    expect(cacheServed(5000, 5000)).toBe(true);
    expect(cacheServed(5000, 5200)).toBe(true);
    expect(cacheServed(40, 5000)).toBe(false);
  });

  it("counts the files of GOCACHE's 00…ff folders only", () => {
    const dir = scratchDir("gantry-gocache-");
    for (const d of ["00", "ab", "gantry", "README"]) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, "00", "x-a"), "");
    writeFileSync(join(dir, "ab", "y-a"), "");
    writeFileSync(join(dir, "ab", "y-d"), "");
    writeFileSync(join(dir, "gantry", "link"), "");
    return expect(goCacheEntries(dir)).resolves.toBe(3);
  });
});
