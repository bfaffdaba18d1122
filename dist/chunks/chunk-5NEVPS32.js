import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  deployStage
} from "./chunk-ZZ3U47C4.js";
import {
  goBuildStage
} from "./chunk-QO2W2YIS.js";
import {
  goTestStage
} from "./chunk-EGNDDD6U.js";
import {
  imageStage
} from "./chunk-K5OHZQWL.js";
import {
  slimStage
} from "./chunk-FGMJL5XO.js";
import {
  InputError,
  MANIFEST_FILE,
  StateKey,
  splitList
} from "./chunk-HSN3EHZW.js";

// packages/pipeline/src/registry.ts
var STAGES = {
  deploy: deployStage,
  "go-build": goBuildStage,
  "go-test": goTestStage,
  image: imageStage,
  slim: slimStage
};

// packages/pipeline/src/pipeline.ts
import { join } from "node:path";

// packages/pipeline/stages.json
var stages_default = { stages: ["go-build", "slim", "image"] };

// packages/pipeline/src/pipeline.ts
var PIPELINE = stages_default.stages.filter((s) => s in STAGES);
function inputPrefix(stage) {
  return stage === "go-build" ? "" : `${stage}-`;
}
function pipelineInputTable() {
  let table = { stages: PIPELINE.join(",") };
  for (let name of PIPELINE)
    for (let [input, value] of Object.entries(STAGES[name].inputs))
      name !== "go-build" && input === "manifest" || (table[`${inputPrefix(name)}${input}`] = value);
  return table;
}
function rootInputError(err, stage, rootInputs) {
  let prefix = inputPrefix(stage);
  return !(err instanceof InputError) || !prefix || !(`${prefix}${err.input}` in rootInputs) ? err : new InputError(`${prefix}${err.input}`, err.value, err.accepted);
}
async function asRootInput(stage, step) {
  try {
    return await step();
  } catch (err) {
    throw rootInputError(err, stage, pipelineStage.inputs);
  }
}
function scopedContext(ctx, stage) {
  let prefix = inputPrefix(stage);
  return { ...ctx, state: { get: (k) => ctx.state.get(`${stage}:${k}`), set: (k, v) => ctx.state.set(`${stage}:${k}`, v) }, setOutput: (n, v) => ctx.setOutput(`${prefix}${n}`, v) };
}
var pipelineStage = {
  name: "pipeline",
  description: "Run go-build, slim and image in one step, passing the manifest along.",
  inputs: pipelineInputTable(),
  get secrets() {
    return PIPELINE.flatMap((s) => (STAGES[s].secrets ?? []).map((n) => `${inputPrefix(s)}${n}`));
  },
  async parse(read, ctx) {
    let wanted = read.list("stages");
    for (let s of wanted)
      if (!PIPELINE.includes(s)) throw new InputError("stages", s, `accepted: ${PIPELINE.join(", ")}`);
    let chosen = PIPELINE.filter((s) => wanted.includes(s)), steps = [], manifest = "";
    for (let name of chosen) {
      let stage = STAGES[name], fixed = name !== "go-build" && manifest ? { manifest } : {}, inputs = await asRootInput(name, async () => stage.parse(read.scoped(inputPrefix(name), stage.inputs, fixed), ctx));
      name === "go-build" && (manifest = join(inputs.outDir, MANIFEST_FILE)), steps.push({ name, inputs });
    }
    return { steps };
  },
  async run({ steps }, ctx) {
    ctx.state.set(StateKey.PipelineSteps, steps.map((s) => s.name).join(","));
    for (let step of steps) {
      let stage = STAGES[step.name];
      await ctx.reporter.group(`gantry ${step.name}`, () => asRootInput(step.name, () => stage.run(step.inputs, scopedContext(ctx, step.name))));
    }
  },
  async post(ctx) {
    for (let name of splitList(ctx.state.get(StateKey.PipelineSteps)))
      await STAGES[name].post?.(scopedContext(ctx, name));
  }
};

export {
  STAGES,
  pipelineStage
};
