import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { GantryError, InputError } from "./errors.js";
import { exec } from "./exec.js";
import { fetchWithTimeout, readBodyLimited, readErrorBody, redactUrl } from "./http.js";
import type { Reporter } from "./report.js";
import { TOOL_DOWNLOAD_TIMEOUT_MS, installTool, runnerArch } from "./tools.js";
import { commonJsExports } from "./lazy.js";

/** semver, loaded when a Go version is matched, not at every action's start (issue 14). */
const semver = async () => commonJsExports(await import("semver"));

/** The Go toolchain a stage runs. */
export interface GoToolchain {
  /** Path of the `go` binary. */
  go: string;
  /** `1.19.8` */
  version: string;
  goroot: string;
  gocache: string;
  gomodcache: string;
  hostOS: string;
  hostArch: string;
}

/** `go1.19.8` → `1.19.8`, `go1.21` → `1.21.0`, `go1.22rc1` → `1.22.0-rc1`. */
export function normalizeGoVersion(text: string): string | undefined {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${m[3] ?? "0"}${m[4] ? `-${m[4]}` : ""}`;
}

/** Asks a `go` binary what it is. */
export async function describeGo(go: string): Promise<GoToolchain> {
  const { stdout } = await exec(go, ["env", "GOVERSION", "GOROOT", "GOCACHE", "GOMODCACHE", "GOHOSTOS", "GOHOSTARCH"]);
  const [v = "", goroot = "", gocache = "", gomodcache = "", hostOS = "", hostArch = ""] = stdout.split("\n").map((s) => s.trim());
  const version = normalizeGoVersion(v);
  if (!version) throw new GantryError(`\`${go} env GOVERSION\` printed ${JSON.stringify(v)}, which is not a Go version`);
  return { go, version, goroot, gocache, gomodcache, hostOS, hostArch };
}

/**
 * The version range a `go-version` input means: `1.22` → `1.22.x`, `1.22.3` → exactly,
 * `>=1.21` and other semver ranges as written.
 */
export async function goVersionRange(spec: string, input = "go-version"): Promise<string> {
  const s = spec.trim().replace(/^go/, "");
  if (/^\d+\.\d+$/.test(s)) return `${s}.x`;
  const exact = normalizeGoVersion(s);
  if (exact) return exact;
  const range = (await semver()).validRange(s);
  if (!range) throw new InputError(input, spec, "accepted: a Go version such as 1.22, 1.22.3 or a range such as >=1.21");
  return range;
}

/**
 * Reads the version a file asks for: go.mod (`toolchain go1.22.3` exactly, else `go 1.21` as a
 * minimum), `.go-version`, or `.tool-versions` (`golang 1.22.1`).
 */
export async function goVersionFromFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new InputError("go-version-file", path, "the file cannot be read; accepted: a path to go.mod, go.work, .go-version or .tool-versions");
  }
  const name = basename(path);
  if (name === "go.mod" || name === "go.work") {
    const toolchain = /^toolchain\s+go(\S+)/m.exec(text)?.[1];
    if (toolchain) return normalizeGoVersion(toolchain) ?? toolchain;
    const directive = /^go\s+(\d+\.\d+(?:\.\d+)?)/m.exec(text)?.[1];
    if (!directive) throw new InputError("go-version-file", path, "it has no `go` directive");
    return `>=${normalizeGoVersion(directive)}`;
  }
  const tv = /^golang\s+(\S+)/m.exec(text)?.[1];
  const v = (name === ".tool-versions" ? tv : text.trim().split(/\s+/)[0]) ?? "";
  if (!v) throw new InputError("go-version-file", path, "no Go version found in it");
  return v;
}

/** The minimum Go a module asks for in its `go` directive, or undefined. */
export async function moduleGoDirective(goModPath: string): Promise<string | undefined> {
  const text = await readFile(goModPath, "utf8");
  const v = /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text)?.[1];
  return v ? normalizeGoVersion(v) : undefined;
}

/** One release file in go.dev/dl's JSON index. */
interface GoReleaseFile {
  filename: string;
  os: string;
  arch: string;
  version: string;
  sha256: string;
  /** Bytes; bounds the download (issue 10: every request has a size limit). */
  size?: number;
  kind: string;
}

const GO_ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64", arm: "armv6l", ia32: "386", ppc64: "ppc64le", s390x: "s390x" };

/** The go-build input that gives `downloadBase`; errors about the mirror name it. */
export const GO_DOWNLOAD_INPUT = "go-download-base-url";

/** installTool, its failure naming the input that chose the mirror. */
async function installFromMirror(...args: Parameters<typeof installTool>): Promise<string> {
  try {
    return await installTool(...args);
  } catch (err) {
    throw new GantryError(`${(err as Error).message} (the mirror is ${GO_DOWNLOAD_INPUT})`);
  }
}

/**
 * Uses the `go` on PATH when it satisfies the range; otherwise installs the newest matching
 * release from `downloadBase` (go.dev/dl's JSON index gives each file's sha256) into the tool cache.
 * The index and the download each wait at most `timeoutMs` for an answer or for more bytes.
 */
export async function resolveGo(
  range: string | undefined,
  downloadBase: string,
  reporter: Reporter,
  timeoutMs = TOOL_DOWNLOAD_TIMEOUT_MS,
): Promise<GoToolchain> {
  let onPath: GoToolchain | undefined;
  try {
    onPath = await describeGo("go");
  } catch (err) {
    if (!range) throw new GantryError(`no usable \`go\` on PATH (${(err as Error).message}); set go-version to install one`);
  }
  const { satisfies, rcompare } = await semver();
  if (onPath && (!range || satisfies(onPath.version, range, { includePrerelease: true }))) return onPath;
  const wanted = range as string;
  reporter.info(`go ${onPath?.version ?? "(none)"} on PATH does not satisfy ${wanted}; installing`);
  const index = `${downloadBase.replace(/\/$/, "")}/?mode=json&include=all`;
  let files: GoReleaseFile[];
  try {
    const res = await fetchWithTimeout(index, { headers: { "User-Agent": "gantry" }, redirect: "follow" }, timeoutMs);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${await readErrorBody(res, 512)}`.trim());
    // The whole index (every release since go1) is a few MiB; far more is not an index.
    const releases = JSON.parse((await readBodyLimited(res, 64 * 1024 * 1024, "the index")).toString("utf8")) as { version: string; files: GoReleaseFile[] }[];
    files = releases.flatMap((r) => r.files);
  } catch (err) {
    // Name the input that chose the mirror, so an offline runner knows what to change (issue 11).
    throw new GantryError(
      `the Go release index ${redactUrl(index)} could not be read: ${(err as Error).message}; ` +
        `set ${GO_DOWNLOAD_INPUT} to a mirror of go.dev/dl this runner can reach, or put a Go satisfying ${wanted} on PATH`,
    );
  }
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = GO_ARCH[process.arch] ?? process.arch;
  const candidates = files.filter((f) => f.os === os && f.arch === arch && f.kind === "archive" && normalizeGoVersion(f.version));
  const best = candidates
    .filter((f) => satisfies(normalizeGoVersion(f.version) as string, wanted, { includePrerelease: true }))
    .sort((a, b) => rcompare(normalizeGoVersion(a.version) as string, normalizeGoVersion(b.version) as string))[0];
  if (!best) throw new GantryError(`no Go release for ${os}/${arch} satisfies ${wanted} in ${redactUrl(index)} (${GO_DOWNLOAD_INPUT})`);
  const version = normalizeGoVersion(best.version) as string;
  const dir = await installFromMirror(
    {
      tool: "go",
      version,
      arch: runnerArch(),
      url: `${downloadBase.replace(/\/$/, "")}/${best.filename}`,
      sha256: best.sha256,
      format: best.filename.endsWith(".zip") ? "zip" : "tar.gz",
      root: "go",
      ...(typeof best.size === "number" && best.size > 0 ? { size: best.size } : {}),
    },
    reporter,
    timeoutMs,
  );
  return describeGo(join(dir, "bin", os === "windows" ? "go.exe" : "go"));
}
