import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, InputReader, mapInputSource } from "@gantry/core";
import { GO_BUILD_INPUTS, parseGoBuildInputs } from "../src/inputs.js";

const parse = (values: Record<string, string>) => parseGoBuildInputs(new InputReader(mapInputSource(values), GO_BUILD_INPUTS), "/ws");

describe("parseGoBuildInputs", () => {
  it("defaults match the action: two linux targets, static, stripped, verified, archived, cached", () => {
    expect(parse({})).toMatchObject({
      workingDirectory: "/ws",
      main: ".",
      targets: ["linux/amd64", "linux/arm64"],
      cgo: false,
      strip: true,
      modCheck: "verify",
      archive: "auto",
      checksums: true,
      outDir: "/ws/dist",
      cache: true,
      parallel: 0,
      sbom: "spdx",
      provenance: true,
    });
  });

  it("sbom takes spdx, cyclonedx, both or none, and a bad value names them", () => {
    for (const v of ["spdx", "cyclonedx", "both", "none"] as const) expect(parse({ sbom: v }).sbom).toBe(v);
    expect(() => parse({ sbom: "SPDX-2.3" })).toThrow(/input 'sbom': "SPDX-2.3" is not valid;.*spdx.*cyclonedx.*both.*none/);
  });

  it("resolves paths against the workspace and splits lists", () => {
    const i = parse({
      "working-directory": "svc",
      "out-dir": "/abs/out",
      tags: "netgo osusergo",
      files: "LICENSE\nREADME.md",
      flags: "-race\n-gcflags=all=-N -l",
    });
    expect(i).toMatchObject({
      workingDirectory: "/ws/svc",
      outDir: "/abs/out",
      tags: ["netgo", "osusergo"],
      files: ["LICENSE", "README.md"],
      flags: ["-race", "-gcflags=all=-N -l"],
    });
  });

  it.each([
    ["main", "-o=/etc/passwd"],
    ["name", "../evil"],
    ["tags", "a;b"],
    ["flags", "not-a-flag"],
    ["flags", "-ldflags=-s"],
    ["parallel", "0"],
    ["go-download-base-url", "ftp://mirror"],
    ["mod-check", "tidy"],
    ["cgo", "yes"],
    ["strip", "on"],
    ["sbom", "syft"],
    ["provenance", "maybe"],
  ])("refuses %s = %j, naming it", (input, value) => {
    expect(() => parse({ [input]: value })).toThrow(new RegExp(`input '${input}'`));
  });

  it("gives inputs or an InputError for any value of any input", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(GO_BUILD_INPUTS)), fc.string(), (input, value) => {
        try {
          parse({ [input]: value });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).input).toBe(input);
        }
      }),
      { numRuns: 500 },
    );
  });
});
