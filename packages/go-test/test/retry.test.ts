import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverMode, layerFlags, rerunFlags } from "../src/layers.js";
import { failedLeaves, rerunPatterns } from "../src/retry.js";

/** How go test applies -run (testing/match.go splitRegexp): split at "/" outside [] and (), escapes skipped. */
function goRunMatches(pattern: string, name: string): boolean {
  const parts: string[] = [];
  let cs = 0;
  let cp = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") cs++;
    else if (c === "]") cs = Math.max(0, cs - 1);
    else if (c === "(" && cs === 0) cp++;
    else if (c === ")" && cs === 0) cp--;
    else if (c === "/" && cs === 0 && cp === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  const levels = name.split("/");
  // A test runs when every level it has that the pattern constrains matches.
  return levels.every((l, i) => i >= parts.length || new RegExp(parts[i] as string).test(l));
}

describe("coverage flags", () => {
  const ctx = (coverage: boolean, args: string[] = []) =>
    ({ inputs: { coverage, args, timeout: "", shuffle: "off", count: 0 }, coverpkg: "m/...", workDir: "/w" }) as unknown as Parameters<typeof layerFlags>[0];
  it("are left out unless coverage is measured, and use set mode, atomic only with -race", () => {
    expect(layerFlags(ctx(false), { name: "unit", packages: ["./..."], flags: ["-short"] }).filter((f) => f.startsWith("-cover"))).toEqual([]);
    expect(layerFlags(ctx(true), { name: "unit", packages: ["./..."], flags: ["-short"] })).toEqual([
      "-short",
      "-covermode=set",
      "-coverpkg=m/...",
      "-coverprofile=/w/unit.coverprofile",
    ]);
    expect(layerFlags(ctx(true), { name: "race", packages: ["./..."], flags: ["-race"] })).toContain("-covermode=atomic");
    expect(coverMode(["-race=true"])).toBe("atomic");
    expect(coverMode(["-racey"])).toBe("set");
  });
});

describe("rerun patterns", () => {
  it("groups top-level tests and keeps a subtest with its parent", () => {
    expect(rerunPatterns(["TestA", "TestB"])).toEqual(["^(TestA|TestB)$"]);
    expect(rerunPatterns(["TestT", "TestT/bad", "TestT/worse"])).toEqual(["^TestT$/^(bad|worse)$"]);
    expect(rerunPatterns(["TestT", "TestT/a", "TestT/a/deep", "TestT/b"])).toEqual(["^TestT$"]);
    expect(rerunPatterns(["Test.Dot", "TestU/case#01"])).toEqual(["^Test\\.Dot$", "^TestU$/^case#01$"]);
  });

  it("only the deepest failures count", () => {
    expect(failedLeaves(["TestT", "TestT/bad", "TestX"])).toEqual(["TestT/bad", "TestX"]);
  });

  it("every failed test (and its parents) matches a pattern; no passing top-level test does", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.#()[\]+*?^$|{}-]{1,8}$/);
    const test = fc.tuple(name, fc.array(name, { maxLength: 2 })).map(([root, rest]) => [`Test${root}`, ...rest].join("/"));
    fc.assert(
      fc.property(fc.uniqueArray(test, { minLength: 1, maxLength: 6 }), fc.array(name, { maxLength: 4 }), (failed, passing) => {
        const withParents = [...new Set(failed.flatMap((f) => f.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"))))];
        const patterns = rerunPatterns(withParents);
        for (const f of withParents) expect(patterns.some((p) => goRunMatches(p, f))).toBe(true);
        const roots = new Set(withParents.map((f) => f.split("/")[0]));
        for (const p of passing.map((n) => `TestPass${n}`)) {
          if (!roots.has(p)) expect(patterns.some((pat) => goRunMatches(pat, p))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reruns without coverage and with -count=1", () => {
    expect(rerunFlags(["-short", "-count=3", "-covermode=atomic", "-coverpkg=m/...", "-coverprofile=/t/u", "-p=2"], "^(TestA)$")).toEqual([
      "-short",
      "-p=2",
      "-count=1",
      "-run=^(TestA)$",
    ]);
  });
});
