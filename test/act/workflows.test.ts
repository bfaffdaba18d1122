/**
 * The workflows users copy (examples/workflows) and gantry's own (.github/workflows), checked
 * without a network (issue 11): every gantry `uses:` names an action of this repository, every
 * `with:` key is one of its inputs, every `steps.<id>.outputs.<name>` one of its outputs; and
 * actionlint finds nothing. test/act/examples.test.ts runs the examples themselves under act,
 * with the remote actions mapped to local folders.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../harness.js";
import { itNeeding } from "../tools.js";

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps?: Step[] }>;
}
interface ActionSpec {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

const dirs = [join(REPO, "examples", "workflows"), join(REPO, ".github", "workflows")];
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => join(d, f)),
);

/** `acme/gantry/actions/<stage>@v1` → actions/<stage>; `acme/gantry@v1` → the root action. */
function gantryAction(uses: string): string | undefined {
  const m = /^acme\/gantry(\/actions\/[a-z-]+)?@v1$/.exec(uses);
  if (!m) return undefined;
  return m[1] ? join(REPO, m[1].slice(1)) : REPO;
}

function actionSpec(dir: string): ActionSpec {
  return parse(readFileSync(join(dir, "action.yml"), "utf8")) as ActionSpec;
}

/** What is wrong with a workflow's use of gantry's actions, one line each. */
function problems(file: string): string[] {
  const wf = parse(readFileSync(file, "utf8")) as Workflow;
  const out: string[] = [];
  for (const [jobName, job] of Object.entries(wf.jobs)) {
    const specs = new Map<string, ActionSpec>();
    for (const step of job.steps ?? []) {
      if (!step.uses?.startsWith("acme/")) continue;
      const dir = gantryAction(step.uses);
      if (!dir || !existsSync(join(dir, "action.yml"))) {
        out.push(`${jobName}: ${step.uses} is no action of this repository`);
        continue;
      }
      const spec = actionSpec(dir);
      if (step.id) specs.set(step.id, spec);
      for (const key of Object.keys(step.with ?? {})) if (!(key in (spec.inputs ?? {}))) out.push(`${jobName}: ${step.uses} has no input ${key}`);
    }
    const text = JSON.stringify(job);
    for (const [, id, name] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const spec = specs.get(id as string);
      if (spec && !((name as string) in (spec.outputs ?? {}))) out.push(`${jobName}: step ${id} has no output ${name}`);
    }
  }
  return out;
}

describe("the example and CI workflows", () => {
  it("are there: the pipeline in jobs, the root action in one step, CI and release", () => {
    const names = files.map((f) => f.slice(REPO.length + 1));
    expect(names).toEqual(
      expect.arrayContaining([
        "examples/workflows/pipeline.yml",
        "examples/workflows/one-step.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
      ]),
    );
  });

  for (const file of files) {
    it(`${file.slice(REPO.length + 1)} uses gantry's actions with their own inputs and outputs`, () => {
      expect(problems(file)).toEqual([]);
    });
  }

  it("catches a misspelt input and an unknown output (the check above can fail)", () => {
    const wrong = join(REPO, "test", "act", "workflows", "wrong-example.yml");
    expect(problems(wrong)).toEqual(["ship: acme/gantry/actions/slim@v1 has no input max_size", "ship: step build has no output digest"]);
  });

  itNeeding(["actionlint"], "actionlint finds nothing in them", () => {
    // -shellcheck= : the run: scripts are short; actionlint still checks expressions and types.
    const r = execFileSync("actionlint", ["-no-color", "-shellcheck=", ...files], { cwd: REPO, encoding: "utf8" });
    expect(r).toBe("");
  });
});
