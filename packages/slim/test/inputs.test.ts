import { InputError, InputReader, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLIM_INPUTS, parseSizeBudget, parseSlimInputs } from "../src/inputs.js";

const parse = (values: Record<string, string>) => parseSlimInputs(new InputReader(mapInputSource(values), SLIM_INPUTS), "/ws");

describe("parseSlimInputs", () => {
  it("gives the documented defaults", () => {
    expect(parse({})).toMatchObject({
      manifest: "/ws/dist/artifacts.json",
      files: [],
      strip: "auto",
      upx: "auto",
      upxVersion: "5.2.0",
      upxArgs: ["--best"],
      upxDownloadBaseUrl: "https://github.com/upx/upx/releases/download",
      verify: true,
      smokeArgs: ["--version"],
      smokeTimeoutMs: 10_000,
      onVerifyFailure: "fail",
      keepOriginal: false,
      maxSize: undefined,
      maxGrowth: undefined,
      reportPackages: true,
      reportFile: "",
    });
  });

  it("reads globs, sizes, growth and a baseline", () => {
    const i = parse({
      files: "bin/*\n  dist/**/app  \n",
      "max-size": "linux/amd64=8MB, 12MiB",
      "max-growth": "5%",
      baseline: "base.json",
      "upx-args": "--lzma -9",
    });
    expect(i.files).toEqual(["bin/*", "dist/**/app"]);
    expect(i.maxSize).toEqual({ all: 12 * 1024 * 1024, perTarget: { "linux/amd64": 8_000_000 } });
    expect(i.maxGrowth).toBe(5);
    expect(i.baseline).toBe("/ws/base.json");
    expect(i.upxArgs).toEqual(["--lzma", "-9"]);
  });

  it.each([
    [{ strip: "maybe" }, /input 'strip': "maybe" is not valid; accepted: auto, true, false/],
    [{ upx: "1" }, /input 'upx': "1" is not valid; accepted: auto, true, false/],
    [{ "max-size": "8 MB" }, /input 'max-size': "8 MB" is not valid; accepted: a number with a unit and no space/],
    [{ "max-size": "-1" }, /input 'max-size': "-1"/],
    [{ "max-size": "8XB" }, /input 'max-size': "8XB"/],
    [{ "max-size": "0" }, /input 'max-size': "0"/],
    [{ "max-size": "linux=8MB" }, /input 'max-size': "linux" is not valid; accepted: os\/arch/],
    [{ "max-size": "8MB, 9MB" }, /give one size for every binary at most/],
    [{ "max-size": "linux/amd64=8MB, linux/amd64=9MB" }, /linux\/amd64 is given twice/],
    [{ "max-growth": "5%" }, /input 'max-growth': "5%" is not valid; it needs baseline/],
    [{ "max-growth": "lots", baseline: "b.json" }, /input 'max-growth': "lots"/],
    [{ "upx-args": "--best -o /etc/passwd" }, /input 'upx-args': "-o" is not valid/],
    [{ "upx-args": "--force" }, /input 'upx-args': "--force" is not valid; accepted: space-separated UPX compression options/],
    [{ "upx-version": "latest" }, /input 'upx-version': "latest" is not valid/],
    [{ "upx-sha256": "abc" }, /input 'upx-sha256': "abc" is not valid; accepted: 64 hex digits/],
    [{ "upx-download-base-url": "ftp://x" }, /input 'upx-download-base-url'/],
    [{ "smoke-timeout": "10" }, /input 'smoke-timeout': "10" is not valid/],
    [{ "on-verify-failure": "ignore" }, /accepted: fail, restore-and-warn/],
    [{ files: "!dist/x" }, /exclusions \(!\) are not supported/],
  ])("rejects %o", (values, message) => {
    expect(() => parse(values as Record<string, string>)).toThrow(message);
  });

  it("any string in any input gives inputs or a clear InputError, never a crash", () => {
    const names = Object.keys(SLIM_INPUTS);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string({ maxLength: 40 }), (name, value) => {
        try {
          parse({ [name]: value });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).message).toMatch(/^input '[a-z0-9-]+': /);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("size budgets: any text gives a budget, nothing, or an InputError naming max-size", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const b = parseSizeBudget(text);
          if (b) for (const v of [b.all, ...Object.values(b.perTarget)]) if (v !== undefined) expect(v).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).input).toBe("max-size");
        }
      }),
    );
  });
});
