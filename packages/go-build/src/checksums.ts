import { writeFile } from "node:fs/promises";
import { type Artifact, sha256File } from "@gantry/core";

/**
 * The files a release ships for one artifact, relative to the manifest's folder: its archive (or
 * the binary when there is none) and its SBOMs. checksums.txt lists exactly these, and so do the
 * provenance statement's subjects (issue 15).
 */
export function shippedFiles(a: Artifact): string[] {
  return [a.archive ?? a.path, ...(a.sbom?.spdx ? [a.sbom.spdx] : []), ...(a.sbom?.cyclonedx ? [a.sbom.cyclonedx] : [])];
}

/** `<sha256>  <name>` lines of every shipped file, sorted by name (sha256sum -c reads them). */
export async function checksumLines(artifacts: readonly Artifact[], resolve: (file: string) => string): Promise<string[]> {
  const known = new Map<string, string>();
  for (const a of artifacts) {
    known.set(a.path, a.sha256);
    if (a.archive && a["archive-sha256"]) known.set(a.archive, a["archive-sha256"]);
  }
  const files = artifacts.flatMap(shippedFiles).sort();
  return Promise.all(files.map(async (f) => `${known.get(f) ?? (await sha256File(resolve(f)))}  ${f}`));
}

/** Writes checksums.txt. */
export async function writeChecksums(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, `${lines.join("\n")}\n`);
}

/** Reads `<sha256>  <name>` lines back (the provenance's subjects after slim rewrote some). */
export function parseChecksums(text: string): { name: string; sha256: string }[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m) throw new Error(`checksums.txt has a line that is not "<sha256>  <name>": ${JSON.stringify(line)}`);
      return { sha256: m[1] as string, name: m[2] as string };
    });
}
