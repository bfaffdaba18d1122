/**
 * Real SSH servers for the remote deploy tests: sshd started by the test with its own host key,
 * authorized_keys and config in a temp folder, on a loopback port the OS picked; and, for the
 * fleet, hosts in network namespaces the test creates (a veth pair each on a private /24 inside
 * 10.213.0.0/16, addresses that exist only inside this machine), each with its own sshd, HAProxy
 * and service. Everything is stopped by pid and removed in afterAll.
 *
 * The hosts are hermetic (issue 10): nobody logs in as one of this machine's accounts. Each sshd
 * runs in its own mount namespace (unshare -m) where the test binds copies of /etc/passwd,
 * /etc/group and /etc/shadow that add HOST_USER, a non-root user with its home in the test's
 * temp folder, /bin/sh as its shell and no start-up files. The machine's own files are never
 * changed, and a deploy killed halfway can leave state only in the temp folder (a first run of
 * issue 10 left a version manager's lock file in root's home, and every later SSH command then
 * took 60 s). The fleet's hosts also get their own /srv-like folder there, so three "servers" on
 * one filesystem each see their own state.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@gantry/core";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The account every test host is logged in to; it exists only inside the sshd's mount namespaces. */
export interface HostUser {
  name: string;
  uid: number;
  gid: number;
}

const rows = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(":"));

/** A name, uid and gid this machine's account files do not use (they are only read, never changed). */
function pickHostUser(): HostUser {
  const accounts = [...rows("/etc/passwd"), ...rows("/etc/group")];
  const ids = new Set(accounts.map((r) => Number(r[2])));
  let id = 4242;
  while (ids.has(id)) id++;
  const name = accounts.some((r) => r[0] === "gantry") ? `gantry${id}` : "gantry";
  return { name, uid: id, gid: id };
}

export const HOST_USER: HostUser = pickHostUser();

/** A folder on the hosts' side owned by HOST_USER (a state-dir's parent, HAProxy's state file). */
export function hostFolder(path: string): string {
  mkdirSync(path, { recursive: true });
  chownSync(path, HOST_USER.uid, HOST_USER.gid);
  chmodSync(path, 0o755);
  return path;
}

/** Gives HOST_USER something root made for it on the host, e.g. HAProxy's admin socket (connecting needs write access). */
export function giveToHostUser(path: string): void {
  chownSync(path, HOST_USER.uid, HOST_USER.gid);
}

/** Lets other users pass through a folder of the test's (mkdtemp makes them 0700) without listing it. */
function traversable(dir: string): void {
  chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o011);
}

/**
 * The account files one sshd's mount namespace sees: the machine's passwd and group plus
 * HOST_USER, a shadow file holding only HOST_USER ("*": no password; sshd without PAM refuses a
 * locked "!" account) so no password hash of the machine is copied, and an nsswitch.conf that
 * answers accounts from these files only (no LDAP or userdb user can stand in). Returns the mounts.
 */
function accountMounts(dir: string, home: string, shell: string): string[] {
  const u = HOST_USER;
  const etc = (name: string) => readFileSync(`/etc/${name}`, "utf8").trimEnd();
  const files: [string, string, number][] = [
    ["passwd", `${etc("passwd")}\n${u.name}:x:${u.uid}:${u.gid}:gantry test host:${home}:${shell}\n`, 0o644],
    ["group", `${etc("group")}\n${u.name}:x:${u.gid}:\n`, 0o644],
    ["shadow", `${u.name}:*:20000:0:99999:7:::\n`, 0o600],
    ["nsswitch.conf", `${etc("nsswitch.conf").replace(/^(passwd|group|shadow|gshadow):.*$/gm, "$1: files")}\n`, 0o644],
  ];
  const lines: string[] = [];
  for (const [name, text, mode] of files) {
    const copy = join(dir, `etc-${name}`);
    writeFileSync(copy, text, { mode });
    lines.push(`mount --bind ${copy} /etc/${name}`);
  }
  // A running nscd would answer from the machine's own files: hide its socket in this namespace.
  lines.push("if [ -d /run/nscd ]; then mount -t tmpfs tmpfs /run/nscd; fi");
  return lines;
}

/**
 * Hides commands from one sshd's mount namespace: an empty, non-executable file is bound over
 * each copy on the PATH, so `command -v` in sh finds none, as on a host without them.
 */
function hideCommands(dir: string, commands: readonly string[]): string[] {
  if (!commands.length) return [];
  const empty = join(dir, "not-installed");
  writeFileSync(empty, "", { mode: 0o644 });
  const dirs = "/usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin";
  return [`for c in ${commands.join(" ")}; do for d in ${dirs}; do if [ -e "$d/$c" ]; then mount --bind ${empty} "$d/$c"; fi; done; done`];
}

export interface KeyPair {
  private: string;
  public: string;
  path: string;
}

/** An ed25519 key pair made with ssh-keygen in the folder. */
export function keyPair(dir: string, name: string): KeyPair {
  const path = join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path]);
  return { path, private: readFileSync(path, "utf8"), public: readFileSync(`${path}.pub`, "utf8").trim() };
}

/** The SHA256 fingerprint ssh shows for a public key. */
export function fingerprint(pub: string): string {
  return execFileSync("ssh-keygen", ["-l", "-f", "-"], { input: pub, encoding: "utf8" }).split(" ")[1] as string;
}

export interface Sshd {
  /** user@host:port for the hosts input (the user is HOST_USER). */
  target: string;
  /** HOST_USER's home on this server (in the test's temp folder). */
  home: string;
  host: string;
  port: number;
  hostKey: KeyPair;
  /** known_hosts line for this server. */
  knownHosts: string;
  pid: number;
  /** sshd's log (LogLevel INFO): one "Accepted publickey" per connection. */
  log(): string;
  stop(): Promise<void>;
}

export interface SshdOptions {
  dir: string;
  userKey: KeyPair;
  /** Listen address; 127.0.0.1 unless in a namespace. */
  address?: string;
  port?: number;
  /** Run inside this network namespace. */
  netns?: string;
  /** Shell lines run in the server's mount namespace before sshd starts (bind mounts, HAProxy). */
  setup?: string[];
  /** Reuse a host key (a server started again keeps its identity). */
  hostKey?: KeyPair;
  /** More sshd_config lines (e.g. AllowTcpForwarding no). */
  config?: string[];
  /** HOST_USER's login shell: /bin/sh unless said, which reads no start-up file for `ssh host command`. */
  shell?: string;
  /** Files to put in HOST_USER's home (e.g. a slow .bashrc). */
  homeFiles?: Record<string, string>;
  /** Commands this host does not have, whatever this machine has installed (e.g. socat). */
  without?: string[];
}

function descendants(pid: number): number[] {
  const kids: number[] = [];
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(d), ...descendants(Number(d)));
    } catch {
      // gone
    }
  }
  return kids;
}

/** Kills a process and everything it started, by pid. */
export function killTree(pid: number): void {
  for (const p of [...descendants(pid), pid]) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // gone already
    }
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = net.connect({ host, port });
    s.once("connect", () => {
      s.destroy();
      res(true);
    });
    s.once("error", () => res(false));
  });
}

/** HOST_USER's home in the server's folder, with the files asked for, all owned by HOST_USER. */
function makeHome(dir: string, files: Record<string, string>): string {
  const home = hostFolder(join(dir, "home"));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(home, name), text);
    giveToHostUser(join(home, name));
  }
  return home;
}

/** Starts sshd with its own host key and the user key authorized for HOST_USER, the only user it lets in. */
export async function startSshd(o: SshdOptions): Promise<Sshd> {
  const address = o.address ?? "127.0.0.1";
  const port = o.port ?? (await freePort());
  // sshd reads authorized_keys as the user, who must pass through the test's folders to it and to home.
  traversable(o.dir);
  const dir = mkdtempSync(join(o.dir, "sshd-"));
  traversable(dir);
  const hostKey = o.hostKey ?? keyPair(dir, "host_key");
  writeFileSync(join(dir, "authorized_keys"), `${o.userKey.public}\n`, { mode: 0o644 });
  const home = makeHome(dir, o.homeFiles ?? {});
  const config = join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `ListenAddress ${address}:${port}`,
      `HostKey ${hostKey.path}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      // The temp folder lives under /tmp (mode 1777), which StrictModes refuses for key files.
      "StrictModes no",
      "UsePAM no",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin no",
      `AllowUsers ${HOST_USER.name}`,
      "LogLevel INFO",
      "MaxStartups 50",
      "MaxSessions 50",
      ...(o.config ?? []),
      "",
    ].join("\n"),
  );
  mkdirSync("/run/sshd", { recursive: true });
  const lines = [...accountMounts(dir, home, o.shell ?? "/bin/sh"), ...hideCommands(dir, o.without ?? []), ...(o.setup ?? [])];
  const script = `set -e\n${lines.join("\n")}\nexec /usr/sbin/sshd -D -E "$1" -f "$2"`;
  const argv = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", join(dir, "sshd.log"), config];
  const child: ChildProcess = o.netns
    ? spawn("ip", ["netns", "exec", o.netns, ...argv], { stdio: "inherit" })
    : spawn(argv[0] as string, argv.slice(1), { stdio: "inherit" });
  const pid = child.pid as number;
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(address, port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      killTree(pid);
      throw new Error(`sshd on ${address}:${port} did not start: ${existsSync(join(dir, "sshd.log")) ? readFileSync(join(dir, "sshd.log"), "utf8") : ""}`);
    }
    await sleep(50);
  }
  const hostPart = port === 22 ? address : `[${address}]:${port}`;
  return {
    target: `${HOST_USER.name}@${address}${port === 22 ? "" : `:${port}`}`,
    home,
    host: address,
    port,
    hostKey,
    pid,
    knownHosts: `${hostPart} ${hostKey.public.split(" ").slice(0, 2).join(" ")}`,
    log: () => (existsSync(join(dir, "sshd.log")) ? readFileSync(join(dir, "sshd.log"), "utf8") : ""),
    stop: async () => {
      killTree(pid);
      await sleep(50);
    },
  };
}

/** A folder the test owns under the system temp folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
