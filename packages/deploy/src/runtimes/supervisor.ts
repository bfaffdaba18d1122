import { join } from "node:path";
import { type ExecResult, GantryError, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { ACCEPTED_APP, APP_NAME, type Color, type Release, type Slot, checkName } from "../model/model.js";
import type { Runtime, StopResult } from "./runtime.js";
import { ServiceUser } from "./service-user.js";
import { type ProgramStatus, parseStatus, renderProgram, withAutostart } from "./supervisor-conf.js";

export interface SupervisorOptions {
  /** The folder supervisord's `[include] files` reads (`supervisor-conf-dir`). */
  confDir: string;
  /** supervisord's main config, for `supervisorctl -c` (`supervisor-config`). */
  config: string;
  /** `user=` of the programs; "" = the dedicated system user `gantry-<app>`, created when missing; `root` only when given. */
  user: string;
  /** `stopwaitsecs`, from drain-timeout (issue 12). */
  stopWaitMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** States in which supervisord is still bringing a program up. */
const COMING_UP = ["STARTING", "BACKOFF"];
/** How long a start may take: startsecs plus supervisor's three retries (1 + 2 + 3 s back-off). */
const START_LIMIT_MS = 30_000;

/**
 * `runtime: supervisor` (issue 12): each color is the program `<app>-<color>` in a file of its
 * own in supervisord's include folder, written whole (the Host's atomic write), then `supervisorctl
 * reread` and `update <program>`, `start`, `stop`, `status`. supervisord restarts a crashed
 * release (`autorestart`), and starts the active color again when it starts itself (`autostart`).
 *
 * `supervisorctl update` restarts a running program whose file changed, so a running program's
 * file is never changed: a color is written with `autostart=true` before it starts, and set back
 * to false (and updated) only once it is stopped. Outside a cutover exactly one color autostarts.
 */
export class SupervisorRuntime implements Runtime {
  readonly name = "supervisor";
  private readonly user: ServiceUser;
  constructor(
    private readonly host: Host,
    private readonly stateDir: string,
    private readonly app: string,
    private readonly o: SupervisorOptions,
  ) {
    this.user = new ServiceUser(host, app, o.user);
  }

  program(color: Color): string {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}`;
  }
  confFile(color: Color): string {
    return join(this.o.confDir, `${this.program(color)}.conf`);
  }
  logFile(color: Color, stream: "stdout" | "stderr"): string {
    return join(this.stateDir, "logs", `${color}.${stream}.log`);
  }

  private ctl(args: string[], timeoutMs = 60_000): Promise<ExecResult> {
    return this.host.exec(["supervisorctl", "-c", this.o.config, ...args], { allowFailure: true, timeoutMs });
  }

  private fail(what: string, r: ExecResult): never {
    const said = lastLines(`${r.stdout}${r.stderr}`.trim(), 5) || `exit code ${r.code}`;
    throw new GantryError(`supervisorctl ${what} failed on ${this.host.name}: ${said}`);
  }

  /**
   * Before anything changes: supervisord answers on the config's socket, the include folder
   * exists, a given user exists and the service's user can enter the state dir (root needs not).
   */
  async preflight(): Promise<void> {
    const r = await this.ctl(["pid"], 20_000);
    if (r.code !== 0 || !/^\d+$/.test(r.stdout.trim()))
      throw new GantryError(
        `supervisor-config: supervisorctl -c ${this.o.config} cannot reach supervisord on ${this.host.name}: ${lastLines(`${r.stdout}${r.stderr}`.trim(), 3) || `exit code ${r.code}`}; is supervisord running with this config?`,
      );
    if (!(await this.host.exists(this.o.confDir)))
      throw new GantryError(`supervisor-conf-dir: ${this.o.confDir} does not exist on ${this.host.name}; give the folder supervisord's [include] files reads`);
    await this.user.checkExists();
    if (this.user.name !== "root") await this.user.checkReaches(this.stateDir);
  }

  async status(color: Color): Promise<ProgramStatus> {
    const r = await this.ctl(["status", this.program(color)]);
    return parseStatus(this.program(color), r.stdout);
  }

  /** `reread`, then `update` of this program only (other programs' pending changes are not ours to apply). */
  private async apply(color: Color): Promise<void> {
    const reread = await this.ctl(["reread"]);
    if (reread.code !== 0 || /ERROR/.test(reread.stdout)) this.fail("reread", reread);
    const update = await this.ctl(["update", this.program(color)]);
    if (update.code !== 0 || /ERROR/.test(update.stdout)) {
      if (/no such group/.test(update.stdout))
        throw new GantryError(
          `supervisord on ${this.host.name} did not read ${this.confFile(color)}: its [include] files must cover supervisor-conf-dir ${this.o.confDir}`,
        );
      this.fail(`update ${this.program(color)}`, update);
    }
  }

  async start(slot: Slot, release: Release, env: Record<string, string>): Promise<number> {
    if (!release.binary)
      throw new GantryError(`release ${release.version} was staged for runtime: docker (it has no binary); deploy it again with runtime: supervisor`);
    const name = this.program(slot.color);
    const leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`the program ${name} (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    await this.user.ensure();
    // supervisord's root passes every folder's mode; any other user needs the state dir's group to reach its release.
    if (this.user.name !== "root") await this.user.shareStateDir(this.stateDir);
    await this.host.mkdirp(join(this.stateDir, "logs"), 0o750);
    for (const stream of ["stdout", "stderr"] as const) {
      const log = this.logFile(slot.color, stream);
      // The previous run's lines go to `.1` (supervisord opens the log anew at each spawn), so a failure shows only this release's.
      if (await this.host.exists(log)) await this.host.rename(log, `${log}.1`);
      // supervisord opens a log for appending, creating a missing one with its own umask (0644
      // with the usual 022): made here first, 0640 like the other runtimes' logs, it keeps that mode.
      await this.host.writeFile(log, "", 0o640);
    }
    const text = renderProgram({
      name,
      binary: release.binary,
      directory: release.dir,
      env,
      autostart: true,
      stopWaitSecs: this.o.stopWaitMs / 1000,
      stdoutLog: this.logFile(slot.color, "stdout"),
      stderrLog: this.logFile(slot.color, "stderr"),
      user: this.user.name,
    });
    // 0600: the environment may hold secrets.
    await this.host.writeFile(this.confFile(slot.color), text, 0o600);
    await this.apply(slot.color);
    const r = await this.ctl(["start", name]);
    if (r.code !== 0 || (/ERROR/.test(r.stdout) && !/already started/.test(r.stdout))) this.fail(`start ${name}`, r);
    return this.waitRunning(slot.color);
  }

  /** Waits while supervisord brings the program up; its pid once RUNNING. */
  private async waitRunning(color: Color): Promise<number> {
    const deadline = performance.now() + START_LIMIT_MS;
    for (;;) {
      const s = await this.status(color);
      if (s.state === "RUNNING" && s.pid > 1) return s.pid;
      if (!COMING_UP.includes(s.state) || performance.now() > deadline)
        throw new GantryError(`supervisord could not start ${this.program(color)} on ${this.host.name}: ${s.line}`);
      await sleep(100);
    }
  }

  /**
   * The slot's own process still runs: a pid supervisord replaced is a crash it restarted, not the
   * process that passed the gate. Read from the process table, not supervisorctl (a Python start
   * per health check would slow the gate down).
   */
  async alive(slot: Slot): Promise<boolean> {
    if (slot.pid !== undefined) return (await this.host.processInfo(slot.pid)).state === "running";
    return (await this.status(slot.color)).state === "RUNNING";
  }

  async running(color: Color): Promise<number | undefined> {
    const s = await this.status(color);
    return s.state === "RUNNING" && s.pid > 1 ? s.pid : undefined;
  }

  async runsRelease(pid: number, release: Release): Promise<boolean> {
    const info = await this.host.processInfo(pid);
    return info.state === "running" && info.command === release.binary;
  }

  async stop(slot: Slot, _stopTimeoutMs: number): Promise<StopResult> {
    const started = performance.now();
    const name = this.program(slot.color);
    const before = await this.status(slot.color);
    let signal: StopResult["signal"] = "none";
    if (before.state !== "MISSING" && !["STOPPED", "EXITED", "FATAL"].includes(before.state)) {
      const waitMs = Math.max(1000, this.o.stopWaitMs);
      const r = await this.ctl(["stop", name], waitMs + 30_000);
      if (r.code !== 0 || (/ERROR/.test(r.stdout) && !/not running/.test(r.stdout))) this.fail(`stop ${name}`, r);
      // supervisord sends SIGKILL once stopwaitsecs have passed.
      signal = performance.now() - started >= waitMs ? "SIGKILL" : "SIGTERM";
    }
    await this.autostartOff(slot.color);
    return { signal, ms: signal === "none" ? 0 : performance.now() - started };
  }

  /** A stopped color stays stopped when supervisord starts again. */
  private async autostartOff(color: Color): Promise<void> {
    const text = await this.host.readFile(this.confFile(color));
    if (text === undefined || !/^autostart=true$/m.test(text)) return;
    await this.host.writeFile(this.confFile(color), withAutostart(text, false), 0o600);
    await this.apply(color);
  }

  /** supervisord's view of the program, then the last lines of its stderr and stdout logs. */
  async logTail(color: Color, lines: number): Promise<string> {
    const parts = [`supervisorctl status: ${(await this.status(color)).line}`];
    for (const stream of ["stderr", "stdout"] as const) {
      const file = this.logFile(color, stream);
      const size = (await this.host.fileSize(file)) ?? 0;
      const tail = size ? await this.host.readFrom(file, Math.max(0, size - 8192), 8192) : undefined;
      if (tail?.text.trim()) parts.push(`${stream} (${file}):\n${lastLines(tail.text, lines)}`);
    }
    return parts.join("\n");
  }
}
