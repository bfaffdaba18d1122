import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GantryError } from "./errors.js";
import { sha256File } from "./fsx.js";
import { fetchWithTimeout, readErrorBody, redactUrl } from "./http.js";
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
  /** The archive's size in bytes where the release list gives it (go.dev/dl's `size`). */
  size?: number;
}

/**
 * The folder of gantry's own caches on this machine: `GANTRY_CACHE_DIR` when set, else
 * `$XDG_CACHE_HOME/gantry` (~/.cache/gantry). It holds the tool cache and temp folder outside a
 * runner and image's layer cache (`layers/`); with `GANTRY_CACHE_DIR` set, go-build's kept links,
 * archives and verdicts move there too (`go-build/`) from GOCACHE/gantry. The tests and the demo
 * point it into their temp folder, so that they leave nothing in the user's caches.
 */
export function gantryCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GANTRY_CACHE_DIR?.trim() || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "gantry");
}

/** Outside a runner (CLI, tests) the tool cache and temp folder live in gantryCacheDir. */
export function ensureRunnerDirs(env: NodeJS.ProcessEnv = process.env): void {
  const base = gantryCacheDir(env);
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

/** How long a tool download may wait for an answer or for its next bytes (issue 10). */
export const TOOL_DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * A download whose size the release does not give stops past this: the sha256 is checked only
 * once the file is whole, so without a bound a wrong or hostile server could fill the runner's disk.
 * Go's archives are about 75 MiB, UPX's under 1 MiB.
 */
export const TOOL_DOWNLOAD_MAX_BYTES = 512 * 1024 * 1024;

/** Passes a body through, failing (which stops the download) once it is past `limit` bytes. */
function sizeLimit(limit: number, what: string) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) throw new GantryError(`the download is larger than ${what} (${limit} bytes); it was stopped`);
      yield chunk;
    }
  };
}

/**
 * Streams a release archive into RUNNER_TEMP with a timeout (@actions/tool-cache's downloadTool
 * has none, so a stalled server hung the step until the job's own limit) and a size limit: the
 * release's own size where known, else TOOL_DOWNLOAD_MAX_BYTES.
 */
async function download(url: string, timeoutMs: number, size: number | undefined): Promise<string> {
  const dir = process.env.RUNNER_TEMP as string;
  await mkdir(dir, { recursive: true });
  const file = join(dir, `gantry-download-${randomUUID()}`);
  try {
    const res = await fetchWithTimeout(url, { headers: { "User-Agent": "gantry" }, redirect: "follow" }, timeoutMs);
    if (!res.ok || !res.body) {
      const why = `HTTP ${res.status}${res.ok ? "" : ` ${await readErrorBody(res, 512)}`}`.trim();
      throw Object.assign(new GantryError(why), { retryable: res.status >= 500 || res.status === 429 });
    }
    const limit = size ?? TOOL_DOWNLOAD_MAX_BYTES;
    const what = size === undefined ? "the limit for a tool download, TOOL_DOWNLOAD_MAX_BYTES" : "the size the release list gives";
    const declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (declared > limit) {
      await res.body.cancel().catch(() => undefined);
      throw new GantryError(`the server announces ${declared} bytes, more than ${what} (${limit} bytes); it was not downloaded`);
    }
    const body = Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
    await pipeline(body, sizeLimit(limit, what), createWriteStream(file, { mode: 0o600 }));
    return file;
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  }
}

/**
 * Installs a tool from its release archive into the tool cache, checking its sha256 before
 * anything is extracted; the next run finds it there instead of downloading it again.
 */
export async function installTool(release: ToolRelease, reporter: Reporter, timeoutMs = TOOL_DOWNLOAD_TIMEOUT_MS): Promise<string> {
  const cached = await findCachedTool(release.tool, release.version, release.arch);
  const tc = await toolCache();
  if (cached) {
    reporter.info(`${release.tool} ${release.version} (${release.arch}) found in the tool cache`);
    return cached;
  }
  const where = redactUrl(release.url);
  reporter.info(`downloading ${release.tool} ${release.version} (${release.arch}) from ${where}`);
  let file = "";
  // Like tool-cache's downloadTool: retry a refused connection or a 5xx, but not a timeout or a 4xx.
  for (let attempt = 1; !file; attempt++) {
    try {
      file = await download(release.url, timeoutMs, release.size);
    } catch (err) {
      const retryable = (err as { retryable?: boolean }).retryable ?? !(err instanceof GantryError);
      if (!retryable || attempt === 3)
        throw new GantryError(`${release.tool} ${release.version} could not be downloaded from ${where}: ${(err as Error).message}`);
      reporter.info(`download of ${where} failed (${(err as Error).message}); retrying`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
  try {
    const actual = await sha256File(file);
    if (actual !== release.sha256.toLowerCase()) {
      throw new GantryError(`${release.tool} ${release.version} from ${where} has sha256 ${actual}, expected ${release.sha256}; it was not installed`);
    }
    const extracted = release.format === "zip" ? await tc.extractZip(file) : await tc.extractTar(file, undefined, release.format === "tar.xz" ? "xJ" : "xz");
    const dir = release.root ? join(extracted, release.root) : extracted;
    return await tc.cacheDir(dir, release.tool, release.version, release.arch);
  } finally {
    await rm(file, { force: true });
  }
}

/** The runner's architecture in the tool cache's words. */
export function runnerArch(): string {
  return process.arch;
}
