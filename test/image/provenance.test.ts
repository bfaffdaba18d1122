/**
 * Issue 15: the image stage's provenance statement: an in-toto v1 statement with a SLSA v1
 * predicate whose subjects are the image index and each platform manifest, as the outputs and the
 * OCI layout name them, and whose dependencies are go-build's binaries.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { expectValid, schemaValidators } from "../support/schemas.js";
import { describeNeeding } from "../tools.js";
import { EPOCH, buildService, readJson } from "./services.js";

interface Statement {
  subject: { name: string; digest: { sha256: string } }[];
  predicate: {
    buildDefinition: {
      buildType: string;
      externalParameters: { inputs: Record<string, string> };
      resolvedDependencies: { name?: string; digest: { sha256: string } }[];
    };
  };
}
interface Manifest {
  artifacts: { path: string; target: string; sha256: string }[];
}

describeNeeding(["go"], "image writes image.provenance.intoto.json beside go-build's manifest", () => {
  let ws: string;
  let r: ActionRun;
  beforeAll(async () => {
    ws = fixtureCopy("example-service");
    await buildService(ws, "linux/amd64,linux/arm64");
    r = await runAction(
      "image",
      { repository: "registry.example.com/acme/hello", "oci-layout": "out/oci", env: "MODE=release\nAPI_TOKEN=do-not-write" },
      { workspace: ws, env: EPOCH, post: false },
    );
  });

  it("names the index (by its repository) and each platform manifest with their digests, as the outputs and the layout do", () => {
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.provenance).toBe(join(ws, "dist", "image.provenance.intoto.json"));
    const statement = readJson<Statement>(r.outputs.provenance as string);
    expectValid(schemaValidators().slsa, statement, "image.provenance.intoto.json");
    const platforms = JSON.parse(r.outputs.platforms ?? "{}") as Record<string, string>;
    expect(statement.subject).toEqual(
      [
        { name: "registry.example.com/acme/hello", digest: { sha256: (r.outputs.digest as string).replace("sha256:", "") } },
        ...Object.entries(platforms).map(([name, digest]) => ({ name, digest: { sha256: digest.replace("sha256:", "") } })),
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    const layout = readJson<{ manifests: { digest: string }[] }>(join(ws, "out", "oci", "index.json"));
    expect(layout.manifests.map((m) => m.digest)).toContain(r.outputs.digest);
  });

  it("records the inputs that change the bytes, never a secret-looking value, and go-build's binaries as dependencies", () => {
    const statement = readJson<Statement>(r.outputs.provenance as string);
    const def = statement.predicate.buildDefinition;
    expect(def.buildType).toBe("https://github.com/gantry-dev/gantry/image@v1");
    expect(def.externalParameters.inputs).toMatchObject({ platforms: "", base: "scratch", env: "MODE=release\nAPI_TOKEN=<redacted>", engine: "oci" });
    expect(JSON.stringify(statement)).not.toContain("do-not-write");
    const manifest = readJson<Manifest>(join(ws, "dist", "artifacts.json"));
    expect(def.resolvedDependencies).toEqual(manifest.artifacts.map((a) => ({ name: `dist/${a.path}`, digest: { sha256: a.sha256 } })));
  });

  it("provenance: false writes none and leaves the output empty", async () => {
    const off = await runAction("image", { "oci-layout": "out/oci2", provenance: "false" }, { workspace: ws, env: EPOCH, post: false });
    expect(off.code, off.log).toBe(0);
    expect(off.outputs.provenance).toBe("");
    // The first run's file is still there; this run wrote no other.
    expect(existsSync(join(ws, "dist", "image.provenance.intoto.json"))).toBe(true);
  });
});
