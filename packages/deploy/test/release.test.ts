import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, sha256 } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { LocalHost } from "../src/hosts/localhost.js";
import { findRelease, parseEnvFile, pruneReleases, renderEnvFile, stageRelease } from "../src/engine/release.js";

const host = new LocalHost();

function binary(dir: string, content: string): { path: string; sha256: string } {
  const path = join(dir, "hello");
  writeFileSync(path, content);
  return { path, sha256: sha256(content) };
}

describe("releases in the state dir", () => {
  it("stages a binary with its 0600 env file, reuses the same binary, refuses another under a running version", async () => {
    const state = mkdtempSync(join(tmpdir(), "gantry-rel-"));
    const src = mkdtempSync(join(tmpdir(), "gantry-src-"));
    const a = binary(src, "binary A");
    const first = await stageRelease(host, state, "v1", a, { TOKEN: "x" }, [], "r1");
    expect(first.reused).toBe(false);
    expect(readFileSync(first.release.binary, "utf8")).toBe("binary A");
    expect(statSync(first.release.binary).mode & 0o777).toBe(0o755);
    expect(statSync(join(first.release.dir, "service.env")).mode & 0o777).toBe(0o600);
    expect((await stageRelease(host, state, "v1", a, {}, ["v1"], "r2")).reused).toBe(true);
    const b = binary(mkdtempSync(join(tmpdir(), "gantry-src-")), "binary B");
    await expect(stageRelease(host, state, "v1", b, {}, ["v1"], "r3")).rejects.toThrow(InputError);
    const replaced = await stageRelease(host, state, "v1", b, {}, [], "r4");
    expect(readFileSync(replaced.release.binary, "utf8")).toBe("binary B");
    expect((await findRelease(host, state, "v1"))?.sha256).toBe(b.sha256);
    expect(readdirSync(join(state, "releases"))).toEqual(["v1"]);
  });

  it("keeps the newest releases and the protected ones, and clears leftovers of killed runs", async () => {
    const state = mkdtempSync(join(tmpdir(), "gantry-rel-"));
    const names = ["v1", "v2", "v3", "v4"];
    names.forEach((v, i) => {
      mkdirSync(join(state, "releases", v), { recursive: true });
      writeFileSync(
        join(state, "releases", v, "release.json"),
        JSON.stringify({ version: v, binary: "hello", sha256: "x", staged: `2026-01-0${i + 1}T00:00:00Z` }),
      );
    });
    mkdirSync(join(state, "releases", "v5.tmp-run"));
    const removed = await pruneReleases(host, state, 2, ["v1"]);
    expect(removed.sort()).toEqual(["v2"]);
    expect(readdirSync(join(state, "releases")).sort()).toEqual(["v1", "v3", "v4"]);
  });

  it("round-trips the env file", () => {
    const env = { A: "1", B: "x=y z", C: "" };
    expect(parseEnvFile(renderEnvFile(env))).toEqual(env);
  });
});
