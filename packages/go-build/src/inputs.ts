import { isAbsolute, resolve } from "node:path";
import { InputError, type InputReader, splitList } from "@gantry/core";
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
} as const;

/** verify mode's inputs and outputs: go-build's own, not the root pipeline's (a check of a release builds nothing for later stages). */
export const VERIFY_ONLY = { inputs: ["verify", "verify-ref"], outputs: ["verified", "report"] } as const;

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
}

export interface VerifyRequest {
  release: Release;
  /** The commit to rebuild: verify-ref, else the statement's or manifest's commit, else "" (HEAD). */
  ref: string;
}

/** Inputs a statement records that say where, not what: the verifying run's own stay. */
const PLACE_INPUTS = new Set(["working-directory", "out-dir", "cache", "parallel", "go-download-base-url", "go-version-file", "verify", "verify-ref"]);

/**
 * The reader verify mode parses: a statement's inputs win over the given ones (they are what the
 * release was built with), the version and Go the release stamped stand in for empty inputs.
 */
function releaseReader(read: InputReader, release: Release): InputReader {
  const fixed: Record<string, string> = {};
  for (const [name, value] of Object.entries(release.inputs)) if (name in GO_BUILD_INPUTS && !PLACE_INPUTS.has(name)) fixed[name] = value;
  if (!fixed.version && !read.string("version") && release.version) fixed.version = release.version;
  if (!fixed["go-version"] && !read.string("go-version") && !read.string("go-version-file") && release.go) fixed["go-version"] = release.go;
  return read.scoped("", GO_BUILD_INPUTS, fixed);
}

/** The `verify` and `verify-ref` inputs; the release file is read and checked here, before anything runs. */
function parseVerify(read: InputReader, cwd: string): VerifyRequest | undefined {
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

const FLAG = /^--?[a-z][a-z0-9-]*(=.*)?$/;
/** Flags go-build sets itself, through its own inputs. */
const OWNED_FLAGS = new Set(["o", "ldflags", "tags", "trimpath"]);

/** Parses and checks every input; nothing runs before this passes. */
export function parseGoBuildInputs(given: InputReader, cwd: string): GoBuildInputs {
  const verify = parseVerify(given, cwd);
  const read = verify ? releaseReader(given, verify.release) : given;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const workingDirectory = abs(read.string("working-directory") || ".");
  const main = read.string("main") || ".";
  if (main.startsWith("-") || /\s/.test(main)) throw new InputError("main", main, "accepted: a package path such as . or ./cmd/server");
  const name = read.string("name");
  if (name && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new InputError("name", name, "accepted: letters, digits, '.', '_' and '-'");
  const tags = splitList(read.string("tags").replace(/\s+/g, ","));
  for (const t of tags) if (!/^!?[A-Za-z0-9_.]+$/.test(t)) throw new InputError("tags", t, "accepted: build tags made of letters, digits, '_' and '.'");
  const flags = read.lines("flags");
  for (const f of flags) {
    if (!FLAG.test(f)) throw new InputError("flags", f, "accepted: one go build flag per line, e.g. -race or -gcflags=all=-N");
    const flagName = f.replace(/^--?/, "").split("=")[0] as string;
    if (OWNED_FLAGS.has(flagName)) throw new InputError("flags", f, `-${flagName} is set by go-build; use its own input (out-dir, ldflags, tags)`);
  }
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
    ldflags: read.string("ldflags"),
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
    ...(verify ? { verify } : {}),
  };
}
