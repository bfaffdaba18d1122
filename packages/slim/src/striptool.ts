import { exec, which } from "@gantry/core";
import type { ExecutableInfo } from "./binfmt.js";

/**
 * Picking a strip that understands the file. A host `strip` fed a cross-built arm64 ELF or a
 * PE it was not built for fails with "Unable to recognise the format" (VHSgunzo/sharun#27), so
 * each candidate is asked which BFD targets it supports before it touches a file.
 */

/** The BFD target name binutils uses for a format and Go arch. */
const BFD: Record<"elf" | "pe", Record<string, string>> = {
  elf: {
    amd64: "elf64-x86-64",
    "386": "elf32-i386",
    arm64: "elf64-littleaarch64",
    arm: "elf32-littlearm",
    ppc64le: "elf64-powerpcle",
    ppc64: "elf64-powerpc",
    s390x: "elf64-s390",
    riscv64: "elf64-littleriscv",
    mips: "elf32-tradbigmips",
    mipsle: "elf32-tradlittlemips",
    mips64: "elf64-tradbigmips",
    mips64le: "elf64-tradlittlemips",
    loong64: "elf64-loongarch",
  },
  pe: { amd64: "pei-x86-64", "386": "pei-i386", arm64: "pei-aarch64-little" },
};

/** Debian's cross binutils prefixes per format and arch (binutils-<triple>). */
const TRIPLES: Record<"elf" | "pe", Record<string, string[]>> = {
  elf: {
    amd64: ["x86_64-linux-gnu"],
    "386": ["i686-linux-gnu"],
    arm64: ["aarch64-linux-gnu"],
    arm: ["arm-linux-gnueabihf", "arm-linux-gnueabi"],
    ppc64le: ["powerpc64le-linux-gnu"],
    s390x: ["s390x-linux-gnu"],
    riscv64: ["riscv64-linux-gnu"],
    mips: ["mips-linux-gnu"],
    mipsle: ["mipsel-linux-gnu"],
    mips64: ["mips64-linux-gnuabi64"],
    mips64le: ["mips64el-linux-gnuabi64"],
    loong64: ["loongarch64-linux-gnu"],
  },
  pe: { amd64: ["x86_64-w64-mingw32"], "386": ["i686-w64-mingw32"], arm64: ["aarch64-w64-mingw32"] },
};

/** A strip program that can handle one kind of file. */
export interface StripTool {
  /** Absolute path. */
  path: string;
  /** `aarch64-linux-gnu-strip` */
  name: string;
  /** Arguments that write the stripped copy of `input` to `output`, leaving `input` as it is. */
  args(input: string, output: string): string[];
}

const supportedTargets = new Map<string, Promise<string[]>>();

/** The BFD targets a GNU binutils program lists in `--help` ("supported targets: …"). */
export function gnuSupportedTargets(path: string): Promise<string[]> {
  let found = supportedTargets.get(path);
  if (!found) {
    found = exec(path, ["--help"], { allowFailure: true, timeoutMs: 10_000 }).then((r) => {
      const m = /supported targets:([^\n]*)/.exec(`${r.stdout}\n${r.stderr}`);
      return m ? (m[1] as string).trim().split(/\s+/) : [];
    });
    supportedTargets.set(path, found);
  }
  return found;
}

/** Why a file is not stripped at all, or undefined when strip applies. */
export function stripNotApplicable(info: ExecutableInfo): string | undefined {
  // A Mach-O carries an ad-hoc signature (arm64 requires one); any byte changed invalidates it
  // and macOS kills the binary at start.
  if (info.format === "macho") return "Mach-O: stripping would break its code signature";
  if (info.upxPacked) return "already packed by UPX";
  if (!info.hasSymbols) return "no symbols to strip (already stripped or linked with -s -w)";
  return undefined;
}

/**
 * Candidates in order of preference: the cross binutils for exactly this arch, the host `strip`
 * when it lists the file's BFD target, then llvm-strip for ELF (it does not remove Go's
 * `.zdebug_*` sections from a PE, so it is no help there). Only installed programs are returned.
 */
export async function stripCandidates(info: ExecutableInfo, env: NodeJS.ProcessEnv = process.env): Promise<StripTool[]> {
  if (info.format === "macho") return [];
  const bfd = BFD[info.format][info.arch];
  const names = [...(TRIPLES[info.format][info.arch] ?? []).map((t) => `${t}-strip`), "strip"];
  const found: StripTool[] = [];
  const gnuArgs = (input: string, output: string) => ["--strip-all", "-o", output, input];
  for (const name of names) {
    const path = await which(name, env);
    if (!path || found.some((t) => t.path === path)) continue;
    if (bfd && (await gnuSupportedTargets(path)).includes(bfd)) found.push({ path, name, args: gnuArgs });
  }
  if (info.format === "elf") {
    for (const name of ["llvm-strip", ...[19, 18, 17, 16, 15, 14].map((v) => `llvm-strip-${v}`)]) {
      const path = await which(name, env);
      if (path) {
        found.push({ path, name, args: gnuArgs });
        break;
      }
    }
  }
  return found;
}

/** Runs one strip tool; resolves with its stderr tail when it fails. */
export async function runStrip(tool: StripTool, input: string, output: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await exec(tool.path, tool.args(input, output), { allowFailure: true, timeoutMs: 120_000, env });
  if (r.code === 0) return undefined;
  return (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ") || `exited with ${r.code}`;
}
