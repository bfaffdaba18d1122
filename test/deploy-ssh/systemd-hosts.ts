/**
 * Remote hosts whose PID 1 is systemd (issue 12), for runtime: systemd over SSH: each one an
 * nspawn container of ../deploy/systemd-host.ts with the test's own sshd (its own config and host
 * key; root only, by key, since systemctl and useradd need root) and HAProxy as units. Each host's
 * folder of the test is bound at one path inside it (SRV), so one set of inputs fits every host
 * of a fleet, as with the namespace hosts of netns.ts. The container's root logs in with /bin/sh
 * and an empty home of its own: no dotfile of this machine runs. Booted in parallel; each is
 * powered off by systemd-host.ts after the test file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "../harness.js";
import { haproxyConfig, servedVersion, waitFor } from "../deploy/support.js";
import { type SystemdHost, bootSystemdHost, testUnit, unitState } from "../deploy/systemd-host.js";
import { type KeyPair, keyPair, sshdConfig } from "./servers.js";

/** Where each host sees its own test folder (sshd's and HAProxy's files). */
export const SRV = "/srv/gantry-test";
/** The slots' ports and HAProxy's frontend port inside each container (each has its own network). */
export const PORTS = { blue: 8081, green: 8082 };
const FRONT = 8080;
/** The state-dir, in the container's own /var (the overlay): it survives a reboot as a server's would. */
export const STATE_DIR = "/var/lib/gantry/hello";

export const NEEDS_SYSTEMD_SSH = ["root", "systemd-nspawn", "nsenter", "mount", "ip", "haproxy", "systemd-analyze", "sshd", "ssh", "ssh-keygen"];

export interface SshSystemdHost {
  box: SystemdHost;
  /** `root@address`, for the hosts input. */
  target: string;
  /** Its known_hosts line. */
  knownHosts: string;
  /** HAProxy's frontend. */
  url: string;
  /** The test's side of SRV. */
  dir: string;
  /** `systemctl show` of `hello-<color>.service`: ActiveState, MainPID, UnitFileState, NRestarts. */
  unit(color: string): Record<string, string>;
}

/** The container's root gets /bin/sh and an empty home of its own. */
const containerPasswd = () => readFileSync("/etc/passwd", "utf8").replace(/^root:.*$/m, "root:x:0:0:root:/var/lib/gantry-test-root:/bin/sh");

/** Writes the host's sshd and HAProxy files into its test folder, as they are seen at SRV inside. */
function writeHostFiles(dir: string, user: KeyPair): KeyPair {
  const hostKey = keyPair(dir, "host_key");
  writeFileSync(join(dir, "authorized_keys"), `${user.public}\n`);
  writeFileSync(join(dir, "sshd_config"), sshdConfig({ listen: "0.0.0.0:22", hostKey: join(SRV, "host_key"), dir: SRV, user: "root" }));
  mkdirSync(join(dir, "haproxy"));
  const hp = join(SRV, "haproxy");
  writeFileSync(
    join(dir, "haproxy", "haproxy.cfg"),
    haproxyConfig({ socket: join(hp, "admin.sock"), stateFile: join(hp, "haproxy.state"), bind: `*:${FRONT}`, ports: PORTS }),
  );
  return hostKey;
}

/** Boots one host reachable as root over SSH with `user`'s key, HAProxy answering on its address. */
export async function bootSshSystemdHost(user: KeyPair): Promise<SshSystemdHost> {
  const dir = scratchDir("gantry-systemd-ssh-");
  const hostKey = writeHostFiles(dir, user);
  const box = await bootSystemdHost({
    binds: [`${dir}:${SRV}`],
    units: {
      "gantry-test-haproxy.service": testUnit("the test's HAProxy", `/usr/sbin/haproxy -db -f ${SRV}/haproxy/haproxy.cfg`),
      "gantry-test-sshd.service": testUnit("the test's sshd", `/usr/sbin/sshd -D -e -f ${SRV}/sshd_config`, ["RuntimeDirectory=sshd"]),
    },
    files: { "/etc/passwd": containerPasswd(), "/var/lib/gantry-test-root/.keep": "" },
  });
  const url = `http://${box.address}:${FRONT}`;
  await waitFor("HAProxy in the container", async () => (await servedVersion(url)) !== "HTTP 0", 20_000);
  return {
    box,
    target: `root@${box.address}`,
    knownHosts: `${box.address} ${hostKey.public.split(" ").slice(0, 2).join(" ")}`,
    url,
    dir,
    unit: (color) => unitState(box, `hello-${color}.service`),
  };
}

/** Boots `count` hosts at once (each boot mostly waits on its systemd). */
export function bootSshSystemdFleet(user: KeyPair, count: number): Promise<SshSystemdHost[]> {
  return Promise.all(Array.from({ length: count }, () => bootSshSystemdHost(user)));
}

/** The inputs that deploy `hello` with runtime: systemd to these hosts, as root with `user`'s key. */
export function systemdSshInputs(hosts: readonly SshSystemdHost[], user: KeyPair): Record<string, string> {
  return {
    hosts: hosts.map((h) => h.target).join("\n"),
    "ssh-key": user.private,
    "known-hosts": hosts.map((h) => h.knownHosts).join("\n"),
    app: "hello",
    runtime: "systemd",
    "haproxy-socket": join(SRV, "haproxy", "admin.sock"),
    "haproxy-server-state-file": join(SRV, "haproxy", "haproxy.state"),
    ports: `${PORTS.blue},${PORTS.green}`,
    "state-dir": STATE_DIR,
  };
}
