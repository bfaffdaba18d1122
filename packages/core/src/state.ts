import * as core from "@actions/core";
import { envInputSource } from "./inputs.js";

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

/**
 * A secret input of a stage (`Stage.secrets` names them): masked as it is read and never kept in
 * state, which the runner writes to a plain file (GITHUB_STATE) for the post step.
 */
export interface SecretInput {
  readonly input: string;
  /** Where the parsed inputs hold its value, as property names from their top; absent when they do not keep it. */
  readonly at?: readonly string[];
  /** The post step needs it: read again from the step's own inputs (a post step gets INPUT_* too; so does the CLI's), never from state. */
  readonly post?: boolean;
}

/** What a main step leaves for its post step: the parsed inputs and whatever else the stage needs. */
export interface PostRecord<I extends object> {
  inputs: I;
}

/** Saves `record` under `key` for the post step, with every secret blanked where its inputs hold it. */
export function savePostState<R extends PostRecord<object>>(state: StateStore, key: string, record: R, secrets: readonly SecretInput[]): void {
  const inputs = JSON.parse(JSON.stringify(record.inputs)) as Record<string, unknown>;
  for (const s of secrets) {
    const at = s.at && holder(inputs, s.at);
    if (at) at.parent[at.key] = blank(at.parent[at.key]);
  }
  state.set(key, JSON.stringify({ ...record, inputs }));
}

/** The record savePostState left under `key` (undefined when none), with the secrets the post step needs read again from `env`'s INPUT_* variables. */
export function loadPostState<R extends PostRecord<object>>(
  state: StateStore,
  key: string,
  secrets: readonly SecretInput[],
  env: NodeJS.ProcessEnv,
): R | undefined {
  const raw = state.get(key);
  if (!raw) return undefined;
  const record = JSON.parse(raw) as R;
  const read = envInputSource(env);
  for (const s of secrets) {
    const value = s.post ? read(s.input)?.trim() : undefined;
    const at = value && s.at && holder(record.inputs as Record<string, unknown>, s.at);
    if (at) at.parent[at.key] = value;
  }
  return record;
}

/** The object that holds the property at `path`, when every step exists and the last one is its own property (a haproxy router has no admin token). */
function holder(root: Record<string, unknown>, path: readonly string[]): { parent: Record<string, unknown>; key: string } | undefined {
  let parent: unknown = root;
  for (const step of path.slice(0, -1)) parent = isRecord(parent) && Object.hasOwn(parent, step) ? parent[step] : undefined;
  const key = path[path.length - 1];
  return key !== undefined && isRecord(parent) && Object.hasOwn(parent, key) ? { parent, key } : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The empty value of the same shape, so the stored inputs keep their type. */
function blank(v: unknown): unknown {
  return Array.isArray(v) ? [] : isRecord(v) ? {} : typeof v === "string" ? "" : undefined;
}
