import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GantryError, type RunContext, exists, sha256, sha256File } from "@gantry/core";
import type { GoBuildResult } from "../build.js";
import type { GoBuildInputs, VerifyRequest } from "../inputs.js";
import { cleanCheckout } from "./checkout.js";
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
}

/** The build verify runs in the clean folder: go-build itself (and its upx step), given by the stage. */
export type Rebuild = (inputs: GoBuildInputs, ctx: RunContext) => Promise<GoBuildResult>;

/**
 * The rebuild's environment: empty GOCACHE and GOMODCACHE of its own, the release's date, and the
 * commit from the checkout rather than the runner's. GOFLAGS stays as the user's Go has it (an
 * environment GOFLAGS would hide the one in `go env -w`'s file, e.g. -buildvcs=false).
 */
function cleanEnv(env: NodeJS.ProcessEnv, c: { gocache: string; gomodcache: string }, release: Release): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, GOCACHE: c.gocache, GOMODCACHE: c.gomodcache };
  delete out.GITHUB_SHA;
  delete out.GITHUB_REF;
  const date = Date.parse(release.date ?? "");
  if (Number.isFinite(date)) out.SOURCE_DATE_EPOCH = String(Math.floor(date / 1000));
  return out;
}

/**
 * go-build's verify mode (issue 15): the release's commit exported into a fresh temp folder, built
 * there with the release's inputs and empty Go caches, and every file the release lists compared
 * byte for byte with the rebuilt one. The temp folder (copy, caches, outputs) is always removed.
 */
export async function verifyRelease(inputs: GoBuildInputs & { verify: VerifyRequest }, ctx: RunContext, rebuild: Rebuild): Promise<VerifyResult> {
  const { release, ref } = inputs.verify;
  const from = ref ? (ref === release.commit ? `the commit ${release.kind === "provenance" ? "the statement" : "the manifest"} names` : "verify-ref") : "HEAD";
  const c = await cleanCheckout(inputs.workingDirectory, ref, ref === release.commit ? "verify" : "verify-ref", ctx.env, ctx.reporter);
  try {
    ctx.reporter.info(
      `verify: rebuilding ${c.commit.slice(0, 12)} (${from}) in a clean folder with empty Go caches, to compare ${release.files.length} files of ${release.path}`,
    );
    const built = await rebuild(
      { ...inputs, verify: undefined, workingDirectory: c.moduleDir, outDir: c.outDir, cache: false },
      { ...ctx, env: cleanEnv(ctx.env, c, release) },
    );
    if (release.go && release.go !== built.go.version)
      ctx.reporter.warning(`verify: the release was built with go ${release.go} and this rebuild with go ${built.go.version}; set go-version: ${release.go}`);
    const files = await Promise.all(release.files.map((f) => compareFile(f, release.folder, c.outDir)));
    return { verified: files.every((f) => f.identical), commit: c.commit, release, files, go: built.go.version };
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
  return new GantryError(
    `verify: ${bad.length} of ${r.files.length} files rebuilt from ${r.commit.slice(0, 12)} differ from ${r.release.path}: ${bad.map((f) => `${f.file}: ${f.difference}`).join("; ")}`,
  );
}
