/**
 * `npm test` leaves nothing in the user's caches (README): scripts/test.sh points gantry's own
 * caches into the run's temp folder (GANTRY_CACHE_DIR), and every place gantry keeps something
 * between runs resolves there: image's layer cache, the CLI's tool cache and temp folder, and
 * go-build's kept links, archives and verdicts (otherwise in the machine's GOCACHE).
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureRunnerDirs, gantryCacheDir } from "../packages/core/src/tools.js";
import { keptFolder } from "../packages/go-build/src/linkcache.js";
import { diskLayerCache } from "../packages/image/src/cache.js";
import { compress } from "../packages/image/src/compress.js";
import { digestOf } from "../packages/image/src/oci.js";
import { itNeeding } from "./tools.js";

/** True when `path` is the run's temp folder or inside it. */
const insideTemp = (path: string) => !relative(tmpdir(), path).startsWith("..") && relative(tmpdir(), path) !== path;

describe("the test run's caches are in its temp folder (scripts/test.sh)", () => {
  it("GANTRY_CACHE_DIR is set, inside TMPDIR, and TMPDIR is not the system's /tmp", () => {
    expect(tmpdir(), "run the tests through scripts/test.sh (npm test)").not.toBe("/tmp");
    expect(process.env.GANTRY_CACHE_DIR, "GANTRY_CACHE_DIR").toBeDefined();
    expect(insideTemp(process.env.GANTRY_CACHE_DIR ?? "/"), `${process.env.GANTRY_CACHE_DIR} inside ${tmpdir()}`).toBe(true);
  });

  it("the layer cache, tool cache and temp folder resolve inside it", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, RUNNER_TOOL_CACHE: undefined, RUNNER_TEMP: undefined, GANTRY_LAYER_CACHE: undefined };
    ensureRunnerDirs(env);
    for (const dir of [gantryCacheDir(env), env.RUNNER_TOOL_CACHE ?? "/", env.RUNNER_TEMP ?? "/"]) expect(insideTemp(dir), dir).toBe(true);
    // A layer put into the default disk cache lands in the run's folder.
    const tar = Buffer.alloc(1024, 7);
    await diskLayerCache(env)?.put("c".repeat(64), { ...(await compress(tar)), diffId: digestOf(tar), uncompressedSize: tar.length });
    expect(readdirSync(join(gantryCacheDir(env), "layers")).filter((n) => n.startsWith("c".repeat(64)))).toHaveLength(1);
  });

  itNeeding(["go"], "go-build's kept entries resolve inside it, not in the machine's GOCACHE", () => {
    const gocache = execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim();
    const kept = keptFolder(gocache, process.env);
    expect(insideTemp(kept), kept).toBe(true);
    expect(kept.startsWith(gocache)).toBe(false);
  });
});
