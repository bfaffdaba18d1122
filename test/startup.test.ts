/**
 * Issue 14, start-up: each bundle's static imports (what node reads before the first line of work)
 * hold only the stage it runs and what every run of it needs; the rest comes by `await import()`.
 * Checked on the built dist/ through the source paths esbuild writes above each module
 * (`// packages/go-test/src/e2e.ts`).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./harness.js";

/** The source modules in a bundle's static import closure. */
function staticModules(bundle: string): Set<string> {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/^import\s[^;]*?from\s*"(\.[^"]+)"|^import\s*"(\.[^"]+)"/gm))
      visit(resolve(dirname(file), (m[1] ?? m[2]) as string));
  };
  visit(join(REPO, "dist", bundle));
  const modules = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, "utf8").matchAll(/^\/\/ ((?:packages|node_modules)\/\S+)$/gm)) modules.add(m[1] as string);
  return modules;
}

const has = (modules: Set<string>, prefix: string) => [...modules].filter((m) => m.startsWith(prefix));

describe("what each bundle loads before its first line of work", () => {
  it("the CLI and the root action load no stage until one is named", () => {
    for (const bundle of ["cli/gantry.js", "pipeline/main.js", "pipeline/post.js"]) {
      const modules = staticModules(bundle);
      for (const stage of ["deploy", "go-build", "go-test", "image", "slim"]) expect(has(modules, `packages/${stage}/`), `${bundle}: ${stage}`).toEqual([]);
    }
  });

  it("go-test loads its e2e, vuln and lint layers only when one of them runs", () => {
    const modules = staticModules("go-test/main.js");
    expect(modules.has("packages/go-test/src/run.ts")).toBe(true);
    for (const layer of ["e2e", "vuln", "lint"]) expect(modules.has(`packages/go-test/src/${layer}.ts`), layer).toBe(false);
  });

  it("no action loads semver or tar-stream for core's sake, nor another stage's code", () => {
    const stages = ["deploy", "go-build", "go-test", "image", "slim"];
    for (const stage of stages) {
      const modules = staticModules(`${stage}/main.js`);
      for (const other of stages.filter((s) => s !== stage)) expect(has(modules, `packages/${other}/`), `${stage} loads ${other}`).toEqual([]);
    }
    for (const bundle of ["go-test/main.js", "deploy/main.js"]) {
      const modules = staticModules(bundle);
      expect(has(modules, "node_modules/semver/"), bundle).toEqual([]);
      expect(has(modules, "node_modules/tar-stream/"), bundle).toEqual([]);
    }
  });

  it("image loads neither semver nor tar-stream: a run into an OCI layout or a registry needs neither (a docker archive or engine: docker loads tar-stream)", () => {
    const modules = staticModules("image/main.js");
    expect(modules.has("packages/image/src/stage.ts")).toBe(true);
    expect(has(modules, "node_modules/semver/")).toEqual([]);
    expect(has(modules, "node_modules/tar-stream/")).toEqual([]);
  });

  it("no bundle loads libdeflate before it compresses something: core's gzip imports it on first use", () => {
    for (const bundle of [
      "cli/gantry.js",
      "pipeline/main.js",
      "go-build/main.js",
      "slim/main.js",
      "image/main.js",
      "image/layer-worker.js",
      "go-test/main.js",
      "deploy/main.js",
    ]) {
      const modules = staticModules(bundle);
      expect(has(modules, "node_modules/libdeflate/"), bundle).toEqual([]);
    }
    // The check can fail: libdeflate is in the bundles, in the chunk loaded on first use.
    const chunk = readdirSync(join(REPO, "dist", "chunks")).find((f) => f.startsWith("libdeflate-"));
    expect(chunk).toBeDefined();
    expect(has(staticModules(`chunks/${chunk}`), "node_modules/libdeflate/")).not.toEqual([]);
  });
});
