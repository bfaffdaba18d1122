/**
 * The one place a remote command line is built. ssh hands its command to the remote user's login
 * shell as one string, so every word must be quoted for a POSIX shell (issue 7: "every command
 * sent is built from validated values, never from raw input text"). Scripts are constants of this
 * package; values only ever arrive as quoted positional parameters (`sh -c SCRIPT sh "$1" …`),
 * never spliced into a script.
 */
import { GantryError } from "@gantry/core";

/**
 * Quotes one word for a POSIX shell: wrapped in single quotes, each `'` written as `'\''`.
 * Inside single quotes nothing is special (POSIX.1-2017 XCU 2.2.2), so the shell passes the
 * bytes through unchanged. NUL cannot be part of an argument at all and is refused.
 */
export function shQuote(word: string): string {
  if (word.includes("\0")) throw new GantryError("internal: a remote argument holds a NUL byte");
  // Plain words stay readable in logs and `ps`; no shell treats these characters specially
  // (a leading `=` is zsh's command-path expansion, so it is quoted).
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word) && !word.startsWith("=")) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** An argument array as one command line for the remote login shell. */
export function shCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new GantryError("internal: empty remote command");
  return argv.map(shQuote).join(" ");
}

/**
 * A constant script run by `sh` with its values as positional parameters `$1…`. `sh` (not the
 * login shell) runs the script, so it behaves the same whether the user's shell is bash, dash or zsh.
 */
export function shScript(script: string, args: readonly (string | number)[] = []): string {
  return shCommand(["sh", "-c", script, "sh", ...args.map(String)]);
}
