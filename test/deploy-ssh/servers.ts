/**
 * Real SSH servers for the remote deploy tests: sshd started by the test with its own host key,
 * authorized_keys and config in a temp folder, on a loopback port the OS picked; and, for the
 * fleet, hosts in network namespaces the test creates (a veth pair each on a private /24 inside
 * 10.213.0.0/16, addresses that exist only inside this machine), each with its own sshd, HAProxy
 * and service. Everything is stopped by pid and removed in afterAll.
 *
 * Each sshd runs in its own mount namespace (unshare -m) where the test binds an empty file over
 * the login user's ~/.bashrc: on this machine root's .bashrc runs `pyenv init` (~100 ms per SSH
 * command), which a server's deploy user does not have. The fleet's hosts also get their own
 * /srv-like folder there, so three "servers" on one filesystem each see their own state.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@gantry/core";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  /** user@host:port for the hosts input. */
  target: string;
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

/** Starts sshd with its own host key and the user key authorized for the current user. */
export async function startSshd(o: SshdOptions): Promise<Sshd> {
  const address = o.address ?? "127.0.0.1";
  const port = o.port ?? (await freePort());
  const dir = mkdtempSync(join(o.dir, "sshd-"));
  const hostKey = o.hostKey ?? keyPair(dir, "host_key");
  writeFileSync(join(dir, "authorized_keys"), `${o.userKey.public}\n`);
  writeFileSync(join(dir, "empty"), "");
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
      "PermitRootLogin prohibit-password",
      "LogLevel INFO",
      "MaxStartups 50",
      "MaxSessions 50",
      ...(o.config ?? []),
      "",
    ].join("\n"),
  );
  mkdirSync("/run/sshd", { recursive: true });
  const bashrc = join(homedir(), ".bashrc");
  const lines = [...(existsSync(bashrc) ? [`mount --bind ${join(dir, "empty")} ${bashrc}`] : []), ...(o.setup ?? [])];
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
  const me = execFileSync("id", ["-un"], { encoding: "utf8" }).trim();
  const hostPart = port === 22 ? address : `[${address}]:${port}`;
  return {
    target: `${me}@${address}${port === 22 ? "" : `:${port}`}`,
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
