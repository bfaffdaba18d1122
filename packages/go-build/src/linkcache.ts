import { copyFile, mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import { basename, join } from "node:path";
import { copyFileAtomic, exec, sha256, writeFileAtomic } from "@gantry/core";
import { vcsFlags } from "./ldflags.js";

/**
 * Warm rebuilds without relinking. `-buildid=` (for identical bytes anywhere) blanks the build ID
 * `go build` uses to see that an existing binary is up to date, so it would relink every target
 * every time (measured: 1.3 s for five targets against 0.4 s for this check). Instead, ask Go for
 * the content IDs of every compiled package the binary links (`go list -export -deps`: cached
 * compiles, no link) and reuse a binary linked from exactly those, with exactly the same flags.
 * The binaries live inside GOCACHE (GOCACHE/gantry), so they are restored and saved with it;
 * GANTRY_CACHE_DIR moves them, with gantry's other caches, to a folder of their own (keptFolder).
 *
 * Several writers share the folder: the targets of one run at once, and any other run on the
 * same GOCACHE (a self-hosted runner, two jobs in one container). Each writer copies to a temp
 * name of its own and renames, so a reader sees a whole entry or none; pruning tolerates entries
 * that vanish under it and leaves other writers' temp files alone (issue 10: a new user's demo
 * failed with ENOENT when one target's prune stat'ed another's temp file as it was renamed).
 */
export interface LinkCacheJob {
  go: string;
  goVersion: string;
  /** The folder of kept entries (keptFolder). */
  kept: string;
  moduleDir: string;
  main: string;
  ldflags: string;
  tags: readonly string[];
  flags: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** Entries unused for this long are removed, as Go trims its own cache after five days. */
const MAX_AGE_MS = 5 * 24 * 3600 * 1000;

/** A temp file older than this is a crashed writer's (a copy takes seconds), and is removed. */
const TEMP_MAX_AGE_MS = 3600 * 1000;

/** Temp files are core's tempPathBeside, `<key>.tmp-<pid>-<random>`: unique per write, even for one key written twice at once. */
const TEMP_MARK = ".tmp-";

/**
 * What is kept: linked binaries, archives (whose bytes depend only on their entries and mtime),
 * and passed `go mod verify` verdicts (empty files, see modverdict.ts).
 */
export type ReuseKind = "link" | "archive" | "verdict";
const KINDS: readonly ReuseKind[] = ["link", "archive", "verdict"];

/**
 * Where kept entries live: GOCACHE/gantry by default, so that they restore and save with GOCACHE;
 * `<GANTRY_CACHE_DIR>/go-build` when that is set (the tests and the demo point it into their temp
 * folder, so they leave nothing in the machine's GOCACHE; it is then not saved with GOCACHE).
 */
export function keptFolder(gocache: string, env: NodeJS.ProcessEnv): string {
  const base = env.GANTRY_CACHE_DIR?.trim();
  return base ? join(base, "go-build") : join(gocache, "gantry");
}

function dir(kept: string, kind: ReuseKind): string {
  return join(kept, kind);
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";

/** The key of a link: undefined when it cannot be computed (then go build just runs). */
export async function linkKey(job: LinkCacheJob): Promise<string | undefined> {
  const args = ["list", "-trimpath", ...vcsFlags(job.flags), "-export", "-deps", "-f", "{{if .Export}}{{.Export}}{{end}}"];
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

/** Copies the kept file for `key` to `dest`; false when there is none (or another run just pruned it). */
export async function restoreKept(kept: string, kind: ReuseKind, key: string, dest: string): Promise<boolean> {
  const file = join(dir(kept, kind), key.slice(0, 2), key);
  try {
    await copyFile(file, dest);
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
  const now = new Date();
  // Marks it used; if another run pruned it meanwhile, the copy already made is whole.
  await utimes(file, now, now).catch(() => undefined);
  return true;
}

/** True when an entry for `key` is kept (and marks it used), without copying it anywhere. */
export async function isKept(kept: string, kind: ReuseKind, key: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(join(dir(kept, kind), key.slice(0, 2), key), now, now);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

/** Keeps an empty entry for `key` (a verdict), written like every other entry. */
export async function keepMarker(kept: string, kind: ReuseKind, key: string): Promise<void> {
  await writeFileAtomic(join(dir(kept, kind), key.slice(0, 2), key), "");
}

/** Keeps a file for the next run: copied to a temp name of this write's own (created exclusively), then renamed into place. */
export async function keep(kept: string, kind: ReuseKind, key: string, file: string): Promise<void> {
  const sub = join(dir(kept, kind), key.slice(0, 2));
  await mkdir(sub, { recursive: true });
  await copyFileAtomic(file, join(sub, key));
}

/**
 * Drops entries unused for five days, and temp files a crashed writer left. Run once per build,
 * after its entries are kept; safe while other runs write and prune the same folder.
 * Returns how many files it removed.
 */
export async function pruneKept(kept: string, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const kind of KINDS) {
    const root = dir(kept, kind);
    for (const sub of await readdir(root).catch(() => [] as string[])) {
      for (const f of await readdir(join(root, sub)).catch(() => [] as string[])) {
        const p = join(root, sub, f);
        const info = await stat(p).catch((err) => {
          if (isMissing(err)) return undefined; // renamed or pruned by another writer since readdir
          throw err;
        });
        if (!info?.isFile()) continue;
        const maxAge = f.includes(TEMP_MARK) ? TEMP_MAX_AGE_MS : MAX_AGE_MS;
        if (info.mtimeMs >= now - maxAge) continue;
        await rm(p, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
