import { writeFile } from "node:fs/promises";
import { type ArtifactSbom, SBOM_SUFFIXES } from "@gantry/core";
import { readGoBinaryInfo } from "../buildinfo.js";
import { cyclonedxJson } from "./cyclonedx.js";
import { spdxDocument } from "./spdx.js";
import type { SbomSubject } from "./subject.js";

/** go-build's `sbom` input. */
export type SbomFormat = "spdx" | "cyclonedx" | "both" | "none";
export const SBOM_FORMATS = ["spdx", "cyclonedx", "both", "none"] as const;

export interface SbomRequest {
  format: SbomFormat;
  go: string;
  env: NodeJS.ProcessEnv;
  /** The binary on disk. */
  binary: string;
  /** Its path relative to the manifest's folder. */
  file: string;
  sha256: string;
  version: string;
  date: string;
}

/**
 * Writes the binary's SBOMs beside it (`<binary>.spdx.json`, `<binary>.cdx.json`) from its own Go
 * build information; returns their paths relative to the manifest's folder, as artifacts.json lists them.
 */
export async function writeSboms(req: SbomRequest): Promise<ArtifactSbom | undefined> {
  if (req.format === "none") return undefined;
  const subject: SbomSubject = {
    file: req.file,
    sha256: req.sha256,
    version: req.version,
    date: req.date,
    info: await readGoBinaryInfo(req.go, req.binary, req.env),
  };
  const sbom: ArtifactSbom = {};
  if (req.format === "spdx" || req.format === "both") {
    await writeFile(`${req.binary}${SBOM_SUFFIXES.spdx}`, `${JSON.stringify(spdxDocument(subject), null, 2)}\n`);
    sbom.spdx = `${req.file}${SBOM_SUFFIXES.spdx}`;
  }
  if (req.format === "cyclonedx" || req.format === "both") {
    await writeFile(`${req.binary}${SBOM_SUFFIXES.cyclonedx}`, cyclonedxJson(subject));
    sbom.cyclonedx = `${req.file}${SBOM_SUFFIXES.cyclonedx}`;
  }
  return sbom;
}
