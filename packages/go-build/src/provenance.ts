import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import {
  GANTRY_VERSION,
  PROVENANCE_FILE,
  exists,
  gantryBuildType,
  provenanceStatement,
  resolveInManifest,
  sha256File,
  writeManifest,
  writeProvenance,
} from "@gantry/core";
import type { GoBuildResult } from "./build.js";
import { checksumLines, parseChecksums } from "./checksums.js";
import type { GoBuildInputs } from "./inputs.js";
import { git } from "./version.js";

/**
 * go-build's provenance (issue 15): `provenance.intoto.json` beside the manifest, whose subjects
 * are exactly the files of checksums.txt (archives or binaries, and SBOMs) as they are now (after
 * go-build's own `upx`), and whose build definition holds what a rebuild needs: the inputs that
 * change the bytes, the commit, go.sum's digest and the Go version. Returns its path.
 */
export async function writeGoBuildProvenance(r: GoBuildResult, inputs: GoBuildInputs, env: NodeJS.ProcessEnv, startedOn: Date): Promise<string> {
  const gitRoot = await git(inputs.workingDirectory, ["rev-parse", "--show-toplevel"]);
  const goSum = join(inputs.workingDirectory, "go.sum");
  const statement = provenanceStatement({
    buildType: gantryBuildType("go-build"),
    subjects: await currentSubjects(r),
    inputs: byteInputs(inputs, gitRoot),
    source: gitRoot && /^[0-9a-f]{40}$/.test(r.info.commit) ? { uri: await sourceUri(gitRoot, env), commit: r.info.commit } : undefined,
    internal: { gantry: GANTRY_VERSION, go: `go${r.go.version}`, version: r.info.version, sourceDate: r.info.date },
    goSumSha256: (await exists(goSum)) ? await sha256File(goSum) : "",
    env,
    startedOn,
    finishedOn: new Date(),
  });
  const path = join(dirname(r.manifestPath), PROVENANCE_FILE);
  await writeProvenance(path, statement);
  r.manifest = { ...r.manifest, provenance: PROVENANCE_FILE };
  await writeManifest(r.manifestPath, r.manifest);
  return path;
}

/** checksums.txt's lines when it was written, else the same files hashed now. */
async function currentSubjects(r: GoBuildResult): Promise<{ name: string; sha256: string }[]> {
  if (r.checksumsPath) return parseChecksums(await readFile(r.checksumsPath, "utf8"));
  const lines = await checksumLines(r.manifest.artifacts, (f) => resolveInManifest(r.manifestPath, f));
  return parseChecksums(lines.join("\n"));
}

/**
 * The inputs that decide the bytes, written back in the form each is given; `working-directory`
 * relative to the repository, so a rebuild of the commit finds the module.
 */
export function byteInputs(inputs: GoBuildInputs, gitRoot: string | undefined): Record<string, string> {
  const wd = gitRoot ? relative(gitRoot, inputs.workingDirectory).split("\\").join("/") || "." : ".";
  return {
    "working-directory": wd,
    main: inputs.main,
    name: inputs.name,
    targets: inputs.targets.join(","),
    version: inputs.version,
    ldflags: inputs.ldflags,
    x: inputs.x.join("\n"),
    tags: inputs.tags.join(","),
    flags: inputs.flags.join("\n"),
    cgo: String(inputs.cgo),
    strip: String(inputs.strip),
    upx: inputs.upx,
    archive: inputs.archive,
    "archive-name": inputs.archiveName,
    files: inputs.files.join(","),
    sbom: inputs.sbom,
    "go-version": inputs.goVersion,
  };
}

/**
 * `git+<remote>` for the checkout: the GitHub repository in Actions, else origin's URL with any
 * user name or password taken out (they never reach a file), else the folder as a file: URL.
 */
async function sourceUri(gitRoot: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY) return `git+${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`;
  const origin = await git(gitRoot, ["remote", "get-url", "origin"]);
  return `git+${origin ? remoteUri(origin) : pathToFileURL(gitRoot).href}`;
}

/** A remote as a URI without credentials: scp-like `git@host:owner/repo.git` becomes `ssh://git@host/owner/repo.git`. */
export function remoteUri(remote: string): string {
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/\/)(.*)$/.exec(remote);
  if (scp) return `ssh://${scp[1]}@${scp[2]}/${scp[3]}`;
  try {
    const u = new URL(remote);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return pathToFileURL(remote).href; // a local path as the remote
  }
}
