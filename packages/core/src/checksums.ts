/**
 * checksums.txt as `sha256sum` writes and reads it: `<sha256>  <name>` per line (go-build writes
 * it; slim rewrites lines of it; both re-read it as a provenance statement's subjects, issue 15).
 */

/** Reads `<sha256>  <name>` lines back (a `*` for binary mode is accepted). */
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
