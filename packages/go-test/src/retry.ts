import { escapeRegExp } from "./locate.js";

/**
 * The failed tests that explain their package's failure: a failed test with a failed subtest is
 * explained by the subtest, so only the deepest failures are rerun and reported.
 */
export function failedLeaves(failed: readonly string[]): string[] {
  const set = new Set(failed);
  return failed.filter((name) => ![...set].some((other) => other !== name && other.startsWith(`${name}/`)));
}

/** `^(A|B)$` for one level of names. */
function level(names: Iterable<string>): string {
  const unique = [...new Set(names)].map(escapeRegExp);
  return unique.length === 1 ? `^${unique[0]}$` : `^(${unique.join("|")})$`;
}

/**
 * The `-run` patterns that rerun exactly the failed tests of one package (issue 5, "retries"):
 * top-level tests together in one pattern; a failed subtest with its parent, level by level
 * (`^TestTable$/^(bad|worse)$`), since go test matches -run per level of the name. When the failed
 * subtests of one parent sit at different depths, the whole parent runs again.
 */
export function rerunPatterns(failed: readonly string[]): string[] {
  const roots: string[] = [];
  const nested = new Map<string, string[][]>();
  for (const name of failedLeaves(failed)) {
    const [root, ...rest] = name.split("/");
    if (rest.length === 0) roots.push(root as string);
    else nested.set(root as string, [...(nested.get(root as string) ?? []), rest]);
  }
  const patterns: string[] = [];
  if (roots.length > 0) patterns.push(level(roots));
  for (const [root, rests] of nested) {
    const depth = (rests[0] as string[]).length;
    if (rests.some((r) => r.length !== depth)) {
      patterns.push(level([root]));
      continue;
    }
    const parts = [level([root])];
    for (let d = 0; d < depth; d++) parts.push(level(rests.map((r) => r[d] as string)));
    patterns.push(parts.join("/"));
  }
  return patterns;
}
