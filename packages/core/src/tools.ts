import { homedir } from "node:os";
import { join } from "node:path";
import { GantryError } from "./errors.js";
import { sha256File } from "./fsx.js";
import type { Reporter } from "./report.js";

/** A release archive of a tool, pinned by checksum. */
export interface ToolRelease {
  tool: string;
  version: string;
  /** Runner architecture as the tool cache names it (x64, arm64). */
  arch: string;
  url: string;
  sha256: string;
  format: "tar.gz" | "tar.xz" | "zip";
  /** Folder inside the archive that holds the tool (e.g. `go`, `upx-4.2.4-amd64_linux`). */
  root?: string;
}

/** Outside a runner (CLI, tests) the tool cache lives under ~/.cache/gantry. */
export function ensureRunnerDirs(env: NodeJS.ProcessEnv = process.env): void {
  const base = join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "gantry");
  env.RUNNER_TOOL_CACHE ||= join(base, "tool-cache");
  env.RUNNER_TEMP ||= join(base, "tmp");
}

/**
 * @actions/tool-cache brings an HTTP client (undici) with it: load it only when a tool is looked
 * up or installed, not at every action's start.
 */
function toolCache(): Promise<typeof import("@actions/tool-cache")> {
  return import("@actions/tool-cache");
}

/** The tool's folder from the runner's tool cache, or undefined. */
export async function findCachedTool(tool: string, version: string, arch: string): Promise<string | undefined> {
  ensureRunnerDirs();
  return (await toolCache()).find(tool, version, arch) || undefined;
}

/**
 * Installs a tool from its release archive into the tool cache, checking its sha256 before
 * anything is extracted; the next run finds it there instead of downloading it again.
 */
export async function installTool(release: ToolRelease, reporter: Reporter): Promise<string> {
  const cached = await findCachedTool(release.tool, release.version, release.arch);
  const tc = await toolCache();
  if (cached) {
    reporter.info(`${release.tool} ${release.version} (${release.arch}) found in the tool cache`);
    return cached;
  }
  reporter.info(`downloading ${release.tool} ${release.version} (${release.arch}) from ${release.url}`);
  let file: string;
  try {
    file = await tc.downloadTool(release.url);
  } catch (err) {
    throw new GantryError(`${release.tool} ${release.version} could not be downloaded from ${release.url}: ${(err as Error).message}`);
  }
  const actual = await sha256File(file);
  if (actual !== release.sha256.toLowerCase()) {
    throw new GantryError(`${release.tool} ${release.version} from ${release.url} has sha256 ${actual}, expected ${release.sha256}; it was not installed`);
  }
  const extracted = release.format === "zip" ? await tc.extractZip(file) : await tc.extractTar(file, undefined, release.format === "tar.xz" ? "xJ" : "xz");
  const dir = release.root ? join(extracted, release.root) : extracted;
  return tc.cacheDir(dir, release.tool, release.version, release.arch);
}

/** The runner's architecture in the tool cache's words. */
export function runnerArch(): string {
  return process.arch;
}
