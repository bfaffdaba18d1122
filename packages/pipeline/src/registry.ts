import type { Stage } from "@gantry/core";
import type { UpxPacker } from "@gantry/go-build";

// biome-ignore lint/suspicious/noExplicitAny: each stage has its own input type
export type AnyStage = Stage<any>;

/** go-build's `upx` input runs slim's engine, loaded only when a build asks for it; no stage imports another, so it is wired here. */
const packWithUpx: UpxPacker = async (...args) => (await import("@gantry/slim")).packWithUpx(...args);

/**
 * Every stage the CLI and the pipeline can run, by its action's folder name. Each is loaded only
 * when it is asked for (issue 14, start-up): `gantry go-build` never reads deploy's code, and the
 * bundler puts each stage in chunks of its own.
 */
export const STAGE_LOADERS: Readonly<Record<string, () => Promise<AnyStage>>> = {
  deploy: async () => (await import("@gantry/deploy")).deployStage,
  "go-build": async () => (await import("@gantry/go-build")).goBuildStageWith(packWithUpx),
  "go-test": async () => (await import("@gantry/go-test")).goTestStage,
  image: async () => (await import("@gantry/image")).imageStage,
  slim: async () => (await import("@gantry/slim")).slimStage,
};

/** The named stages, loaded side by side; undefined for a name that is no stage. */
export async function loadStages(names: readonly string[]): Promise<Record<string, AnyStage>> {
  const known = names.filter((n) => n in STAGE_LOADERS);
  const stages = await Promise.all(known.map((n) => (STAGE_LOADERS[n] as () => Promise<AnyStage>)()));
  return Object.fromEntries(known.map((n, i) => [n, stages[i] as AnyStage]));
}
