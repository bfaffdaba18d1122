import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "@gantry/core";
import { resolveTargets } from "../src/targets.js";

// Captured from `go tool dist list` of the Go in use (fast: no build happens).
const DIST = execFileSync("go", ["tool", "dist", "list"], { encoding: "utf8" }).trim().split("\n");

describe("resolveTargets", () => {
  it("maps variants to GOARM / GOAMD64", () => {
    const t = resolveTargets(["linux/arm/v7", "linux/amd64/v3", "linux/arm64", "linux/arm64/v8"], DIST, "1.19.8");
    expect(t.map((x) => x.env)).toEqual([{ GOARM: "7" }, { GOAMD64: "v3" }, {}, {}]);
  });

  it.each([
    ["linux/amd65", /"linux\/amd65".*cannot build it.*nearest valid: linux\/amd64/],
    ["linux", /"linux".*os\/arch\[\/variant\].*nearest valid: linux\//],
    // linux/arm, not windows/arm: Go 1.26 removed the windows/arm port.
    ["linux/arm/v9", /"linux\/arm\/v9".*arm takes the variants v5, v6, v7/],
    ["linux/arm64/v8.2", /GOARM64.*needs Go 1.23 or newer; this is go 1.19.8/],
    ["linux/riscv64/v1", /variants rva20u64, rva22u64/],
    ["linux/s390x/v2", /s390x takes no variant/],
  ])("refuses %s with the value and the nearest valid ones", (entry, message) => {
    expect(() => resolveTargets([entry], DIST, "1.19.8")).toThrow(message);
  });

  it("refuses a target listed twice, and an empty list", () => {
    expect(() => resolveTargets(["linux/amd64", "linux/amd64"], DIST, "1.19.8")).toThrow(/listed twice/);
    expect(() => resolveTargets([], DIST, "1.19.8")).toThrow(InputError);
  });

  it("gives a target or an InputError for any text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const [t] = resolveTargets([s], DIST, "1.19.8");
          expect(DIST).toContain(`${t?.os}/${t?.arch}`);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
