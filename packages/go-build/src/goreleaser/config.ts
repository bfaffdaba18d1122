/**
 * Reads a goreleaser v2 config: the parts that decide a release's bytes and names, checked,
 * and the names of the parts gantry does not do (for one notice). A stranger's file: every
 * value is checked for its type here, and later by go-build's own input checks.
 */
import { readFileSync } from "node:fs";
import { InputError } from "@gantry/core";
import { parse } from "yaml";

const INPUT = "goreleaser-config";

export interface GrIgnore {
  goos?: string;
  goarch?: string;
  goarm?: string;
  goamd64?: string;
}

export interface GrBuild {
  id: string;
  main: string;
  binary: string;
  dir: string;
  goos: string[];
  goarch: string[];
  goarm: string[];
  goamd64: string[];
  ignore: GrIgnore[];
  targets: string[];
  flags: string[];
  ldflags: string[];
  tags: string[];
  env: string[];
  modTimestamp: string;
  skip: boolean;
}

export interface GrArchive {
  ids: string[];
  nameTemplate: string;
  formats: string[];
  overrides: { goos: string; formats: string[] }[];
  files: string[];
  wrap: string | boolean;
}

export interface GrConfig {
  path: string;
  projectName: string;
  /** release.github.name (or gitlab's, gitea's): goreleaser's first guess of project_name. */
  releaseName: string;
  env: string[];
  builds: GrBuild[];
  archives: GrArchive[];
  checksumName: string;
  snapshotVersion: string;
  /** `field: what to use instead` for every part gantry does not do. */
  ignored: string[];
}

/** Top-level parts gantry does not do, with what to use instead where gantry has something. */
const ELSEWHERE: Record<string, string> = {
  dockers: "the image stage (actions/image)",
  dockers_v2: "the image stage (actions/image)",
  docker_manifests: "the image stage (actions/image)",
  kos: "the image stage (actions/image)",
  upx: "go-build's upx input",
  sboms: "go-build's sbom input",
  dist: "go-build's out-dir input",
  before: "a step before go-build",
  gomod: "go-build's mod-check input",
  release: "",
  changelog: "",
};
const READ = new Set(["version", "project_name", "builds", "archives", "checksum", "snapshot", "env"]);
const BUILD_KEYS = new Set([
  "id",
  "main",
  "binary",
  "dir",
  "goos",
  "goarch",
  "goarm",
  "goamd64",
  "ignore",
  "targets",
  "flags",
  "ldflags",
  "tags",
  "env",
  "mod_timestamp",
  "skip",
  "builder",
]);
const BUILD_NOTICE: Record<string, string> = { hooks: "steps before and after go-build", no_unique_dist_dir: "", no_main_check: "" };
const ARCHIVE_KEYS = new Set([
  "id",
  "ids",
  "builds",
  "name_template",
  "formats",
  "format",
  "format_overrides",
  "files",
  "wrap_in_directory",
  "builds_info",
  "meta",
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const bad = (field: string, value: unknown, accepted: string) =>
  new InputError(INPUT, `${field}: ${typeof value === "string" ? value : JSON.stringify(value)}`, accepted);

function text(o: Obj, key: string, field: string): string {
  const v = o[key];
  if (v === undefined || v === null) return "";
  if (typeof v === "string" || typeof v === "number") return String(v);
  throw bad(`${field}.${key}`, v, "accepted: a text value");
}

/** A list of texts; goreleaser also takes one text for some (flags, ldflags). */
function texts(o: Obj, key: string, field: string, single = false): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (single && typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) return v.map(String);
  throw bad(`${field}.${key}`, v, "accepted: a list of text values");
}

/** Keys of a section gantry neither reads nor names elsewhere: refused, since they may decide the bytes. */
function refuseUnknown(o: Obj, known: ReadonlySet<string>, noticed: Record<string, string>, field: string, ignored: string[]): void {
  for (const key of Object.keys(o)) {
    if (known.has(key)) continue;
    if (key in noticed) {
      ignored.push(`${field}.${key}${noticed[key] ? ` (use ${noticed[key]})` : ""}`);
      continue;
    }
    throw bad(
      `${field}.${key}`,
      o[key],
      "gantry does not read this field and it may change the binaries or their names; remove it, or build without goreleaser-config",
    );
  }
}

function readBuild(o: unknown, i: number, ignored: string[]): GrBuild {
  const field = `builds[${i}]`;
  if (!isObj(o)) throw bad(field, o, "accepted: a mapping");
  refuseUnknown(o, BUILD_KEYS, BUILD_NOTICE, field, ignored);
  const builder = text(o, "builder", field);
  if (builder && builder !== "go") throw bad(`${field}.builder`, builder, "gantry builds Go only (builder: go)");
  const ignore = o.ignore ?? [];
  if (!Array.isArray(ignore) || !ignore.every(isObj)) throw bad(`${field}.ignore`, ignore, "accepted: a list of goos/goarch/goarm/goamd64 mappings");
  const skip = o.skip ?? false;
  if (typeof skip !== "boolean") throw bad(`${field}.skip`, skip, "accepted: true or false (gantry does not evaluate a template here)");
  return {
    id: text(o, "id", field),
    main: text(o, "main", field),
    binary: text(o, "binary", field),
    dir: text(o, "dir", field),
    goos: texts(o, "goos", field),
    goarch: texts(o, "goarch", field),
    goarm: texts(o, "goarm", field),
    goamd64: texts(o, "goamd64", field),
    ignore: ignore.map((g, j) => {
      refuseUnknown(g, new Set(["goos", "goarch", "goarm", "goamd64"]), {}, `${field}.ignore[${j}]`, ignored);
      return Object.fromEntries(Object.keys(g).map((k) => [k, text(g, k, `${field}.ignore[${j}]`)])) as GrIgnore;
    }),
    targets: texts(o, "targets", field),
    flags: texts(o, "flags", field, true),
    ldflags: texts(o, "ldflags", field, true),
    tags: texts(o, "tags", field),
    env: texts(o, "env", field),
    modTimestamp: text(o, "mod_timestamp", field),
    skip,
  };
}

function readArchive(o: unknown, i: number, ignored: string[]): GrArchive {
  const field = `archives[${i}]`;
  if (!isObj(o)) throw bad(field, o, "accepted: a mapping");
  refuseUnknown(o, ARCHIVE_KEYS, {}, field, ignored);
  const overrides = o.format_overrides ?? [];
  if (!Array.isArray(overrides) || !overrides.every(isObj)) throw bad(`${field}.format_overrides`, overrides, "accepted: a list of goos/formats mappings");
  const files = (Array.isArray(o.files) ? o.files : o.files === undefined ? undefined : [o.files])?.map((f, j) => {
    if (typeof f === "string") return f;
    if (isObj(f) && typeof f.src === "string" && Object.keys(f).every((k) => k === "src")) return f.src;
    throw bad(`${field}.files[${j}]`, f, "accepted: a file path or glob, or { src: … } without dst or info");
  });
  const wrap = o.wrap_in_directory ?? false;
  if (typeof wrap !== "boolean" && typeof wrap !== "string") throw bad(`${field}.wrap_in_directory`, wrap, "accepted: true, false or a name template");
  const formats = (f: Obj, at: string) => [...texts(f, "formats", at), ...(f.format !== undefined ? [text(f, "format", at)] : [])];
  return {
    ids: [...texts(o, "ids", field), ...texts(o, "builds", field)],
    nameTemplate: text(o, "name_template", field),
    formats: formats(o, field),
    overrides: overrides.map((f, j) => ({ goos: text(f, "goos", `${field}.format_overrides[${j}]`), formats: formats(f, `${field}.format_overrides[${j}]`) })),
    files: files ?? ["license*", "LICENSE*", "readme*", "README*", "changelog*", "CHANGELOG*"],
    wrap,
  };
}

function releaseName(release: unknown): string {
  if (!isObj(release)) return "";
  for (const scm of ["github", "gitlab", "gitea"]) {
    const s = release[scm];
    if (isObj(s) && typeof s.name === "string" && s.name) return s.name;
  }
  return "";
}

/** Reads and checks the file; every failure names goreleaser-config and the field. */
export function readGoreleaserConfig(path: string): GrConfig {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new InputError(INPUT, path, `it cannot be read as YAML: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
  }
  if (!isObj(doc)) throw new InputError(INPUT, path, "accepted: a goreleaser v2 config (a YAML mapping with builds)");
  if (doc.version !== undefined && doc.version !== 2) throw bad("version", doc.version, "gantry reads goreleaser v2 configs (version: 2)");
  // Builds or archives may come from another file: building without them would drop them silently.
  if (doc.includes !== undefined) throw bad("includes", doc.includes, "gantry reads one file; put the included parts into it");
  const ignored: string[] = [];
  for (const key of Object.keys(doc)) if (!READ.has(key)) ignored.push(`${key}${ELSEWHERE[key] ? ` (use ${ELSEWHERE[key]})` : ""}`);
  const builds = doc.builds ?? [{}];
  if (!Array.isArray(builds) || builds.length === 0) throw bad("builds", builds, "accepted: a list of builds");
  const archives = doc.archives ?? [{}];
  if (!Array.isArray(archives) || archives.length === 0) throw bad("archives", archives, "accepted: a list of archives");
  const checksum = doc.checksum ?? {};
  const snapshot = doc.snapshot ?? {};
  if (!isObj(checksum)) throw bad("checksum", checksum, "accepted: a mapping");
  if (!isObj(snapshot)) throw bad("snapshot", snapshot, "accepted: a mapping");
  refuseUnknown(checksum, new Set(["name_template", "algorithm"]), {}, "checksum", ignored);
  refuseUnknown(snapshot, new Set(["version_template"]), {}, "snapshot", ignored);
  const algorithm = text(checksum, "algorithm", "checksum");
  if (algorithm && algorithm !== "sha256") throw bad("checksum.algorithm", algorithm, "gantry's checksums are sha256");
  return {
    path,
    projectName: text(doc, "project_name", "project_name"),
    releaseName: releaseName(doc.release),
    env: texts(doc, "env", "env"),
    builds: builds.map((b, i) => readBuild(b, i, ignored)).filter((b) => !b.skip),
    archives: archives.map((a, i) => readArchive(a, i, ignored)),
    checksumName: text(checksum, "name_template", "checksum"),
    snapshotVersion: text(snapshot, "version_template", "snapshot"),
    ignored,
  };
}
