/**
 * The user a release runs as under runtime: systemd and supervisor: the given `user`, or by
 * default the dedicated system user `gantry-<app>` (created when missing), never root unless
 * `user: root` says so. The same commands run locally and over SSH through `Host.exec`.
 */
import { dirname } from "node:path";
import { type ExecResult, GantryError, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { USER_NAME } from "./supervisor-conf.js";

/** The dedicated user of an app when `user` is empty. */
export function defaultUser(app: string): string {
  return `gantry-${app.toLowerCase().replaceAll(".", "-")}`;
}

const run = (host: Host, argv: string[]): Promise<ExecResult> => host.exec(argv, { allowFailure: true, timeoutMs: 60_000 });

function fail(host: Host, what: string, r: ExecResult): never {
  throw new GantryError(`${what} failed on ${host.name}: ${lastLines(`${r.stdout}${r.stderr}`.trim(), 5) || `exit code ${r.code}`}`);
}

/** The folder with every symlink resolved (`realpath -m`: the part that does not exist yet kept as written). */
export async function realFolder(host: Host, path: string): Promise<string> {
  const r = await run(host, ["realpath", "-m", "--", path]);
  const real = r.stdout.replace(/\n$/, "");
  return r.code === 0 && real.startsWith("/") && !real.includes("\n") ? real : path;
}

/** The release's user on one host: `given` (the `user` input) or gantry's own. */
export class ServiceUser {
  constructor(
    private readonly host: Host,
    private readonly app: string,
    /** The `user` input; "" = the dedicated user. */
    readonly given: string,
  ) {}

  /** The user name the release runs as. */
  get name(): string {
    const name = this.given || defaultUser(this.app);
    if (!USER_NAME.test(name)) throw new GantryError(`user: the default user ${name} (gantry-<app>) is not a valid user name; give the input user`);
    return name;
  }

  /** True for the dedicated user gantry creates (it has a group of its own). */
  get dedicated(): boolean {
    return !this.given;
  }

  /** Before anything changes: a given user exists (the dedicated one is created at the first start). */
  async checkExists(): Promise<void> {
    if (!this.given || (await run(this.host, ["id", "-u", "--", this.given])).code === 0) return;
    throw new GantryError(`user: ${this.given} does not exist on ${this.host.name}; create it, or leave user empty for gantry's own ${defaultUser(this.app)}`);
  }

  /** The dedicated user, created as a system user with a group of its own when missing. */
  async ensure(): Promise<void> {
    if (this.given || (await run(this.host, ["id", "-u", "--", this.name])).code === 0) return;
    const r = await run(this.host, [
      "useradd",
      "--system",
      "--user-group",
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      this.name,
    ]);
    if (r.code !== 0) fail(this.host, `useradd ${this.name}`, r);
  }

  /**
   * The state dir (0750, root's) gets the service user's group, so the service can reach its
   * release folder (0755) and nothing else of gantry's: run/ and logs/ stay root's alone.
   */
  async shareStateDir(stateDir: string): Promise<void> {
    const id = await run(this.host, ["id", "-gn", "--", this.name]);
    if (id.code !== 0) fail(this.host, `id -gn ${this.name}`, id);
    const r = await run(this.host, ["chgrp", "--", id.stdout.trim(), stateDir]);
    if (r.code !== 0) fail(this.host, `chgrp ${id.stdout.trim()} ${stateDir}`, r);
  }

  /**
   * Before anything changes: the user can enter every folder above the state dir that exists
   * (search permission), and the state dir itself once it has the user's group; otherwise the
   * release fails at its start (systemd's `status=200/CHDIR`). Read from the mode bits, as a user
   * without capabilities meets them: a missing folder is made 0755, root's own power is bounded
   * away by the unit (CapabilityBoundingSet=).
   */
  async checkReaches(stateDir: string): Promise<void> {
    const real = await realFolder(this.host, stateDir);
    const folders: string[] = [];
    for (let d = real; ; d = dirname(d)) {
      folders.unshift(d);
      if (d === dirname(d)) break;
    }
    const stat = await run(this.host, ["stat", "-c", "%a %u %g %n", "--", ...folders]);
    // Folders that do not exist yet are left out of stat's answer (and make its exit code 1).
    const modes = new Map<string, { mode: number; uid: number; gid: number }>();
    for (const line of stat.stdout.split("\n")) {
      const m = /^([0-7]+) (\d+) (\d+) (.+)$/.exec(line);
      if (m) modes.set(m[4] as string, { mode: Number.parseInt(m[1] as string, 8), uid: Number(m[2]), gid: Number(m[3]) });
    }
    const ids = await this.ids();
    for (const folder of folders) {
      const s = modes.get(folder);
      if (!s) continue;
      const own = folder === real;
      const enters = (s.mode & 0o001) !== 0 || (s.uid === ids.uid && (s.mode & 0o100) !== 0) || ((own || ids.gids.includes(s.gid)) && (s.mode & 0o010) !== 0);
      if (!enters)
        throw new GantryError(
          `state-dir: the service's user ${this.name} cannot enter ${folder} on ${this.host.name} (mode ${s.mode.toString(8).padStart(4, "0")}, owner ${s.uid}:${s.gid}), so the release could not reach its folder under ${stateDir} (systemd would fail it with status=200/CHDIR); give that folder search permission (chmod o+x ${folder}) or choose a state-dir the user can reach`,
        );
    }
  }

  /** The user's uid and groups; a dedicated user not created yet owns nothing and is in no group that exists. */
  private async ids(): Promise<{ uid: number; gids: number[] }> {
    const uid = await run(this.host, ["id", "-u", "--", this.name]);
    if (uid.code !== 0) return { uid: -1, gids: [] };
    const gids = await run(this.host, ["id", "-G", "--", this.name]);
    return { uid: Number(uid.stdout.trim()), gids: gids.stdout.trim().split(/\s+/).map(Number) };
  }
}
