import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keptFolder } from "../src/linkcache.js";

describe("the folder of kept links, archives and verdicts", () => {
  it("is GOCACHE/gantry, so that it restores and saves with GOCACHE", () => {
    expect(keptFolder("/home/u/.cache/go-build", { XDG_CACHE_HOME: "/x" })).toBe(join("/home/u/.cache/go-build", "gantry"));
  });
  it("is go-build/ in GANTRY_CACHE_DIR when that is set, leaving GOCACHE untouched", () => {
    expect(keptFolder("/home/u/.cache/go-build", { GANTRY_CACHE_DIR: "/tmp/run/cache" })).toBe(join("/tmp/run/cache", "go-build"));
  });
});
