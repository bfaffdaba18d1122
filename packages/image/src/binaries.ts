import { readFile, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import {
  type Artifact,
  GantryError,
  InputError,
  MANIFEST_FILE,
  type Manifest,
  digestFile,
  readManifest,
  readWholeFile,
  resolveInManifest,
  sha256,
} from "@gantry/core";
import { type Platform, formatPlatform, platformOfTarget, samePlatform } from "./oci.js";
import type { SbomFile, SbomFormat } from "./sbom.js";

/** One Linux binary to put in an image. */
export interface Binary {
  artifact: Artifact;
  /** Absolute path, checked against the manifest's sha256. */
  path: string;
  platform: Platform;
}

/**
 * A binary checked against the manifest's sha256 (selectBinaries). Its bytes are not kept: a layer
 * cache hit needs only the verified sha256 and size (issue 14); `read()` reads them, checked again,
 * when its layer must be built.
 */
export interface CheckedBinary extends Binary {
  size: number;
  read(): Promise<Uint8Array>;
}

/** go-build's manifests merged: the binaries of one commit, from one or many jobs. */
export interface BuildSet {
  project: string;
  version: string;
  commit: string;
  /** RFC 3339 commit time: every mtime and `created` in the image. */
  date: string;
  epoch: number;
  binaries: Binary[];
  /** Targets of other systems in the manifests (not imaged). */
  others: string[];
  manifests: string[];
}

const GLOB = /[*?[]/;

function globRegex(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]");
  return new RegExp(`^${body}$`);
}

async function listDir(dir: string): Promise<{ name: string; dir: boolean }[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, dir: d.isDirectory() }));
  } catch {
    return [];
  }
}

/** Files matching a glob with `*`, `?`, `[…]` and `**` (Node 20 has no fs.glob). */
async function glob(pattern: string): Promise<string[]> {
  const segments = pattern.split("/");
  const firstGlob = segments.findIndex((s) => GLOB.test(s));
  const root = segments.slice(0, firstGlob).join("/") || "/";
  const found: string[] = [];
  const walk = async (dir: string, rest: string[]): Promise<void> => {
    const [seg, ...tail] = rest;
    if (seg === undefined) return;
    if (seg === "**") {
      await walk(dir, tail);
      for (const e of await listDir(dir)) if (e.dir && !e.name.startsWith(".") && e.name !== "node_modules") await walk(join(dir, e.name), rest);
      return;
    }
    const re = globRegex(seg);
    for (const e of await listDir(dir)) {
      if (!re.test(e.name)) continue;
      if (tail.length === 0 && !e.dir) found.push(join(dir, e.name));
      else if (e.dir) await walk(join(dir, e.name), tail);
    }
  };
  await walk(root, segments.slice(firstGlob));
  return [...new Set(found)].sort();
}

/** Every artifacts.json under a folder (downloaded matrix artifacts), a few levels deep. */
async function manifestsUnder(dir: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  for (const e of await listDir(dir)) {
    if (!e.dir && e.name === MANIFEST_FILE) out.push(join(dir, e.name));
    else if (e.dir && depth > 0 && !e.name.startsWith(".") && e.name !== "node_modules") out.push(...(await manifestsUnder(join(dir, e.name), depth - 1)));
  }
  return out.sort();
}

/** The manifest input as files: one file, every artifacts.json in a folder, or a glob's matches. */
export async function findManifests(spec: string, cwd: string): Promise<string[]> {
  const path = isAbsolute(spec) ? spec : resolve(cwd, spec);
  let files: string[];
  if (GLOB.test(spec)) files = await glob(path);
  else {
    const s = await stat(path).catch(() => undefined);
    if (!s)
      throw new InputError(
        "manifest",
        spec,
        `${path} does not exist; run go-build first, or give the manifest's path, a folder of downloaded artifacts or a glob`,
      );
    files = s.isDirectory() ? await manifestsUnder(path) : [path];
  }
  if (files.length === 0)
    throw new InputError(
      "manifest",
      spec,
      `no ${MANIFEST_FILE} found there; give go-build's manifest, a folder holding them or a glob such as artifacts/*/${MANIFEST_FILE}`,
    );
  return files;
}

/** Seconds since the epoch of an RFC 3339 time; 0 when missing (go-build writes 1970 without a commit time). */
export function epochOf(date: string): number {
  const ms = Date.parse(date);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

/** The SBOM files go-build names for a binary (issue 15: `sbom: {spdx, cyclonedx}`, relative to the manifest). */
function sbomPaths(a: Artifact): Partial<Record<SbomFormat, string>> {
  const sbom = a.sbom as Partial<Record<SbomFormat, unknown>> | undefined;
  const out: Partial<Record<SbomFormat, string>> = {};
  for (const format of ["spdx", "cyclonedx"] as const) if (typeof sbom?.[format] === "string") out[format] = sbom[format] as string;
  return out;
}

/** An artifact with its binary's and SBOMs' paths made absolute. */
function resolveArtifact(manifest: string, a: Artifact): Artifact {
  const sbom = Object.fromEntries(Object.entries(sbomPaths(a)).map(([f, p]) => [f, resolveInManifest(manifest, p)]));
  return { ...a, path: resolveInManifest(manifest, a.path), ...(Object.keys(sbom).length > 0 ? { sbom } : {}) };
}

/** Reads the SBOMs the manifest names for a binary (absolute paths after loadBuildSet); a missing file is an error naming it. */
export async function readSboms(b: Binary): Promise<SbomFile[]> {
  const files: SbomFile[] = [];
  for (const [format, path] of Object.entries(sbomPaths(b.artifact)) as [SbomFormat, string][]) {
    const bytes = await readFile(path).catch(() => {
      throw new GantryError(
        `the ${b.artifact.target} ${format} SBOM ${path} named in the manifest cannot be read; download it with the binary, or set sbom-attach: false`,
      );
    });
    files.push({ format, path, bytes });
  }
  return files;
}

/**
 * Reads and merges manifests. They must come from the same project, version and commit (matrix
 * jobs of one build); a target built twice must have the same sha256. Each Linux binary is read
 * and checked against its sha256, so a stale file is never imaged.
 */
export async function loadBuildSet(files: readonly string[], cwd: string): Promise<BuildSet> {
  let first: Manifest | undefined;
  let firstPath = "";
  const byTarget = new Map<string, { a: Artifact; manifest: string; go: string }>();
  const others = new Set<string>();
  for (const file of files) {
    const m = await readManifest(file);
    if (!first) {
      first = m;
      firstPath = file;
    } else {
      for (const key of ["project", "version", "commit"] as const) {
        if (m[key] !== first[key]) {
          throw new GantryError(
            `manifests ${relative(cwd, firstPath)} and ${relative(cwd, file)} are from different builds (${key} ${JSON.stringify(first[key])} vs ${JSON.stringify(m[key])}); merge only the matrix jobs of one build`,
          );
        }
      }
    }
    for (const a of m.artifacts) {
      if (a.os !== "linux") {
        others.add(a.target);
        continue;
      }
      const seen = byTarget.get(a.target);
      if (seen && seen.a.sha256 !== a.sha256) {
        throw new GantryError(
          `${a.target} is in ${relative(cwd, seen.manifest)} and ${relative(cwd, file)} with different binaries (sha256 ${seen.a.sha256.slice(0, 12)} vs ${a.sha256.slice(0, 12)})`,
        );
      }
      if (!seen) byTarget.set(a.target, { a: resolveArtifact(file, a), manifest: file, go: typeof m.go === "string" ? m.go : "" });
    }
  }
  const m = first as Manifest;
  const binaries: Binary[] = [];
  for (const { a, go } of byTarget.values()) {
    binaries.push({ artifact: a, path: a.path, platform: platformOfTarget({ os: a.os, arch: a.arch, variant: a.variant ?? "" }, go) });
  }
  binaries.sort((x, y) => (formatPlatform(x.platform) < formatPlatform(y.platform) ? -1 : 1));
  return {
    project: m.project,
    version: m.version,
    commit: m.commit,
    date: m.date,
    epoch: epochOf(m.date),
    binaries,
    others: [...others].sort(),
    manifests: [...files],
  };
}

/** The binary's file must hold what go-build's manifest says: else it changed after the build. */
function checkDigest(b: Binary, sha256: string): void {
  if (sha256 !== b.artifact.sha256) {
    throw new GantryError(
      `${b.path} does not match the manifest (sha256 ${sha256.slice(0, 12)}, manifest says ${b.artifact.sha256.slice(0, 12)}): it changed after go-build; rebuild`,
    );
  }
}

function unreadable(b: Binary): GantryError {
  return new GantryError(
    `the ${b.artifact.target} binary ${b.path} named in the manifest cannot be read; download every build artifact next to its artifacts.json`,
  );
}

/** Why a non-Linux target gets no image, whether or not go-build built it. */
export function notLinux(target: string, inManifest: boolean): string {
  return `${target} ${inManifest ? "is in the manifest but " : ""}is not a Linux target; images hold linux/* binaries`;
}

/**
 * Narrows the set to the `platforms` input, in its order, and checks each binary against the
 * manifest's sha256, hashed as it is read (core's digestFile): nothing is kept but the digest and
 * size, so a run whose layers all come from the cache holds no binary in memory. `read()` reads the
 * file again and checks it again, so a layer is never built from bytes other than the ones checked.
 */
export async function selectBinaries(set: BuildSet, wanted: readonly Platform[]): Promise<CheckedBinary[]> {
  const have = set.binaries.map((b) => formatPlatform(b.platform));
  if (set.binaries.length === 0) {
    const targets = set.others.length > 0 ? `only ${set.others.join(", ")}` : "no artifacts";
    throw new GantryError(`${set.manifests.join(", ")} has no Linux binaries (${targets}); add linux targets to go-build's targets`);
  }
  const chosen =
    wanted.length === 0
      ? set.binaries
      : wanted.map((p) => {
          const b = set.binaries.find((x) => samePlatform(x.platform, p));
          if (b) return b;
          const asked = formatPlatform(p);
          // A windows or darwin binary in the manifest is not missing: an image cannot run it.
          if (p.os !== "linux")
            throw new InputError("platforms", asked, `${notLinux(asked, set.others.includes(asked))} (the manifest's Linux ones: ${have.join(", ")})`);
          throw new InputError("platforms", asked, `it is not in the manifest, which has ${have.join(", ")}`);
        });
  return Promise.all(
    chosen.map(async (b) => {
      const { sha256: digest, size } = await digestFile(b.path).catch(() => {
        throw unreadable(b);
      });
      checkDigest(b, digest);
      const read = async () => {
        const data = await readWholeFile(b.path).catch(() => {
          throw unreadable(b);
        });
        checkDigest(b, sha256(data));
        return data;
      };
      return { ...b, size, read };
    }),
  );
}
