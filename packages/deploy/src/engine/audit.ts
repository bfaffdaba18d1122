/**
 * The audit log (issue 7): every deploy and rollback appended to `state-dir/audit.log` on the
 * host, one JSON object per line: who, when, version, outcome. Unlike the journal's history
 * (rewritten, capped at 50), it is only ever appended to (O_APPEND through `>>`), so it stays a
 * record even of runs whose deployer died.
 */
import { join } from "node:path";
import { messageOf } from "@gantry/core";
import type { Host } from "../hosts/host.js";

/** The audit log's name in state-dir. */
export const AUDIT_FILE = "audit.log";

/** One line of the audit log. */
export interface AuditEntry {
  at: string;
  /** The person or bot behind the run: GITHUB_ACTOR with the repository and run, else the local user. */
  who: string;
  /** The deployer's machine and pid. */
  runner: string;
  command: "deploy" | "rollback" | "recover";
  version: string;
  from?: string;
  outcome: string;
  reason?: string;
  run: string;
}

/** Who is deploying, from the runner's variables (or the local user for the CLI). */
export function auditWho(env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_ACTOR) {
    const where = env.GITHUB_REPOSITORY ? ` (${env.GITHUB_REPOSITORY}${env.GITHUB_RUN_ID ? ` run ${env.GITHUB_RUN_ID}` : ""})` : "";
    return `${env.GITHUB_ACTOR}${where}`;
  }
  return env.USER || env.LOGNAME || "unknown";
}

const APPEND = 'umask 027; mkdir -p -- "$(dirname -- "$1")" && cat >> "$1"';

/** Appends one entry; a failure to write the audit log is reported, never fatal to the deploy it records. */
export async function appendAudit(host: Host, stateDir: string, entry: AuditEntry, warn: (m: string) => void): Promise<void> {
  const line = `${JSON.stringify({ ...entry, reason: entry.reason?.split("\n")[0] })}\n`;
  const path = join(stateDir, AUDIT_FILE);
  try {
    await host.exec(["sh", "-c", APPEND, "sh", path], { input: line, timeoutMs: 30_000 });
  } catch (err) {
    warn(`could not append to the audit log ${path} on ${host.name}: ${messageOf(err)}`);
  }
}

/** Parses an audit log (for `command: status` and tests); lines that are not JSON are skipped. */
export function parseAudit(text: string): AuditEntry[] {
  return text
    .split("\n")
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as AuditEntry];
      } catch {
        return [];
      }
    });
}
