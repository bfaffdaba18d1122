import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256 } from "@gantry/core";
import { afterAll, describe, expect, it } from "vitest";
import { findManifests, loadBuildSet, readSboms, selectBinaries } from "../src/binaries.js";

/** Temp folders of this file, removed when it ends. */
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-merge-"));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A downloaded matrix artifact: one folder with a binary and its artifacts.json. */
function job(root: string, folder: string, target: string, content: string, over: Record<string, unknown> = {}): void {
  const [os, arch, variant = ""] = target.split("/") as [string, string, string?];
  const dir = join(root, folder);
  mkdirSync(join(dir, "bin"), { recursive: true });
  writeFileSync(join(dir, "bin", "hello"), content);
  const artifact = { name: "hello", target, os, arch, variant, path: "bin/hello", size: content.length, sha256: sha256(content) };
  const manifest = { schema: 1, project: "hello", version: "v1", commit: "abc", date: "2025-11-25T00:00:00Z", go: "1.19.8", artifacts: [artifact], ...over };
  writeFileSync(join(dir, "artifacts.json"), JSON.stringify(manifest));
}

describe("manifests from several jobs", () => {
  it("merges a folder of downloaded artifacts, or a glob, into one set of Linux binaries", async () => {
    const root = tempDir();
    job(root, "amd64", "linux/amd64", "A");
    job(root, "arm", "linux/arm/v7", "R");
    job(root, "win", "windows/amd64", "W");
    const fromFolder = await findManifests(root, "/");
    expect(fromFolder).toHaveLength(3);
    expect(await findManifests("*/artifacts.json", root)).toEqual(fromFolder);
    expect(await findManifests(`${root}/**/artifacts.json`, "/")).toEqual(fromFolder);
    const set = await loadBuildSet(fromFolder, root);
    expect(set.binaries.map((b) => b.platform)).toEqual([
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm", variant: "v7" },
    ]);
    expect(set.others).toEqual(["windows/amd64"]);
    expect(set.epoch).toBe(1764028800);
    const chosen = await selectBinaries(set, [{ os: "linux", architecture: "arm", variant: "v7" }]);
    expect(Buffer.from((await chosen[0]?.read()) ?? []).toString()).toBe("R");
    await expect(selectBinaries(set, [{ os: "linux", architecture: "s390x" }])).rejects.toThrow(/input 'platforms'.*which has linux\/amd64, linux\/arm\/v7/);
    await expect(selectBinaries(set, [{ os: "windows", architecture: "amd64" }])).rejects.toThrow(
      /input 'platforms': "windows\/amd64" .*windows\/amd64 is in the manifest but is not a Linux target; images hold linux\/\* binaries/,
    );
    await expect(selectBinaries(set, [{ os: "darwin", architecture: "arm64" }])).rejects.toThrow(
      /darwin\/arm64 is not a Linux target; images hold linux\/\* binaries/,
    );
  });

  it("refuses manifests of different builds, a target built twice differently, and a binary changed since", async () => {
    const root = tempDir();
    job(root, "a", "linux/amd64", "A");
    job(root, "b", "linux/arm64", "B", { commit: "def" });
    await expect(loadBuildSet(await findManifests(root, "/"), root)).rejects.toThrow(/different builds \(commit "abc" vs "def"\)/);
    const twice = tempDir();
    job(twice, "a", "linux/amd64", "A");
    job(twice, "b", "linux/amd64", "other");
    await expect(loadBuildSet(await findManifests(twice, "/"), twice)).rejects.toThrow(
      /linux\/amd64 is in a\/artifacts.json and b\/artifacts.json with different binaries/,
    );
    const stale = tempDir();
    job(stale, "a", "linux/amd64", "A");
    writeFileSync(join(stale, "a", "bin", "hello"), "changed");
    await expect(selectBinaries(await loadBuildSet(await findManifests(stale, "/"), stale), [])).rejects.toThrow(/does not match the manifest.*rebuild/);
    // Checked when selected, and again when read to build its layer: a file changed in between is refused.
    const later = tempDir();
    job(later, "a", "linux/amd64", "A");
    const [checked] = await selectBinaries(await loadBuildSet(await findManifests(later, "/"), later), []);
    expect(checked?.size).toBe(1);
    writeFileSync(join(later, "a", "bin", "hello"), "B");
    await expect(checked?.read()).rejects.toThrow(/does not match the manifest.*changed after go-build/);
    const none = tempDir();
    job(none, "w", "windows/amd64", "W");
    await expect(selectBinaries(await loadBuildSet(await findManifests(none, "/"), none), [])).rejects.toThrow(/has no Linux binaries \(only windows\/amd64\)/);
    await expect(findManifests("missing/artifacts.json", none)).rejects.toThrow(/input 'manifest'.*does not exist; run go-build first/);
  });
});

describe("the binaries' SBOMs (issue 15)", () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-sboms-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reads the SBOMs each manifest names, relative to its own folder; a format it does not name is left out", async () => {
    job(root, "amd64", "linux/amd64", "A");
    job(root, "arm64", "linux/arm64", "B");
    for (const [folder, sbom] of [
      ["amd64", { spdx: "bin/hello.spdx.json", cyclonedx: "bin/hello.cdx.json" }],
      ["arm64", { spdx: "bin/hello.spdx.json" }],
    ] as const) {
      const file = join(root, folder, "artifacts.json");
      const m = JSON.parse(readFileSync(file, "utf8"));
      m.artifacts[0].sbom = sbom;
      writeFileSync(file, JSON.stringify(m));
      for (const p of Object.values(sbom)) writeFileSync(join(root, folder, p), `${folder} ${p}`);
    }
    const set = await loadBuildSet(await findManifests(root, "/"), root);
    const [amd64, arm64] = await Promise.all(set.binaries.map(readSboms));
    expect(amd64?.map((s) => [s.format, s.path, Buffer.from(s.bytes).toString()])).toEqual([
      ["spdx", join(root, "amd64", "bin", "hello.spdx.json"), "amd64 bin/hello.spdx.json"],
      ["cyclonedx", join(root, "amd64", "bin", "hello.cdx.json"), "amd64 bin/hello.cdx.json"],
    ]);
    expect(arm64?.map((s) => s.format)).toEqual(["spdx"]);
    rmSync(join(root, "arm64", "bin", "hello.spdx.json"));
    await expect(readSboms(set.binaries[1] as (typeof set.binaries)[0])).rejects.toThrow(
      `the linux/arm64 spdx SBOM ${join(root, "arm64", "bin", "hello.spdx.json")} named in the manifest cannot be read`,
    );
  });
});
