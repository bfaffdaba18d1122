import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureRunnerDirs, gantryCacheDir } from "../src/tools.js";

describe("gantry's cache folder", () => {
  it("is GANTRY_CACHE_DIR when set, else XDG_CACHE_HOME/gantry, else ~/.cache/gantry", () => {
    expect(gantryCacheDir({ GANTRY_CACHE_DIR: "/t/c", XDG_CACHE_HOME: "/x" })).toBe("/t/c");
    expect(gantryCacheDir({ GANTRY_CACHE_DIR: " ", XDG_CACHE_HOME: "/x" })).toBe(join("/x", "gantry"));
    expect(gantryCacheDir({})).toBe(join(homedir(), ".cache", "gantry"));
  });

  it("holds the tool cache and temp folder outside a runner, and leaves a runner's own alone", () => {
    const env: NodeJS.ProcessEnv = { GANTRY_CACHE_DIR: "/t/c" };
    ensureRunnerDirs(env);
    expect([env.RUNNER_TOOL_CACHE, env.RUNNER_TEMP]).toEqual([join("/t/c", "tool-cache"), join("/t/c", "tmp")]);
    const runner: NodeJS.ProcessEnv = { GANTRY_CACHE_DIR: "/t/c", RUNNER_TOOL_CACHE: "/r/tc", RUNNER_TEMP: "/r/tmp" };
    ensureRunnerDirs(runner);
    expect([runner.RUNNER_TOOL_CACHE, runner.RUNNER_TEMP]).toEqual(["/r/tc", "/r/tmp"]);
  });
});
