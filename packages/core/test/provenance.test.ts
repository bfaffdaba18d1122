/** The provenance statement every stage writes (issue 15): in-toto Statement v1 with a SLSA v1 predicate. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GANTRY_CLI_BUILDER, GANTRY_VERSION, gantryBuildType, provenanceStatement, writeProvenance } from "../src/provenance.js";

const work = mkdtempSync(join(tmpdir(), "gantry-provenance-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const A = "a".repeat(64);
const B = "b".repeat(64);
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const base = {
  buildType: gantryBuildType("go-build"),
  subjects: [
    { name: "svc_1.0.0_linux_arm64.tar.gz", sha256: B },
    { name: "linux_amd64/svc", sha256: A },
  ],
  inputs: { targets: "linux/amd64,linux/arm64", version: "1.0.0" },
  internal: { gantry: GANTRY_VERSION, go: "go1.26.8" },
  env: {},
  startedOn: new Date("2026-01-02T03:04:05Z"),
  finishedOn: new Date("2026-01-02T03:04:06.5Z"),
};

describe("provenanceStatement", () => {
  it("writes an in-toto v1 statement with a SLSA v1 predicate, subjects sorted by name", () => {
    const s = provenanceStatement({ ...base, source: { uri: "https://github.com/o/r", commit: COMMIT }, goSumSha256: A });
    expect(s._type).toBe("https://in-toto.io/Statement/v1");
    expect(s.predicateType).toBe("https://slsa.dev/provenance/v1");
    expect(s.subject).toEqual([
      { name: "linux_amd64/svc", digest: { sha256: A } },
      { name: "svc_1.0.0_linux_arm64.tar.gz", digest: { sha256: B } },
    ]);
    const def = s.predicate.buildDefinition;
    expect(def.buildType).toBe("https://github.com/gantry-dev/gantry/go-build@v1");
    expect(def.externalParameters).toEqual({
      inputs: base.inputs,
      source: { uri: "git+https://github.com/o/r", digest: { gitCommit: COMMIT } },
    });
    expect(def.internalParameters).toEqual({ gantry: GANTRY_VERSION, go: "go1.26.8", goSumSha256: A });
    expect(def.resolvedDependencies).toEqual([
      { uri: "git+https://github.com/o/r", digest: { gitCommit: COMMIT } },
      { name: "go.sum", digest: { sha256: A } },
    ]);
    expect(s.predicate.runDetails).toEqual({
      builder: { id: GANTRY_CLI_BUILDER },
      metadata: { startedOn: "2026-01-02T03:04:05.000Z", finishedOn: "2026-01-02T03:04:06.500Z" },
    });
  });

  it("takes the builder and the invocation from the GITHUB_* variables", () => {
    const env = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "o/r", GITHUB_RUN_ID: "42", GITHUB_RUN_ATTEMPT: "2" };
    const s = provenanceStatement({ ...base, env });
    expect(s.predicate.runDetails.builder.id).toBe("https://github.com/o/r/actions/runs/42");
    expect(s.predicate.runDetails.metadata.invocationId).toBe("https://github.com/o/r/actions/runs/42/attempts/2");
  });

  it("keeps an empty go.sum digest as a parameter but not as a dependency, and leaves it out when not given", () => {
    const empty = provenanceStatement({ ...base, goSumSha256: "" });
    expect(empty.predicate.buildDefinition.internalParameters.goSumSha256).toBe("");
    expect(empty.predicate.buildDefinition.resolvedDependencies).toEqual([]);
    expect(provenanceStatement(base).predicate.buildDefinition.internalParameters).not.toHaveProperty("goSumSha256");
    expect(provenanceStatement(base).predicate.buildDefinition.externalParameters).not.toHaveProperty("source");
  });

  it("appends further dependencies after the source and go.sum", () => {
    const dep = { uri: "pkg:docker/alpine@3.20", digest: { sha256: B } };
    const s = provenanceStatement({ ...base, goSumSha256: A, dependencies: [dep] });
    expect(s.predicate.buildDefinition.resolvedDependencies).toEqual([{ name: "go.sum", digest: { sha256: A } }, dep]);
  });

  it("refuses a digest that is not sha256 hex, a bad commit, a repeated or missing subject, naming it", () => {
    expect(() => provenanceStatement({ ...base, subjects: [{ name: "x", sha256: "ABC" }] })).toThrow(/x has sha256 "ABC"/);
    expect(() => provenanceStatement({ ...base, subjects: [] })).toThrow(/at least one subject/);
    expect(() => provenanceStatement({ ...base, subjects: [...base.subjects, { name: "linux_amd64/svc", sha256: B }] })).toThrow(
      /linux_amd64\/svc is listed twice/,
    );
    expect(() => provenanceStatement({ ...base, source: { uri: "/src", commit: "HEAD" } })).toThrow(/source commit "HEAD"/);
  });

  it("writeProvenance writes indented JSON that reads back equal", async () => {
    const s = provenanceStatement(base);
    const file = join(work, "provenance.intoto.json");
    await writeProvenance(file, s);
    const text = readFileSync(file, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(s);
  });

  it("GANTRY_VERSION is the root package.json version", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "package.json"), "utf8"));
    expect(GANTRY_VERSION).toBe(pkg.version);
  });
});
