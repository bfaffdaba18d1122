/**
 * go-build's `goreleaser-config` input: a goreleaser v2 config read as go-build's inputs (an
 * input the user sets wins), and the names its templates give, filled once the version is known.
 */
import { join } from "node:path";
import { InputError, InputReader, type Target } from "@gantry/core";
import type { BuildInfo } from "../version.js";
import { readGoreleaserConfig } from "./config.js";
import { type PlannedBuild, planGoreleaser } from "./mapping.js";
import { FieldTemplateError, apply, releaseFields, targetFields } from "./naming.js";

export { TemplateError, parseTemplate } from "./template.js";
export { matrix } from "./mapping.js";

/** Names and ldflags from the config's templates, for one release. */
export interface ResolvedNaming {
  /** The version stamped and named: a snapshot's comes from snapshot.version_template. */
  version: string;
  /** The ldflags for a target, or undefined to use go-build's ldflags input. */
  ldflags(t: Target): string | undefined;
  /** The archive's name without its extension, or undefined to use archive-name. */
  archive(t: Target): string | undefined;
  checksums: string;
}

/** What build.ts asks once the build info is known. */
export interface ReleaseNaming {
  /** The config's parts gantry does not do: said in one notice. */
  ignored: readonly string[];
  /** The build's id in the config. */
  id: string;
  resolve(info: BuildInfo, o: { cwd: string; tagged: boolean }): Promise<ResolvedNaming>;
}

const wrap = <T>(f: () => T): T => {
  try {
    return f();
  } catch (err) {
    if (err instanceof FieldTemplateError) throw new InputError("goreleaser-config", `${err.field}: ${err.source}`, `gantry cannot evaluate it: ${err.reason}`);
    throw err;
  }
};

function naming(b: PlannedBuild, ignored: readonly string[], explicit: (name: string) => boolean): ReleaseNaming {
  return {
    ignored,
    id: b.id,
    async resolve(info, o) {
      const { fields, snapshot, now } = await releaseFields(info, { projectName: b.projectName, binary: b.binary, env: b.env, cwd: o.cwd, tagged: o.tagged });
      if (snapshot) fields.Version = wrap(() => apply(b.snapshot, fields, now));
      const at = (t: Target) => ({ ...fields, ...targetFields(t) });
      return {
        version: snapshot ? (fields.Version as string) : info.version,
        ldflags: (t) => (b.ldflags && !explicit("ldflags") ? wrap(() => apply(b.ldflags as NonNullable<typeof b.ldflags>, at(t), now)) : undefined),
        archive: (t) => (b.archive && !explicit("archive-name") ? wrap(() => apply(b.archive as NonNullable<typeof b.archive>, at(t), now)) : undefined),
        checksums: wrap(() => apply(b.checksums, fields, now)),
      };
    },
  };
}

/**
 * Parses go-build's inputs once per build of the config (one run with no config): the config's
 * values stand in for inputs left empty or at their default. Several builds go each into
 * out-dir/<id>, built in turn.
 */
export function parseWithGoreleaser<T extends { outDir: string }>(
  given: InputReader,
  defaults: Readonly<Record<string, string>>,
  cwd: string,
  env: NodeJS.ProcessEnv,
  parse: (read: InputReader) => T,
): (T & { naming?: ReleaseNaming })[] {
  const path = given.path("goreleaser-config", cwd);
  if (!path) return [parse(given)];
  const workDir = given.path("working-directory", cwd) || cwd;
  const plan = planGoreleaser(readGoreleaserConfig(path), workDir, env);
  const explicit = (name: string) => given.string(name) !== "" && given.string(name) !== (defaults[name] ?? "");
  return plan.builds.map((b) => {
    const read = new InputReader((name) => (explicit(name) ? given.string(name) : (b.inputs[name] ?? given.string(name))), defaults);
    const parsed = parse(read);
    const outDir = plan.builds.length > 1 ? join(parsed.outDir, b.id) : parsed.outDir;
    return { ...parsed, outDir, naming: naming(b, plan.ignored, explicit) };
  });
}
