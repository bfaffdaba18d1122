import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatTarget, hostTarget, sha256File, writeManifest } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { resolveE2eBinary } from "../src/e2e.js";

/** A dist/ as a later job downloads it: actions/upload-artifact keeps no permissions, so the binary is 0644. */
async function downloadedDist(sha?: string): Promise<{ manifest: string; binary: string }> {
  const dir = mkdtempSync(join(tmpdir(), "gantry-e2e-binary-"));
  const host = hostTarget();
  mkdirSync(join(dir, "hello_host"));
  const binary = join(dir, "hello_host", "hello");
  writeFileSync(binary, "#!/bin/sh\necho hello\n");
  chmodSync(binary, 0o644);
  const manifest = join(dir, "artifacts.json");
  await writeManifest(manifest, {
    schema: 1,
    project: "hello",
    version: "v1.0.0",
    commit: "0".repeat(40),
    date: "2026-01-01T00:00:00Z",
    artifacts: [
      {
        name: "hello",
        target: formatTarget(host),
        os: host.os,
        arch: host.arch,
        variant: host.variant,
        path: "hello_host/hello",
        size: 21,
        sha256: sha ?? (await sha256File(binary)),
      },
    ],
  });
  return { manifest, binary };
}

describe("resolveE2eBinary", () => {
  it("gives the manifest's binary its exec bits back when an artifact download dropped them (sha256 checked)", async () => {
    const { manifest, binary } = await downloadedDist();
    expect(await resolveE2eBinary("", manifest)).toBe(binary);
    expect(statSync(binary).mode & 0o777).toBe(0o755);
  });

  it("leaves a file that is not the manifest's artifact as it is, and says it is not executable", async () => {
    const { manifest, binary } = await downloadedDist("f".repeat(64));
    await expect(resolveE2eBinary("", manifest)).rejects.toThrow(/does not exist or is not executable/);
    expect(statSync(binary).mode & 0o777).toBe(0o644);
  });

  it("never changes an e2e-binary the user named", async () => {
    const { binary } = await downloadedDist();
    await expect(resolveE2eBinary(binary, "unused.json")).rejects.toThrow(/\(e2e-binary\) does not exist or is not executable/);
    expect(statSync(binary).mode & 0o777).toBe(0o644);
  });
});
