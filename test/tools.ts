import { execFileSync } from "node:child_process";

/** True when a command is on PATH (or in /usr/sbin): tests that need it skip visibly otherwise. */
export function has(command: string): boolean {
  try {
    execFileSync("sh", ["-c", 'command -v "$1" || test -x "/usr/sbin/$1"', "sh", command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The first bytes of a file, to check executable formats. */
export function magic(path: string, bytes = 4): string {
  return execFileSync("head", ["-c", String(bytes), path]).toString("hex");
}
