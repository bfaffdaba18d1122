import { InputError } from "@gantry/core";
import { type TemplateValues, fillTemplate } from "./placeholders.js";
import type { BuildInfo } from "./version.js";

export { type TemplateValues, fillTemplate } from "./placeholders.js";

/**
 * Quotes one -ldflags word the way Go splits them (cmd/internal/quoted: single or double
 * quotes, no escapes). A value holding both quote characters, or a control character, cannot
 * be passed literally and is refused.
 */
export function quoteLdflagsWord(word: string, input: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\x00-\x1f\x7f]/.test(word)) throw new InputError(input, word, "control characters and newlines cannot be passed to -ldflags");
  if (!/[\s'"]/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!word.includes('"')) return `"${word}"`;
  throw new InputError(input, word, "a value may hold single or double quotes, not both (Go's -ldflags quoting has no escapes)");
}

/** `main.version={version}` lines, checked. */
export function parseXAssignments(lines: readonly string[]): { key: string; template: string }[] {
  return lines.map((line) => {
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!/^[\w./~-]+\.[A-Za-z_]\w*$/.test(key)) {
      throw new InputError("x", line, "accepted: one importpath.name=value per line, e.g. main.buildUser={commit}");
    }
    return { key, template: line.slice(eq + 1) };
  });
}

export interface LdflagsOptions {
  strip: boolean;
  info: BuildInfo;
  x: readonly { key: string; template: string }[];
  templateValues: TemplateValues;
  extra: string;
}

/**
 * The -ldflags value: `-s -w` when stripping, `-buildid=` for identical bytes from any
 * machine, the version stamps (a missing variable is harmless to Go), the user's `x` and `ldflags`.
 */
export function buildLdflags(o: LdflagsOptions): string {
  const words = o.strip ? ["-s", "-w"] : [];
  words.push("-buildid=");
  const stamps: [string, string, string][] = [
    ["main.version", o.info.version, "version"],
    ["main.commit", o.info.commit, "version"],
    ["main.date", o.info.date, "version"],
  ];
  for (const { key, template } of o.x) stamps.push([key, fillTemplate(template, o.templateValues, "x"), "x"]);
  for (const [key, value, input] of stamps) words.push("-X", quoteLdflagsWord(`${key}=${value}`, input));
  if (o.extra) words.push(fillExtraLdflags(o.extra, o.templateValues));
  return words.join(" ");
}

/**
 * The `ldflags` input with its placeholders filled, as `x` and `archive-name` are. The input is
 * split by Go itself (the user quotes it), so a filled-in value that would change that split
 * (whitespace or a quote, say a version `1 -X main.admin=true`) is refused, not passed on.
 */
function fillExtraLdflags(extra: string, values: TemplateValues): string {
  return fillTemplate(extra, values, "ldflags", (value, key) => {
    if (/[\s'"]/.test(value))
      throw new InputError("ldflags", extra, `{${key}} is ${JSON.stringify(value)} here, which cannot stand in -ldflags unquoted; use the x input for it`);
  });
}

/**
 * `-buildvcs=false` unless `flags` sets -buildvcs itself: Go's VCS stamp records `vcs.modified`,
 * true whenever the checkout has an untracked file (out-dir itself, node_modules), so the bytes
 * would depend on the folder, not the commit. The commit is stamped by ldflags (main.commit) and
 * recorded in the provenance statement instead (issue 15: `gantry verify` rebuilds in a clean checkout).
 */
export function vcsFlags(flags: readonly string[]): string[] {
  return flags.some((f) => /^--?buildvcs(=|$)/.test(f)) ? [] : ["-buildvcs=false"];
}
