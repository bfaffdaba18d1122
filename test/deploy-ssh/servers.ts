/**
 * Real SSH servers for the remote deploy tests: sshd started by the test with its own host key,
 * authorized_keys and config in a temp folder, on a loopback port the OS picked; and, for the
 * fleet, hosts in network namespaces the test creates (a veth pair each on a private /24 inside
 * 10.213.0.0/16, addresses that exist only inside this machine), each with its own sshd, HAProxy
 * and service. Everything is stopped by pid and removed in afterAll.
 *
 * The hosts are hermetic (issue 10): nobody logs in as one of this machine's accounts. Each sshd
 * runs in its own mount namespace (unshare -m; namespace.ts) where the test binds copies of
 * /etc/passwd, /etc/group and /etc/shadow that add HOST_USER, a non-root user with its home in the
 * test's temp folder, /bin/sh as its shell and no start-up files unless a test asks for others.
 * The machine's own files are never changed, and a deploy killed halfway can leave state only in
 * the temp folder (a first run of issue 10 left a version manager's lock file in root's home, and
 * every later SSH command then took 60 s). The fleet's hosts also get their own /srv-like folder
 * there, so three "servers" on one filesystem each see their own state.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@gantry/core";
import { HOST_USER, accountMounts, giveToHostUser, hideCommands, hostFolder, recordCommands } from "./namespace.js";

export { HOST_USER, type HostUser, giveToHostUser, hostFolder } from "./namespace.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lets other users pass through a folder of the test's (mkdtemp makes them 0700) without listing it. */
function traversable(dir: string): void {
  chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o011);
}

/** Exec requests in an sshd log at LogLevel DEBUG1: each one starts the login user's shell. */
export function execRequests(log: string): number {
  return (log.match(/server_input_channel_req: channel \d+ request exec /g) ?? []).length;
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
  /** sshd's log: one "Accepted publickey" per connection; at DEBUG1 also each exec request (execRequests). */
  log(): string;
  /** The argument lines of each run of a `record`ed command, in order. */
  calls(command: string): string[];
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
  /** Commands whose every run on this host is recorded (Sshd.calls), e.g. curl for the health probes. */
  record?: string[];
  /** sshd's LogLevel: INFO unless said; DEBUG1 logs each exec request. */
  logLevel?: "INFO" | "DEBUG1";
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

export interface SshdConfigOptions {
  /** ListenAddress: `address:port`. */
  listen: string;
  /** The private host key's path. */
  hostKey: string;
  /** The folder holding authorized_keys, where the pid file goes. */
  dir: string;
  /** The one user it lets in, by key only (root: `PermitRootLogin prohibit-password`). */
  user: string;
  logLevel?: "INFO" | "DEBUG1";
  /** More lines (e.g. AllowTcpForwarding no). */
  extra?: readonly string[];
}

/** A test sshd's own config: one user, by key only, no PAM, its files in `dir`. */
export function sshdConfig(o: SshdConfigOptions): string {
  return [
    `ListenAddress ${o.listen}`,
    `HostKey ${o.hostKey}`,
    `AuthorizedKeysFile ${join(o.dir, "authorized_keys")}`,
    `PidFile ${join(o.dir, "sshd.pid")}`,
    // The temp folder lives under /tmp (mode 1777), which StrictModes refuses for key files.
    "StrictModes no",
    "UsePAM no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    `PermitRootLogin ${o.user === "root" ? "prohibit-password" : "no"}`,
    `AllowUsers ${o.user}`,
    `LogLevel ${o.logLevel ?? "INFO"}`,
    "MaxStartups 50",
    "MaxSessions 50",
    ...(o.extra ?? []),
    "",
  ].join("\n");
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
    sshdConfig({
      listen: `${address}:${port}`,
      hostKey: hostKey.path,
      dir,
      user: HOST_USER.name,
      logLevel: o.logLevel,
      extra: o.config,
    }),
  );
  mkdirSync("/run/sshd", { recursive: true });
  const lines = [
    ...accountMounts(dir, home, o.shell ?? "/bin/sh"),
    ...hideCommands(dir, o.without ?? []),
    ...recordCommands(dir, home, o.record ?? []),
    ...(o.setup ?? []),
  ];
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
    calls: (c) =>
      existsSync(join(home, `calls-${c}`))
        ? readFileSync(join(home, `calls-${c}`), "utf8")
            .split("\n")
            .filter(Boolean)
        : [],
    stop: async () => {
      killTree(pid);
      await sleep(50);
    },
  };
}

/** The inputs that send a deploy to one test sshd as its host user. */
export function sshInputs(sshd: Sshd, user: KeyPair): Record<string, string> {
  return { hosts: sshd.target, "ssh-key": user.private, "known-hosts": sshd.knownHosts };
}

/** A folder the test owns under the system temp folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
