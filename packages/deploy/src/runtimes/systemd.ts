import { basename, join } from "node:path";
import { type ExecResult, GantryError, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { ACCEPTED_APP, APP_NAME, type Color, type Release, type Slot, checkName } from "../model/model.js";
import type { Runtime, StopResult } from "./runtime.js";
import { ServiceUser, realFolder } from "./service-user.js";
import { type UnitLine, parseShow, renderEnvironmentFile, renderUnit } from "./systemd-unit.js";

export interface SystemdOptions {
  /** `User=`; "" = the dedicated system user `gantry-<app>`, created when missing. */
  user: string;
  /** TimeoutStopSec, from drain-timeout (issue 12). */
  stopTimeoutMs: number;
  /** The `systemd-unit` input's directives. */
  overrides: readonly UnitLine[];
  /** Where the units go (`/etc/systemd/system`). */
  unitDir: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long a start may take before the unit is running (systemd restarts a crashing one every second). */
const START_LIMIT_MS = 30_000;
const SHOW = ["ActiveState", "SubState", "Result", "MainPID", "NRestarts", "UnitFileState"];

/** Folders systemd replaces by the unit's own empty ones (PrivateTmp=): a state dir there is out of the service's sight. */
const PRIVATE_TMP = ["/tmp", "/var/tmp"];

/**
 * `runtime: systemd` (issue 12): each color is the unit `<app>-<color>.service` in the unit
 * folder, written whole (the Host's atomic write) once `systemd-analyze verify` accepted it, then
 * `systemctl daemon-reload`, `enable` and `start`. systemd restarts a crashed release
 * (`Restart=always`), and at boot starts the enabled color only: a color is enabled as it starts
 * and disabled once stopped, so outside a cutover exactly one color is enabled. A running unit's
 * file is never changed. The same commands run locally and over SSH through `Host.exec`.
 */
export class SystemdRuntime implements Runtime {
  readonly name = "systemd";
  /** When this run started each color, for the journal lines of this release only. */
  private readonly startedAt = new Map<Color, number>();
  private readonly user: ServiceUser;
  constructor(
    private readonly host: Host,
    private readonly stateDir: string,
    private readonly app: string,
    private readonly o: SystemdOptions,
  ) {
    this.user = new ServiceUser(host, app, o.user);
  }

  unit(color: Color): string {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}.service`;
  }
  unitFile(color: Color): string {
    return join(this.o.unitDir, this.unit(color));
  }
  envFile(color: Color): string {
    return join(this.stateDir, "run", `${color}.env`);
  }
  private run(argv: string[], timeoutMs = 60_000): Promise<ExecResult> {
    return this.host.exec(argv, { allowFailure: true, timeoutMs });
  }

  private fail(what: string, r: ExecResult): never {
    const said = lastLines(`${r.stdout}${r.stderr}`.trim(), 5) || `exit code ${r.code}`;
    throw new GantryError(`${what} failed on ${this.host.name}: ${said}`);
  }

  private async systemctl(...args: string[]): Promise<void> {
    const r = await this.run(["systemctl", ...args], 120_000);
    if (r.code !== 0) this.fail(`systemctl ${args.join(" ")}`, r);
  }

  /**
   * Before anything changes: systemd runs the host, a given user exists, the service can see and
   * enter the state dir, and the unit with these overrides passes `systemd-analyze verify`.
   */
  async preflight(): Promise<void> {
    const state = (await this.run(["systemctl", "is-system-running"], 20_000)).stdout.trim();
    if (!["running", "degraded", "starting"].includes(state))
      throw new GantryError(
        `runtime: systemd needs systemd as the init system on ${this.host.name}; systemctl is-system-running said ${JSON.stringify(state || "nothing")}`,
      );
    await this.user.checkExists();
    await this.checkVisible();
    await this.user.checkReaches(this.stateDir);
    const tmp = (await this.run(["mktemp", "-d"])).stdout.trim();
    if (!tmp.startsWith("/")) throw new GantryError(`mktemp -d failed on ${this.host.name}`);
    try {
      await this.verify(join(tmp, this.unit("blue")), this.render("blue", { dir: "/", binary: "/bin/true" }, 8081), "systemd-unit");
    } finally {
      await this.host.remove(tmp);
    }
  }

  /** A state dir under /tmp or /var/tmp is hidden by PrivateTmp= (the unit fails with status=226/NAMESPACE), unless the systemd-unit input turns it off. */
  private async checkVisible(): Promise<void> {
    const privateTmp = this.o.overrides.findLast((o) => o.section === "Service" && o.name === "PrivateTmp")?.value ?? "yes";
    if (!/^(1|yes|true|on)$/i.test(privateTmp)) return;
    const real = await realFolder(this.host, this.stateDir);
    const under = PRIVATE_TMP.find((t) => real === t || real.startsWith(`${t}/`));
    if (under)
      throw new GantryError(
        `state-dir: ${this.stateDir}${real === this.stateDir ? "" : ` (${real})`} is under ${under} on ${this.host.name}, which the unit's PrivateTmp=yes hides from the service (systemd would fail it with status=226/NAMESPACE); choose a state-dir outside ${PRIVATE_TMP.join(" and ")}, e.g. /var/lib/gantry/{app}`,
      );
  }

  private render(color: Color, release: Pick<Release, "dir" | "binary">, port: number): string {
    return renderUnit({
      name: this.unit(color).replace(/\.service$/, ""),
      binary: release.binary,
      directory: release.dir,
      envFile: this.envFile(color),
      stateDir: this.stateDir,
      user: this.user.name,
      group: this.user.dedicated ? this.user.name : undefined,
      port,
      stopTimeoutMs: this.o.stopTimeoutMs,
      overrides: this.o.overrides,
    });
  }

  /** Writes the text to `file` and runs `systemd-analyze verify` on it: any line it complains about of this file is an error. */
  private async verify(file: string, text: string, blame: string): Promise<void> {
    await this.host.writeFile(file, text, 0o644);
    const r = await this.run(["systemd-analyze", "verify", file]);
    const said = `${r.stdout}${r.stderr}`.split("\n").filter((l) => l.includes(`${file}:`) || (r.code !== 0 && l.trim()));
    if (r.code !== 0 || said.length)
      throw new GantryError(`${blame}: systemd-analyze verify refused the unit ${basename(file)} on ${this.host.name}: ${lastLines(said.join("\n"), 5)}`);
  }

  async status(color: Color): Promise<Record<string, string>> {
    const r = await this.run(["systemctl", "show", ...SHOW.flatMap((p) => ["-p", p]), "--", this.unit(color)]);
    return parseShow(r.stdout);
  }

  async start(slot: Slot, release: Release, env: Record<string, string>): Promise<number> {
    if (!release.binary)
      throw new GantryError(`release ${release.version} was staged for runtime: docker (it has no binary); deploy it again with runtime: systemd`);
    const leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`the unit ${this.unit(slot.color)} (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    await this.user.ensure();
    await this.user.shareStateDir(this.stateDir);
    await this.host.mkdirp(join(this.stateDir, "run"), 0o750);
    // 0600, read by systemd (root) before it switches to the service's user: the environment may hold secrets.
    await this.host.writeFile(this.envFile(slot.color), renderEnvironmentFile(env), 0o600);
    const text = this.render(slot.color, release, slot.port);
    await this.verify(join(this.stateDir, "run", this.unit(slot.color)), text, `the unit of ${release.version}`);
    await this.host.writeFile(this.unitFile(slot.color), text, 0o644);
    await this.systemctl("daemon-reload");
    await this.systemctl("enable", "--quiet", "--", this.unit(slot.color));
    // A unit that gave up earlier (its start limit) would refuse to start.
    await this.run(["systemctl", "reset-failed", "--", this.unit(slot.color)]);
    this.startedAt.set(slot.color, Date.now());
    await this.systemctl("start", "--", this.unit(slot.color));
    return this.waitRunning(slot.color);
  }

  /** Waits until systemd runs the unit's main process; its pid. */
  private async waitRunning(color: Color): Promise<number> {
    const deadline = performance.now() + START_LIMIT_MS;
    for (;;) {
      const s = await this.status(color);
      const pid = Number(s.MainPID);
      if (s.ActiveState === "active" && s.SubState === "running" && pid > 1) return pid;
      if (s.ActiveState === "failed" || performance.now() > deadline)
        throw new GantryError(`systemd could not start ${this.unit(color)} on ${this.host.name}: ${s.ActiveState}/${s.SubState} (${s.Result})`);
      await sleep(100);
    }
  }

  /** The slot's own process still runs (a pid systemd replaced is a crash it restarted); read from the process table. */
  async alive(slot: Slot): Promise<boolean> {
    if (slot.pid !== undefined) return (await this.host.processInfo(slot.pid)).state === "running";
    return (await this.running(slot.color)) !== undefined;
  }

  async running(color: Color): Promise<number | undefined> {
    const s = await this.status(color);
    const pid = Number(s.MainPID);
    return s.ActiveState === "active" && pid > 1 ? pid : undefined;
  }

  async runsRelease(pid: number, release: Release): Promise<boolean> {
    const info = await this.host.processInfo(pid);
    return info.state === "running" && info.command === release.binary;
  }

  /** `systemctl stop` (SIGTERM, SIGKILL after TimeoutStopSec), then `disable`: a stopped color stays stopped after a reboot. */
  async stop(slot: Slot, _stopTimeoutMs: number): Promise<StopResult> {
    const started = performance.now();
    const unit = this.unit(slot.color);
    const before = await this.status(slot.color);
    let signal: StopResult["signal"] = "none";
    if (["active", "activating", "reloading"].includes(before.ActiveState ?? "")) {
      await this.systemctl("stop", "--", unit);
      const after = await this.status(slot.color);
      signal = after.Result === "timeout" ? "SIGKILL" : "SIGTERM";
    }
    if (before.UnitFileState === "enabled") await this.systemctl("disable", "--quiet", "--", unit);
    return { signal, ms: signal === "none" ? 0 : performance.now() - started };
  }

  /** systemd's view of the unit, then its last journal lines (`journalctl -u`), of this run's start when there was one. */
  async logTail(color: Color, lines: number): Promise<string> {
    const s = await this.status(color);
    const since = this.startedAt.get(color);
    // At least 50 (issue 12: `journalctl -u … -n 50`): systemd's own lines about the unit come between the release's.
    const argv = ["journalctl", "-u", this.unit(color), "-n", String(Math.max(lines, 50)), "--no-pager", "-o", "short-iso"];
    if (since) argv.push("--since", `@${Math.floor(since / 1000)}`);
    const r = await this.run(argv);
    const journal = r.code === 0 ? r.stdout.trim() : `journalctl failed: ${lastLines(r.stderr.trim(), 2)}`;
    return `systemctl: ${this.unit(color)} ${s.ActiveState}/${s.SubState} (result ${s.Result}, ${s.NRestarts} restarts)\n${journal}`;
  }
}
