import { constants } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { GantryError, InputError, SBOM_SUFFIXES } from "@gantry/core";
import { type ExecutableInfo, NotExecutableError, parseExecutable, targetOf } from "./binfmt.js";
import { globFiles } from "./glob.js";

/** One file to slim, as the manifest or the `files` input names it. */
export interface SlimFile {
  path: string;
  /** Target the manifest says it was built for (`linux/arm/v7`); detected from the file otherwise. */
  target?: string;
  /** The input that named it, for error messages (`files`, `manifest`). */
  input: string;
  /** The text in that input (glob or manifest entry path). */
  named: string;
}

/** A file checked and read, ready to slim. */
export interface PlannedFile extends SlimFile {
  target: string;
  info: ExecutableInfo;
  bytes: Buffer;
  mode: number;
  size: number;
}

/** What a glob never picks up: slim's own kept originals and go-build's SBOMs beside each binary (issue 15). */
const NOT_BINARIES = [".orig", SBOM_SUFFIXES.spdx, SBOM_SUFFIXES.cyclonedx];

/** Files matched by the `files` globs; a glob that matches nothing is an input error. */
export async function filesFromGlobs(globs: readonly string[], cwd: string): Promise<SlimFile[]> {
  const seen = new Set<string>();
  const out: SlimFile[] = [];
  for (const g of globs) {
    const matched = (await globFiles(g, cwd)).filter((f) => !NOT_BINARIES.some((end) => f.endsWith(end)));
    const existing: string[] = [];
    for (const f of matched) if (await isFile(f)) existing.push(f);
    if (existing.length === 0)
      throw new InputError("files", g, `it matches no file under ${cwd}; accepted: newline-separated globs such as dist/**/app or bin/*`);
    for (const f of existing) {
      if (seen.has(f)) continue;
      seen.add(f);
      out.push({ path: f, input: "files", named: g });
    }
  }
  return out;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Writable for slim's purposes: the file can be replaced (its folder is writable) and its own
 * mode allows writing. Checked on the mode bits too, because root passes every access() check
 * and a read-only file is the owner's way to say "leave it".
 */
async function writeProblem(path: string, mode: number): Promise<string | undefined> {
  if ((mode & 0o200) === 0) return "the file is read-only (chmod u+w to let slim replace it)";
  try {
    await access(path, constants.W_OK);
    await access(dirname(path), constants.W_OK);
  } catch (err) {
    return `it cannot be replaced (${(err as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

/**
 * Reads and checks every file before anything is changed: each must be a writable executable
 * whose headers agree with the target the manifest gives. All problems are reported at once.
 */
export async function planFiles(files: readonly SlimFile[], cwd: string): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  const problems: GantryError[] = [];
  for (const f of files) {
    const shown = relative(cwd, f.path) || f.path;
    try {
      const st = await stat(f.path);
      if (!st.isFile()) throw new InputError(f.input, f.named, `${shown} is not a regular file`);
      const bytes = await readFile(f.path);
      let info: ExecutableInfo;
      try {
        info = parseExecutable(bytes);
      } catch (err) {
        if (err instanceof NotExecutableError) throw new InputError(f.input, f.named, `${shown} is not an executable slim can handle: ${err.message}`);
        throw err;
      }
      const detected = targetOf(info);
      if (f.target && !`${f.target}/`.startsWith(`${detected}/`)) {
        throw new InputError(f.input, f.named, `the manifest says ${f.target} but ${shown} is a ${info.format.toUpperCase()} ${detected} binary`);
      }
      const problem = await writeProblem(f.path, st.mode);
      if (problem) throw new InputError(f.input, f.named, `${shown}: ${problem}`);
      planned.push({ ...f, target: f.target ?? detected, info, bytes, mode: st.mode & 0o7777, size: st.size });
    } catch (err) {
      if (err instanceof GantryError) problems.push(err);
      else if ((err as NodeJS.ErrnoException).code === "ENOENT") problems.push(new InputError(f.input, f.named, `${shown} does not exist`));
      else throw err;
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new GantryError(`${problems.length} files cannot be slimmed; nothing was changed:\n${problems.map((p) => `- ${p.message}`).join("\n")}`);
  return planned;
}
