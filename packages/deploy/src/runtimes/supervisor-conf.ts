/**
 * The `[program:<app>-<color>]` file of runtime: supervisor (issue 12), rendered from checked
 * values only. Supervisor reads it with Python's RawConfigParser (`;` or `#` after whitespace
 * starts a comment, a newline starts a new option), expands `%(name)s` in every value (a literal
 * `%` is `%%`), splits `command` with shlex and `environment` with a non-POSIX shlex that strips
 * every quote from both ends of a value. A value those rules would change is refused, never pasted.
 */
import { GantryError } from "@gantry/core";

export interface ProgramSpec {
  /** `<app>-<color>`. */
  name: string;
  /** The release binary (absolute). */
  binary: string;
  directory: string;
  /** The service's whole environment (PORT included). */
  env: Record<string, string>;
  /** Only the color that should come back after supervisord starts (the active one, and a new one being started). */
  autostart: boolean;
  /** `stopwaitsecs`: SIGTERM, then SIGKILL after this many seconds. */
  stopWaitSecs: number;
  stdoutLog: string;
  stderrLog: string;
  /** `user=`; "" = supervisord's own user. */
  user: string;
}

/** A program name supervisor accepts and that names one file: the app rule plus the color. */
const PROGRAM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,70}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A user name as useradd takes it. */
export const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}\$?$/;

/**
 * Why a value cannot be one option of a supervisor file, or undefined when it can: no line
 * breaks, no comment start after whitespace, no `%(here)s` (replaced before `%` expansion), no
 * space at either end (the parser strips it).
 */
export function unwritable(value: string): string | undefined {
  if (/[\0\r\n]/.test(value)) return "it spans lines";
  if (/\s[;#]/.test(value)) return "supervisor reads ';' or '#' after a space as the start of a comment";
  if (value.includes("%(here)s")) return "supervisor replaces %(here)s even when escaped";
  if (value !== value.trim()) return "supervisor strips spaces at either end";
  return undefined;
}

/** `%` doubled: supervisor expands `%(name)s` in every value. */
const escapePercent = (v: string) => v.replaceAll("%", "%%");

function checked(value: string, what: string): string {
  const why = unwritable(value);
  if (why) throw new GantryError(`${what} ${JSON.stringify(value)} cannot be written to a supervisor program file: ${why}`);
  return escapePercent(value);
}

/**
 * Why an environment value cannot travel in `environment=`, or undefined. Each value is quoted
 * with `"` (or `'` when it holds `"`); supervisor's shlex has no escapes, and strips quotes from
 * both ends of the value.
 */
export function unquotable(value: string): string | undefined {
  if (/["']/.test(value[0] ?? "") || /["']/.test(value[value.length - 1] ?? "")) return "supervisor strips quotes at either end of a value";
  if (value.includes('"') && value.includes("'")) return "supervisor cannot quote a value holding both ' and \"";
  const why = unwritable(`x${value}x`);
  return why;
}

/** `KEY="value",KEY2='va"lue'`: quoted as supervisor's environment option needs. */
export function supervisorEnvironment(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => {
      if (!ENV_NAME.test(k)) throw new GantryError(`the environment variable name ${JSON.stringify(k)} is not valid for supervisor`);
      const why = unquotable(v);
      // The value may be a secret: only its name is shown.
      if (why) throw new GantryError(`the value of ${k} cannot be passed to supervisor: ${why}`);
      const q = v.includes('"') ? "'" : '"';
      return `${k}=${q}${escapePercent(v)}${q}`;
    })
    .join(",");
}

/** One shlex word: single quotes, a quote inside as `'\''`. */
function shlexQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/** The whole program file. */
export function renderProgram(p: ProgramSpec): string {
  if (!PROGRAM.test(p.name)) throw new GantryError(`${JSON.stringify(p.name)} is not a valid supervisor program name`);
  if (p.user && !USER_NAME.test(p.user)) throw new GantryError(`user ${JSON.stringify(p.user)} is not a valid user name`);
  const lines = [
    "; Written by gantry deploy (runtime: supervisor); rewritten on every cutover.",
    `[program:${p.name}]`,
    `command=${checked(shlexQuote(p.binary), "the release binary")}`,
    `directory=${checked(p.directory, "the release folder")}`,
    ...(p.user ? [`user=${p.user}`] : []),
    `environment=${supervisorEnvironment(p.env)}`,
    `autostart=${p.autostart}`,
    "autorestart=true",
    "startsecs=1",
    "stopsignal=TERM",
    `stopwaitsecs=${Math.max(1, Math.ceil(p.stopWaitSecs))}`,
    `stdout_logfile=${checked(p.stdoutLog, "the stdout log")}`,
    `stderr_logfile=${checked(p.stderrLog, "the stderr log")}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** The file with `autostart` set to `on` (the rest as gantry wrote it). */
export function withAutostart(text: string, on: boolean): string {
  return text.replace(/^autostart=(true|false)$/m, `autostart=${on}`);
}

/** One program's line of `supervisorctl status`: its state and pid (0 when none). */
export interface ProgramStatus {
  /** RUNNING, STARTING, BACKOFF, STOPPED, EXITED, FATAL, STOPPING, UNKNOWN; `MISSING` when supervisord does not know it. */
  state: string;
  pid: number;
  line: string;
}

/** supervisord's process states. */
const STATES = ["STOPPED", "STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED", "FATAL", "UNKNOWN"];

/** Parses `supervisorctl status <name>`: `hello-blue   RUNNING   pid 123, uptime 0:00:05`. */
export function parseStatus(name: string, output: string): ProgramStatus {
  const line = output.split("\n").find((l) => l.startsWith(`${name} `)) ?? "";
  const state = /^\S+\s+([A-Z]+)\b/.exec(line)?.[1];
  if (!state || !STATES.includes(state)) return { state: "MISSING", pid: 0, line: output.trim() };
  const pid = Number(/\bpid (\d+)/.exec(line)?.[1] ?? 0);
  return { state, pid: state === "RUNNING" ? pid : 0, line: line.trim() };
}
