/** Every action's action.yml agrees with its stage's input table, and points at a built bundle. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { STAGE_LOADERS, loadPipelineStage, loadStages } from "@gantry/pipeline";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "./harness.js";

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string };
}
const load = (dir: string) => parse(readFileSync(join(dir, "action.yml"), "utf8")) as ActionYml;
const actions = readdirSync(join(REPO, "actions")).filter((d) => existsSync(join(REPO, "actions", d, "action.yml")));
const STAGES = await loadStages(Object.keys(STAGE_LOADERS));

describe.each(actions)("actions/%s/action.yml", (name) => {
  const dir = join(REPO, "actions", name);
  const yml = load(dir);
  const stage = STAGES[name];

  it("is a registered stage", () => expect(stage, `add ${name} to packages/pipeline/src/registry.ts`).toBeDefined());

  it("runs on node24 from bundles that exist", () => {
    expect(yml.runs.using).toBe("node24");
    for (const step of [yml.runs.main, yml.runs.post].filter(Boolean) as string[]) expect(existsSync(resolve(dir, step)), step).toBe(true);
    expect(yml.runs.main).toBe(`../../dist/${name}/main.js`);
  });

  it("declares exactly the stage's inputs, with the same defaults", () => {
    const declared = Object.fromEntries(Object.entries(yml.inputs ?? {}).map(([k, v]) => [k, String(v.default ?? "")]));
    expect(declared).toEqual({ ...stage?.inputs });
  });

  it("describes every input and output", () => {
    for (const [k, v] of Object.entries({ ...yml.inputs, ...yml.outputs })) expect(v.description, k).toBeTruthy();
    expect(yml.runs.post === undefined).toBe(stage?.post === undefined);
  });

  it("has a README", () => expect(existsSync(join(dir, "README.md"))).toBe(true));
});

describe("the root action.yml", () => {
  const yml = load(REPO);
  it("runs the pipeline with every stage's inputs, later stages' prefixed", async () => {
    expect(yml.runs).toEqual({ using: "node24", main: "dist/pipeline/main.js", post: "dist/pipeline/post.js" });
    const declared = Object.fromEntries(Object.entries(yml.inputs).map(([k, v]) => [k, String(v.default ?? "")]));
    expect(declared).toEqual({ ...(await loadPipelineStage()).inputs });
  });
});
