import { join } from "node:path";
import { GantryError, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import type { Color, Release, Slot } from "../model/model.js";

/** How a release runs on the host: started, watched and stopped per color. */
export interface Runtime {
  readonly name: string;
  /** Checks, before anything changes, that the runtime can be driven on the host (e.g. supervisord answers). */
  preflight?(): Promise<void>;
  /** Starts the release on the slot with exactly this environment; returns its pid. */
  start(slot: Slot, release: Release, env: Record<string, string>): Promise<number>;
  alive(slot: Slot): Promise<boolean>;
  /** The pid the runtime recorded for a color (its pid file), when that process still runs. */
  running(color: Color): Promise<number | undefined>;
  /** Whether a running pid is this release (a warm process the run can take over). */
  runsRelease(pid: number, release: Release): Promise<boolean>;
  /** SIGTERM, then SIGKILL after stopTimeoutMs. */
  stop(slot: Slot, stopTimeoutMs: number): Promise<StopResult>;
  /** The last lines the process printed, for failure messages. */
  logTail(color: Color, lines: number): Promise<string>;
}

export interface StopResult {
  /** `none`: it had exited already. */
  signal: "none" | "SIGTERM" | "SIGKILL";
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `runtime: process`: the binary started detached, with a pid file in `state-dir/run/` and its
 * output in `state-dir/logs/<color>.log`. A pid is only signalled when its command line is the
 * release binary under this state-dir, so a recycled pid never kills someone else's process.
 */
export class ProcessRuntime implements Runtime {
  readonly name = "process";
  constructor(
    private readonly host: Host,
    private readonly stateDir: string,
  ) {}

  pidFile(color: Color): string {
    return join(this.stateDir, "run", `${color}.pid`);
  }
  logFile(color: Color): string {
    return join(this.stateDir, "logs", `${color}.log`);
  }

  async start(slot: Slot, release: Release, env: Record<string, string>): Promise<number> {
    const leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`a process of this app (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    const log = this.logFile(slot.color);
    if (await this.host.exists(log)) await this.host.rename(log, `${log}.1`);
    return this.host.spawnDetached({ argv: [release.binary], env, cwd: release.dir, logFile: log, pidFile: this.pidFile(slot.color) });
  }

  /** The pid from the color's pid file, if that process runs and is one of ours. */
  async running(color: Color): Promise<number | undefined> {
    const pid = Number((await this.host.readFile(this.pidFile(color)))?.trim());
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    return (await this.ours(pid)) ? pid : undefined;
  }

  private async ours(pid: number): Promise<boolean> {
    const info = await this.host.processInfo(pid);
    if (info.state !== "running") return false;
    // The binary's path is in the command line both before the pid-file wrapper execs it (as an
    // argument of /bin/sh) and after (as the program).
    // An empty command line is a process in the middle of its exec: not a stranger.
    return !info.command || info.command.includes(`${join(this.stateDir, "releases")}/`);
  }

  async runsRelease(pid: number, release: Release): Promise<boolean> {
    const info = await this.host.processInfo(pid);
    return info.state === "running" && info.command === release.binary;
  }

  /** The pid of a slot this run started or the journal recorded: alive as long as it runs (identity is checked before signals). */
  async alive(slot: Slot): Promise<boolean> {
    return slot.pid !== undefined && (await this.host.processInfo(slot.pid)).state === "running";
  }

  async stop(slot: Slot, stopTimeoutMs: number): Promise<StopResult> {
    const started = performance.now();
    const pid = slot.pid ?? (await this.running(slot.color));
    if (pid === undefined || !(await this.ours(pid))) return { signal: "none", ms: 0 };
    await this.host.signal(pid, "SIGTERM");
    const deadline = started + stopTimeoutMs;
    while (performance.now() < deadline) {
      if ((await this.host.processInfo(pid)).state !== "running") return { signal: "SIGTERM", ms: performance.now() - started };
      await sleep(25);
    }
    await this.host.signal(pid, "SIGKILL");
    for (let i = 0; i < 200 && (await this.host.processInfo(pid)).state === "running"; i++) await sleep(25);
    return { signal: "SIGKILL", ms: performance.now() - started };
  }

  async logTail(color: Color, lines: number): Promise<string> {
    const size = (await this.host.fileSize(this.logFile(color))) ?? 0;
    const tail = await this.host.readFrom(this.logFile(color), Math.max(0, size - 8192), 8192);
    return tail ? lastLines(tail.text, lines) : "";
  }
}
