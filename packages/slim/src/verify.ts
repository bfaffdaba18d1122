import { createHash } from "node:crypto";
import { type ExecResult, exec, hostTarget, which } from "@gantry/core";
import type { ExecutableInfo } from "./binfmt.js";

/**
 * Checks that a strip removed only what it should: every section the program loads is still
 * there, at the same address, with the same bytes, and the entry point did not move. This is the
 * check for binaries this machine cannot run (a PE, a Mach-O), and it catches tools that damage a
 * file they claim to understand (llvm-strip 14 renames Go's arm64 ELF sections: `.typelink` →
 * `ypelink`). Returns undefined when the file is intact, else the first difference.
 */
export function loadedSectionsDiffer(before: Buffer, beforeInfo: ExecutableInfo, after: Buffer, afterInfo: ExecutableInfo): string | undefined {
  if (beforeInfo.format !== afterInfo.format || beforeInfo.arch !== afterInfo.arch || beforeInfo.bits !== afterInfo.bits) {
    return `it became ${afterInfo.format} ${afterInfo.arch} (was ${beforeInfo.format} ${beforeInfo.arch})`;
  }
  if (beforeInfo.entry !== afterInfo.entry) return `the entry point moved from 0x${beforeInfo.entry.toString(16)} to 0x${afterInfo.entry.toString(16)}`;
  const digest = (buf: Buffer, offset: number, size: number) =>
    createHash("sha256")
      .update(buf.subarray(offset, offset + size))
      .digest("hex");
  const afterByName = new Map(afterInfo.sections.map((s) => [s.name, s]));
  for (const s of beforeInfo.sections) {
    if (!s.loaded || s.name === "") continue;
    const t = afterByName.get(s.name);
    if (!t) return `section ${s.name} is missing`;
    if (t.addr !== s.addr) return `section ${s.name} moved from 0x${s.addr.toString(16)} to 0x${t.addr.toString(16)}`;
    if (t.fileSize !== s.fileSize) return `section ${s.name} changed size from ${s.fileSize} to ${t.fileSize} bytes`;
    if (s.fileSize > 0 && digest(before, s.offset, s.fileSize) !== digest(after, t.offset, t.fileSize)) return `section ${s.name} has different contents`;
  }
  return undefined;
}

/** How this machine can start a binary: directly, or through qemu-user. */
export interface Runner {
  /** Program to start; the binary is its first argument when this is an emulator. */
  command?: string;
  label: string;
}

/** Go arch → qemu-user's name for it. */
const QEMU_ARCH: Record<string, string> = {
  amd64: "x86_64",
  "386": "i386",
  arm64: "aarch64",
  arm: "arm",
  ppc64le: "ppc64le",
  ppc64: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  mips: "mips",
  mipsle: "mipsel",
  mips64: "mips64",
  mips64le: "mips64el",
  loong64: "loongarch64",
};

/**
 * How to run a binary for `os/arch` here, or undefined with the reason why it cannot be run:
 * natively on the same OS and arch, else through qemu-user (`qemu-<arch>-static` or
 * `qemu-<arch>`) for other Linux architectures when it is installed.
 */
export async function runnerFor(info: Pick<ExecutableInfo, "os" | "arch">, env: NodeJS.ProcessEnv = process.env): Promise<Runner | { reason: string }> {
  const host = hostTarget();
  if (info.os === host.os && (info.arch === host.arch || (host.arch === "amd64" && info.arch === "386" && host.os === "linux"))) return { label: "natively" };
  if (info.os !== "linux" || host.os !== "linux") return { reason: `a ${info.os}/${info.arch} binary cannot run on this ${host.os}/${host.arch} machine` };
  const q = QEMU_ARCH[info.arch];
  for (const name of q ? [`qemu-${q}-static`, `qemu-${q}`] : []) {
    const found = await which(name, env);
    if (found) return { command: found, label: `through ${name}` };
  }
  return { reason: `no qemu-user for ${info.arch} is installed (apt-get install qemu-user-static)` };
}

export interface SmokeResult {
  ok: boolean;
  /** Why it failed, when it did. */
  problem?: string;
  /** First line of its output (e.g. `hello v1.0.0 (commit …)`). */
  firstLine: string;
  ms: number;
}

/** Runs the binary with the smoke arguments and checks it exits 0 within the timeout. */
export async function smokeRun(file: string, runner: Runner, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<SmokeResult> {
  let r: ExecResult;
  try {
    r = runner.command
      ? await exec(runner.command, [file, ...args], { allowFailure: true, timeoutMs, env, maxBuffer: 64 * 1024 })
      : await exec(file, args, { allowFailure: true, timeoutMs, env, maxBuffer: 64 * 1024 });
  } catch (err) {
    return { ok: false, problem: `it could not start: ${(err as Error).message}`, firstLine: "", ms: 0 };
  }
  const firstLine = (r.stdout.trim() || r.stderr.trim()).split("\n")[0]?.slice(0, 200) ?? "";
  if (r.timedOut) return { ok: false, problem: `it did not exit within ${timeoutMs} ms`, firstLine, ms: r.durationMs };
  if (r.code !== 0) {
    const how = r.signal ? `was killed by ${r.signal}` : `exited with ${r.code}`;
    return { ok: false, problem: `\`${[file, ...args].join(" ")}\` ${how}${firstLine ? `: ${firstLine}` : ""}`, firstLine, ms: r.durationMs };
  }
  return { ok: true, firstLine, ms: r.durationMs };
}
