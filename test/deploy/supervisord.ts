/**
 * A supervisord of the test's own (issue 12), never the machine's: its config, unix socket,
 * include folder, pid file and log in one temp folder, in the foreground (`nodaemon`), with a
 * bare environment, stopped by its pid. `supervisorctl -c <config>` reaches it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "./support.js";

export interface Supervisord {
  /** For `supervisor-config`. */
  config: string;
  /** For `supervisor-conf-dir`. */
  confDir: string;
  /** Its unix socket (the `[supervisorctl] serverurl`). */
  socket: string;
  child: ChildProcess;
  /** `supervisorctl -c config …`'s output (its exit code is not an error). */
  ctl(...args: string[]): string;
  /** The program's state and pid from `supervisorctl status`. */
  status(program: string): { state: string; pid: number };
  stop(): Promise<void>;
  /** Test cleanup: stops it, then kills by pid any program it left running (a failed stop). */
  stopAll(): Promise<void>;
  /** Stops it (it stops every program) and starts it again from the same files. */
  restart(): Promise<void>;
}

/** The test's supervisord config in `dir` (socket, include folder conf.d/, pid file and log there): its path, socket and include folder. */
export function writeSupervisordConfig(dir: string): { config: string; confDir: string; socket: string } {
  const confDir = join(dir, "conf.d");
  mkdirSync(confDir, { recursive: true });
  const config = join(dir, "supervisord.conf");
  const socket = join(dir, "supervisor.sock");
  writeFileSync(
    config,
    `[unix_http_server]
file=${socket}
chmod=0700
[supervisord]
nodaemon=true
logfile=${join(dir, "supervisord.log")}
pidfile=${join(dir, "supervisord.pid")}
childlogdir=${dir}
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://${socket}
[include]
files = ${confDir}/*.conf
`,
  );
  return { config, confDir, socket };
}

export async function startSupervisord(dir: string): Promise<Supervisord> {
  const { config, confDir, socket } = writeSupervisordConfig(dir);
  const ctl = (...args: string[]) => {
    try {
      return execFileSync("supervisorctl", ["-c", config, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      return String((err as { stdout?: string }).stdout ?? "");
    }
  };
  const s = { config, confDir, socket, ctl } as Supervisord;
  s.status = (program) => {
    const line = ctl("status", program);
    return { state: /^\S+\s+([A-Z]+)/.exec(line)?.[1] ?? "MISSING", pid: Number(/pid (\d+)/.exec(line)?.[1] ?? 0) };
  };
  const start = async () => {
    s.child = spawn("supervisord", ["-c", config], { stdio: "ignore", env: { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8" } });
    await waitFor("supervisord to answer", () => /^\d+$/.test(ctl("pid").trim()), 20_000);
  };
  s.stop = async () => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return;
    const exited = new Promise((r) => s.child.once("exit", r));
    s.child.kill("SIGTERM");
    await exited;
  };
  s.stopAll = async () => {
    if (!s.child) return;
    const left = [...ctl("status").matchAll(/pid (\d+)/g)].map((m) => Number(m[1])).filter((pid) => pid > 1);
    await s.stop();
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // stopped with supervisord
      }
    }
  };
  s.restart = async () => {
    await s.stop();
    await start();
  };
  await start();
  return s;
}
