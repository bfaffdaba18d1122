import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GoToolchain } from "@gantry/core";
import { goCachePlan } from "../src/cachekey.js";
import type { BuildTarget } from "../src/targets.js";

const go: GoToolchain = { go: "go", version: "1.22.3", goroot: "/go", gocache: "/c/build", gomodcache: "/c/mod", hostOS: "linux", hostArch: "amd64" };
const t = (os: string, arch: string): BuildTarget => ({ os, arch, variant: "", env: {} });
const env = { RUNNER_OS: "Linux", RUNNER_ARCH: "X64" };

describe("goCachePlan", () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-key-"));
  writeFileSync(join(dir, "go.mod"), "module x\n");
  writeFileSync(join(dir, "go.sum"), "a v1 h1:x\n");

  it("keys by runner, Go version, CGO, target set and go.sum, with restore-keys down to the toolchain", async () => {
    const plan = await goCachePlan(go, [t("linux", "amd64"), t("linux", "arm64")], false, dir, env);
    expect(plan.paths).toEqual(["/c/build", "/c/mod"]);
    expect(plan.key).toMatch(/^gantry-go-caches2-linux-x64-go1\.22\.3-cgo0-[0-9a-f]{12}-[0-9a-f]{16}$/);
    expect(plan.restoreKeys).toEqual([plan.key.slice(0, plan.key.lastIndexOf("-") + 1), "gantry-go-caches2-linux-x64-go1.22.3-cgo0-"]);
  });

  it("gives matrix jobs with other targets, CGO or Go their own keys, and ignores target order", async () => {
    const base = (await goCachePlan(go, [t("linux", "amd64"), t("linux", "arm64")], false, dir, env)).key;
    expect((await goCachePlan(go, [t("linux", "arm64"), t("linux", "amd64")], false, dir, env)).key).toBe(base);
    expect((await goCachePlan(go, [t("windows", "amd64")], false, dir, env)).key).not.toBe(base);
    expect((await goCachePlan(go, [t("linux", "amd64"), t("linux", "arm64")], true, dir, env)).key).not.toBe(base);
    expect((await goCachePlan({ ...go, version: "1.23.0" }, [t("linux", "amd64"), t("linux", "arm64")], false, dir, env)).key).not.toBe(base);
  });

  it("caches GOMODCACHE beside GOCACHE, keyed by go.sum: a changed go.sum gets a new key that falls back to the same toolchain and targets", async () => {
    const mod = mkdtempSync(join(tmpdir(), "gantry-key-"));
    writeFileSync(join(mod, "go.mod"), "module x\n");
    writeFileSync(join(mod, "go.sum"), "a v1 h1:x\n");
    const before = await goCachePlan(go, [t("linux", "amd64")], false, mod, env);
    expect(before.paths).toContain(go.gomodcache);
    writeFileSync(join(mod, "go.mod"), "module x\n\ngo 1.23\n");
    expect((await goCachePlan(go, [t("linux", "amd64")], false, mod, env)).key, "go.mod alone does not change the modules").toBe(before.key);
    writeFileSync(join(mod, "go.sum"), "a v1 h1:x\nb v2 h1:y\n");
    const after = await goCachePlan(go, [t("linux", "amd64")], false, mod, env);
    expect(after.key).not.toBe(before.key);
    expect(after.restoreKeys[0]).toBe(before.restoreKeys[0]);
  });
});
