import { describe, expect, it } from "vitest";
import { expandAlias } from "../src/cli.js";

describe("gantry verify is go-build's verify mode", () => {
  it("the path becomes --verify, the other inputs follow as given", () => {
    expect(expandAlias(["verify", "dist/checksums.txt", "--targets", "linux/amd64"])).toEqual([
      "go-build",
      "--verify",
      "dist/checksums.txt",
      "--targets",
      "linux/amd64",
    ]);
  });
  it("without a path (or with --help) it is go-build as given, so its help and errors apply", () => {
    expect(expandAlias(["verify", "--help"])).toEqual(["go-build", "--help"]);
    expect(expandAlias(["verify"])).toEqual(["go-build"]);
  });
  it("any other stage is left alone", () => {
    expect(expandAlias(["go-build", "verify"])).toEqual(["go-build", "verify"]);
  });
});
