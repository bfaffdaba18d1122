import { join } from "node:path";
import { InputError, MANIFEST_FILE, type RunContext, type Stage, StateKey, type StateStore, splitList } from "@gantry/core";
import type { GoBuildInputs } from "@gantry/go-build";
import order from "../stages.json" with { type: "json" };
import { type AnyStage, STAGE_LOADERS, loadStages } from "./registry.js";

/** The stages the root action runs, in order, as far as they exist. */
export const PIPELINE: readonly string[] = order.stages.filter((s) => s in STAGE_LOADERS);

/** go-build's inputs as they are; a later stage's with its name as prefix (`slim-max-size`). */
export function inputPrefix(stage: string): string {
  return stage === "go-build" ? "" : `${stage}-`;
}

function pipelineInputTable(stages: Readonly<Record<string, AnyStage>>): Record<string, string> {
  const table: Record<string, string> = { stages: PIPELINE.join(",") };
  for (const name of PIPELINE) {
    for (const [input, value] of Object.entries((stages[name] as AnyStage).inputs)) {
      if (name !== "go-build" && input === "manifest") continue;
      if ((stages[name] as AnyStage).standalone?.inputs.includes(input)) continue;
      table[`${inputPrefix(name)}${input}`] = value;
    }
  }
  return table;
}

/**
 * A stage's InputError renamed to the root action's own input (`max-size` → `slim-max-size`), so the
 * error names what the user wrote in the root action's `with:` (issue 11). Other errors, and names the
 * root action does not have (the manifest it passes along), are left as they are.
 */
export function rootInputError(err: unknown, stage: string, rootInputs: Readonly<Record<string, string>>): unknown {
  const prefix = inputPrefix(stage);
  if (!(err instanceof InputError) || !prefix || !(`${prefix}${err.input}` in rootInputs)) return err;
  return new InputError(`${prefix}${err.input}`, err.value, err.accepted);
}

/** Runs one stage's step, its input errors named as the root action's inputs. */
async function asRootInput<T>(stage: string, rootInputs: Readonly<Record<string, string>>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw rootInputError(err, stage, rootInputs);
  }
}

export interface PipelineInputs {
  steps: { name: string; inputs: unknown }[];
}

/** Scopes outputs and state to one stage, so two stages never overwrite each other's. */
function scopedContext(ctx: RunContext, stage: string): RunContext {
  const prefix = inputPrefix(stage);
  const state: StateStore = { get: (k) => ctx.state.get(`${stage}:${k}`), set: (k, v) => ctx.state.set(`${stage}:${k}`, v) };
  return { ...ctx, state, setOutput: (n, v) => ctx.setOutput(`${prefix}${n}`, v) };
}

/** The root action's stage over the pipeline's stages, loaded first (only those stages.json names; issue 14). */
export async function loadPipelineStage(): Promise<Stage<PipelineInputs>> {
  return pipelineStage(await loadStages(PIPELINE));
}

/** go-build → slim → image in one step; every stage's inputs are parsed before the first runs. */
export function pipelineStage(stages: Readonly<Record<string, AnyStage>>): Stage<PipelineInputs> {
  const inputs = pipelineInputTable(stages);
  const stage = (name: string) => stages[name] as AnyStage;
  return {
    name: "pipeline",
    description: "Run go-build, slim and image in one step, passing the manifest along.",
    inputs,
    secrets: PIPELINE.flatMap((s) => (stage(s).secrets ?? []).map((n) => `${inputPrefix(s)}${n}`)),
    async parse(read, ctx) {
      const wanted = read.list("stages", "stages");
      for (const s of wanted) {
        if (!PIPELINE.includes(s)) throw new InputError("stages", s, `accepted: ${PIPELINE.join(", ")}`);
      }
      const chosen = PIPELINE.filter((s) => wanted.includes(s));
      const steps: PipelineInputs["steps"] = [];
      let manifest = "";
      for (const name of chosen) {
        const fixed: Record<string, string> = name !== "go-build" && manifest ? { manifest } : {};
        const parsed = await asRootInput(name, inputs, async () => stage(name).parse(read.scoped(inputPrefix(name), stage(name).inputs, fixed), ctx));
        if (name === "go-build") manifest = join((parsed as GoBuildInputs).outDir, MANIFEST_FILE);
        steps.push({ name, inputs: parsed });
      }
      return { steps };
    },
    async run({ steps }, ctx) {
      ctx.state.set(StateKey.PipelineSteps, steps.map((s) => s.name).join(","));
      for (const step of steps) {
        await ctx.reporter.group(`gantry ${step.name}`, () =>
          asRootInput(step.name, inputs, () => stage(step.name).run(step.inputs, scopedContext(ctx, step.name))),
        );
      }
    },
    async post(ctx) {
      for (const name of splitList(ctx.state.get(StateKey.PipelineSteps))) {
        await stage(name).post?.(scopedContext(ctx, name));
      }
    },
  };
}
