import { mkdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type Annotation, ExecError, type Reporter, exeSuffix, exec, formatBytes, formatDuration, formatTarget, sha256File, targetSlug } from "@gantry/core";
import { keep, linkKey, restoreKept } from "./linkcache.js";
import { type BuildTarget, VARIANT_ENV_NAMES } from "./targets.js";

export interface CompileJob {
  go: string;
  /** For the link cache: the toolchain's version and GOCACHE (undefined turns it off). */
  linkCache?: { goVersion: string; gocache: string };
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
  const args = ["build", "-trimpath", `-ldflags=${job.ldflags}`];
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

/** Builds one target, or reuses the identical link of an earlier run. */
export async function compile(job: CompileJob): Promise<CompiledBinary> {
  const started = performance.now();
  const out = binaryPath(job);
  await mkdir(join(out, ".."), { recursive: true });
  const env = goBuildEnv(job);
  const cache =
    job.linkCache && !job.cgo
      ? { ...job.linkCache, go: job.go, moduleDir: job.moduleDir, main: job.main, ldflags: job.ldflags, tags: job.tags, flags: job.flags, env }
      : undefined;
  try {
    const key = cache ? await linkKey(cache) : undefined;
    const reused = key !== undefined && (await restoreKept(cache?.gocache as string, "link", key, out));
    if (!reused) {
      await exec(job.go, goBuildArgs(job, out), { cwd: job.moduleDir, env });
      if (key) await keep(cache?.gocache as string, "link", key, out);
    }
    const [info, sha] = await Promise.all([stat(out), sha256File(out)]);
    return { target: job.target, path: out, size: info.size, sha256: sha, durationMs: performance.now() - started, reused };
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    const output = err.result.stderr || err.result.stdout;
    const first = output.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#")) ?? `go build exited with ${err.code}`;
    throw new CompileError(job.target, first.trim(), output);
  }
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

/** Runs jobs with at most `limit` at once, reporting progress; returns results and failures. */
export async function compileAll(jobs: readonly CompileJob[], limit: number, reporter: Reporter): Promise<{ built: CompiledBinary[]; failed: CompileError[] }> {
  const built: CompiledBinary[] = [];
  const failed: CompileError[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < jobs.length && failed.length === 0) {
      const job = jobs[next++] as CompileJob;
      const label = formatTarget(job.target);
      try {
        const b = await compile(job);
        built.push(b);
        reporter.info(
          `[${++done}/${jobs.length}] ${label}: ${b.reused ? "unchanged, linked binary reused" : "built"} in ${formatDuration(b.durationMs)}, ${formatBytes(b.size)}`,
        );
      } catch (err) {
        if (!(err instanceof CompileError)) throw err;
        failed.push(err);
        reporter.info(`[${++done}/${jobs.length}] ${label}: FAILED`);
        await reporter.group(`go build output for ${label}`, async () => reporter.info(err.output.trimEnd()));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  const order = new Map(jobs.map((j, i) => [formatTarget(j.target), i]));
  built.sort((a, b) => (order.get(formatTarget(a.target)) ?? 0) - (order.get(formatTarget(b.target)) ?? 0));
  return { built, failed };
}
