import { GantryError, exec } from "@gantry/core";

/**
 * What Go records in every binary it links (runtime/debug.BuildInfo), read back with
 * `go version -m -json` (Go ≥ 1.22; an older go's text form is parsed alike): the SBOMs are made from it, so they list exactly the modules
 * linked in, for any target (ELF, PE, Mach-O alike), however the binary was built.
 */
export interface GoModule {
  path: string;
  /** `v1.2.3`, a pseudo-version, or `(devel)` for a main module without a version. */
  version: string;
  /** go.sum's `h1:` hash (a hash of the module's file tree, not of any one file); "" when unknown. */
  sum: string;
  /** The `replace` directive's target, when one applied: what was built is this. */
  replace?: { path: string; version: string; sum: string };
}

export interface GoBinaryInfo {
  /** `go1.26.8` */
  goVersion: string;
  /** The main package's import path. */
  path: string;
  main: GoModule;
  /** Every module linked in besides the main one, sorted by path. */
  deps: GoModule[];
  /** Build settings in Go's order: `-trimpath=true`, `GOOS=linux`, `vcs.revision=…`. */
  settings: { key: string; value: string }[];
}

interface RawModule {
  Path?: string;
  Version?: string;
  Sum?: string;
  Replace?: RawModule;
}

interface RawBuildInfo {
  GoVersion?: string;
  Path?: string;
  Main?: RawModule;
  Deps?: RawModule[];
  Settings?: { Key?: string; Value?: string }[];
}

/** Reads a binary's build info with the go that built it. */
export async function readGoBinaryInfo(go: string, binary: string, env: NodeJS.ProcessEnv): Promise<GoBinaryInfo> {
  const r = await exec(go, ["version", "-m", "-json", binary], { env, allowFailure: true });
  if (r.code === 0) return parseGoBinaryInfo(r.stdout, binary);
  if (/flag provided but not defined/.test(r.stderr)) {
    const text = await exec(go, ["version", "-m", binary], { env, allowFailure: true });
    if (text.code === 0) return parseGoBinaryInfo(JSON.stringify(parseGoVersionText(text.stdout)), binary);
  }
  throw new GantryError(`sbom: \`go version -m -json ${binary}\` failed (${r.stderr.trim().split("\n")[0]}); it has no Go build info`);
}

/** `go version -m` text (before Go 1.22's -json): tab-separated `path`, `mod`, `dep`, `=>` and `build` lines. */
export function parseGoVersionText(text: string): RawBuildInfo {
  const raw: RawBuildInfo = { GoVersion: text.split("\n")[0]?.split(": ").pop()?.trim(), Deps: [], Settings: [] };
  let last: RawModule | undefined;
  for (const line of text.split("\n").slice(1)) {
    const [kind, a = "", b = "", c = ""] = line.replace(/^\t/, "").split("\t");
    if (kind === "path") raw.Path = a;
    else if (kind === "mod" || kind === "dep") {
      last = { Path: a, Version: b, Sum: c };
      if (kind === "mod") raw.Main = last;
      else raw.Deps?.push(last);
    } else if (kind === "=>" && last) last.Replace = { Path: a, Version: b, Sum: c };
    else if (kind === "build") {
      const eq = a.indexOf("=");
      raw.Settings?.push(eq < 0 ? { Key: a, Value: "" } : { Key: a.slice(0, eq), Value: unquote(a.slice(eq + 1)) });
    }
  }
  return raw;
}

/** Parses `go version -m -json` output. */
export function parseGoBinaryInfo(json: string, binary: string): GoBinaryInfo {
  let raw: RawBuildInfo;
  try {
    raw = JSON.parse(json) as RawBuildInfo;
  } catch (err) {
    throw new GantryError(`sbom: the build info of ${binary} is not JSON: ${(err as Error).message}`);
  }
  if (!raw.GoVersion || !raw.Main?.Path) throw new GantryError(`sbom: ${binary} has no Go version or main module in its build info`);
  return {
    goVersion: raw.GoVersion,
    path: raw.Path ?? raw.Main.Path,
    main: toModule(raw.Main),
    deps: (raw.Deps ?? []).map(toModule).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    settings: (raw.Settings ?? []).map((s) => ({ key: s.Key ?? "", value: s.Value ?? "" })),
  };
}

/** A value Go quoted (strconv.Quote) because it holds spaces or quotes. */
function unquote(v: string): string {
  if (!v.startsWith('"')) return v;
  try {
    return JSON.parse(v) as string;
  } catch {
    return v;
  }
}

function toModule(m: RawModule): GoModule {
  const mod: GoModule = { path: m.Path ?? "", version: m.Version ?? "", sum: m.Sum ?? "" };
  if (m.Replace?.Path) mod.replace = { path: m.Replace.Path, version: m.Replace.Version ?? "", sum: m.Replace.Sum ?? "" };
  return mod;
}

/** The module that was built: a replacement's path and version when one applied. */
export function builtModule(m: GoModule): { path: string; version: string; sum: string } {
  return m.replace ? { path: m.replace.path, version: m.replace.version, sum: m.replace.sum } : m;
}

/** `pkg:golang/github.com/gin-gonic/gin@v1.11.0` (purl-spec golang type); no version: none in the purl. */
export function goPurl(path: string, version: string): string {
  const name = path
    .split("/")
    .map((p) => encodeURIComponent(p))
    .join("/");
  return version && version !== "(devel)" ? `pkg:golang/${name}@${encodeURIComponent(version)}` : `pkg:golang/${name}`;
}

/** Go's standard library as a component, as syft names it: `stdlib`, `pkg:golang/stdlib@1.26.8`. */
export function stdlibPurl(goVersion: string): string {
  return `pkg:golang/stdlib@${goVersion.replace(/^go/, "")}`;
}
