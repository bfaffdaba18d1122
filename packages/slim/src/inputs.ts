import { isAbsolute, resolve } from "node:path";
import { InputError, type InputReader, SIZE_ACCEPTED, parseSize, parseTarget, splitList } from "@gantry/core";

/** Every slim input with its default: the same table as actions/slim/action.yml. */
export const SLIM_INPUTS = {
  manifest: "dist/artifacts.json",
  files: "",
  strip: "auto",
  upx: "auto",
  "upx-version": "5.2.0",
  "upx-args": "--best",
  "upx-sha256": "",
  "upx-download-base-url": "https://github.com/upx/upx/releases/download",
  verify: "true",
  "smoke-args": "--version",
  "smoke-timeout": "10s",
  "on-verify-failure": "fail",
  "keep-original": "false",
  "max-size": "",
  "max-growth": "",
  baseline: "",
  "report-packages": "true",
  "report-file": "",
} as const;

export type Tristate = "auto" | "true" | "false";

/** `max-size`: one limit for every binary and/or limits per target. */
export interface SizeBudget {
  /** Bytes, for targets not listed in `perTarget`. */
  all?: number;
  perTarget: Record<string, number>;
}

export interface SlimInputs {
  /** Absolute path of artifacts.json (used when `files` is empty). */
  manifest: string;
  /** Globs of executables, relative to the workspace (when set, the manifest is not read). */
  files: string[];
  strip: Tristate;
  upx: Tristate;
  upxVersion: string;
  upxArgs: string[];
  upxSha256: string;
  upxDownloadBaseUrl: string;
  verify: boolean;
  smokeArgs: string[];
  smokeTimeoutMs: number;
  onVerifyFailure: "fail" | "restore-and-warn";
  keepOriginal: boolean;
  maxSize?: SizeBudget;
  /** Percent. */
  maxGrowth?: number;
  baseline: string;
  reportPackages: boolean;
  reportFile: string;
  /** The workspace globs and relative paths resolve against. */
  cwd: string;
}

/**
 * UPX options a user may add. Anything that changes what UPX does with its files (-o, -d, -t,
 * -k, --force, --force-macos) is gantry's to decide: --force-macos makes binaries macOS 13+
 * kills at start (upx#612).
 */
const UPX_ARG =
  /^(-[1-9]|--best|--brute|--ultra-brute|--lzma|--nrv2[bde]|--all-methods|--all-filters|--no-lzma|--exact|--compress-(exports|icons|resources)=[0-3]|--strip-relocs=[01]|--no-align|-q|-qq|--no-progress)$/;
export const UPX_ARGS_ACCEPTED =
  "accepted: space-separated UPX compression options: -1 … -9, --best, --brute, --ultra-brute, --lzma, --nrv2b/d/e, --all-methods, --all-filters, --exact, --compress-exports=N, --compress-icons=N, --compress-resources=N, --strip-relocs=N, --no-align, -q (gantry sets -o, -t and never --force)";

/** Parses `8MB` or `linux/amd64=8MB, windows/amd64=9MB` (a bare size is the limit for the rest). */
export function parseSizeBudget(text: string, input = "max-size"): SizeBudget | undefined {
  const items = splitList(text);
  if (items.length === 0) return undefined;
  const budget: SizeBudget = { perTarget: {} };
  for (const item of items) {
    const eq = item.indexOf("=");
    const sizeText = (eq >= 0 ? item.slice(eq + 1) : item).trim();
    const bytes = parseSize(sizeText);
    if (bytes === undefined || bytes <= 0) {
      throw new InputError(input, item, `${SIZE_ACCEPTED}; per target: linux/amd64=8MB, windows/amd64=9MB`);
    }
    if (eq < 0) {
      if (budget.all !== undefined) throw new InputError(input, text, "give one size for every binary at most; per target: linux/amd64=8MB");
      budget.all = bytes;
    } else {
      const target = parseTarget(item.slice(0, eq), input);
      const key = `${target.os}/${target.arch}${target.variant ? `/${target.variant}` : ""}`;
      if (key in budget.perTarget) throw new InputError(input, item, `${key} is given twice`);
      budget.perTarget[key] = bytes;
    }
  }
  return budget;
}

/** Parses and checks every input; nothing changes on disk before this passes. */
export function parseSlimInputs(read: InputReader, cwd: string): SlimInputs {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const upxArgs = read.string("upx-args").split(/\s+/).filter(Boolean);
  for (const a of upxArgs) if (!UPX_ARG.test(a)) throw new InputError("upx-args", a, UPX_ARGS_ACCEPTED);
  const upxVersion = read.string("upx-version");
  if (!/^\d+\.\d+\.\d+$/.test(upxVersion)) throw new InputError("upx-version", upxVersion, "accepted: a UPX release version such as 5.2.0");
  const upxSha256 = read.string("upx-sha256").toLowerCase();
  if (upxSha256 && !/^[0-9a-f]{64}$/.test(upxSha256)) throw new InputError("upx-sha256", upxSha256, "accepted: 64 hex digits (sha256 of the release archive)");
  const baseUrl = read.string("upx-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("upx-download-base-url", baseUrl, "accepted: an http(s) URL");
  const files = read.lines("files");
  for (const f of files) {
    if (f.startsWith("!")) throw new InputError("files", f, "accepted: globs of files to slim; exclusions (!) are not supported");
  }
  const maxGrowth = read.percent("max-growth");
  const baseline = read.string("baseline");
  if (maxGrowth !== undefined && !baseline) {
    throw new InputError(
      "max-growth",
      read.string("max-growth"),
      "it needs baseline: the size report JSON of a previous run (report-file or the report output)",
    );
  }
  const smokeTimeoutMs = read.duration("smoke-timeout");
  if (smokeTimeoutMs <= 0) throw new InputError("smoke-timeout", read.string("smoke-timeout"), "accepted: a positive duration such as 10s");
  return {
    manifest: abs(read.string("manifest") || "dist/artifacts.json"),
    files,
    strip: read.choice("strip", ["auto", "true", "false"] as const),
    upx: read.choice("upx", ["auto", "true", "false"] as const),
    upxVersion,
    upxArgs,
    upxSha256,
    upxDownloadBaseUrl: baseUrl.replace(/\/+$/, ""),
    verify: read.bool("verify"),
    smokeArgs: read.string("smoke-args").split(/\s+/).filter(Boolean),
    smokeTimeoutMs,
    onVerifyFailure: read.choice("on-verify-failure", ["fail", "restore-and-warn"] as const),
    keepOriginal: read.bool("keep-original"),
    maxSize: parseSizeBudget(read.string("max-size")),
    maxGrowth,
    baseline: baseline ? abs(baseline) : "",
    reportPackages: read.bool("report-packages"),
    reportFile: read.string("report-file") ? abs(read.string("report-file")) : "",
    cwd,
  };
}
