import { basename, join } from "node:path";
import { GantryError, InputError, type Target, exists, formatTarget, readManifest, resolveInManifest, sha256File } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import {
  ACCEPTED_APP,
  ACCEPTED_FILE_NAME,
  ACCEPTED_VERSION,
  APP_NAME,
  FILE_NAME,
  TARGET_NAME,
  RELEASE_VERSION,
  type Release,
  checkName,
} from "../model/model.js";

/** The binary to deploy, found on the deployer's machine. */
export interface ArtifactChoice {
  path: string;
  sha256: string;
  /** From the manifest, when one was used. */
  version?: string;
  project?: string;
}

/**
 * The `artifact` input when given, else the manifest's artifact for the host's platform (the
 * manifest is read here, in run, never in parse: an earlier stage of the same job writes it).
 */
export async function resolveArtifact(artifact: string, manifestPath: string, platform: Target): Promise<ArtifactChoice> {
  if (artifact) {
    if (!(await exists(artifact)))
      throw new InputError("artifact", artifact, "no such file; give the path of the service binary, or leave it empty to use the manifest");
    return { path: artifact, sha256: await sha256File(artifact) };
  }
  if (!(await exists(manifestPath)))
    throw new InputError("manifest", manifestPath, "no such file; run go-build first, pass its manifest output, or set artifact to a binary path");
  const m = await readManifest(manifestPath);
  const want = formatTarget(platform);
  const match = m.artifacts.find((a) => a.os === platform.os && a.arch === platform.arch && (!platform.variant || a.variant === platform.variant));
  if (!match)
    throw new GantryError(
      `manifest ${manifestPath} has no artifact for the host's platform ${want} (it has ${m.artifacts.map((a) => a.target).join(", ") || "none"}); add ${want} to go-build's targets`,
    );
  const field = (name: string) => `manifest ${manifestPath}: ${name}`;
  // Values from the manifest name folders and files on the host: checked like inputs (issue 10).
  // An empty version or project is allowed: the version then comes from the sha256, the app from the app input.
  const version = !m.version ? undefined : checkName(m.version, RELEASE_VERSION, field("version"), ACCEPTED_VERSION);
  const project = !m.project ? undefined : checkName(m.project, APP_NAME, field("project"), ACCEPTED_APP);
  const target = checkName(match.target, TARGET_NAME, field("artifacts[].target"), "a Go target such as linux/amd64 or linux/arm/v7");
  // The binary keeps its file name in releases/<version>/.
  const file = basename(match.path);
  if (/[\0\r\n]/.test(match.path) || !FILE_NAME.test(file) || file === "." || file === "..")
    throw new GantryError(`${field(`path of ${target}`)} ${JSON.stringify(match.path)} is not valid; accepted: a file path on one line ending in a file name`);
  const path = resolveInManifest(manifestPath, match.path);
  if (!(await exists(path))) throw new GantryError(`manifest ${manifestPath} names ${match.path}, which does not exist`);
  const actual = await sha256File(path);
  if (actual !== match.sha256)
    throw new GantryError(`${path} has sha256 ${actual} but the manifest says ${match.sha256}; it changed after go-build and is not deployed`);
  return { path, sha256: actual, version, project };
}

/** `releases/<version>/release.json`. */
interface ReleaseMeta {
  version: string;
  binary: string;
  /** runtime: docker: the image ID, and the reference it was deployed from. */
  image?: string;
  ref?: string;
  sha256: string;
  staged: string;
}

export function releasesDir(stateDir: string): string {
  return join(stateDir, "releases");
}

/** `releases/<version>`, for a version that names one folder and nothing else (it may come from a manifest or a journal). */
export function releaseDir(stateDir: string, version: string): string {
  return join(releasesDir(stateDir), checkName(version, RELEASE_VERSION, "version", ACCEPTED_VERSION));
}

/** The base environment of every service process; nothing else leaks in from the deployer (like systemd). */
export const BASE_ENV: Readonly<Record<string, string>> = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };

/** `KEY=value` lines for the 0600 environment file beside the binary. */
export function renderEnvFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}\n`)
    .join("");
}

export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** A release already in the state dir, or undefined. */
export async function findRelease(host: Host, stateDir: string, version: string): Promise<Release | undefined> {
  const dir = releaseDir(stateDir, version);
  const text = await host.readFile(join(dir, "release.json"));
  if (!text) return undefined;
  const meta = JSON.parse(text) as ReleaseMeta;
  if (meta.image) return { version, dir, binary: "", sha256: meta.sha256, image: meta.image };
  return { version, dir, binary: join(dir, meta.binary), sha256: meta.sha256 };
}

/** The environment a release was deployed with. */
export async function releaseEnv(host: Host, release: Release): Promise<Record<string, string>> {
  return parseEnvFile((await host.readFile(join(release.dir, "service.env"))) ?? "");
}

/**
 * Puts the binary in `releases/<version>/` (issue 6, step 2): built in a temp folder, checked
 * by sha256 on the host, then renamed into place. A version that exists with the same binary is
 * reused; with a different binary it is replaced, unless that version is running.
 */
export async function stageRelease(
  host: Host,
  stateDir: string,
  version: string,
  artifact: ArtifactChoice,
  env: Record<string, string>,
  running: readonly string[],
  runId: string,
): Promise<{ release: Release; reused: boolean }> {
  const name = checkName(basename(artifact.path), FILE_NAME, "the binary's file name", ACCEPTED_FILE_NAME);
  return stage(host, stateDir, version, { sha256: artifact.sha256, what: "binary" }, env, running, runId, async (tmp, dir) => {
    const sha = await host.upload(artifact.path, join(tmp, name), 0o755);
    if (sha !== artifact.sha256)
      throw new GantryError(`the binary arrived on ${host.name} with sha256 ${sha}, expected ${artifact.sha256}; nothing was changed`);
    return { meta: { binary: name }, release: { binary: join(dir, name) } };
  });
}

/**
 * runtime: docker: `releases/<version>/` holds the image ID (no binary) and the environment, so
 * a rollback finds the image it ran. The same version with another image is replaced, unless it runs.
 */
export function stageImageRelease(
  host: Host,
  stateDir: string,
  version: string,
  image: { ref: string; id: string },
  env: Record<string, string>,
  running: readonly string[],
  runId: string,
): Promise<{ release: Release; reused: boolean }> {
  return stage(host, stateDir, version, { sha256: image.id, what: "image" }, env, running, runId, async () => ({
    meta: { binary: "", image: image.id, ref: image.ref },
    release: { binary: "", image: image.id },
  }));
}

/**
 * Both kinds of release: reuse the folder when its identity (the binary's sha256, or the image
 * ID) matches; refuse another identity under a running version; otherwise fill a temp folder
 * with the payload, the 0600 environment and release.json, and swap it in by rename.
 */
async function stage(
  host: Host,
  stateDir: string,
  version: string,
  identity: { sha256: string; what: "binary" | "image" },
  env: Record<string, string>,
  running: readonly string[],
  runId: string,
  fill: (tmp: string, dir: string) => Promise<{ meta: Omit<ReleaseMeta, "version" | "sha256" | "staged">; release: Pick<Release, "binary" | "image"> }>,
): Promise<{ release: Release; reused: boolean }> {
  const dir = releaseDir(stateDir, version);
  const existing = await findRelease(host, stateDir, version);
  if (existing && existing.sha256 === identity.sha256) {
    await host.writeFile(join(dir, "service.env"), renderEnvFile(env), 0o600);
    return { release: existing, reused: true };
  }
  if (existing && running.includes(version))
    throw new InputError(
      "version",
      version,
      `release ${version} is running with a different ${identity.what} (${existing.sha256.slice(0, 12)}); give this build a new version`,
    );
  const tmp = `${dir}.tmp-${runId}`;
  await host.remove(tmp);
  await host.mkdirp(tmp, 0o755);
  const { meta, release } = await fill(tmp, dir);
  await host.writeFile(join(tmp, "service.env"), renderEnvFile(env), 0o600);
  const full: ReleaseMeta = { version, sha256: identity.sha256, staged: new Date().toISOString(), ...meta };
  await host.writeFile(join(tmp, "release.json"), `${JSON.stringify(full, null, 2)}\n`);
  if (existing) await host.rename(dir, `${dir}.replaced-${runId}`);
  await host.rename(tmp, dir);
  if (existing) await host.remove(`${dir}.replaced-${runId}`);
  return { release: { version, dir, sha256: identity.sha256, ...release }, reused: false };
}

/** Removes all but the newest `keep` releases (by staging time), never one in `protect`, and leftovers of killed runs. */
export async function pruneReleases(host: Host, stateDir: string, keep: number, protect: readonly string[]): Promise<string[]> {
  const root = releasesDir(stateDir);
  const names = await host.list(root);
  const removed: string[] = [];
  const metas: { name: string; staged: string }[] = [];
  for (const name of names) {
    if (/\.(tmp|replaced)-/.test(name)) {
      await host.remove(join(root, name));
      continue;
    }
    const text = await host.readFile(join(root, name, "release.json"));
    metas.push({ name, staged: text ? (JSON.parse(text) as ReleaseMeta).staged : "" });
  }
  metas.sort((a, b) => b.staged.localeCompare(a.staged));
  for (const m of metas.slice(keep)) {
    if (protect.includes(m.name)) continue;
    await host.remove(join(root, m.name));
    removed.push(m.name);
  }
  return removed;
}
