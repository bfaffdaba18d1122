/**
 * A goreleaser config's builds as go-build inputs: each field becomes the input that does the
 * same (goos × goarch × goarm × goamd64 minus ignore → targets, CGO_ENABLED → cgo …), given as a
 * default, so an input the user sets wins. Templates that name files (archives, the checksums
 * file, the snapshot version) and ldflags are kept and filled per target once the version is known.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, posix, resolve } from "node:path";
import { InputError } from "@gantry/core";
import type { GrArchive, GrBuild, GrConfig } from "./config.js";
import { type FieldTemplate, FieldTemplateError, fieldTemplate } from "./naming.js";
import { VALID_TARGETS } from "./targets.js";

const INPUT = "goreleaser-config";

/** goreleaser's defaults (internal/pipe/archive, checksums, snapshot; builders/golang). */
const DEFAULT_ARCHIVE =
  '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';
const DEFAULT_CHECKSUM = "{{ .ProjectName }}_{{ .Version }}_checksums.txt";
const DEFAULT_SNAPSHOT = "{{ .Version }}-SNAPSHOT-{{ .ShortCommit }}";

/** One build of the config, as go-build inputs and the templates filled at build time. */
export interface PlannedBuild {
  id: string;
  /** Input name → value, used where the input is not set. */
  inputs: Record<string, string>;
  projectName: string;
  binary: string;
  ldflags?: FieldTemplate;
  archive?: FieldTemplate;
  checksums: FieldTemplate;
  snapshot: FieldTemplate;
  env: Record<string, string>;
}

export interface GoreleaserPlan {
  builds: PlannedBuild[];
  /** One line per part gantry does not do, for one notice. */
  ignored: string[];
}

const refuse = (field: string, value: string, accepted: string) => new InputError(INPUT, `${field}: ${value}`, accepted);

/** A template in a field gantry reads as plain text: refused, naming it. */
function plain(field: string, value: string): string {
  if (value.includes("{{")) throw refuse(field, value, "gantry reads this field as plain text; write the value without a template");
  return value;
}

/** `KEY=VALUE` lines: CGO_ENABLED becomes the cgo input; others would change the build unseen, so they are refused. */
function buildEnv(lines: readonly string[], field: string, env: Record<string, string>): string | undefined {
  let cgo: string | undefined;
  for (const line of lines) {
    const [key = "", value = ""] = [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)];
    if (key === "CGO_ENABLED" && (value === "0" || value === "1")) cgo = value === "1" ? "true" : "false";
    else if (!(key === "GO111MODULE" && value === "on"))
      throw refuse(field, line, "gantry's builds take CGO_ENABLED=0 or 1 only (the cgo input); set other variables in the job's environment");
    env[key] = value;
  }
  return cgo;
}

/** goos × goarch × variants, minus ignore and what Go cannot build (goreleaser skips those too). */
export function matrix(b: GrBuild, field: string): string[] {
  if (b.targets.length > 0) {
    return b.targets.map((t) => {
      const m = /^([a-z0-9]+)_([a-z0-9]+)(?:_(v\d(?:\.\d)?|\d))?$/.exec(t);
      if (!m) throw refuse(`${field}.targets`, t, "accepted: goos_goarch[_variant], e.g. linux_amd64_v1 or linux_arm_7");
      const [, os, arch, v] = m;
      const variant = !v || (arch === "amd64" && v === "v1") || (arch === "arm64" && v === "v8.0") ? "" : arch === "arm" ? `/v${v}` : `/${v}`;
      return `${os}/${arch}${variant}`;
    });
  }
  const goos = b.goos.length ? b.goos : ["linux", "darwin", "windows"];
  const goarch = b.goarch.length ? b.goarch : ["amd64", "arm64", "386"];
  const goarm = b.goarm.length ? b.goarm : ["6"];
  const goamd64 = b.goamd64.length ? b.goamd64 : ["v1"];
  const out: string[] = [];
  for (const os of goos)
    for (const arch of goarch) {
      const variants = arch === "arm" ? goarm.map((v) => ({ goarm: v })) : arch === "amd64" ? goamd64.map((v) => ({ goamd64: v })) : [{}];
      for (const v of variants) {
        const t = { goos: os, goarch: arch, ...v };
        if (!VALID_TARGETS.has(`${os}/${arch}`)) continue;
        if (b.ignore.some((ig) => Object.entries(ig).every(([k, want]) => !want || (t as Record<string, string>)[k] === want))) continue;
        const variant = "goarm" in v ? `/v${v.goarm}` : "goamd64" in v && v.goamd64 !== "v1" ? `/${v.goamd64}` : "";
        out.push(`${os}/${arch}${variant}`);
      }
    }
  if (out.length === 0) throw refuse(`${field}.goos`, goos.join(","), "no target is left once ignore and Go's own list are applied");
  return out;
}

/** Files and simple globs (`*`, `?` in the last part) against the module folder, as goreleaser's `files`. */
function expandFiles(globs: readonly string[], cwd: string, field: string): string[] {
  const out = new Set<string>();
  for (const g of globs) {
    if (/[[\]{}]|\*\*/.test(g)) throw refuse(field, g, "gantry expands * and ? in the file name only");
    if (!/[*?]/.test(g)) {
      out.add(g);
      continue;
    }
    const dir = posix.dirname(g);
    const re = new RegExp(
      `^${posix
        .basename(g)
        .replace(/[.+^$()|\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    );
    if (/[*?]/.test(dir)) throw refuse(field, g, "gantry expands * and ? in the file name only");
    const abs = resolve(cwd, dir);
    if (!existsSync(abs)) continue;
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)))
      if (e.isFile() && re.test(e.name)) out.add(dir === "." ? e.name : `${dir}/${e.name}`);
  }
  return [...out];
}

/** The archive input from formats and format_overrides. */
function archiveFormat(a: GrArchive, field: string): string {
  const base = a.formats.length ? a.formats : ["tar.gz"];
  if (base.length !== 1 || !["tar.gz", "zip", "binary"].includes(base[0] as string))
    throw refuse(`${field}.formats`, base.join(","), "gantry makes one format per target: tar.gz, zip or binary");
  const format = base[0] === "binary" ? "none" : (base[0] as string);
  if (a.overrides.length === 0) return format;
  const [o] = a.overrides;
  if (a.overrides.length === 1 && format === "tar.gz" && o?.goos === "windows" && o.formats.join(",") === "zip") return "auto";
  throw refuse(
    `${field}.format_overrides`,
    JSON.stringify(a.overrides),
    "gantry's archive input does tar.gz with zip for windows (auto), or one format for all",
  );
}

/**
 * goreleaser's default project_name (internal/pipe/project): the release repository's name
 * (release.github.name, else the repository: GITHUB_REPOSITORY in Actions, else origin's URL),
 * else the module path's last element.
 */
function defaultProjectName(config: GrConfig, dir: string, env: NodeJS.ProcessEnv): string {
  if (config.releaseName) return config.releaseName;
  if (env.GITHUB_REPOSITORY?.includes("/")) return env.GITHUB_REPOSITORY.split("/").pop() as string;
  let origin = "";
  try {
    origin = execFileSync("git", ["remote", "get-url", "origin"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    // Not a checkout, or no origin: the module's name.
  }
  const repo = /[/:]([^/:]+?)(\.git)?\/?$/.exec(origin)?.[1];
  if (repo) return repo;
  const m = /^module\s+(\S+)/m.exec(existsSync(join(dir, "go.mod")) ? readFileSync(join(dir, "go.mod"), "utf8") : "");
  return (m ? (m[1] as string).replace(/"/g, "") : basename(resolve(dir))).split("/").pop() as string;
}

function templateOf(field: string, source: string, perTarget = true): FieldTemplate {
  try {
    return fieldTemplate(field, source, perTarget);
  } catch (err) {
    if (err instanceof FieldTemplateError) throw refuse(err.field, err.source, `gantry cannot evaluate it: ${err.reason}`);
    throw err;
  }
}

/** Plans every build of the config; `cwd` is the working-directory the paths are relative to. */
export function planGoreleaser(config: GrConfig, cwd: string, processEnv: NodeJS.ProcessEnv): GoreleaserPlan {
  const projectName = plain("project_name", config.projectName) || defaultProjectName(config, cwd, processEnv);
  const globalEnv: Record<string, string> = {};
  const globalCgo = buildEnv(config.env, "env", globalEnv);
  const ignored = [...config.ignored];
  const several = config.builds.length > 1;
  const builds = config.builds.map((b, i): PlannedBuild => {
    const field = `builds[${i}]`;
    const id = plain(`${field}.id`, b.id) || projectName;
    // With several builds the id names a folder under out-dir.
    if (several && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
      throw refuse(`${field}.id`, id, "accepted: letters, digits, '.', '_' and '-' (it names the build's folder in out-dir)");
    const env = { ...(processEnv as Record<string, string>), ...globalEnv };
    const cgo = buildEnv(b.env, `${field}.env`, env) ?? globalCgo;
    if (b.modTimestamp && !/^\{\{-?\s*\.CommitTimestamp\s*-?\}\}$/.test(b.modTimestamp))
      throw refuse(`${field}.mod_timestamp`, b.modTimestamp, "gantry stamps files with the commit time (or SOURCE_DATE_EPOCH): {{ .CommitTimestamp }}");
    const dir = plain(`${field}.dir`, b.dir);
    const moduleDir = dir ? resolve(cwd, dir) : cwd;
    const binary = plain(`${field}.binary`, b.binary) || projectName;
    const flags = b.flags.map((f) => plain(`${field}.flags`, f));
    // -trimpath: go-build always builds with it, so it is not passed again.
    if (flags.includes("-trimpath")) ignored.push(`${field}.flags -trimpath (go-build always builds with -trimpath)`);
    const archives = config.archives.filter((a) => a.ids.length === 0 || a.ids.includes(id));
    if (archives.length > 1) throw refuse("archives", id, `two archives take build ${id}; gantry makes one archive per binary`);
    const [archive] = archives;
    const at = `archives[${archive ? config.archives.indexOf(archive) : 0}]`;
    if (archive && several && archive.ids.length !== 1)
      throw refuse(
        `${at}.ids`,
        archive.ids.join(",") || "(every build)",
        `gantry's archives hold one binary: give each build its own archives entry with ids: [${id}]`,
      );
    if (archive && archive.wrap !== false)
      throw refuse(`${at}.wrap_in_directory`, String(archive.wrap), "gantry puts the files at the archive's top; remove wrap_in_directory");
    const inputs: Record<string, string> = {
      ...(dir ? { "working-directory": moduleDir } : {}),
      main: plain(`${field}.main`, b.main) || ".",
      name: binary,
      targets: matrix(b, field).join(","),
      flags: flags.filter((f) => f !== "-trimpath").join("\n"),
      tags: b.tags.map((t) => plain(`${field}.tags`, t)).join(","),
      ...(cgo ? { cgo } : {}),
      archive: archive ? archiveFormat(archive, at) : "none",
      ...(archive ? { files: expandFiles(archive.files, moduleDir, `${at}.files`).join("\n") } : {}),
    };
    return {
      id,
      inputs,
      projectName,
      binary,
      env,
      ...(b.ldflags.length ? { ldflags: templateOf(`${field}.ldflags`, b.ldflags.join(" ")) } : {}),
      ...(archive && inputs.archive !== "none" ? { archive: templateOf(`${at}.name_template`, archive.nameTemplate || DEFAULT_ARCHIVE) } : {}),
      checksums: templateOf("checksum.name_template", config.checksumName || DEFAULT_CHECKSUM, false),
      snapshot: templateOf("snapshot.version_template", config.snapshotVersion || DEFAULT_SNAPSHOT, false),
    };
  });
  return { builds, ignored };
}
