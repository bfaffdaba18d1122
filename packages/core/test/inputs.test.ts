import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { InputReader, envInputSource, mapInputSource } from "../src/inputs.js";

const reader = (values: Record<string, string>, defaults: Record<string, string> = {}) => new InputReader(mapInputSource(values), defaults);

describe("InputReader", () => {
  it("falls back to the default when a value is empty", () => {
    expect(reader({ a: "  " }, { a: "x" }).string("a")).toBe("x");
    expect(reader({ a: " y " }, { a: "x" }).string("a")).toBe("y");
  });

  it("reads INPUT_ variables the way the runner names them", () => {
    const r = new InputReader(envInputSource({ "INPUT_WORKING-DIRECTORY": "sub", INPUT_MY_INPUT: "v" }));
    expect(r.string("working-directory")).toBe("sub");
    expect(r.string("my input")).toBe("v");
  });

  it("names the input, the value and what is accepted", () => {
    expect(() => reader({ cgo: "maybe" }).bool("cgo")).toThrow(/input 'cgo': "maybe" is not valid; accepted: true or false/);
    expect(() => reader({ archive: "rar" }).choice("archive", ["auto", "zip"])).toThrow(/input 'archive': "rar" .* accepted: auto, zip/);
    expect(() => reader({ t: "30" }).duration("t")).toThrow(/input 't': "30" .* unit/);
    expect(() => reader({ s: "8 MB" }).size("s")).toThrow(InputError);
    expect(() => reader({ p: "101" }).percent("p")).toThrow(/from 0 to 100/);
    expect(() => reader({ e: "1BAD=x" }).keyValues("e")).toThrow(/KEY=value/);
  });

  it("booleans are true or false as YAML spells them; yes, on, 1 and the like are refused (issue 11)", () => {
    for (const t of ["true", "True", "TRUE"]) expect(reader({ b: t }).bool("b")).toBe(true);
    for (const f of ["false", "False", "FALSE", ""]) expect(reader({ b: f }).bool("b")).toBe(false);
    for (const v of ["yes", "no", "on", "off", "1", "0", "y", "tRUE"]) {
      expect(() => reader({ cgo: v }).bool("cgo")).toThrow(`input 'cgo': ${JSON.stringify(v)} is not valid; accepted: true or false`);
    }
  });

  it("reads a path on one line, resolved against the folder given; empty stays empty", () => {
    expect(reader({ f: "conf/up.conf" }).path("f", "/work")).toBe("/work/conf/up.conf");
    expect(reader({ f: "/etc/x" }).path("f", "/work")).toBe("/etc/x");
    expect(reader({}).path("f", "/work")).toBe("");
    expect(() => reader({ f: "a\nb" }).path("f", "/work")).toThrow(`input 'f': "a\\nb" is not valid; accepted: a file path on one line`);
  });

  it("splits lists on commas and newlines, lines on newlines only", () => {
    expect(reader({ l: "a, b\nc,,\n" }).list("l")).toEqual(["a", "b", "c"]);
    expect(reader({ l: "a,b\n c \n" }).lines("l")).toEqual(["a,b", "c"]);
  });

  it("a list of names given with spaces instead of commas says to use commas", () => {
    expect(reader({ targets: "linux/amd64, linux/arm64" }).list("targets", "targets")).toEqual(["linux/amd64", "linux/arm64"]);
    expect(() => reader({ targets: "linux/amd64 linux/arm64" }).list("targets", "targets")).toThrow(
      `input 'targets': "linux/amd64 linux/arm64" is not valid; separate targets with commas (or new lines), not spaces`,
    );
    // A list of file names may hold spaces.
    expect(reader({ files: "READ ME.md" }).list("files")).toEqual(["READ ME.md"]);
  });

  it("scoped readers read prefixed names, their own defaults, and fixed values", () => {
    const r = reader({ "slim-upx": "false", "slim-manifest": "ignored" }).scoped("slim-", { upx: "auto", strip: "auto" }, { manifest: "/m.json" });
    expect(r.string("upx")).toBe("false");
    expect(r.string("strip")).toBe("auto");
    expect(r.string("manifest")).toBe("/m.json");
  });

  it("every typed reader gives a value or an InputError for any text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = reader({ v: s });
        for (const read of [
          () => r.bool("v"),
          () => r.int("v", 0, 100),
          () => r.duration("v"),
          () => r.size("v"),
          () => r.percent("v"),
          () => r.keyValues("v"),
          () => r.choice("v", ["a", "b"]),
        ]) {
          try {
            read();
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as InputError).message).toContain("input 'v'");
          }
        }
      }),
    );
  });
});
