import { readFile, realpath } from "node:fs/promises";
import { delimiter, dirname, isAbsolute, join } from "node:path";
import { type Reporter, exec, isExecutable, lastLines, which } from "@gantry/core";
import type { LayerName } from "./inputs.js";
import { type Finding, type ModuleRoot, parseFindings } from "./locate.js";
import type { LayerResult } from "./results.js";

/** What the action needs to know from `go env`: asked once, off the critical path. */
export interface GoEnv {
  version: string;
  gopath: string;
  gobin: string;
}

/** What the vuln and lint layers need of the prepared run. */
export interface ToolLayerContext {
  go: string;
  packages: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** GOPATH and GOBIN, asked of go once when first needed. */
  goEnv: () => Promise<GoEnv>;
  modules: readonly ModuleRoot[];
  reporter: Reporter;
  /** The layer may be skipped when its tool is missing (unavailableLayer). */
  optional: boolean;
}

/** GOVERSION, GOPATH and GOBIN from one `go env`. */
export async function readGoEnv(go: string, cwd: string, env: NodeJS.ProcessEnv): Promise<GoEnv> {
  const { stdout } = await exec(go, ["env", "GOVERSION", "GOPATH", "GOBIN"], { cwd, env });
  const [version = "", gopath = "", gobin = ""] = stdout.split("\n").map((s) => s.trim());
  return { version, gopath, gobin };
}

/**
 * The version of a Go installation without starting it: GOROOT/VERSION beside the real binary
 * (`go1.19.8`), as release archives, setup-go and distribution packages lay it out.
 */
export async function goVersionOf(go: string): Promise<string | undefined> {
  try {
    const root = dirname(dirname(await realpath(go)));
    const first = (await readFile(join(root, "VERSION"), "utf8")).split("\n")[0]?.trim();
    return first?.startsWith("go") ? first : undefined;
  } catch {
    return undefined;
  }
}

/** Finds a program on PATH (core's which), then in GOBIN and each GOPATH's bin (where `go install` puts it). */
export async function findTool(name: string, env: NodeJS.ProcessEnv, goEnv?: Pick<GoEnv, "gopath" | "gobin">): Promise<string | undefined> {
  const onPath = await which(name, env);
  if (onPath || isAbsolute(name)) return onPath;
  const dirs = [goEnv?.gobin, ...(goEnv?.gopath ?? "").split(delimiter).map((p) => (p ? join(p, "bin") : undefined))];
  for (const d of dirs) if (d && (await isExecutable(join(d, name)))) return join(d, name);
  return undefined;
}

/**
 * Why the race layer cannot run here, if it cannot: -race needs cgo and a C compiler (issue 5).
 * CGO_ENABLED=0 in the job's environment is no reason: the race layer sets CGO_ENABLED=1 for itself.
 * The compiler is $CC, else go's default (clang on the BSDs and macOS, gcc elsewhere).
 */
export async function raceProblem(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const cc = env.CC?.trim().split(/\s+/)[0] || (/^(darwin|freebsd|openbsd)$/.test(process.platform) ? "clang" : "gcc");
  if (await findTool(cc, env)) return undefined;
  return `the race detector needs cgo and a C compiler, and ${cc} (go env CC) was not found on PATH; install one (apt-get install gcc) or remove race from layers`;
}

/** A layer result for a tool run (vet, lint, vuln). */
export function toolResult(layer: LayerName, ok: boolean, findings: Finding[], log: string, durationMs: number, reason?: string): LayerResult {
  return { layer, status: ok ? "passed" : "failed", reason, durationMs, tests: [], packageFailures: [], packages: [], findings, runs: 1, log };
}

/** `go vet`: its findings at file:line:col; a type error fails it like a build would. */
export async function runVet(go: string, packages: readonly string[], cwd: string, env: NodeJS.ProcessEnv, layer: LayerName = "vet"): Promise<LayerResult> {
  const r = await exec(go, ["vet", ...packages], { cwd, env, allowFailure: true });
  const log = `${r.stdout}${r.stderr}`;
  const findings = parseFindings(log.split("\n"), cwd);
  const ok = r.code === 0;
  return toolResult(
    layer,
    ok,
    findings,
    log,
    r.durationMs,
    ok || findings.length > 0 ? undefined : `go vet ${describeExit(r.code, r.signal)}: ${lastLines(log, 3)}`,
  );
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with ${code}`;
}

/** A layer that could not run here, and why. */
export function skippedLayer(layer: LayerName, reason: string): LayerResult {
  return { layer, status: "skipped", reason, durationMs: 0, tests: [], packageFailures: [], packages: [], findings: [], runs: 0 };
}

/**
 * A layer whose tool is missing here: skipped when the layer is optional (the default list, or
 * `race?`), else failed, naming the tool, so a layer the user asked for never passes unrun.
 */
export function unavailableLayer(layer: LayerName, why: string, optional: boolean): LayerResult {
  if (optional) return skippedLayer(layer, why);
  return { ...skippedLayer(layer, `${why}; or mark the layer optional (${layer}?) to skip it where its tool is missing`), status: "failed" };
}
