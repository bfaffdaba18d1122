import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { basename, join } from "node:path";
import { exec, exists, sha256 } from "@gantry/core";

/**
 * Warm rebuilds without relinking. `-buildid=` (for identical bytes anywhere) blanks the build ID
 * `go build` uses to see that an existing binary is up to date, so it would relink every target
 * every time (measured: 1.3 s for five targets against 0.4 s for this check). Instead, ask Go for
 * the content IDs of every compiled package the binary links (`go list -export -deps`: cached
 * compiles, no link) and reuse a binary linked from exactly those, with exactly the same flags.
 * The binaries live inside GOCACHE, so they are restored and saved with it.
 */
export interface LinkCacheJob {
  go: string;
  goVersion: string;
  gocache: string;
  moduleDir: string;
  main: string;
  ldflags: string;
  tags: readonly string[];
  flags: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** Entries unused for this long are removed, as Go trims its own cache after five days. */
const MAX_AGE_MS = 5 * 24 * 3600 * 1000;

/** What is kept: linked binaries, and archives (whose bytes depend only on their entries and mtime). */
export type ReuseKind = "link" | "archive";

function dir(gocache: string, kind: ReuseKind): string {
  return join(gocache, "gantry", kind);
}

/** The key of a link: undefined when it cannot be computed (then go build just runs). */
export async function linkKey(job: LinkCacheJob): Promise<string | undefined> {
  const args = ["list", "-trimpath", "-export", "-deps", "-f", "{{if .Export}}{{.Export}}{{end}}"];
  if (job.tags.length > 0) args.push(`-tags=${job.tags.join(",")}`);
  args.push(...job.flags, job.main);
  const r = await exec(job.go, args, { cwd: job.moduleDir, env: job.env, allowFailure: true });
  if (r.code !== 0) return undefined;
  const exports = r.stdout
    .split("\n")
    .filter(Boolean)
    .map((p) => basename(p));
  const target = ["GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "CGO_ENABLED", "GOEXPERIMENT"].map(
    (k) => `${k}=${job.env[k] ?? ""}`,
  );
  return sha256(JSON.stringify({ go: job.goVersion, target, ldflags: job.ldflags, tags: job.tags, flags: job.flags, main: job.main, exports }));
}

/** Copies the kept file for `key` to `dest`; false when there is none. */
export async function restoreKept(gocache: string, kind: ReuseKind, key: string, dest: string): Promise<boolean> {
  const file = join(dir(gocache, kind), key.slice(0, 2), key);
  if (!(await exists(file))) return false;
  await copyFile(file, dest);
  const now = new Date();
  await utimes(file, now, now);
  return true;
}

/** Keeps a file for the next run (written then renamed), and drops entries unused for five days. */
export async function keep(gocache: string, kind: ReuseKind, key: string, file: string): Promise<void> {
  const sub = join(dir(gocache, kind), key.slice(0, 2));
  await mkdir(sub, { recursive: true });
  const tmp = join(sub, `${key}.tmp-${process.pid}`);
  await copyFile(file, tmp);
  await rename(tmp, join(sub, key));
  await prune(dir(gocache, kind));
}

async function prune(root: string): Promise<void> {
  const cutoff = Date.now() - MAX_AGE_MS;
  for (const sub of await readdir(root).catch(() => [] as string[])) {
    for (const f of await readdir(join(root, sub)).catch(() => [] as string[])) {
      const p = join(root, sub, f);
      if ((await stat(p)).mtimeMs < cutoff) await rm(p, { force: true });
    }
  }
}
