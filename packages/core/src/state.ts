import * as core from "@actions/core";

/** Values carried from a main step to its post step (GITHUB_STATE / STATE_*). */
export interface StateStore {
  get(key: string): string;
  set(key: string, value: string): void;
}

export const actionsState: StateStore = {
  get: (key) => core.getState(key),
  set: (key, value) => core.saveState(key, value),
};

/** In-memory state for the CLI, which runs post right after main. */
export function memoryState(): StateStore {
  const values = new Map<string, string>();
  return { get: (k) => values.get(k) ?? "", set: (k, v) => void values.set(k, v) };
}

/** Every state key any stage uses, in one place. */
export const StateKey = {
  /** JSON of the cache entries to save in post (see cache.ts). */
  CachePlan: "gantry-cache-plan",
  /** Files to delete in post (e.g. an SSH key). */
  Cleanup: "gantry-cleanup",
  /** The deploy in flight (run id, state-dir, inputs without secrets), for post to finish or roll back. */
  DeployRun: "gantry-deploy-run",
  /** The pipeline's stages that ran, for their post steps. */
  PipelineSteps: "gantry-pipeline-steps",
} as const;
