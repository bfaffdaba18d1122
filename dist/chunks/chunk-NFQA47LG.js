import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  InputError,
  MANIFEST_FILE,
  StateKey,
  splitList
} from "./chunk-FZKQP3XX.js";

// packages/pipeline/src/registry.ts
var packWithUpx = async (...args) => (await import("./src-V3IPRMDQ.js")).packWithUpx(...args), STAGE_LOADERS = {
  deploy: async () => (await import("./src-XH54XEJA.js")).deployStage,
  "go-build": async () => (await import("./src-75XQYAYK.js")).goBuildStageWith(packWithUpx),
  "go-test": async () => (await import("./src-AYSZTFVN.js")).goTestStage,
  image: async () => (await import("./src-I3MANHJ2.js")).imageStage,
  slim: async () => (await import("./src-V3IPRMDQ.js")).slimStage
};
async function loadStages(names) {
  let known = names.filter((n) => n in STAGE_LOADERS), stages = await Promise.all(known.map((n) => STAGE_LOADERS[n]()));
  return Object.fromEntries(known.map((n, i) => [n, stages[i]]));
}

// packages/pipeline/src/pipeline.ts
import { join } from "node:path";

// packages/pipeline/stages.json
var stages_default = { stages: ["go-build", "slim", "image"] };

// packages/pipeline/src/pipeline.ts
var PIPELINE = stages_default.stages.filter((s) => s in STAGE_LOADERS);
function inputPrefix(stage) {
  return stage === "go-build" ? "" : `${stage}-`;
}
function pipelineInputTable(stages) {
  let table = { stages: PIPELINE.join(",") };
  for (let name of PIPELINE)
    for (let [input, value] of Object.entries(stages[name].inputs))
      name !== "go-build" && input === "manifest" || stages[name].standalone?.inputs.includes(input) || (table[`${inputPrefix(name)}${input}`] = value);
  return table;
}
function rootInputError(err, stage, rootInputs) {
  let prefix = inputPrefix(stage);
  return !(err instanceof InputError) || !prefix || !(`${prefix}${err.input}` in rootInputs) ? err : new InputError(`${prefix}${err.input}`, err.value, err.accepted);
}
async function asRootInput(stage, rootInputs, step) {
  try {
    return await step();
  } catch (err) {
    throw rootInputError(err, stage, rootInputs);
  }
}
function scopedContext(ctx, stage) {
  let prefix = inputPrefix(stage);
  return { ...ctx, state: { get: (k) => ctx.state.get(`${stage}:${k}`), set: (k, v) => ctx.state.set(`${stage}:${k}`, v) }, setOutput: (n, v) => ctx.setOutput(`${prefix}${n}`, v) };
}
async function loadPipelineStage() {
  return pipelineStage(await loadStages(PIPELINE));
}
function pipelineStage(stages) {
  let inputs = pipelineInputTable(stages), stage = (name) => stages[name];
  return {
    name: "pipeline",
    description: "Run go-build, slim and image in one step, passing the manifest along.",
    inputs,
    secrets: PIPELINE.flatMap((s) => (stage(s).secrets ?? []).map((n) => `${inputPrefix(s)}${n}`)),
    async parse(read, ctx) {
      let wanted = read.list("stages", "stages");
      for (let s of wanted)
        if (!PIPELINE.includes(s)) throw new InputError("stages", s, `accepted: ${PIPELINE.join(", ")}`);
      let chosen = PIPELINE.filter((s) => wanted.includes(s)), steps = [], manifest = "";
      for (let name of chosen) {
        let fixed = name !== "go-build" && manifest ? { manifest } : {}, parsed = await asRootInput(name, inputs, async () => stage(name).parse(read.scoped(inputPrefix(name), stage(name).inputs, fixed), ctx));
        name === "go-build" && (manifest = join(parsed.outDir, MANIFEST_FILE)), steps.push({ name, inputs: parsed });
      }
      return { steps };
    },
    async run({ steps }, ctx) {
      ctx.state.set(StateKey.PipelineSteps, steps.map((s) => s.name).join(","));
      for (let step of steps)
        await ctx.reporter.group(
          `gantry ${step.name}`,
          () => asRootInput(step.name, inputs, () => stage(step.name).run(step.inputs, scopedContext(ctx, step.name)))
        );
    },
    async post(ctx) {
      for (let name of splitList(ctx.state.get(StateKey.PipelineSteps)))
        await stage(name).post?.(scopedContext(ctx, name));
    }
  };
}

export {
  STAGE_LOADERS,
  loadPipelineStage
};
