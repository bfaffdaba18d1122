/**
 * A test host with systemd as its PID 1 (issue 12): a systemd-nspawn container booted from an
 * overlay of this machine's root (so it has node, HAProxy and the repository at the same paths),
 * never the machine's own init. What it writes (its /etc, /var/lib) lands in the overlay's upper
 * folder and survives a reboot (poweroff, then a boot of the same overlay). It has a network of
 * its own, joined to the test by nspawn's veth pair on a /30 of 10.213.0.0/16 that nothing here
 * uses. Folders the test shares with it are bound at the same path (nspawn mounts a tmpfs on the
 * container's /tmp). `stop()` powers it off (SIGKILL of its PID 1 if that hangs), removes the route and
 * unmounts the overlay; the test's scratch folders go with the harness.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { pickSubnet } from "../deploy-ssh/netns.js";
import { scratchDir } from "../harness.js";
import { waitFor } from "./support.js";

export interface SystemdHost {
  /** The container's address on its veth (the test side is `.1` of the same /30). */
  address: string;
  /** Its root folder (the overlay's mount point). */
  root: string;
  /** The pid of its systemd, as this machine sees it (changes at each boot); undefined until nspawn started it. */
  pid?: number;
  /** `nsenter -t <pid> -a`: the prefix that runs a command inside it. */
  enter(): string[];
  /** Runs a command inside it; its stdout. Throws on a non-zero exit. */
  exec(argv: readonly string[]): string;
  /** Powers it off and boots the same overlay again: what was written stays. */
  reboot(): Promise<void>;
  stop(): Promise<void>;
}

export interface SystemdHostOptions {
  /** Folders shared with the container: a path (bound at the same path inside) or `SRC:DEST`. */
  binds: readonly string[];
  /** Units written to its /etc/systemd/system before the first boot and enabled for multi-user.target: name → text. */
  units?: Record<string, string>;
  /** Files of the container written before the first boot (absolute path inside it → text), e.g. its own /etc/passwd. */
  files?: Record<string, string>;
}

/** A unit of the test's own (HAProxy, sshd) for `units`: one ExecStart, wanted by multi-user.target; `service` adds [Service] lines. */
export function testUnit(description: string, exec: string, service: readonly string[] = []): string {
  return ["[Unit]", `Description=${description}`, "[Service]", ...service, `ExecStart=${exec}`, "[Install]", "WantedBy=multi-user.target", ""].join("\n");
}

/** `systemctl show` of a unit inside the host: ActiveState, MainPID, UnitFileState, NRestarts. */
export function unitState(host: SystemdHost, unit: string): Record<string, string> {
  return Object.fromEntries(
    host
      .exec(["systemctl", "show", "-p", "ActiveState,MainPID,UnitFileState,NRestarts", unit])
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/** The machine's services the container would otherwise start at each boot: none of them is part of the test. */
const MASKED = [
  "containerd",
  "docker",
  "docker.socket",
  "docker-registry",
  "haproxy",
  "nginx",
  "postgresql",
  "postgresql@",
  "prometheus",
  "prometheus-node-exporter",
  "supervisor",
  "ssh",
  "ssh.socket",
  "console-getty",
  "cron",
];

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] }).toString();

/** Masks the machine's services, installs the test's own units and files in the overlay's upper folder. */
function prepareEtc(upper: string, units: Record<string, string>, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(upper, path)), { recursive: true });
    writeFileSync(join(upper, path), text);
  }
  const dir = join(upper, "etc", "systemd", "system");
  const wants = join(dir, "multi-user.target.wants");
  mkdirSync(wants, { recursive: true });
  for (const name of MASKED) symlinkSync("/dev/null", join(dir, name.includes(".") ? name : `${name}.service`));
  for (const [name, text] of Object.entries(units)) {
    writeFileSync(join(dir, name), text);
    symlinkSync(join("/etc/systemd/system", name), join(wants, name));
  }
}

/** Hosts booted and not stopped yet: stopped after the test file even when its hooks timed out before they got one. */
const live = new Set<SystemdHost>();
// Registered when a test file loads this module, after the harness's removal of scratch folders,
// so it runs before it (after hooks run in reverse order): the overlay is unmounted before its folder goes.
if (process.env.VITEST_WORKER_ID) afterAll(async () => Promise.all([...live].map((h) => h.stop())));

/** A process's name, or "" once it is gone. */
function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

function kill(pid: number | undefined): void {
  try {
    if (pid) process.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
}

export async function bootSystemdHost(o: SystemdHostOptions): Promise<SystemdHost> {
  const base = scratchDir("gantry-nspawn-");
  const [upper, work, root] = ["upper", "work", "root"].map((d) => join(base, d)) as [string, string, string];
  for (const d of [upper, work, root]) mkdirSync(d);
  prepareEtc(upper, o.units ?? {}, o.files ?? {});
  execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=/,upperdir=${upper},workdir=${work}`, root]);
  const x = pickSubnet();
  const machine = `gsd${x}`;
  const veth = `ve-${machine}`;
  const address = `10.213.${x}.2`;
  let nspawn: ChildProcess | undefined;
  const h = { address, root } as SystemdHost;
  h.enter = () => ["nsenter", "-t", String(h.pid), "-a"];
  h.exec = (argv) => execFileSync(h.enter()[0] as string, [...h.enter().slice(1), ...argv], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  const boot = async () => {
    h.pid = undefined;
    const log = openSync(join(base, "nspawn.log"), "a");
    const binds = o.binds.map((b) => `--bind=${b}`);
    nspawn = spawn(
      "systemd-nspawn",
      ["-D", root, "-M", machine, "--network-veth", ...binds, "--keep-unit", "--register=no", "--console=read-only", "-b", "systemd.firstboot=off"],
      { stdio: ["ignore", log, log] },
    );
    const child = nspawn;
    // nspawn's first child is a helper that sets the namespaces up and forks the container's PID 1
    // (systemd) before it goes: wait for a child that is systemd itself, or nsenter would enter
    // the helper's namespaces (seen on a loaded machine: the container never looked running).
    await waitFor("systemd-nspawn to start the container's systemd", () => {
      const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      h.pid = kids.map(Number).find((pid) => commOf(pid) === "systemd");
      return h.pid !== undefined;
    });
    let state = "";
    await waitFor(
      "the container's systemd to reach running",
      () => {
        const r = spawnSync(h.enter()[0] as string, [...h.enter().slice(1), "systemctl", "is-system-running"], { encoding: "utf8" });
        state = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
        return /^(running|degraded)/.test(r.stdout ?? "");
      },
      60_000,
    ).catch((err: Error) => {
      const jobs = spawnSync(h.enter()[0] as string, [...h.enter().slice(1), "systemctl", "list-jobs", "--no-pager"], { encoding: "utf8" }).stdout;
      const log = readFileSync(join(base, "nspawn.log"), "utf8").split("\n").slice(-30).join("\n");
      throw new Error(`${err.message} (is-system-running: ${state || "no answer"})\njobs:\n${jobs}\nnspawn's last lines:\n${log}`);
    });
    // The veth is made anew at each boot: both ends get their address again.
    ip("addr", "add", `10.213.${x}.1/30`, "dev", veth);
    ip("link", "set", veth, "up");
    h.exec(["ip", "addr", "add", `${address}/30`, "dev", "host0"]);
    h.exec(["ip", "link", "set", "host0", "up"]);
  };

  const poweroff = async () => {
    const child = nspawn;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    if (h.pid) spawnSync(h.enter()[0] as string, [...h.enter().slice(1), "systemctl", "poweroff"], { stdio: "ignore" });
    // Killing the container's PID 1 ends its whole pid namespace, then nspawn; nspawn alone would orphan it.
    const timer = setTimeout(() => kill(h.pid ?? child.pid), h.pid ? 60_000 : 0);
    await exited;
    clearTimeout(timer);
  };

  h.reboot = async () => {
    await poweroff();
    await boot();
  };
  let stopped = false;
  h.stop = async () => {
    if (stopped) return;
    stopped = true;
    live.delete(h);
    await poweroff();
    spawnSync("ip", ["route", "del", "unreachable", `10.213.${x}.0/24`, "metric", "4000"], { stdio: "ignore" });
    // Lazy, so a process still holding a file there cannot leave the overlay mounted.
    spawnSync("umount", ["-l", root], { stdio: "ignore" });
  };

  live.add(h);
  try {
    ip("route", "add", "unreachable", `10.213.${x}.0/24`, "metric", "4000");
    await boot();
    return h;
  } catch (err) {
    await h.stop();
    throw err;
  }
}
