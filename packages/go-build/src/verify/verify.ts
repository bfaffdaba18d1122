import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GantryError, type RunContext, exists, sha256, sha256File } from "@gantry/core";
import type { GoBuildResult } from "../build.js";
import type { GoBuildInputs, InputDifference, VerifyRequest } from "../inputs.js";
import { type CleanCheckout, cleanCheckout } from "./checkout.js";
import { describeDifference, firstDifference } from "./diff.js";
import type { ExpectedFile, Release } from "./release.js";

/** One listed file: its sha256 in the release, in the rebuild, and where they first differ. */
export interface VerifiedFile {
  file: string;
  expected: string;
  /** "" when the rebuild made no such file. */
  rebuilt: string;
  identical: boolean;
  /** `identical`, or where the bytes first differ (`tar.gz entry svc (content): section .rodata`). */
  difference: string;
}

export interface VerifyResult {
  verified: boolean;
  commit: string;
  release: Release;
  files: VerifiedFile[];
  /** The Go of the rebuild, and of the release when it says. */
  go: string;
  /** The given inputs the statement records otherwise (the rebuild used the statement's). */
  differences: InputDifference[];
}

/** The build verify runs in the clean folder: go-build itself (and its upx step), given by the stage. */
export type Rebuild = (inputs: GoBuildInputs, ctx: RunContext) => Promise<GoBuildResult>;

/**
 * What the rebuild keeps of the caller's environment: where programs are (PATH), where modules
 * come from and how they are checked, a network proxy and its certificates. Nothing else: not
 * GOFLAGS or GOENV (a -toolexec there would run), CC or CGO_*FLAGS, tokens or the runner's variables.
 */
export const REBUILD_ENV = [
  "PATH",
  "GOPROXY",
  "GONOPROXY",
  "GOSUMDB",
  "GONOSUMDB",
  "GOPRIVATE",
  "GOTOOLCHAIN",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
] as const;

/**
 * The rebuild's environment, built from nothing: REBUILD_ENV from the caller, an empty HOME and
 * TMPDIR in the clean folder (so no `go env -w` file or git config of the caller's takes part),
 * empty GOCACHE and GOMODCACHE, and the release's date. go-build passes -buildvcs=false itself.
 */
export function rebuildEnv(env: NodeJS.ProcessEnv, c: Pick<CleanCheckout, "gocache" | "gomodcache" | "home" | "tmp">, release: Release): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const name of REBUILD_ENV) if (env[name] !== undefined) out[name] = env[name];
  Object.assign(out, { HOME: c.home, TMPDIR: c.tmp, GOCACHE: c.gocache, GOMODCACHE: c.gomodcache, GOENV: "off" });
  const date = Date.parse(release.date ?? "");
  if (Number.isFinite(date)) out.SOURCE_DATE_EPOCH = String(Math.floor(date / 1000));
  return out;
}

/**
 * go-build's verify mode: the release's commit exported into a fresh temp folder, built there with
 * the release's inputs (checked like given ones), empty Go caches and a minimal environment, and
 * every file the release lists compared byte for byte with the rebuilt one. The temp folder (copy,
 * caches, outputs, HOME) is always removed.
 */
export async function verifyRelease(inputs: GoBuildInputs & { verify: VerifyRequest }, ctx: RunContext, rebuild: Rebuild): Promise<VerifyResult> {
  const { release, ref, differences } = inputs.verify;
  for (const d of differences)
    ctx.reporter.warning(
      `verify: input ${d.input}: you gave ${JSON.stringify(d.given)} and ${release.path} records ${JSON.stringify(d.statement)}; the rebuild uses the statement's, the release's own`,
    );
  const from = ref ? (ref === release.commit ? `the commit ${release.kind === "provenance" ? "the statement" : "the manifest"} names` : "verify-ref") : "HEAD";
  const c = await cleanCheckout(inputs.workingDirectory, ref, ref === release.commit ? "verify" : "verify-ref", ctx.env, ctx.reporter);
  try {
    ctx.reporter.info(
      `verify: rebuilding ${c.commit.slice(0, 12)} (${from}) in a clean folder with empty Go caches, to compare ${release.files.length} files of ${release.path}`,
    );
    const built = await rebuild(
      { ...inputs, verify: undefined, workingDirectory: c.moduleDir, outDir: c.outDir, cache: false },
      { ...ctx, env: rebuildEnv(ctx.env, c, release) },
    );
    if (release.go && release.go !== built.go.version)
      ctx.reporter.warning(`verify: the release was built with go ${release.go} and this rebuild with go ${built.go.version}; set go-version: ${release.go}`);
    const files = await Promise.all(release.files.map((f) => compareFile(f, release.folder, c.outDir)));
    return { verified: files.every((f) => f.identical), commit: c.commit, release, files, go: built.go.version, differences };
  } finally {
    await c.remove();
  }
}

/** One listed file against its rebuild; the section is named from the release's own copy, when it lies beside the list. */
async function compareFile(f: ExpectedFile, releaseFolder: string, outDir: string): Promise<VerifiedFile> {
  const rebuiltPath = join(outDir, f.name);
  if (!(await exists(rebuiltPath))) return { file: f.name, expected: f.sha256, rebuilt: "", identical: false, difference: "the rebuild made no such file" };
  const rebuilt = await sha256File(rebuiltPath);
  const row = { file: f.name, expected: f.sha256, rebuilt };
  if (rebuilt === f.sha256) return { ...row, identical: true, difference: "identical" };
  const ownPath = join(releaseFolder, f.name);
  if (!(await exists(ownPath)))
    return { ...row, identical: false, difference: "differs (the release's file is not beside the list, so no section can be named)" };
  const own = await readFile(ownPath);
  if (sha256(own) !== f.sha256) return { ...row, identical: false, difference: "differs (and the release's own file does not match its listed sha256)" };
  return { ...row, identical: false, difference: describeDifference(firstDifference(own, await readFile(rebuiltPath))) };
}

/** The error a failed verification ends the step with: each differing file and where. */
export function verifyError(r: VerifyResult): GantryError {
  const bad = r.files.filter((f) => !f.identical);
  const inputs = r.differences.length
    ? `; the inputs you gave that the statement records otherwise (its values were used): ${r.differences.map((d) => d.input).join(", ")}`
    : "";
  return new GantryError(
    `verify: ${bad.length} of ${r.files.length} files rebuilt from ${r.commit.slice(0, 12)} differ from ${r.release.path}: ${bad.map((f) => `${f.file}: ${f.difference}`).join("; ")}${inputs}`,
  );
}
