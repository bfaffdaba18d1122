// The SBOM files of a build, as binaries.ts reads them and referrers.ts attaches them.

/** The SBOM formats go-build writes by the manifest's `sbom` key. */
export type SbomFormat = "spdx" | "cyclonedx";

/** One binary's SBOM file, read. */
export interface SbomFile {
  format: SbomFormat;
  path: string;
  bytes: Uint8Array;
}
