import { readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, MANIFEST_FILE, type Manifest, SLSA_PROVENANCE_V1, STATEMENT_TYPE_V1, type InTotoStatement } from "@gantry/core";

/** One file a release lists, by its path relative to the release folder (as in checksums.txt). */
export interface ExpectedFile {
  name: string;
  sha256: string;
}

/**
 * What `verify` points at, read and checked in parse: a provenance statement (go-build's
 * provenance.intoto.json) or a checksums.txt, with the manifest beside it when there is one.
 */
export interface Release {
  kind: "provenance" | "checksums";
  path: string;
  /** The folder the listed names are relative to, where the release's own files may lie. */
  folder: string;
  files: ExpectedFile[];
  /** The statement's source gitCommit, else the manifest's commit. */
  commit?: string;
  /** The statement's inputs (only those that change the bytes), as given to the release build. */
  inputs: Record<string, string>;
  /** The Go version the release was built with (`1.26.8`). */
  go?: string;
  /** The version and RFC 3339 date stamped into the release: the statement's internalParameters, else the manifest's. */
  version?: string;
  date?: string;
  manifest?: Manifest;
}

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_BYTES = 16 * 1024 * 1024;
const COMMIT = /^[0-9a-f]{40}$/;
const ACCEPTED = "accepted: the path of a release's provenance.intoto.json (in-toto Statement v1, SLSA provenance v1) or checksums.txt";

/** Reads and checks the file named by the `verify` input; any problem is an InputError naming it. */
export function readRelease(path: string): Release {
  let text: string;
  try {
    // A regular file of a sane size: never a FIFO or device that would block or never end.
    const st = statSync(path);
    if (!st.isFile()) throw new InputError("verify", path, `it is not a file; ${ACCEPTED}`);
    if (st.size > MAX_BYTES) throw new InputError("verify", path, `it is ${st.size} bytes, more than a release list can be (${MAX_BYTES}); ${ACCEPTED}`);
    text = readFileSync(path, "utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError("verify", path, `it cannot be read (${(err as NodeJS.ErrnoException).code}); ${ACCEPTED}`);
  }
  const folder = dirname(path);
  const manifest = manifestBeside(folder);
  const release = text.trimStart().startsWith("{") ? fromStatement(path, text) : { kind: "checksums" as const, files: fromChecksums(path, text), inputs: {} };
  const commit = ("commit" in release ? release.commit : undefined) ?? (COMMIT.test(manifest?.commit ?? "") ? manifest?.commit : undefined);
  const go = ("go" in release ? release.go : undefined) ?? manifest?.go;
  const stamped = "stamped" in release ? release.stamped : {};
  return {
    ...release,
    path,
    folder,
    commit,
    go: typeof go === "string" ? go.replace(/^go/, "") : undefined,
    version: stamped.version || manifest?.version || undefined,
    date: stamped.sourceDate || manifest?.date || undefined,
    manifest,
  };
}

/** artifacts.json beside the file, when it is there and readable: the release's commit, version, date and Go. */
function manifestBeside(folder: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(folder, MANIFEST_FILE), "utf8")) as Manifest;
    return m?.schema === 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

/** A listed name is a path inside the release folder: never absolute, never out of it. */
function checkName(path: string, name: string): string {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes(".."))
    throw new InputError("verify", path, `it lists ${JSON.stringify(name)}, which is not a path inside the release folder`);
  return name;
}

/** `<sha256>  <name>` lines, as sha256sum writes them (`*name` in binary mode). */
function fromChecksums(path: string, text: string): ExpectedFile[] {
  const files: ExpectedFile[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ""));
    if (!m)
      throw new InputError(
        "verify",
        path,
        `line ${i + 1} of ${basename(path)} is not \`<sha256>  <file>\`: ${JSON.stringify(line.slice(0, 120))}; ${ACCEPTED}`,
      );
    files.push({ name: checkName(path, m[2] as string), sha256: m[1] as string });
  }
  if (files.length === 0) throw new InputError("verify", path, `it lists no files; ${ACCEPTED}`);
  return files;
}

function fromStatement(
  path: string,
  text: string,
): Pick<Release, "kind" | "files" | "inputs" | "commit" | "go"> & { stamped: { version?: string; sourceDate?: string } } {
  let s: InTotoStatement;
  try {
    s = JSON.parse(text) as InTotoStatement;
  } catch (err) {
    throw new InputError("verify", path, `it is not valid JSON (${(err as Error).message}); ${ACCEPTED}`);
  }
  if (s?._type !== STATEMENT_TYPE_V1 || s.predicateType !== SLSA_PROVENANCE_V1 || !Array.isArray(s.subject))
    throw new InputError("verify", path, `its _type is ${JSON.stringify(s?._type)} and predicateType ${JSON.stringify(s?.predicateType)}; ${ACCEPTED}`);
  const files = s.subject.map((subject) => {
    const sha = subject?.digest?.sha256;
    if (typeof subject?.name !== "string" || !subject.name || typeof sha !== "string" || !SHA256.test(sha))
      throw new InputError("verify", path, `a subject has no name or sha256 digest: ${JSON.stringify(subject).slice(0, 200)}`);
    return { name: checkName(path, subject.name), sha256: sha };
  });
  if (files.length === 0) throw new InputError("verify", path, "its statement has no subjects");
  const build = s.predicate?.buildDefinition;
  const inputs = build?.externalParameters?.inputs ?? {};
  if (typeof inputs !== "object" || Object.values(inputs).some((v) => typeof v !== "string"))
    throw new InputError("verify", path, "its externalParameters.inputs is not an object of strings");
  const commit = build?.externalParameters?.source?.digest?.gitCommit;
  if (commit !== undefined && !COMMIT.test(commit)) throw new InputError("verify", path, `its source gitCommit ${JSON.stringify(commit)} is not 40 hex digits`);
  const internal = build?.internalParameters ?? {};
  return { kind: "provenance", files, inputs, commit, go: internal.go, stamped: { version: internal.version, sourceDate: internal.sourceDate } };
}
