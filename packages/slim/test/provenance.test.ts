/** slim's re-issue of go-build's provenance (issue 15): the cases the integration test on real binaries does not reach. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Manifest, MemoryReporter, gantryBuildType, provenanceJson, provenanceStatement } from "@gantry/core";
import { afterAll, describe, expect, it } from "vitest";
import { slimOptions } from "../src/artifacts.js";
import { slimByteInputs, stageProvenance } from "../src/provenance.js";
import { Replacements } from "../src/replace.js";

const work = mkdtempSync(join(tmpdir(), "gantry-slim-provenance-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const [A, B, C] = ["a", "b", "c"].map((x) => x.repeat(64)) as [string, string, string];
const manifestPath = join(work, "artifacts.json");
const manifest = { schema: 1, project: "svc", version: "v1", commit: "", date: "", artifacts: [], provenance: "provenance.intoto.json" } as Manifest;
const first = provenanceStatement({
  buildType: gantryBuildType("go-build"),
  subjects: [
    { name: "svc_linux_amd64/svc", sha256: A },
    { name: "svc_linux_amd64/svc.spdx.json", sha256: B },
  ],
  inputs: { targets: "linux/amd64" },
  internal: {},
  env: {},
  startedOn: new Date(0),
  finishedOn: new Date(0),
});
writeFileSync(join(work, "provenance.intoto.json"), provenanceJson(first));
const options = slimOptions({ strip: "true", upx: "false" });

/** Runs stageProvenance and returns what it staged, then drops it. */
async function staged(files: Parameters<typeof stageProvenance>[2], m: Manifest = manifest, reporter = new MemoryReporter()) {
  const changes = new Replacements();
  const path = await stageProvenance(manifestPath, m, files, options, changes, reporter);
  const text = path ? readFileSync(changes.staged(path) as string, "utf8") : undefined;
  await changes.discard();
  return { path, text, size: changes.size, reporter };
}

describe("stageProvenance", () => {
  it("stages nothing when slim changed no byte, or the manifest names no statement", async () => {
    expect((await staged({ before: new Map(), after: new Map([["svc_linux_amd64/svc", A]]) })).path).toBeUndefined();
    const { provenance: _, ...without } = manifest;
    expect(
      (await staged({ before: new Map([["svc_linux_amd64/svc", A]]), after: new Map([["svc_linux_amd64/svc", C]]) }, without as Manifest)).path,
    ).toBeUndefined();
  });

  it("without checksums.txt, moves the previous subjects to the new sums and keeps the others", async () => {
    const { path, text } = await staged({ before: new Map([["svc_linux_amd64/svc", A]]), after: new Map([["svc_linux_amd64/svc", C]]) });
    expect(path).toBe(join(work, "provenance.intoto.json"));
    const s = JSON.parse(text ?? "{}");
    expect(s.subject).toEqual([
      { name: "svc_linux_amd64/svc", digest: { sha256: C } },
      { name: "svc_linux_amd64/svc.spdx.json", digest: { sha256: B } },
    ]);
    expect(s.predicate.buildDefinition.externalParameters.slim).toEqual({ strip: "true", upx: "false", "upx-version": "5.2.0", "upx-args": "--best" });
    expect(s.predicate.buildDefinition.resolvedDependencies).toEqual([{ name: "go-build:svc_linux_amd64/svc", digest: { sha256: A } }]);
  });

  it("with checksums.txt, takes its lines as the subjects", async () => {
    const checksums = `${C}  svc_linux_amd64/svc\n`;
    const s = JSON.parse((await staged({ before: new Map([["svc_linux_amd64/svc", A]]), after: new Map(), checksums })).text ?? "{}");
    expect(s.subject).toEqual([{ name: "svc_linux_amd64/svc", digest: { sha256: C } }]);
  });

  it("warns and stages nothing when the statement the manifest names is missing", async () => {
    const r = await staged({ before: new Map([["x", A]]), after: new Map() }, { ...manifest, provenance: "gone.intoto.json" });
    expect(r.path).toBeUndefined();
    expect(
      r.reporter
        .all()
        .map((a) => `${a.level}: ${a.message}`)
        .join("\n"),
    ).toMatch(/warning: gone\.intoto\.json: the manifest names this provenance statement but it is missing/);
  });

  it("slimByteInputs writes slim's inputs as given", () => {
    expect(slimByteInputs(slimOptions({ upxArgs: ["--lzma", "-9"] }))).toEqual({ strip: "auto", upx: "auto", "upx-version": "5.2.0", "upx-args": "--lzma -9" });
  });
});
