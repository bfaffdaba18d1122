/**
 * Three "servers" for the fleet tests: network namespaces created by the test, each joined to
 * this machine by a veth pair on a /30 of one private /24 inside 10.213.0.0/16 (a /24 no
 * interface or route here uses). An `unreachable` route covers the whole /24, so with a link
 * down nothing for these addresses ever leaves through the default route. Each host runs its own
 * sshd and HAProxy (frontend on its namespace address, admin socket in its own folder) and sees
 * its own folder at one shared path, as separate servers would. Everything is removed in
 * afterAll: processes by pid, namespaces, links, the route.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HOST_USER, type KeyPair, type Sshd, hostFolder, startSshd } from "./servers.js";

/** Ports of the two slots inside each namespace (a fresh namespace has every port free). */
export const SLOT_PORTS = { blue: 8081, green: 8082 };
/** HAProxy's frontend port on each host's namespace address. */
export const FRONT_PORT = 8080;

export interface NsHost {
  index: number;
  ns: string;
  /** The root side of the veth pair (set it down to cut the host off). */
  veth: string;
  /** The namespace side. */
  peer: string;
  address: string;
  /** This host's own folder, seen at Fleet.mount inside its namespace. */
  dir: string;
  sshd: Sshd;
  url: string;
}

export interface Fleet {
  hosts: NsHost[];
  /** The path every host sees its own folder at (state-dir and the HAProxy socket live below it). */
  mount: string;
  subnet: string;
  knownHosts: string;
  destroy(): Promise<void>;
}

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] }).toString();

/** A /24 in 10.213.0.0/16 that nothing on this machine uses yet (the systemd test host picks its own the same way). */
export function pickSubnet(): number {
  const used = `${ip("-4", "addr")}\n${ip("-4", "route")}`;
  for (let tries = 0; tries < 50; tries++) {
    const x = 1 + Math.floor(Math.random() * 250);
    if (!used.includes(`10.213.${x}.`)) return x;
  }
  throw new Error("no free /24 in 10.213.0.0/16");
}

function haproxyConfig(dir: string, mount: string, address: string): string {
  return `global
  # HAProxy runs as root; the deploy logs in as HOST_USER, who owns the admin socket (issue 10).
  stats socket ${mount}/haproxy.sock level admin uid ${HOST_USER.uid} gid ${HOST_USER.gid} mode 600
  server-state-file ${mount}/haproxy.state
  pidfile ${mount}/haproxy.pid
  maxconn 4096
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  option redispatch
  retries 3
  retry-on conn-failure
  load-server-state-from-file global
frontend fe
  bind ${address}:${FRONT_PORT}
  default_backend app
backend app
  balance roundrobin
  server blue 127.0.0.1:${SLOT_PORTS.blue} disabled
  server green 127.0.0.1:${SLOT_PORTS.green} disabled
# ${dir}
`;
}

/**
 * Creates `count` namespace hosts with sshd and HAProxy each. `extraSetup` lines run in each host's
 * mount namespace after HAProxy started (e.g. a host laid out at an action's default paths).
 */
export async function createFleet(root: string, userKey: KeyPair, count = 3, extraSetup: readonly string[] = []): Promise<Fleet> {
  const x = pickSubnet();
  const subnet = `10.213.${x}.0/24`;
  const mount = join(root, "srv");
  mkdirSync(mount, { recursive: true });
  const hosts: NsHost[] = [];
  const fleet: Fleet = {
    hosts,
    mount,
    subnet,
    knownHosts: "",
    destroy: async () => {
      for (const h of hosts) {
        // Every process in the namespace was started by this test: sshd, its sessions, HAProxy, the services.
        const pids = ip("netns", "pids", h.ns).split("\n").filter(Boolean).map(Number);
        for (const pid of pids) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // gone already
          }
        }
      }
      await new Promise((r) => setTimeout(r, 200));
      for (const h of hosts) {
        try {
          ip("netns", "del", h.ns);
        } catch {}
        try {
          ip("link", "del", h.veth);
        } catch {}
      }
      try {
        ip("route", "del", "unreachable", subnet, "metric", "4000");
      } catch {}
    },
  };
  try {
    ip("route", "add", "unreachable", subnet, "metric", "4000");
    for (let i = 0; i < count; i++) {
      const ns = `gantry${x}h${i + 1}`;
      const veth = `gx${x}h${i + 1}a`;
      const peer = `gx${x}h${i + 1}b`;
      const base = 4 * (i + 1);
      const address = `10.213.${x}.${base + 2}`;
      ip("netns", "add", ns);
      const partial: Partial<NsHost> = { index: i, ns, veth, peer, address };
      hosts.push(partial as NsHost);
      ip("link", "add", veth, "type", "veth", "peer", "name", peer);
      ip("link", "set", peer, "netns", ns);
      ip("addr", "add", `10.213.${x}.${base + 1}/30`, "dev", veth);
      ip("link", "set", veth, "up");
      ip("netns", "exec", ns, "ip", "addr", "add", `${address}/30`, "dev", peer);
      ip("netns", "exec", ns, "ip", "link", "set", peer, "up");
      ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
      // The host's folder belongs to its login user, as /var/lib/gantry would on a server.
      const dir = hostFolder(join(root, `h${i + 1}`));
      writeFileSync(join(dir, "haproxy.cfg"), haproxyConfig(dir, mount, address));
      const sshd = await startSshd({
        dir: root,
        userKey,
        address,
        port: 22,
        netns: ns,
        setup: [`mount --bind ${dir} ${mount}`, `haproxy -D -q -f ${mount}/haproxy.cfg`, ...extraSetup],
      });
      Object.assign(partial, { dir, sshd, url: `http://${address}:${FRONT_PORT}` });
    }
    fleet.knownHosts = hosts.map((h) => h.sshd.knownHosts).join("\n");
    return fleet;
  } catch (err) {
    await fleet.destroy();
    throw err;
  }
}

/** Cuts a host off: its side of the link goes down, so packets to it are dropped, as on a dead link. */
export function cutLink(h: NsHost): void {
  ip("netns", "exec", h.ns, "ip", "link", "set", h.peer, "down");
}

export function restoreLink(h: NsHost): void {
  ip("netns", "exec", h.ns, "ip", "link", "set", h.peer, "up");
}

/** Runs a command inside a host's namespace (iptables, ss). */
export function inHost(h: NsHost, argv: string[]): string {
  return ip("netns", "exec", h.ns, ...argv);
}
