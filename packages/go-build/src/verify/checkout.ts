import { chmod, lstat, mkdir, mkdtemp, readdir, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { GantryError, type Reporter, exec } from "@gantry/core";

/** A clean copy of one commit with empty Go caches, all in one temp folder that `remove` takes away. */
export interface CleanCheckout {
  commit: string;
  /** The module's folder inside the copy (working-directory's place in the repository). */
  moduleDir: string;
  /** The repository's top in the copy. */
  top: string;
  /** Empty folders for the rebuild's outputs and caches. */
  outDir: string;
  gocache: string;
  gomodcache: string;
  /** HOME and TMPDIR of the rebuild: empty, so no dotfile (Go's env file, git's config) of the caller takes part. */
  home: string;
  tmp: string;
  remove(): Promise<void>;
}

/** Makes every folder under `dir` writable, so a module cache Go left read-only (0555 folders) can be removed. */
async function writableTree(dir: string): Promise<void> {
  const st = await lstat(dir).catch(() => undefined);
  if (!st?.isDirectory()) return;
  if ((st.mode & 0o700) !== 0o700) await chmod(dir, st.mode | 0o700);
  await Promise.all((await readdir(dir)).map((e) => writableTree(join(dir, e))));
}

const git = (cwd: string, args: string[]) => exec("git", args, { cwd, timeoutMs: 120_000 });

/** The 40-hex commit `ref` names in the repository holding `dir` ("" = HEAD); a ref it lacks is said plainly. */
export async function resolveCommit(dir: string, ref: string, input: string): Promise<{ top: string; commit: string }> {
  const top = await git(dir, ["rev-parse", "--show-toplevel"]).catch(() => {
    throw new GantryError(`verify needs the git repository of working-directory to rebuild from, and ${dir} is in none`);
  });
  const r = await exec("git", ["rev-parse", "--verify", "--quiet", `${ref || "HEAD"}^{commit}`], { cwd: dir, allowFailure: true });
  if (r.code !== 0)
    throw new GantryError(
      `verify: the commit to rebuild, ${ref || "HEAD"} (${input}), is not in the repository at ${top.stdout.trim()}; fetch it first (actions/checkout with fetch-depth: 0)`,
    );
  return { top: top.stdout.trim(), commit: r.stdout.trim() };
}

/**
 * `git worktree add --detach` of the commit into a fresh temp folder: only committed files, so no
 * uncommitted change of the working copy leaks into the rebuild. The worktree is unregistered and
 * the folder removed by `remove`, whatever happened.
 */
export async function cleanCheckout(workingDirectory: string, ref: string, input: string, env: NodeJS.ProcessEnv, reporter: Reporter): Promise<CleanCheckout> {
  const { top, commit } = await resolveCommit(workingDirectory, ref, input);
  const parent = env.RUNNER_TEMP || tmpdir();
  // A first run outside a runner: ~/.cache/gantry/tmp is not there yet.
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(join(parent, "gantry-verify-"));
  const src = join(root, "src");
  let added = false;
  const remove = async () => {
    if (added) await git(top, ["worktree", "remove", "--force", src]).catch((err) => reporter.info(`verify: git worktree remove ${src}: ${err}`));
    await writableTree(root);
    await rm(root, { recursive: true, force: true });
    if (added) await git(top, ["worktree", "prune"]).catch(() => undefined);
  };
  try {
    await git(top, ["worktree", "add", "--detach", "--quiet", src, commit]);
    added = true;
    const [home, tmp] = [join(root, "home"), join(root, "tmp")];
    await Promise.all([mkdir(home), mkdir(tmp)]);
    return {
      commit,
      top: src,
      moduleDir: join(src, relative(top, await realpath(workingDirectory))),
      outDir: join(root, "out"),
      gocache: join(root, "gocache"),
      gomodcache: join(root, "gomodcache"),
      home,
      tmp,
      remove,
    };
  } catch (err) {
    await remove();
    throw err;
  }
}
