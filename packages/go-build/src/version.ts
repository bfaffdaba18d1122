import { exec } from "@gantry/core";

/** What the build stamps into binaries and archives. */
export interface BuildInfo {
  version: string;
  commit: string;
  /** RFC 3339, UTC: the commit time (or SOURCE_DATE_EPOCH), never "now". */
  date: string;
  /** Seconds since the epoch, for archive mtimes. */
  epoch: number;
  /** Where the date came from, for the log. */
  dateSource: "SOURCE_DATE_EPOCH" | "commit" | "none";
}

/** A git command's trimmed output, or undefined when git fails or prints nothing. */
export async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await exec("git", args, { cwd, timeoutMs: 10_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * version: the input, else the tag from GITHUB_REF, else `git describe --tags --always --dirty`,
 * else 0.0.0-dev. date: SOURCE_DATE_EPOCH (reproducible-builds.org) over the commit time, else the epoch.
 */
export async function detectBuildInfo(cwd: string, explicitVersion: string, env: NodeJS.ProcessEnv): Promise<BuildInfo> {
  const ref = env.GITHUB_REF ?? "";
  const [described, head, commitTime] = await Promise.all([
    explicitVersion || ref.startsWith("refs/tags/") ? undefined : git(cwd, ["describe", "--tags", "--always", "--dirty"]),
    env.GITHUB_SHA ? undefined : git(cwd, ["rev-parse", "HEAD"]),
    git(cwd, ["log", "-1", "--format=%ct"]),
  ]);
  const version = explicitVersion || (ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : described) || "0.0.0-dev";
  const commit = env.GITHUB_SHA || head || "none";
  const sde = env.SOURCE_DATE_EPOCH?.trim();
  let epoch = 0;
  let dateSource: BuildInfo["dateSource"] = "none";
  if (sde && /^\d+$/.test(sde)) {
    epoch = Number(sde);
    dateSource = "SOURCE_DATE_EPOCH";
  } else if (commitTime && /^\d+$/.test(commitTime)) {
    epoch = Number(commitTime);
    dateSource = "commit";
  }
  return { version, commit, date: new Date(epoch * 1000).toISOString().replace(".000Z", "Z"), epoch, dateSource };
}
