import { InputError, type Target, formatTarget, nearest, parseTarget } from "@gantry/core";
import * as semver from "semver";

/** How a target's variant reaches the Go toolchain. */
interface VariantRule {
  env: string;
  /** Variant as users write it → the environment value. */
  values: Record<string, string>;
  /** The first Go version that knows the variable. */
  since: string;
}

const range = (prefix: string, from: number, to: number) =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`${prefix}${from + i}`, `${prefix}${from + i}`]));

const arm64Levels = Object.fromEntries(
  [...Array.from({ length: 10 }, (_, i) => `v8.${i}`), ...Array.from({ length: 6 }, (_, i) => `v9.${i}`)].map((v) => [v, v]),
);

/** Variant → GOARM / GOAMD64 / GOARM64 / … (https://go.dev/wiki/MinimumRequirements). */
const VARIANTS: Record<string, VariantRule> = {
  arm: { env: "GOARM", values: { v5: "5", v6: "6", v7: "7" }, since: "1.0.0" },
  amd64: { env: "GOAMD64", values: range("v", 1, 4), since: "1.18.0" },
  arm64: { env: "GOARM64", values: arm64Levels, since: "1.23.0" },
  "386": { env: "GO386", values: { sse2: "sse2", softfloat: "softfloat" }, since: "1.16.0" },
  mips: { env: "GOMIPS", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.10.0" },
  mipsle: { env: "GOMIPS", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.10.0" },
  mips64: { env: "GOMIPS64", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.11.0" },
  mips64le: { env: "GOMIPS64", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.11.0" },
  ppc64: { env: "GOPPC64", values: { power8: "power8", power9: "power9", power10: "power10" }, since: "1.20.0" },
  ppc64le: { env: "GOPPC64", values: { power8: "power8", power9: "power9", power10: "power10" }, since: "1.20.0" },
  riscv64: { env: "GORISCV64", values: { rva20u64: "rva20u64", rva22u64: "rva22u64" }, since: "1.23.0" },
};

/** Every variable that selects a variant: cleared from the inherited environment so the target alone decides. */
export const VARIANT_ENV_NAMES = [...new Set(Object.values(VARIANTS).map((r) => r.env))];

/** A target checked against the toolchain, with the environment that builds it. */
export interface BuildTarget extends Target {
  env: Record<string, string>;
}

/**
 * Parses the `targets` input and checks every entry against `go tool dist list` of the
 * toolchain in use, before anything is built.
 */
export function resolveTargets(entries: readonly string[], distList: readonly string[], goVersion: string): BuildTarget[] {
  if (entries.length === 0) throw new InputError("targets", "", "accepted: one or more os/arch[/variant], e.g. linux/amd64,linux/arm64");
  const known = new Set(distList);
  const seen = new Set<string>();
  return entries.map((entry) => {
    let t: Target;
    try {
      t = parseTarget(entry);
    } catch {
      throw new InputError("targets", entry, `accepted: os/arch[/variant]; nearest valid: ${nearest(entry, distList).join(", ")}`);
    }
    const osArch = `${t.os}/${t.arch}`;
    if (!known.has(osArch)) {
      throw new InputError("targets", entry, `go ${goVersion} cannot build it (go tool dist list); nearest valid: ${nearest(osArch, distList).join(", ")}`);
    }
    const key = formatTarget(t);
    if (seen.has(key)) throw new InputError("targets", entry, "it is listed twice; list each target once");
    seen.add(key);
    return { ...t, env: variantEnv(t, entry, goVersion) };
  });
}

function variantEnv(t: Target, entry: string, goVersion: string): Record<string, string> {
  if (!t.variant) return {};
  // arm64/v8 is what OCI platforms call the baseline: nothing to set.
  if (t.arch === "arm64" && t.variant === "v8") return {};
  const rule = VARIANTS[t.arch];
  if (!rule) throw new InputError("targets", entry, `${t.arch} takes no variant; write ${t.os}/${t.arch}`);
  const value = rule.values[t.variant];
  if (value === undefined) throw new InputError("targets", entry, `${t.arch} takes the variants ${Object.keys(rule.values).join(", ")}`);
  if (semver.lt(goVersion, rule.since)) {
    throw new InputError("targets", entry, `${rule.env} (the ${t.arch} variant) needs Go ${rule.since.replace(/\.0$/, "")} or newer; this is go ${goVersion}`);
  }
  return { [rule.env]: value };
}
