import { join } from "node:path";
import { GantryError, type Reporter, type ToolRelease, exec, findCachedTool, installTool, runnerArch, which } from "@gantry/core";
import type { ExecutableInfo } from "./binfmt.js";

/**
 * UPX release archives gantry knows the sha256 of, per runner (Node's platform-arch). UPX
 * publishes `upx-<v>-<arch>_linux.tar.xz` and `upx-<v>-win64.zip`; there is no macOS build.
 * Unlike ghaction-upx (which downloads every run) and upx-action (amd64 only), the archive for
 * the runner's own architecture is installed once into the tool cache and found there next time.
 */
export const UPX_RELEASES: Record<string, Record<string, string>> = {
  "5.2.0": {
    "linux-x64": "3db5d3294707439db97866feab8d75d800f028f48481a40547411824da4288a1",
    "linux-arm64": "55d48a61e8ffd17152db871c855376cba7f08e830b37799d0947a16dff8ec36c",
    "win32-x64": "b471ebf1b7f20f4a89150264ed9a008a2a5bfd247f3c6d1184a75bb59ca08f5d",
  },
};

const LINUX_ASSET_ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "i386", arm: "arm", ppc64: "powerpc64le" };

/** The release archive for this runner, or the reason there is none. */
export function upxRelease(
  version: string,
  baseUrl: string,
  sha256Override: string,
  platform: string = process.platform,
  arch: string = runnerArch(),
): ToolRelease | { reason: string } {
  let stem: string;
  let format: ToolRelease["format"];
  if (platform === "linux" && LINUX_ASSET_ARCH[arch]) {
    stem = `upx-${version}-${LINUX_ASSET_ARCH[arch]}_linux`;
    format = "tar.xz";
  } else if (platform === "win32" && (arch === "x64" || arch === "ia32")) {
    stem = `upx-${version}-${arch === "x64" ? "win64" : "win32"}`;
    format = "zip";
  } else {
    return { reason: `UPX publishes no release for ${platform}/${arch} runners; install upx on PATH yourself (e.g. brew install upx)` };
  }
  const sha256 = sha256Override || UPX_RELEASES[version]?.[`${platform}-${arch}`];
  if (!sha256) {
    return {
      reason: `gantry pins no checksum for UPX ${version} on ${platform}/${arch}: set upx-sha256 to the sha256 of ${stem}.${format}, or use upx-version ${Object.keys(UPX_RELEASES).join(", ")}`,
    };
  }
  return { tool: "upx", version, arch, url: `${baseUrl}/v${version}/${stem}.${format}`, sha256, format, root: stem };
}

/** A UPX ready to run. */
export interface Upx {
  path: string;
  version: string;
  /** Where it came from: `PATH`, `tool cache`, `downloaded`. */
  source: string;
}

function upxInDir(dir: string): string {
  return join(dir, process.platform === "win32" ? "upx.exe" : "upx");
}

/** `upx -V` → `5.2.0`. */
export async function upxVersionOf(path: string): Promise<string> {
  const r = await exec(path, ["-V"], { allowFailure: true, timeoutMs: 10_000 });
  const m = /^upx (\S+)/m.exec(r.stdout);
  if (r.code !== 0 || !m) throw new GantryError(`\`${path} -V\` did not print a UPX version (exit ${r.code}): ${(r.stdout || r.stderr).trim().split("\n")[0]}`);
  return m[1] as string;
}

/**
 * Finds UPX without downloading: the pinned version in the tool cache first, then `upx` on
 * PATH. `install` (upx: true) downloads the release when neither is there.
 */
export async function resolveUpx(
  opts: { version: string; baseUrl: string; sha256: string; install: boolean; env?: NodeJS.ProcessEnv },
  reporter: Reporter,
): Promise<Upx | { reason: string }> {
  const cached = await findCachedTool("upx", opts.version, runnerArch());
  if (cached) {
    reporter.info(`upx ${opts.version} found in the tool cache`);
    return { path: upxInDir(cached), version: opts.version, source: "tool cache" };
  }
  const onPath = await which("upx", opts.env);
  if (onPath) return { path: onPath, version: await upxVersionOf(onPath), source: "PATH" };
  if (!opts.install) return { reason: "UPX is not installed (not on PATH, not in the tool cache): set upx: true to install it" };
  const release = upxRelease(opts.version, opts.baseUrl, opts.sha256);
  if ("reason" in release) return release;
  const dir = await installTool(release, reporter);
  return { path: upxInDir(dir), version: opts.version, source: "downloaded" };
}

/**
 * Why UPX must not pack this target, or undefined when it can. UPX packs linux 386, amd64, arm,
 * arm64, ppc64le, mips, mipsle and windows 386, amd64 (upx src/packmast.cpp); everything else is
 * refused or breaks at run time.
 */
export function upxUnsafeReason(info: Pick<ExecutableInfo, "format" | "os" | "arch" | "pie">): string | undefined {
  const t = `${info.os}/${info.arch}`;
  if (info.os === "darwin") return `${t}: UPX-packed macOS binaries are killed at start on macOS 13+ (upx#612); UPX refuses them since 4.2.0`;
  if (t === "windows/arm64") return `${t}: UPX cannot pack arm64 PE files (upx#551)`;
  if (["freebsd", "netbsd", "openbsd", "dragonfly"].includes(info.os)) return `${t}: UPX-packed 64-bit BSD binaries do not start (upx#636)`;
  if (info.os === "linux" && ["mips64", "mips64le", "s390x", "loong64", "riscv64", "ppc64"].includes(info.arch))
    return `${t}: UPX has no packer for this architecture`;
  if (info.format === "elf" && info.pie) return `${t}: PIE build (-buildmode=pie); UPX 5.x packs it into a binary that crashes (upx#18895)`;
  const packable = ["linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/ppc64le", "linux/mips", "linux/mipsle", "windows/386", "windows/amd64"];
  if (!packable.includes(t)) return `${t}: UPX has no packer for this target`;
  return undefined;
}

/** UPX's answers that mean "left as it was", which goreleaser also treats as warnings. */
export const UPX_SKIP_EXCEPTIONS = ["CantPackException", "AlreadyPackedException", "NotCompressibleException", "UnknownExecutableFormatException"] as const;

export type PackOutcome = { packed: true; ms: number } | { packed: false; exception: string; message: string; skip: boolean };

/**
 * UPX prints failures as `upx: <file>: <ExceptionClass>: <message>` on stderr (src/msg.cpp
 * printErr) and exits 1 for errors, 2 for warnings such as AlreadyPacked (src/work.cpp).
 */
export function parseUpxError(stderr: string): { exception: string; message: string } | undefined {
  for (const line of stderr.split("\n")) {
    const m = /^upx: .*?: ([A-Za-z]+(?:Exception|Error))(?:: (.*))?$/.exec(line.trim());
    if (m) return { exception: m[1] as string, message: (m[2] ?? "").trim() };
  }
  return undefined;
}

/** Packs `input` into a new file `output` (input is never modified). */
export async function upxPack(upx: Upx, input: string, output: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<PackOutcome> {
  const r = await exec(upx.path, [...args, "--no-progress", "-o", output, input], { allowFailure: true, timeoutMs: 600_000, env });
  if (r.code === 0) return { packed: true, ms: r.durationMs };
  const e = parseUpxError(r.stderr) ?? { exception: `exit ${r.code}`, message: (r.stderr || r.stdout).trim().split("\n").slice(-2).join(" ") };
  return { packed: false, ...e, skip: (UPX_SKIP_EXCEPTIONS as readonly string[]).includes(e.exception) };
}

/** `upx -t`: UPX decompresses the file in memory and checks its checksums. */
export async function upxTest(upx: Upx, file: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await exec(upx.path, ["-t", file], { allowFailure: true, timeoutMs: 120_000, env });
  if (r.code === 0 && /\[OK\]/.test(r.stdout)) return undefined;
  const e = parseUpxError(r.stderr);
  return e ? `${e.exception}${e.message ? `: ${e.message}` : ""}` : `upx -t exited with ${r.code}`;
}
