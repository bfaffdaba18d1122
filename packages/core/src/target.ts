import { InputError } from "./errors.js";

/** A build target as users write it: `linux/arm/v7` → { os: linux, arch: arm, variant: v7 }. */
export interface Target {
  os: string;
  arch: string;
  /** "" when none. */
  variant: string;
}

const PART = /^[a-z0-9][a-z0-9.]*$/;

/** Parses `os/arch[/variant]` (syntax only; go-build checks it against the Go toolchain). */
export function parseTarget(text: string, input = "targets"): Target {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    throw new InputError(input, text, "accepted: os/arch or os/arch/variant in lower case, e.g. linux/amd64, linux/arm/v7");
  }
  return { os: parts[0] as string, arch: parts[1] as string, variant: parts[2] ?? "" };
}

/** `linux/arm/v7`. */
export function formatTarget(t: Target): string {
  return t.variant ? `${t.os}/${t.arch}/${t.variant}` : `${t.os}/${t.arch}`;
}

/** `linux_armv7`, `linux_amd64v3`: the goreleaser-style suffix used in file names. */
export function targetSlug(t: Target): string {
  return `${t.os}_${t.arch}${t.variant}`;
}

/** The executable suffix for the target's OS. */
export function exeSuffix(t: Pick<Target, "os">): string {
  return t.os === "windows" ? ".exe" : "";
}

/** The Go/OCI name of the machine this process runs on (`linux/amd64`). */
export function hostTarget(): Target {
  const arch =
    ({ x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" } as Record<string, string>)[process.arch] ??
    process.arch;
  const os = process.platform === "win32" ? "windows" : process.platform;
  return { os, arch, variant: "" };
}

/** Levenshtein distance, for "did you mean" lists. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/** The `count` candidates nearest to `value`. */
export function nearest(value: string, candidates: readonly string[], count = 5): string[] {
  return [...candidates]
    .map((c) => ({ c, d: editDistance(value, c) }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, count)
    .map((x) => x.c);
}
