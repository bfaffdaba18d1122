import { InputError } from "@gantry/core";
import type { BuildInfo } from "./version.js";

/** Values an `x`, `ldflags` or `archive-name` template may use: {version}, {os}, … */
export type TemplateValues = Record<string, string>;

/**
 * Every placeholder, in the order the docs list them. Named like the rest of gantry's
 * placeholders (`short_commit`, deploy's `previous_version`): the qualifier first.
 */
export const PLACEHOLDERS = ["name", "version", "bare_version", "commit", "short_commit", "date", "os", "arch", "variant", "target"] as const;

/** goreleaser's template fields, for the hint a switching user gets when one is refused. */
const GORELEASER_NAMES: Record<string, string> = {
  ".ProjectName": "name",
  ".Version": "bare_version",
  ".RawVersion": "bare_version",
  ".Tag": "version",
  ".Commit": "commit",
  ".FullCommit": "commit",
  ".ShortCommit": "short_commit",
  ".Date": "date",
  ".CommitDate": "date",
  ".Os": "os",
  ".Arch": "arch",
};

/** goreleaser's `.ShortCommit` is `git rev-parse --short HEAD`: 7 characters in most repositories. */
export const SHORT_COMMIT_LENGTH = 7;

/** Any `{…}`: a brace pair that is not a known placeholder is refused, never shipped literally. */
const BRACES = /\{([^{}]*)\}/g;

function accepted(): string {
  return `accepted: ${PLACEHOLDERS.map((k) => `{${k}}`).join(", ")}, {short_commit:N} (N from 4 to 40)`;
}

/** The commit length `{short_commit:N}` asks for, or undefined when `key` is not that form. */
function shortCommitLength(key: string): number | undefined {
  const m = /^short_commit:(\d+)$/.exec(key);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 4 && n <= 40 ? n : undefined;
}

function refuse(template: string, key: string, input: string): InputError {
  const goreleaser = GORELEASER_NAMES[key.trim()];
  const hint = goreleaser ? ` (goreleaser's {{${key.trim()}}} is {${goreleaser}})` : "";
  return new InputError(input, template, `unknown placeholder {${key}}${hint}; ${accepted()}`);
}

/** Refuses a template holding a `{…}` that is not a known placeholder: checked while parsing, before anything runs. */
export function checkTemplate(template: string, input: string): void {
  for (const m of template.matchAll(BRACES)) {
    const key = m[1] as string;
    if (!(PLACEHOLDERS as readonly string[]).includes(key) && shortCommitLength(key) === undefined) throw refuse(template, key, input);
  }
}

/**
 * Fills `{key}` placeholders (and `{short_commit:N}` from `commit`); an unknown key is an error
 * naming the input. `check` sees each value put in, to refuse one the surrounding text cannot hold.
 */
export function fillTemplate(template: string, values: TemplateValues, input: string, check?: (value: string, key: string) => void): string {
  return template.replace(BRACES, (_, key: string) => {
    const n = shortCommitLength(key);
    const v = values[key] ?? (n !== undefined ? values.commit?.slice(0, n) : undefined);
    if (v !== undefined) {
      check?.(v, key);
      return v;
    }
    throw new InputError(
      input,
      template,
      `unknown placeholder {${key}}; accepted: ${Object.keys(values)
        .map((k) => `{${k}}`)
        .join(", ")}`,
    );
  });
}

/** The version without its `v` (`v0.74.3` → `0.74.3`), as goreleaser's `.Version` has it. */
export function bareVersion(version: string): string {
  return version.replace(/^v(?=\d)/, "");
}

/** One target's placeholder values. */
export function placeholderValues(name: string, info: BuildInfo, t: { os: string; arch: string; variant: string; target: string }): TemplateValues {
  return {
    name,
    version: info.version,
    bare_version: bareVersion(info.version),
    commit: info.commit,
    short_commit: info.commit.slice(0, SHORT_COMMIT_LENGTH),
    date: info.date,
    os: t.os,
    arch: t.arch,
    variant: t.variant,
    target: t.target,
  };
}
