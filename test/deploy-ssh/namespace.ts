/**
 * What one test sshd's mount namespace sees (servers.ts starts each sshd in its own, unshare -m):
 * HOST_USER in copies of the account files bound over /etc's, commands hidden as on a host
 * without them, and commands recorded on each run. Nothing of the machine's own is changed.
 */
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/**
 * The account files one sshd's mount namespace sees: the machine's passwd and group plus
 * HOST_USER, a shadow file holding only HOST_USER ("*": no password; sshd without PAM refuses a
 * locked "!" account) so no password hash of the machine is copied, and an nsswitch.conf that
 * answers accounts from these files only (no LDAP or userdb user can stand in). Returns the mounts.
 */
export function accountMounts(dir: string, home: string, shell: string): string[] {
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
export function hideCommands(dir: string, commands: readonly string[]): string[] {
  if (!commands.length) return [];
  const empty = join(dir, "not-installed");
  writeFileSync(empty, "", { mode: 0o644 });
  const dirs = "/usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin";
  return [`for c in ${commands.join(" ")}; do for d in ${dirs}; do if [ -e "$d/$c" ]; then mount --bind ${empty} "$d/$c"; fi; done; done`];
}

/**
 * Records every run of a command in one sshd's mount namespace: a wrapper bound over it appends
 * the arguments as one line to `home/calls-<command>`, then runs the original (bound aside first).
 */
export function recordCommands(dir: string, home: string, commands: readonly string[]): string[] {
  return commands.flatMap((c) => {
    const real = join(dir, `real-${c}`);
    const wrapper = join(dir, `record-${c}`);
    writeFileSync(real, "", { mode: 0o755 });
    writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${join(home, `calls-${c}`)}\nexec ${real} "$@"\n`, { mode: 0o755 });
    return [`p=$(command -v ${c})`, `mount --bind "$p" ${real}`, `mount --bind ${wrapper} "$p"`];
  });
}
