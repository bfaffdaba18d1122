import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { GantryError } from "./errors.js";
import { writeFileAtomic } from "./fsx.js";

/**
 * artifacts.json: the one file every stage reads and writes (go-build → slim → image → deploy).
 * Paths inside are relative to the manifest's own directory, so the folder can be uploaded as an
 * artifact and downloaded elsewhere.
 */
export interface Artifact {
  name: string;
  /** `linux/arm/v7` */
  target: string;
  os: string;
  arch: string;
  variant: string;
  path: string;
  size: number;
  sha256: string;
  archive?: string;
  "archive-sha256"?: string;
  /** Added by the slim stage. */
  slim?: SlimRecord;
  /** The binary's SBOMs (issue 15), beside it as `<file>.spdx.json` / `<file>.cdx.json`; listed in checksums.txt. */
  sbom?: ArtifactSbom;
  [extra: string]: unknown;
}

export interface ArtifactSbom {
  /** SPDX 2.3 JSON, relative to the manifest's folder. */
  spdx?: string;
  /** CycloneDX 1.6 JSON, relative to the manifest's folder. */
  cyclonedx?: string;
}

/** File name endings of a binary's SBOMs, beside it: `<binary>.spdx.json`, `<binary>.cdx.json`. */
export const SBOM_SUFFIXES = { spdx: ".spdx.json", cyclonedx: ".cdx.json" } as const;

export interface SlimRecord {
  before: number;
  after: number;
  steps: string[];
  "skipped-reason"?: string;
}

export interface Manifest {
  schema: 1;
  project: string;
  version: string;
  commit: string;
  /** RFC 3339 commit time. */
  date: string;
  artifacts: Artifact[];
  /** checksums.txt beside the manifest, when written. */
  checksums?: string;
  /** go-build's provenance statement beside the manifest (`provenance.intoto.json`, issue 15), when written. */
  provenance?: string;
  [extra: string]: unknown;
}

export const MANIFEST_FILE = "artifacts.json";

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new GantryError(`manifest ${path} cannot be read (${(err as NodeJS.ErrnoException).code}); run go-build first or pass its path`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GantryError(`manifest ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const m = data as Partial<Manifest>;
  if (m?.schema !== 1 || !Array.isArray(m.artifacts)) {
    throw new GantryError(`manifest ${path} is not a gantry artifacts manifest (expected schema 1 with an artifacts array)`);
  }
  for (const a of m.artifacts) {
    if (typeof a?.path !== "string" || typeof a.target !== "string" || typeof a.sha256 !== "string") {
      throw new GantryError(`manifest ${path} has an artifact without path, target or sha256: ${JSON.stringify(a)}`);
    }
  }
  return m as Manifest;
}

export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Absolute path of a file named in a manifest. */
export function resolveInManifest(manifestPath: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(manifestPath), file);
}

/** A path as stored in a manifest (relative to its directory, with forward slashes). */
export function relativeToManifest(manifestPath: string, file: string): string {
  return relative(dirname(resolve(manifestPath)), resolve(file))
    .split("\\")
    .join("/");
}
