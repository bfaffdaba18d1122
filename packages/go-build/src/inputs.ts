import { isAbsolute, resolve } from "node:path";
import { InputError, type InputReader, splitList } from "@gantry/core";
import { checkGoFlags, checkLdflags } from "./buildflags.js";
import { type ReleaseNaming, parseWithGoreleaser } from "./goreleaser/index.js";
import { checkTemplate } from "./placeholders.js";
import { SBOM_FORMATS, type SbomFormat } from "./sbom/index.js";
import { type Release, readRelease } from "./verify/release.js";

/** Every go-build input with its default: the same table as actions/go-build/action.yml. */
export const GO_BUILD_INPUTS = {
  "working-directory": ".",
  main: ".",
  name: "",
  targets: "linux/amd64,linux/arm64",
  version: "",
  ldflags: "",
  x: "",
  tags: "",
  flags: "",
  cgo: "false",
  strip: "true",
  upx: "false",
  "mod-check": "verify",
  archive: "auto",
  "archive-name": "{name}_{bare_version}_{os}_{arch}{variant}",
  files: "",
  checksums: "true",
  sbom: "spdx",
  provenance: "true",
  "out-dir": "dist",
  cache: "true",
  "go-version": "",
  "go-version-file": "",
  "go-download-base-url": "https://go.dev/dl",
  parallel: "auto",
  verify: "",
  "verify-ref": "",
  "goreleaser-config": "",
} as const;

/** verify mode's inputs and outputs: go-build's own, not the root pipeline's (a check of a release builds nothing for later stages). */
export const VERIFY_ONLY = { inputs: ["verify", "verify-ref"], outputs: ["verified", "report", "input-differences"] } as const;

export type ArchiveFormat = "auto" | "tar.gz" | "zip" | "none";

export interface GoBuildInputs {
  workingDirectory: string;
  main: string;
  name: string;
  targets: string[];
  version: string;
  ldflags: string;
  x: string[];
  tags: string[];
  flags: string[];
  cgo: boolean;
  strip: boolean;
  /** Pack with UPX after the build, through the slim stage's package (issue 3). */
  upx: "auto" | "true" | "false";
  modCheck: "verify" | "off";
  archive: ArchiveFormat;
  archiveName: string;
  files: string[];
  checksums: boolean;
  /** SBOMs per binary from Go's build info (issue 15). */
  sbom: SbomFormat;
  /** Write provenance.intoto.json (in-toto Statement v1, SLSA v1 predicate; issue 15). */
  provenance: boolean;
  outDir: string;
  cache: boolean;
  goVersion: string;
  goVersionFile: string;
  goDownloadBaseUrl: string;
  /** 0 = decide from the CPU count. */
  parallel: number;
  /** verify mode (issue 15): rebuild the release's commit in a clean folder and compare, instead of a build into out-dir. */
  verify?: VerifyRequest;
  /** From goreleaser-config: the names its templates give, filled once the version is known. */
  naming?: ReleaseNaming;
  /** goreleaser-config's further builds, built in turn after this one. */
  also?: GoBuildInputs[];
}

export interface VerifyRequest {
  release: Release;
  /** The commit to rebuild: verify-ref, else the statement's or manifest's commit, else "" (HEAD). */
  ref: string;
  /** The inputs given to this run that the statement records otherwise: the rebuild uses the statement's. */
  differences: InputDifference[];
}

/** One input the verifying run gave and the statement records with another value. */
export interface InputDifference {
  input: string;
  given: string;
  statement: string;
}

/** Inputs a statement records that say where, not what: the verifying run's own stay. */
const PLACE_INPUTS = new Set(["working-directory", "out-dir", "cache", "parallel", "go-download-base-url", "go-version-file", "verify", "verify-ref"]);
/** Inputs whose values are lists, compared item by item (`a, b` and `a,b` are one value). */
const LIST_INPUTS = new Set(["targets", "tags", "files"]);
const LINE_INPUTS = new Set(["x", "flags"]);

/** A value in the one form two spellings of it share, so only a real difference is reported. */
function normalized(name: string, value: string): string {
  if (LIST_INPUTS.has(name)) return splitList(name === "tags" ? value.replace(/\s+/g, ",") : value).join(",");
  if (LINE_INPUTS.has(name))
    return value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n");
  return value.trim();
}

/**
 * The reader verify mode parses: a statement's inputs win over the given ones (they are what the
 * release was built with) but pass the same checks, and every given input the statement records
 * otherwise is returned, to be reported; the version and Go the release stamped stand in for
 * empty inputs.
 */
function releaseReader(read: InputReader, release: Release): { reader: InputReader; fixed: Record<string, string>; differences: InputDifference[] } {
  const fixed: Record<string, string> = {};
  for (const [name, value] of Object.entries(release.inputs)) if (Object.hasOwn(GO_BUILD_INPUTS, name) && !PLACE_INPUTS.has(name)) fixed[name] = value;
  // Without defaults: only what the user gave. A runner passes every input left out at its default
  // (INPUT_TARGETS=linux/amd64,linux/arm64), so a value equal to the default counts as not given.
  const given = read.scoped("", {});
  const differences: InputDifference[] = [];
  for (const [name, statement] of Object.entries(fixed)) {
    const value = normalized(name, given.string(name));
    const byDefault = normalized(name, GO_BUILD_INPUTS[name as keyof typeof GO_BUILD_INPUTS]);
    if (value !== "" && value !== byDefault && value !== normalized(name, statement)) differences.push({ input: name, given: given.string(name), statement });
  }
  if (!fixed.version && !read.string("version") && release.version) fixed.version = release.version;
  if (!fixed["go-version"] && !read.string("go-version") && !read.string("go-version-file") && release.go) fixed["go-version"] = release.go;
  return { reader: read.scoped("", GO_BUILD_INPUTS, fixed), fixed, differences };
}

/** The `verify` and `verify-ref` inputs; the release file is read and checked here, before anything runs. */
function parseVerify(read: InputReader, cwd: string): Omit<VerifyRequest, "differences"> | undefined {
  const path = read.path("verify", cwd);
  const ref = read.string("verify-ref");
  if (!path) {
    if (ref) throw new InputError("verify-ref", ref, "it needs verify: the path of the release's provenance.intoto.json or checksums.txt");
    return undefined;
  }
  if (ref && !/^[A-Za-z0-9][A-Za-z0-9._/@{}^~-]*$/.test(ref))
    throw new InputError("verify-ref", ref, "accepted: a commit, tag or branch (git rev-parse syntax, no spaces)");
  const release = readRelease(path);
  return { release, ref: ref || release.commit || "" };
}

/** A package path inside the module: never absolute, never out of it through `..`. */
function checkMain(main: string): void {
  if (main.startsWith("-") || /\s/.test(main) || isAbsolute(main) || /^[A-Za-z]:/.test(main) || main.split(/[\\/]/).includes(".."))
    throw new InputError("main", main, "accepted: a package path inside the module, such as . or ./cmd/server");
}

/** Parses and checks every input; nothing runs before this passes. With goreleaser-config, once per build of the config. */
export function parseGoBuildInputs(given: InputReader, cwd: string, env: NodeJS.ProcessEnv = process.env): GoBuildInputs {
  const [first, ...also] = parseWithGoreleaser(given, GO_BUILD_INPUTS, cwd, env, (read) => parseOne(read, cwd)) as [GoBuildInputs, ...GoBuildInputs[]];
  return also.length > 0 ? { ...first, also } : first;
}

/**
 * One build's inputs. In verify mode the statement's inputs are checked like given ones, and an
 * error about one says it came from the statement.
 */
function parseOne(given: InputReader, cwd: string): GoBuildInputs {
  const verify = parseVerify(given, cwd);
  if (!verify) return parseBuildInputs(given, cwd);
  const { reader, fixed, differences } = releaseReader(given, verify.release);
  try {
    return { ...parseBuildInputs(reader, cwd), verify: { ...verify, differences } };
  } catch (err) {
    if (err instanceof InputError && Object.hasOwn(fixed, err.input))
      throw new InputError(
        err.input,
        err.value,
        `${err.accepted} (the value is the one ${verify.release.path} records in externalParameters.inputs; a statement's inputs pass the same checks as given ones)`,
      );
    throw err;
  }
}

function parseBuildInputs(read: InputReader, cwd: string): GoBuildInputs {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const workingDirectory = abs(read.string("working-directory") || ".");
  const main = read.string("main") || ".";
  checkMain(main);
  const name = read.string("name");
  if (name && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new InputError("name", name, "accepted: letters, digits, '.', '_' and '-'");
  const tags = splitList(read.string("tags").replace(/\s+/g, ","));
  for (const t of tags) if (!/^!?[A-Za-z0-9_.]+$/.test(t)) throw new InputError("tags", t, "accepted: build tags made of letters, digits, '_' and '.'");
  const flags = read.lines("flags");
  checkGoFlags(flags);
  const ldflags = read.string("ldflags");
  checkLdflags(ldflags);
  for (const input of ["ldflags", "x", "archive-name"] as const) checkTemplate(read.string(input), input);
  const parallelText = read.string("parallel");
  const parallel = parallelText === "auto" ? 0 : read.int("parallel", 1, 64);
  const baseUrl = read.string("go-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("go-download-base-url", baseUrl, "accepted: an http(s) URL");
  return {
    workingDirectory,
    main,
    name,
    targets: read.list("targets", "targets"),
    version: read.string("version"),
    ldflags,
    x: read.lines("x"),
    tags,
    flags,
    cgo: read.bool("cgo"),
    strip: read.bool("strip"),
    upx: read.choice("upx", ["auto", "true", "false"] as const),
    modCheck: read.choice("mod-check", ["verify", "off"] as const),
    archive: read.choice("archive", ["auto", "tar.gz", "zip", "none"] as const),
    archiveName: read.string("archive-name"),
    files: read.list("files"),
    checksums: read.bool("checksums"),
    sbom: read.choice("sbom", SBOM_FORMATS),
    provenance: read.bool("provenance"),
    outDir: abs(read.string("out-dir") || "dist"),
    cache: read.bool("cache"),
    goVersion: read.string("go-version"),
    goVersionFile: read.string("go-version-file") ? abs(read.string("go-version-file")) : "",
    goDownloadBaseUrl: baseUrl,
    parallel,
  };
}
