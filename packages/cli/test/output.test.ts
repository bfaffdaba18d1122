import { describe, expect, it } from "vitest";
import type { Stage } from "@gantry/core";
import { debugWanted, libraryOutput, runCli } from "../src/cli.js";

describe("stdout holds the outputs alone", () => {
  it("a library's workflow commands become stderr lines; debug ones only when debugging, masks never", () => {
    const text = "::debug::isExplicit: 1.0\n::add-mask::s3cret\n::warning file=a.go::careful\nplain\n";
    expect(libraryOutput(text, false)).toBe("warning: careful\nplain\n");
    expect(libraryOutput(text, true)).toBe("debug: isExplicit: 1.0\nwarning: careful\nplain\n");
  });

  it("debugging is asked for with --debug or the runner's RUNNER_DEBUG=1", () => {
    expect(debugWanted(["slim"], {})).toBe(false);
    expect(debugWanted(["slim", "--debug"], {})).toBe(true);
    expect(debugWanted(["slim"], { RUNNER_DEBUG: "1" })).toBe(true);
    expect(debugWanted(["slim"], { RUNNER_DEBUG: "0" })).toBe(false);
  });
});

const stage = (inputs: Record<string, string>): Stage<unknown> => ({
  name: "fake",
  description: "a stage for the CLI's tests",
  inputs,
  parse: () => ({}),
  run: async (_i, ctx) => ctx.setOutput("done", "yes"),
});

async function cli(argv: string[], inputs: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (l) => err.push(l), env: {}, cwd: process.cwd() }, { fake: async () => stage(inputs) });
  return { code, stdout: out.join(""), stderr: err.join("\n") };
}

describe("gantry --version", () => {
  it("prints gantry's version, alone and after a stage", async () => {
    expect(await cli(["--version"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^gantry \d+\.\d+\.\d+\n$/) });
    expect(await cli(["fake", "--version"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^gantry \d+\.\d+\.\d+\n$/) });
  });

  it("a stage whose input is named version takes --version v1 as that input; --version last is gantry's", async () => {
    const withValue = await cli(["fake", "--version", "v1"], { version: "" });
    expect(withValue).toMatchObject({ code: 0, stdout: "done=yes\n" });
    expect((await cli(["fake", "--version"], { version: "" })).stdout).toMatch(/^gantry /);
  });

  it("--debug is the CLI's own flag, not an unknown input", async () => {
    expect(await cli(["fake", "--debug"])).toMatchObject({ code: 0, stdout: "done=yes\n" });
  });
});
