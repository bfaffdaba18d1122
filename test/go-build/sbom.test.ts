/**
 * Issue 15: go-build's SBOMs and provenance on the Gin service, checked against the official JSON
 * schemas (SPDX 2.3 from spdx/spdx-spec, CycloneDX 1.6 as the CycloneDX library ships it), against
 * `go list -deps` for each target, and the provenance against an in-toto v1 + SLSA v1 schema
 * (test/fixtures/schemas/README.md says where each comes from).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { sha256 } from "@gantry/core";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { type Validators, expectValid, schemaValidators } from "../support/schemas.js";
import { describeNeeding } from "../tools.js";

const TARGETS = ["linux/amd64", "windows/amd64"];
const EPOCH = { SOURCE_DATE_EPOCH: "1764028800" };
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) => execFileSync(cmd, args, { cwd, env, encoding: "utf8" });

/** The example service in a git repository of its own, with an origin URL that carries a password. */
function gitWorkspace(): { ws: string; commit: string } {
  const ws = fixtureCopy("example-service");
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_DATE: "@1764028800 +0000",
    GIT_COMMITTER_DATE: "@1764028800 +0000",
  };
  run("git", ["init", "-q", "-b", "main"], ws, env);
  run("git", ["add", "-A"], ws, env);
  run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "fixture"], ws, env);
  run("git", ["remote", "add", "origin", "https://gantry-bot:s3cr3t-token@example.com/acme/hello.git"], ws, env);
  return { ws, commit: run("git", ["rev-parse", "HEAD"], ws, env).trim() };
}

/** `module version` of every module the main package's deps come from for one target, the main module left out. */
function goListDeps(ws: string, target: string): string[] {
  const [os, arch] = target.split("/") as [string, string];
  const out = run("go", ["list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}}{{end}}{{end}}", "."], ws, {
    ...process.env,
    GOOS: os,
    GOARCH: arch,
    CGO_ENABLED: "0",
    GOFLAGS: "-mod=mod",
  });
  return [...new Set(out.split("\n").filter(Boolean))].sort();
}

interface OutArtifact {
  target: string;
  path: string;
  sbom: { spdx: string; cyclonedx: string };
}

describeNeeding(["go", "git", "sha256sum"], "go-build writes SBOMs and a provenance statement (Gin service, linux and windows)", () => {
  let ws: string;
  let commit: string;
  let r: ActionRun;
  let artifacts: OutArtifact[];
  let v: Validators;
  beforeAll(async () => {
    v = schemaValidators();
    ({ ws, commit } = gitWorkspace());
    r = await runAction("go-build", { targets: TARGETS.join(","), version: "v1.0.0", sbom: "both" }, { workspace: ws, env: EPOCH, post: false });
    artifacts = JSON.parse(r.outputs.artifacts ?? "[]");
  });

  it("writes <binary>.spdx.json and <binary>.cdx.json beside each binary, in the outputs and the manifest", () => {
    expect(r.code, r.log).toBe(0);
    const manifest = readJson(r.outputs.manifest as string);
    for (const [i, a] of artifacts.entries()) {
      expect(a.sbom).toEqual({ spdx: `${a.path}.spdx.json`, cyclonedx: `${a.path}.cdx.json` });
      expect(existsSync(a.sbom.spdx) && existsSync(a.sbom.cyclonedx)).toBe(true);
      expect(manifest.artifacts[i].sbom).toEqual({ spdx: `${manifest.artifacts[i].path}.spdx.json`, cyclonedx: `${manifest.artifacts[i].path}.cdx.json` });
    }
    expect(manifest.provenance).toBe("provenance.intoto.json");
    expect(r.outputs.provenance).toBe(join(ws, "dist", "provenance.intoto.json"));
    expect(r.summary).toContain("SBOMs: SPDX 2.3, CycloneDX 1.6 beside each binary · provenance: `provenance.intoto.json` (in-toto v1, SLSA v1)");
  });

  it("the SBOMs validate against the official SPDX 2.3 and CycloneDX 1.6 schemas (which do refuse a broken one)", () => {
    for (const a of artifacts) {
      expectValid(v.spdx, readJson(a.sbom.spdx), a.sbom.spdx);
      expectValid(v.cyclonedx, readJson(a.sbom.cyclonedx), a.sbom.cyclonedx);
    }
    const spdx = readJson(artifacts[0]?.sbom.spdx as string);
    delete spdx.packages[1].downloadLocation;
    expect(v.spdx(spdx)).toBe(false);
    const cdx = readJson(artifacts[0]?.sbom.cyclonedx as string);
    cdx.metadata.component.hashes[0].content = "h1:not-hex";
    expect(v.cyclonedx(cdx)).toBe(false);
  });

  it("their module lists equal `go list -deps` for the built package and target, plus Go's standard library", () => {
    for (const a of artifacts) {
      const expected = goListDeps(ws, a.target);
      expect(expected).toContain("github.com/gin-gonic/gin v1.11.0");
      const spdx = readJson(a.sbom.spdx);
      const spdxModules = spdx.packages.filter((p: { SPDXID: string }) => !/^SPDXRef-Package-(main|stdlib)$/.test(p.SPDXID));
      expect(spdxModules.map((p: { name: string; versionInfo: string }) => `${p.name} ${p.versionInfo}`).sort()).toEqual(expected);
      const cdx = readJson(a.sbom.cyclonedx);
      const cdxModules = cdx.components.filter((c: { name: string }) => c.name !== "stdlib");
      expect(cdxModules.map((c: { name: string; version: string }) => `${c.name} ${c.version}`).sort()).toEqual(expected);
      expect(cdx.components.find((c: { name: string }) => c.name === "stdlib").version).toMatch(/^go1\.\d+/);
      expect(cdx.metadata.component.hashes[0].content).toBe(sha256(readFileSync(a.path)));
      // The main module's purl carries the release version, in both formats.
      const mainPurl = spdx.packages.find((p: { SPDXID: string }) => p.SPDXID === "SPDXRef-Package-main").externalRefs[0].referenceLocator;
      expect(mainPurl).toMatch(/^pkg:golang\/[^@]+@v1\.0\.0$/);
      expect(cdx.metadata.component.purl).toBe(mainPurl);
      expect(cdx.metadata.component.properties).toContainEqual({ name: "cdx:gomod:build:env:GOOS", value: `GOOS=${a.target.split("/")[0]}` });
    }
  });

  it("checksums.txt covers the SBOMs (sha256sum -c passes) and the provenance subjects are exactly its lines", () => {
    const dist = join(ws, "dist");
    const check = run("sha256sum", ["-c", "checksums.txt"], dist);
    for (const a of artifacts) expect(check).toContain(`${a.sbom.spdx.slice(dist.length + 1)}: OK`);
    const lines = readFileSync(join(dist, "checksums.txt"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(3 * TARGETS.length);
    const statement = readJson(r.outputs.provenance as string);
    expect(statement.subject.map((s: { name: string; digest: { sha256: string } }) => `${s.digest.sha256}  ${s.name}`)).toEqual(lines);
  });

  it("the provenance validates as an in-toto v1 statement with a SLSA v1 predicate and names the commit, go.sum and the inputs", () => {
    const statement = readJson(r.outputs.provenance as string);
    expectValid(v.slsa, statement, "provenance.intoto.json");
    expect(v.slsa({ ...statement, subject: [{ name: "x", digest: { sha256: "ABC" } }] })).toBe(false);
    expect(v.slsa({ ...statement, predicate: { ...statement.predicate, runDetails: { builder: {} } } })).toBe(false);
    const def = statement.predicate.buildDefinition;
    expect(def.buildType).toBe("https://github.com/gantry-dev/gantry/go-build@v1");
    // The origin's user name and password never reach the file.
    expect(def.externalParameters.source).toEqual({ uri: "git+https://example.com/acme/hello.git", digest: { gitCommit: commit } });
    expect(readFileSync(r.outputs.provenance as string, "utf8")).not.toContain("s3cr3t");
    expect(def.externalParameters.inputs).toMatchObject({
      targets: TARGETS.join(","),
      version: "v1.0.0",
      sbom: "both",
      "working-directory": ".",
      strip: "true",
    });
    expect(def.internalParameters).toMatchObject({
      goSumSha256: sha256(readFileSync(join(ws, "go.sum"))),
      version: "v1.0.0",
      sourceDate: "2025-11-25T00:00:00Z",
    });
    expect(def.internalParameters.go).toMatch(/^go1\.\d+\.\d+$/);
    expect(def.resolvedDependencies).toContainEqual({ name: "go.sum", digest: { sha256: def.internalParameters.goSumSha256 } });
    expect(statement.predicate.runDetails.builder.id).toBe("https://github.com/gantry-dev/gantry/cli");
  });

  it("the same commit built in another folder gives byte-identical SBOMs and checksums; the provenance names the GitHub run", async () => {
    const other = join(scratchDir("gantry-sbom-again-"), "svc");
    cpSync(ws, other, { recursive: true, filter: (src) => !src.startsWith(join(ws, "dist")) });
    const github = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/hello", GITHUB_RUN_ID: "7", GITHUB_RUN_ATTEMPT: "1" };
    const again = await runAction(
      "go-build",
      { targets: TARGETS.join(","), version: "v1.0.0", sbom: "both" },
      { workspace: other, env: { ...EPOCH, ...github }, post: false },
    );
    expect(again.code, again.log).toBe(0);
    const read = (dir: string, f: string) => readFileSync(join(dir, "dist", f));
    expect(read(other, "checksums.txt").equals(read(ws, "checksums.txt"))).toBe(true);
    for (const a of artifacts) {
      const rel = a.sbom.spdx.slice(join(ws, "dist").length + 1);
      expect(read(other, rel).equals(read(ws, rel))).toBe(true);
      expect(read(other, rel.replace(/spdx\.json$/, "cdx.json")).equals(read(ws, rel.replace(/spdx\.json$/, "cdx.json")))).toBe(true);
    }
    const statement = readJson(again.outputs.provenance as string);
    expect(statement.predicate.buildDefinition.externalParameters.source.uri).toBe("git+https://github.com/acme/hello");
    expect(statement.predicate.runDetails).toMatchObject({
      builder: { id: "https://github.com/acme/hello/actions/runs/7" },
      metadata: { invocationId: "https://github.com/acme/hello/actions/runs/7/attempts/1" },
    });
  });
});

describeNeeding(["go"], "go-build with sbom: none and provenance: false, and a bad sbom value", () => {
  it("writes neither, and checksums.txt lists the archives only", async () => {
    const ws = fixtureCopy("stdlib-service");
    const r = await runAction("go-build", { targets: "linux/amd64", sbom: "none", provenance: "false" }, { workspace: ws, env: EPOCH, post: false });
    expect(r.code, r.log).toBe(0);
    const manifest = readJson(r.outputs.manifest as string);
    expect(manifest.artifacts[0].sbom).toBeUndefined();
    expect(manifest.provenance).toBeUndefined();
    expect(r.outputs.provenance).toBe("");
    expect(JSON.parse(r.outputs.artifacts ?? "[]")[0].sbom).toEqual({ spdx: "", cyclonedx: "" });
    expect(existsSync(join(ws, "dist", "provenance.intoto.json"))).toBe(false);
    expect(
      readFileSync(join(ws, "dist", "checksums.txt"), "utf8")
        .trim()
        .split("\n"),
    ).toHaveLength(1);
  });

  it("sbom: syft is refused naming the input and the accepted values, before anything is built", async () => {
    const ws = fixtureCopy("stdlib-service");
    const r = await runAction("go-build", { targets: "linux/amd64", sbom: "syft" }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    expect(r.log).toContain(`input 'sbom': "syft" is not valid; accepted: spdx, cyclonedx, both, none`);
    expect(existsSync(join(ws, "dist"))).toBe(false);
  });
});
