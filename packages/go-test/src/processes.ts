/**
 * Long-running processes the action starts (services, the e2e binary): spawned directly rather
 * than through core's exec because they outlive a call, live in their own process group and are
 * stopped by signal, never by a shell.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { lastLines } from "@gantry/core";

/** A process the action started, with its log file. */
export interface RunningProcess {
  label: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** Set when it exits: the exit code, or the signal's name. */
  exited?: { code: number | null; signal: NodeJS.Signals | null };
  exitedPromise: Promise<void>;
}

const live = new Set<RunningProcess>();
let exitHookInstalled = false;

/** If the action itself dies, nothing it started may outlive it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const p of live) killGroup(p.pid, "SIGKILL");
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts a program in its own process group (so `go run` and whatever it spawns stop together),
 * never through a shell, with stdout and stderr in a log file.
 */
export function startProcess(
  label: string,
  command: string,
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logDir: string; logName: string },
): RunningProcess {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, opts.logName);
  const fd = openSync(logFile, "w");
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ["ignore", fd, fd] });
  } finally {
    closeSync(fd);
  }
  const proc: RunningProcess = { label, child, pid: child.pid ?? -1, logFile, exitedPromise: Promise.resolve() };
  proc.exitedPromise = new Promise<void>((res) => {
    child.once("exit", (code, signal) => {
      proc.exited = { code, signal };
      live.delete(proc);
      res();
    });
    child.once("error", (err: NodeJS.ErrnoException) => {
      proc.exited = { code: err.code === "ENOENT" ? 127 : 126, signal: null };
      live.delete(proc);
      res();
    });
  });
  if (child.pid !== undefined) {
    live.add(proc);
    installExitHook();
  }
  return proc;
}

/** The last lines of a process's log. */
export function logTail(p: RunningProcess, n = 20): string {
  try {
    return lastLines(readFileSync(p.logFile, "utf8"), n);
  } catch {
    return "";
  }
}

/** Describes how a process ended. */
export function howExited(p: RunningProcess): string {
  if (!p.exited) return "is still running";
  if (p.pid < 0 || p.exited.code === 127) return "could not start (command not found)";
  return p.exited.signal ? `was killed by ${p.exited.signal}` : `exited with code ${p.exited.code}`;
}

/** Waits for the process to exit, up to `ms`; true when it did. */
export async function waitExit(p: RunningProcess, ms: number): Promise<boolean> {
  if (p.exited) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((res) => {
    timer = setTimeout(() => res(false), ms);
  });
  const done = await Promise.race([p.exitedPromise.then(() => true), timedOut]);
  clearTimeout(timer);
  return done;
}

/**
 * Whether any process of the group is still running. A zombie (exited, not yet reaped by an init
 * that may never reap it) does not count, so on Linux the group is read from /proc.
 */
export function groupAlive(pgid: number): boolean {
  if (process.platform === "linux") {
    try {
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
          // pid (comm) state ppid pgrp …: comm may hold spaces, so read after its closing paren.
          const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
        } catch {
          // the process ended while we looked
        }
      }
      return false;
    } catch {
      // no /proc: ask the kernel below
    }
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function untilGone(p: RunningProcess, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (p.exited && !groupAlive(p.pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return p.exited !== undefined && !groupAlive(p.pid);
}

/**
 * SIGTERM to the process group, then SIGKILL after `graceMs` (issue 5: "stopped by pid with
 * SIGTERM then SIGKILL"). Done when the whole group is gone: `go run` exits before its child does.
 */
export async function stopProcess(p: RunningProcess, graceMs = 5000): Promise<"exited" | "killed"> {
  if (p.pid < 0) return "exited";
  if (p.exited && !groupAlive(p.pid)) return "exited";
  killGroup(p.pid, "SIGTERM");
  if (await untilGone(p, graceMs)) return "exited";
  killGroup(p.pid, "SIGKILL");
  await untilGone(p, 5000);
  return "killed";
}
