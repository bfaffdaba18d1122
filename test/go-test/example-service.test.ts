/**
 * go-build then go-test on the example service (Gin, real modules), the way a workflow chains them: every layer that
 * can run here, the e2e layer against the binary go-build wrote (dist/artifacts.json, the runner's
 * own target), with the service's graceful shutdown checked.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureCopy, runAction } from "../harness.js";

const ws = fixtureCopy("example-service");

beforeAll(async () => {
  const build = await runAction(
    "go-build",
    { targets: `linux/${process.arch === "arm64" ? "arm64" : "amd64"}`, archive: "none", version: "v1.4.2", cache: "false" },
    { workspace: ws, env: { SOURCE_DATE_EPOCH: "1764028800" } },
  );
  if (build.code !== 0) throw new Error(`go-build failed:\n${build.log}`);
});

describe("go-test on the example service after go-build", () => {
  it("runs vet, unit, race, integration and e2e against dist/artifacts.json's binary, and it shuts down gracefully", async () => {
    const r = await runAction(
      "go-test",
      { layers: "vet,unit,race,integration,e2e", "e2e-env": "HOST=127.0.0.1\nGREETING=Hello", "min-coverage": "50" },
      { workspace: ws },
    );
    expect(r.code, r.log).toBe(0);
    const results = JSON.parse(r.outputs.results ?? "{}");
    expect(Object.keys(results)).toEqual(["vet", "unit", "race", "integration", "e2e"]);
    expect(results).toMatchObject({
      vet: { status: "passed" },
      unit: { status: "passed", passed: 6, failed: 0 },
      race: { status: "passed", passed: 6 },
      integration: { status: "passed", passed: 7 },
      // -tags e2e runs the whole package: its 6 unit tests and the 4 e2e tests.
      e2e: { status: "passed", passed: 10, failed: 0 },
    });
    expect(r.log).toMatch(new RegExp(`e2e: ${ws}/dist/hello_linux_\\w+/hello is up at http://127\\.0\\.0\\.1:\\d+`));
    expect(r.log).toMatch(/e2e: the binary shut down gracefully in \d+ ms/);
    expect(Number(r.outputs.coverage)).toBeGreaterThanOrEqual(50);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(readFileSync(join(ws, "dist/test-results.xml"), "utf8"));
    expect(junit.testsuites.testsuite.map((s: { name: string }) => s.name)).toEqual([
      "vet: vet",
      "unit: example.com/hello",
      "race: example.com/hello",
      "integration: example.com/hello",
      "e2e: example.com/hello",
    ]);
    expect(r.summary).toMatch(/\| e2e \| ✅ passed \| 10 \| 0 \| 0 \| 0 \|/);
  });

  it("fails before any test when the manifest has no binary for this runner", async () => {
    const manifest = JSON.parse(readFileSync(join(ws, "dist/artifacts.json"), "utf8"));
    for (const a of manifest.artifacts) Object.assign(a, { target: "linux/s390x", os: "linux", arch: "s390x" });
    writeFileSync(join(ws, "dist/other.json"), JSON.stringify(manifest));
    const r = await runAction("go-test", { layers: "unit,e2e", manifest: "dist/other.json" }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.log).toContain(
      `the e2e layer needs a linux/${process.arch === "arm64" ? "arm64" : "amd64"} binary to run on this runner, and ${ws}/dist/other.json lists only linux/s390x`,
    );
    expect(r.log).not.toContain("go test -json");
  });
});
