import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GANTRY_VERSION, InputError, InputReader, gantryBuildType, mapInputSource, provenanceStatement } from "@gantry/core";
import { GO_BUILD_INPUTS, parseGoBuildInputs } from "../src/inputs.js";

const A = "a".repeat(64);
const B = "b".repeat(64);
const COMMIT = "c".repeat(40);
let dir: string;
const parse = (values: Record<string, string>) => parseGoBuildInputs(new InputReader(mapInputSource(values), GO_BUILD_INPUTS), dir);
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const refused = (values: Record<string, string>) => {
  try {
    parse(values);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("accepted");
};

function statement(inputs: Record<string, string>, subjects = [{ name: "svc_1_linux_amd64.tar.gz", sha256: A }]) {
  const now = new Date(0);
  return provenanceStatement({
    buildType: gantryBuildType("go-build"),
    subjects,
    inputs,
    source: { uri: "https://example.com/svc.git", commit: COMMIT },
    internal: { gantry: GANTRY_VERSION, go: "go1.26.8" },
    env: {},
    startedOn: now,
    finishedOn: now,
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gantry-verify-inputs-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("verify and verify-ref", () => {
  it("empty: a normal build", () => {
    expect(parse({}).verify).toBeUndefined();
  });

  it("a checksums.txt: every line, HEAD unless verify-ref, the given inputs", () => {
    const path = file("checksums.txt", `${A}  svc_1_linux_amd64.tar.gz\n${B} *svc_1_windows_amd64.zip\n`);
    const i = parse({ verify: "checksums.txt", targets: "linux/amd64" });
    expect(i.verify?.release).toMatchObject({ kind: "checksums", path, folder: dir, inputs: {} });
    expect(i.verify?.release.files).toEqual([
      { name: "svc_1_linux_amd64.tar.gz", sha256: A },
      { name: "svc_1_windows_amd64.zip", sha256: B },
    ]);
    expect(i.verify?.ref).toBe("");
    expect(i.targets).toEqual(["linux/amd64"]);
    expect(parse({ verify: "checksums.txt", "verify-ref": "v1.0.0" }).verify?.ref).toBe("v1.0.0");
  });

  it("a statement: its subjects and commit; its inputs win over the given ones, where-inputs stay the run's", () => {
    file("provenance.intoto.json", JSON.stringify(statement({ targets: "windows/amd64", version: "v1", "out-dir": "/elsewhere" })));
    const i = parse({ verify: "provenance.intoto.json", targets: "linux/amd64", "out-dir": "out" });
    expect(i.verify?.release).toMatchObject({ kind: "provenance", commit: COMMIT, go: "1.26.8" });
    expect(i.verify?.ref).toBe(COMMIT);
    expect(i).toMatchObject({ targets: ["windows/amd64"], version: "v1", goVersion: "1.26.8", outDir: join(dir, "out") });
  });

  it("a statement's inputs pass the same checks as given ones: a tampered one is refused naming the input, the value and the statement", () => {
    for (const [input, value, word] of [
      ["flags", "-toolexec=/tmp/planted.sh", "-toolexec=/tmp/planted.sh"],
      ["flags", "-race\n--overlay=/tmp/o.json", "--overlay=/tmp/o.json"],
      ["ldflags", "-s -w -extld=/tmp/planted.sh", "-extld=/tmp/planted.sh"],
      ["ldflags", "-s -linkmode external -extldflags -static", "-linkmode external"],
      ["main", "/home/someone/evil", "/home/someone/evil"],
    ] as const) {
      file("tampered.intoto.json", JSON.stringify(statement({ targets: "linux/amd64", [input]: value })));
      const err = refused({ verify: "tampered.intoto.json" });
      expect(err.input).toBe(input);
      expect(err.value).toBe(word);
      expect(err.message).toContain(`${join(dir, "tampered.intoto.json")} records in externalParameters.inputs`);
    }
  });

  it("each given input the statement records otherwise is a difference; the statement's value is used", () => {
    file(
      "provenance.intoto.json",
      JSON.stringify(statement({ targets: "linux/amd64,windows/amd64", strip: "true", tags: "netgo", flags: "-race", ldflags: "" })),
    );
    const i = parse({ verify: "provenance.intoto.json", targets: "linux/amd64, windows/amd64", strip: "false", tags: "netgo", flags: "-v", ldflags: "-s" });
    expect(i.verify?.differences).toEqual([
      { input: "strip", given: "false", statement: "true" },
      { input: "flags", given: "-v", statement: "-race" },
      { input: "ldflags", given: "-s", statement: "" },
    ]);
    expect(i).toMatchObject({ strip: true, flags: ["-race"], ldflags: "", targets: ["linux/amd64", "windows/amd64"] });
    expect(parse({ verify: "provenance.intoto.json" }).verify?.differences).toEqual([]);
    // As a runner passes them: an input left at its default is not one the user gave.
    const defaults = Object.fromEntries(Object.entries(GO_BUILD_INPUTS).filter(([k]) => k !== "verify"));
    expect(parse({ ...defaults, verify: "provenance.intoto.json", strip: "false" }).verify?.differences).toEqual([
      { input: "strip", given: "false", statement: "true" },
    ]);
  });

  it("artifacts.json beside a checksums.txt gives the commit, version and Go when they are not given", () => {
    const sub = mkdtempSync(join(dir, "release-"));
    writeFileSync(join(sub, "checksums.txt"), `${A}  svc.tar.gz\n`);
    writeFileSync(
      join(sub, "artifacts.json"),
      JSON.stringify({ schema: 1, project: "svc", version: "v2.0.0", commit: COMMIT, date: "2026-01-02T03:04:05Z", go: "1.26.8", artifacts: [] }),
    );
    expect(parse({ verify: join(sub, "checksums.txt") })).toMatchObject({ version: "v2.0.0", goVersion: "1.26.8", verify: { ref: COMMIT } });
    expect(parse({ verify: join(sub, "checksums.txt"), version: "v3", "verify-ref": "HEAD" })).toMatchObject({ version: "v3", verify: { ref: "HEAD" } });
  });

  it.each([
    [{ verify: "missing.txt" }, "verify", /cannot be read \(ENOENT\)/],
    [{ verify: "bad-line.txt" }, "verify", /line 2 of bad-line.txt is not `<sha256> {2}<file>`/],
    [{ verify: "empty.txt" }, "verify", /it lists no files/],
    [{ verify: "escape.txt" }, "verify", /"..\/etc\/passwd", which is not a path inside the release folder/],
    [{ verify: "bad.json" }, "verify", /not valid JSON/],
    [{ verify: "other.json" }, "verify", /_type is "https:\/\/in-toto.io\/Statement\/v0.1"/],
    [{ verify: "." }, "verify", /it is not a file/],
    [{ "verify-ref": "HEAD" }, "verify-ref", /it needs verify/],
    [{ verify: "checksums.txt", "verify-ref": "--upload-pack=x" }, "verify-ref", /a commit, tag or branch/],
  ])("%j is refused naming %s", (values, input, message) => {
    file("checksums.txt", `${A}  svc.tar.gz\n`);
    file("bad-line.txt", `${A}  svc.tar.gz\nnot a checksum\n`);
    file("empty.txt", "\n");
    file("escape.txt", `${A}  ../etc/passwd\n`);
    file("bad.json", "{ nope");
    file("other.json", JSON.stringify({ ...statement({}), _type: "https://in-toto.io/Statement/v0.1" }));
    const err = refused(values);
    expect(err.input).toBe(input);
    expect(err.message).toMatch(message);
  });
});
