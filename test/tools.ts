import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";

/**
 * command → what brings it, from scripts/tools.txt (bootstrap installs the same list): a Debian
 * package, or for a Go tool the folder under tools/ whose go.mod pins it (issue 11).
 */
export const PACKAGES: ReadonlyMap<string, string> = new Map(
  readFileSync(join(import.meta.dirname, "..", "scripts", "tools.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.trim().split(/\s+/) as [string, string]),
);

/** True when a command is on PATH (or in /usr/sbin), or, for a path (`/usr/lib/…`, a module with no command), when the file exists. */
export function has(command: string): boolean {
  if (command.startsWith("/")) return existsSync(command);
  try {
    execFileSync("sh", ["-c", 'command -v "$1" || test -x "/usr/sbin/$1"', "sh", command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A requirement: a command, or `root` (the test makes namespaces, users or mounts). */
export type Need = string;

/** What of the needs this machine lacks, each said with what brings it. */
export function lacking(needs: readonly Need[]): string[] {
  const out: string[] = [];
  for (const n of needs) {
    if (n === "root") {
      if (process.getuid?.() !== 0) out.push("root (run the tests as root)");
    } else if (!has(n)) {
      out.push(`\`${n}\` (${source(PACKAGES.get(n))})`);
    }
  }
  return out;
}

/** Where a command comes from, said for a person who must install it. */
function source(pkg: string | undefined): string {
  if (!pkg) return "unknown: add it to scripts/tools.txt";
  if (pkg.startsWith("tools/")) return `Go tool pinned in ${pkg}/go.mod, built into .tools/bin`;
  return `Debian package ${pkg}`;
}

/** Under CI=true a missing tool is a failure, never a skip (issue 10). */
const strict = () => process.env.CI === "true" || process.env.CI === "1";

/**
 * describe() for tests that drive real tools. When a need is missing: under CI=true one failing
 * test names each missing tool and its package; elsewhere the block is skipped and its name says why.
 */
export function describeNeeding(needs: readonly Need[], name: string, fn: () => void): void {
  const missing = lacking(needs);
  if (!missing.length) return void describe(name, fn);
  const why = `needs ${missing.join(", ")}; scripts/bootstrap.sh installs them (Debian packages as root on Debian/Ubuntu)`;
  if (strict()) describe(name, () => it(`is not run: ${why}`, () => void failMissing(why)));
  else describe.skip(`${name} (skipped: ${why})`, fn);
}

/** it() for one test that drives real tools; the same rules as describeNeeding. */
export function itNeeding(needs: readonly Need[], name: string, fn: () => unknown, timeout?: number): void {
  const missing = lacking(needs);
  if (!missing.length) return void it(name, fn, timeout);
  const why = `needs ${missing.join(", ")}; scripts/bootstrap.sh installs them (Debian packages as root on Debian/Ubuntu)`;
  if (strict()) it(`${name} (not run: ${why})`, () => void failMissing(why));
  else it.skip(`${name} (skipped: ${why})`, fn);
}

function failMissing(why: string): never {
  throw new Error(`CI=true and this test ${why}`);
}

/** The first bytes of a file, to check executable formats. */
export function magic(path: string, bytes = 4): string {
  return execFileSync("head", ["-c", String(bytes), path]).toString("hex");
}
