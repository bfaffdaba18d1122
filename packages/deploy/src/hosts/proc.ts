import { readFile } from "node:fs/promises";
import type { ProcessInfo } from "./host.js";

/**
 * A process on this machine, from /proc/<pid>/stat: a zombie counts as exited (this machine's
 * PID 1 does not reap orphans). Used by LocalHost, the deploy lock (is the holder's pid alive) and
 * the SSH transport (is the ssh master gone); a module of its own so the SSH side does not depend
 * on the local host's.
 */
export async function localProcessInfo(pid: number): Promise<ProcessInfo> {
  if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    const command = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean).join(" ");
    return { state: state === "Z" || state === "X" ? "zombie" : "running", command };
  } catch {
    if (process.platform === "linux") return { state: "gone" };
    try {
      process.kill(pid, 0);
      return { state: "running" };
    } catch (err) {
      return { state: (err as NodeJS.ErrnoException).code === "EPERM" ? "running" : "gone" };
    }
  }
}
