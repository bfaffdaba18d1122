import { realpath } from "node:fs/promises";
import { basename, isAbsolute, relative, resolve } from "node:path";
import { InputError, exec, exists } from "@gantry/core";
import type { ArchiveEntry } from "./archive.js";
import type { GoBuildInputs } from "./inputs.js";

/** The repository holding the module (its folder when it is in none): `files` never reach past it. */
async function checkoutTop(workingDirectory: string): Promise<string> {
  const r = await exec("git", ["rev-parse", "--show-toplevel"], { cwd: workingDirectory, allowFailure: true });
  return realpath(r.code === 0 && r.stdout.trim() ? r.stdout.trim() : workingDirectory);
}

/**
 * The `files` entries, each a file inside the checkout (after symlinks): a provenance statement
 * verify mode rebuilds from may list them, and must not put a file of the verifying machine
 * (a key in ~/.ssh) into an archive.
 */
export async function extraFiles(inputs: GoBuildInputs): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const top = inputs.files.length ? await checkoutTop(inputs.workingDirectory) : "";
  for (const f of inputs.files) {
    const source = isAbsolute(f) ? f : resolve(inputs.workingDirectory, f);
    if (!(await exists(source)))
      throw new InputError("files", f, `no such file in ${inputs.workingDirectory}; list files to put beside the binary, e.g. LICENSE, README.md`);
    const inside = relative(top, await realpath(source));
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside))
      throw new InputError("files", f, `it is outside the checkout ${top}; accepted: files of the repository, e.g. LICENSE, README.md`);
    const rel = relative(inputs.workingDirectory, source).split("\\").join("/");
    entries.push({ name: rel.startsWith("..") ? basename(source) : rel, source, mode: 0o644 });
  }
  return entries;
}
