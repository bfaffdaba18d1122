/**
 * goreleaser's template fields for one release, from the build info gantry detected, and the
 * names and flags its templates give. Evaluated once the version and commit are known.
 */
import type { Target } from "@gantry/core";
import { git } from "../version.js";
import type { BuildInfo } from "../version.js";
import { type Fields, type Template, TemplateError, parseTemplate } from "./template.js";

/** The fields gantry fills, with goreleaser's names (internal/tmpl). */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  "ProjectName",
  "Version",
  "Tag",
  "ShortCommit",
  "FullCommit",
  "Commit",
  "Date",
  "Timestamp",
  "CommitDate",
  "CommitTimestamp",
  "Env",
  "IsSnapshot",
  "Binary",
  "Os",
  "Arch",
  "Arm",
  "Amd64",
  "Arm64",
  "Mips",
]);
const TARGET_FIELDS = ["Os", "Arch", "Arm", "Amd64", "Arm64", "Mips"];

/** A template of one field of the config: a refusal names the field and the expression. */
export interface FieldTemplate {
  field: string;
  template: Template;
}

export class FieldTemplateError extends Error {
  override name = "FieldTemplateError";
  constructor(
    readonly field: string,
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Parses one field's template; with `perTarget` false, target fields are refused. */
export function fieldTemplate(field: string, source: string, perTarget = true): FieldTemplate {
  try {
    const template = parseTemplate(source, KNOWN_FIELDS);
    const target = TARGET_FIELDS.find((f) => template.fields.has(f));
    if (!perTarget && target) throw new TemplateError(`.${target} has no value here: the field is one for the whole release`);
    return { field, template };
  } catch (err) {
    if (err instanceof TemplateError) throw new FieldTemplateError(field, source, err.message);
    throw err;
  }
}

/** Fills a field's template; an evaluation failure names the field. */
export function apply(t: FieldTemplate, fields: Fields, now: Date): string {
  try {
    return t.template.run(fields, now);
  } catch (err) {
    if (err instanceof TemplateError) throw new FieldTemplateError(t.field, t.template.source, err.message);
    throw err;
  }
}

/** goreleaser's per-target fields: `.Arm` is GOARM's value ("6"), `.Amd64` GOAMD64's ("v1" when none is given). */
export function targetFields(t: Target): Fields {
  return {
    Os: t.os,
    Arch: t.arch,
    Arm: t.arch === "arm" ? (t.variant ?? "").replace(/^v/, "") : "",
    Amd64: t.arch === "amd64" ? t.variant || "v1" : "",
    Arm64: t.arch === "arm64" ? t.variant || "v8.0" : "",
    Mips: /^mips/.test(t.arch) ? t.variant || "hardfloat" : "",
  };
}

/** The release-wide fields, from gantry's build info and git. */
export async function releaseFields(
  info: BuildInfo,
  o: { projectName: string; binary: string; env: Record<string, string>; cwd: string; tagged: boolean },
): Promise<{ fields: Record<string, Fields[string]>; snapshot: boolean; now: Date }> {
  const [short, exact, lastTag, committed] = await Promise.all([
    git(o.cwd, ["show", "--format=%h", "--quiet", "HEAD"]),
    o.tagged ? Promise.resolve(info.version) : git(o.cwd, ["describe", "--tags", "--exact-match", "HEAD"]),
    git(o.cwd, ["describe", "--tags", "--abbrev=0", "HEAD"]),
    git(o.cwd, ["log", "-1", "--format=%ct"]),
  ]);
  // A snapshot, as `goreleaser --snapshot` makes, when no version or tag ref was given and HEAD is not a tag.
  const snapshot = !o.tagged && exact === undefined;
  const tag = snapshot ? (lastTag ?? "v0.0.0") : info.version;
  const commitEpoch = committed && /^\d+$/.test(committed) ? Number(committed) : info.epoch;
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");
  // The build date is the commit's (or SOURCE_DATE_EPOCH), never the clock: the bytes stay reproducible.
  const now = new Date(info.epoch * 1000);
  return {
    fields: {
      ProjectName: o.projectName,
      Binary: o.binary,
      Version: tag.replace(/^v/, ""),
      Tag: tag,
      ShortCommit: short ?? info.commit.slice(0, 7),
      FullCommit: info.commit,
      Commit: info.commit,
      Date: info.date,
      Timestamp: info.epoch,
      CommitDate: iso(commitEpoch),
      CommitTimestamp: commitEpoch,
      Env: o.env,
      IsSnapshot: snapshot,
    },
    snapshot,
    now,
  };
}
