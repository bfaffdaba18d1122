import { mkdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type Annotation, ExecError, type Reporter, exeSuffix, exec, formatBytes, formatDuration, formatTarget, sha256File, targetSlug } from "@gantry/core";
import { vcsFlags } from "./ldflags.js";
import { keep, linkKey, restoreKept } from "./linkcache.js";
import { type BuildTarget, VARIANT_ENV_NAMES } from "./targets.js";

export interface CompileJob {
  go: string;
  /** For the link cache: the toolchain's version and GOCACHE (undefined turns it off). */
  linkCache?: { goVersion: string; kept: string };
  moduleDir: string;
  main: string;
  name: string;
  target: BuildTarget;
  ldflags: string;
  tags: readonly string[];
  flags: readonly string[];
  cgo: boolean;
  /** Folder the binary's own folder goes in. */
  outRoot: string;
  env: NodeJS.ProcessEnv;
}

export interface CompiledBinary {
  target: BuildTarget;
  path: string;
  size: number;
  sha256: string;
  durationMs: number;
  /** True when an identical earlier link was reused (see linkcache.ts). */
  reused: boolean;
}

/** The arguments of one `go build`, never through a shell. */
export function goBuildArgs(job: CompileJob, output: string): string[] {
  const args = ["build", "-trimpath", ...vcsFlags(job.flags), `-ldflags=${job.ldflags}`];
  if (job.tags.length > 0) args.push(`-tags=${job.tags.join(",")}`);
  args.push(...job.flags, "-o", output, job.main);
  return args;
}

/** The environment of one target's build: only the target decides GOOS/GOARCH/variant. */
export function goBuildEnv(job: CompileJob): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...job.env };
  for (const name of VARIANT_ENV_NAMES) delete env[name];
  return { ...env, GOOS: job.target.os, GOARCH: job.target.arch, CGO_ENABLED: job.cgo ? "1" : "0", ...job.target.env };
}

/** The binary's path: `<outRoot>/<name>_<os>_<arch><variant>/<name>[.exe]`, goreleaser's layout. */
export function binaryPath(job: Pick<CompileJob, "outRoot" | "name" | "target">): string {
  return join(job.outRoot, `${job.name}_${targetSlug(job.target)}`, `${job.name}${exeSuffix(job.target)}`);
}

export class CompileError extends Error {
  constructor(
    readonly target: BuildTarget,
    readonly firstError: string,
    readonly output: string,
  ) {
    super(`${formatTarget(target)} failed to build: ${firstError}`);
  }
}

/** One target's link check: its binary's path, its link key, and whether an earlier identical link was copied there. */
interface Checked {
  out: string;
  env: NodeJS.ProcessEnv;
  key?: string;
  reused: boolean;
  started: number;
}

/** Reuses the identical link of an earlier run when there is one (linkcache.ts); cheap when warm, compiles when cold. */
async function checkLink(job: CompileJob): Promise<Checked> {
  const started = performance.now();
  const out = binaryPath(job);
  await mkdir(join(out, ".."), { recursive: true });
  const env = goBuildEnv(job);
  const cache =
    job.linkCache && !job.cgo
      ? { ...job.linkCache, go: job.go, moduleDir: job.moduleDir, main: job.main, ldflags: job.ldflags, tags: job.tags, flags: job.flags, env }
      : undefined;
  const key = cache ? await linkKey(cache) : undefined;
  const reused = key !== undefined && (await restoreKept(cache?.kept as string, "link", key, out));
  return { out, env, key, reused, started };
}

/** `go build` for a target whose link was not reused, keeping the binary for the next run. */
async function link(job: CompileJob, c: Checked): Promise<void> {
  try {
    await exec(job.go, goBuildArgs(job, c.out), { cwd: job.moduleDir, env: c.env });
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    const output = err.result.stderr || err.result.stdout;
    const first = output.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#")) ?? `go build exited with ${err.code}`;
    throw new CompileError(job.target, first.trim(), output);
  }
  if (c.key && job.linkCache) await keep(job.linkCache.kept, "link", c.key, c.out);
}

async function described(job: CompileJob, c: Checked): Promise<CompiledBinary> {
  const [info, sha] = await Promise.all([stat(c.out), sha256File(c.out)]);
  return { target: job.target, path: c.out, size: info.size, sha256: sha, durationMs: performance.now() - c.started, reused: c.reused };
}

/** Builds one target, or reuses the identical link of an earlier run. */
export async function compile(job: CompileJob): Promise<CompiledBinary> {
  const c = await checkLink(job);
  if (!c.reused) await link(job, c);
  return described(job, c);
}

/** Runs at most `n` of the functions given to it at once, the others in the order they came. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    while (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** `./main.go:12:5: undefined: x` → an annotation at the file relative to the workspace. */
export function compileAnnotations(output: string, moduleDir: string, workspace: string): Annotation[] {
  const found: Annotation[] = [];
  for (const line of output.split("\n")) {
    const m = /^(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/.exec(line.trim());
    if (!m) continue;
    const file = relative(workspace, isAbsolute(m[1] as string) ? (m[1] as string) : resolve(moduleDir, m[1] as string))
      .split("\\")
      .join("/");
    found.push({ level: "error", title: "go build", file, line: Number(m[2]), col: m[3] ? Number(m[3]) : undefined, message: m[4] as string });
  }
  return found;
}

/** How compileAll schedules its jobs. */
export interface CompileSchedule {
  /** Builds (`go build`) at once. */
  limit: number;
  /**
   * Link checks at once, at least `limit`: warm, a check is all a target costs (issue 14: five
   * one after another were a third of a warm rebuild), so they run on every core.
   */
  checks?: number;
  /** Awaited before the first `go build` (mod-check), while the link checks already run. */
  ready?: Promise<unknown>;
}

/**
 * Checks every job's link, builds those not reused, and reports progress; returns results and failures.
 * `onBuilt` hears of each binary as soon as it is ready, so what follows (archives) overlaps the other builds.
 */
export async function compileAll(
  jobs: readonly CompileJob[],
  schedule: CompileSchedule,
  reporter: Reporter,
  onBuilt?: (b: CompiledBinary) => void,
): Promise<{ built: CompiledBinary[]; failed: CompileError[] }> {
  const built: CompiledBinary[] = [];
  const failed: CompileError[] = [];
  const checks = limiter(Math.max(schedule.limit, schedule.checks ?? 1));
  const builds = limiter(Math.max(1, schedule.limit));
  let done = 0;
  const one = async (job: CompileJob) => {
    const label = formatTarget(job.target);
    try {
      const c = await checks(() => checkLink(job));
      if (!c.reused) {
        await schedule.ready;
        // After a failure, no new build starts (the run fails anyway).
        const linked = await builds(async () => {
          if (failed.length > 0) return false;
          await link(job, c);
          return true;
        });
        if (!linked) return;
      }
      const b = await described(job, c);
      built.push(b);
      onBuilt?.(b);
      reporter.info(
        `[${++done}/${jobs.length}] ${label}: ${b.reused ? "unchanged, linked binary reused" : "built"} in ${formatDuration(b.durationMs)}, ${formatBytes(b.size)}`,
      );
    } catch (err) {
      if (!(err instanceof CompileError)) throw err;
      failed.push(err);
      reporter.info(`[${++done}/${jobs.length}] ${label}: FAILED`);
      await reporter.group(`go build output for ${label}`, async () => reporter.info(err.output.trimEnd()));
    }
  };
  // Every job settles before an error is thrown, so nothing writes into out-dir after the caller gives up on it.
  const settled = await Promise.allSettled(jobs.map(one));
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  const order = new Map(jobs.map((j, i) => [formatTarget(j.target), i]));
  built.sort((a, b) => (order.get(formatTarget(a.target)) ?? 0) - (order.get(formatTarget(b.target)) ?? 0));
  return { built, failed };
}
