import { readdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * Minimal globbing for the `files` input (Node 20 has no fs.glob): `*`, `?`, `[abc]`, `{a,b}`
 * and `**` for any depth. Hidden files match only when the pattern names them. Matching is on
 * forward-slash paths relative to the base folder.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = "";
  let inBraces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        const slash = pattern[i + 2] === "/";
        re += slash ? "(?:[^/]+/)*" : ".*";
        i += slash ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "{") {
      inBraces++;
      re += "(?:";
    } else if (c === "}" && inBraces > 0) {
      inBraces--;
      re += ")";
    } else if (c === "," && inBraces > 0) re += "|";
    else re += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The folder before the first wildcard (`dist/**\/app` → `dist`). */
function staticPrefix(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (/[*?[{]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/");
}

async function walk(dir: string, out: string[], depth = 0): Promise<void> {
  if (depth > 32) return;
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === "node_modules" || e.name === ".git") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out, depth + 1);
    else out.push(p);
  }
}

/** Files matching one pattern, absolute and sorted. A pattern without wildcards names one file. */
export async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const normalized = pattern.split(sep).join("/");
  if (!/[*?[{]/.test(normalized)) return [isAbsolute(normalized) ? normalized : resolve(cwd, normalized)];
  const abs = isAbsolute(normalized);
  const base = abs ? "/" : cwd;
  const prefix = staticPrefix(abs ? normalized.slice(1) : normalized);
  const re = globToRegExp(abs ? normalized.slice(1) : normalized);
  const found: string[] = [];
  await walk(resolve(base, prefix || "."), found);
  const hiddenOk = /(^|\/)\./.test(normalized);
  return found
    .filter((f) => {
      const rel = relative(base, f).split(sep).join("/");
      return re.test(rel) && (hiddenOk || !/(^|\/)\./.test(rel));
    })
    .sort();
}
