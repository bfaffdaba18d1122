import { join } from "node:path";
import { InputError, MANIFEST_FILE, type RunContext, type Stage, StateKey, type StateStore, splitList } from "@gantry/core";
import { GO_BUILD_INPUTS, type GoBuildInputs, VERIFY_ONLY } from "@gantry/go-build";
import order from "../stages.json" with { type: "json" };
import { STAGES } from "./registry.js";

/** The stages the root action runs, in order, as far as they exist. */
export const PIPELINE: readonly string[] = order.stages.filter((s) => s in STAGES);

/** go-build's inputs as they are; a later stage's with its name as prefix (`slim-max-size`). */
export function inputPrefix(stage: string): string {
  return stage === "go-build" ? "" : `${stage}-`;
}

function pipelineInputTable(): Record<string, string> {
  const table: Record<string, string> = { stages: PIPELINE.join(",") };
  for (const name of PIPELINE) {
    for (const [input, value] of Object.entries((STAGES[name] as Stage<unknown>).inputs)) {
      if (name !== "go-build" && input === "manifest") continue;
      if (name === "go-build" && (VERIFY_ONLY.inputs as readonly string[]).includes(input)) continue;
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
async function asRootInput<T>(stage: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw rootInputError(err, stage, pipelineStage.inputs);
  }
}

interface PipelineInputs {
  steps: { name: string; inputs: unknown }[];
}

/** Scopes outputs and state to one stage, so two stages never overwrite each other's. */
function scopedContext(ctx: RunContext, stage: string): RunContext {
  const prefix = inputPrefix(stage);
  const state: StateStore = { get: (k) => ctx.state.get(`${stage}:${k}`), set: (k, v) => ctx.state.set(`${stage}:${k}`, v) };
  return { ...ctx, state, setOutput: (n, v) => ctx.setOutput(`${prefix}${n}`, v) };
}

/** go-build → slim → image in one step; every stage's inputs are parsed before the first runs. */
export const pipelineStage: Stage<PipelineInputs> = {
  name: "pipeline",
  description: "Run go-build, slim and image in one step, passing the manifest along.",
  inputs: pipelineInputTable(),
  get secrets() {
    return PIPELINE.flatMap((s) => ((STAGES[s] as Stage<unknown>).secrets ?? []).map((n) => `${inputPrefix(s)}${n}`));
  },
  async parse(read, ctx) {
    const wanted = read.list("stages");
    for (const s of wanted) {
      if (!PIPELINE.includes(s)) throw new InputError("stages", s, `accepted: ${PIPELINE.join(", ")}`);
    }
    const chosen = PIPELINE.filter((s) => wanted.includes(s));
    const steps: PipelineInputs["steps"] = [];
    let manifest = "";
    for (const name of chosen) {
      const stage = STAGES[name] as Stage<unknown>;
      const fixed: Record<string, string> = name !== "go-build" && manifest ? { manifest } : {};
      const inputs = await asRootInput(name, async () => stage.parse(read.scoped(inputPrefix(name), stage.inputs, fixed), ctx));
      if (name === "go-build") manifest = join((inputs as GoBuildInputs).outDir, MANIFEST_FILE);
      steps.push({ name, inputs });
    }
    return { steps };
  },
  async run({ steps }, ctx) {
    ctx.state.set(StateKey.PipelineSteps, steps.map((s) => s.name).join(","));
    for (const step of steps) {
      const stage = STAGES[step.name] as Stage<unknown>;
      await ctx.reporter.group(`gantry ${step.name}`, () => asRootInput(step.name, () => stage.run(step.inputs, scopedContext(ctx, step.name))));
    }
  },
  async post(ctx) {
    for (const name of splitList(ctx.state.get(StateKey.PipelineSteps))) {
      await (STAGES[name] as Stage<unknown>).post?.(scopedContext(ctx, name));
    }
  },
};

export { GO_BUILD_INPUTS };
