/**
 * The test host every SSH test of one host starts the same way (servers.ts's pieces put
 * together): the host's side of the test's folder owned by HOST_USER, a deploy key, an sshd
 * logged in to as HOST_USER and, for deploys, HAProxy on loopback with two free slot ports;
 * `stop()` kills what the deploys left and stops the servers by pid. Also an SSH session to a test
 * server as the deploy makes one, for the transport's own tests.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SshSession, parseHost } from "@gantry/deploy";
import { freePort } from "@gantry/core";
import { type Haproxy, haproxyInputs, startHaproxy, stopServices } from "../deploy/support.js";
import { scratchDir } from "../harness.js";
import { type KeyPair, type Sshd, type SshdOptions, giveToHostUser, hostFolder, keyPair, sshInputs, startSshd } from "./servers.js";

/** One test host of the SSH tests: the host's side of a test folder, a deploy key and an sshd logged in to as HOST_USER. */
export interface SshTestHost {
  /** The test's folder. */
  dir: string;
  /** The host's side: HOST_USER owns it, as a deploy user owns /var/lib/gantry. */
  srv: string;
  /** The deploy's state-dir, below srv. */
  stateDir: string;
  user: KeyPair;
  sshd: Sshd;
  /** hosts, ssh-key, known-hosts and state-dir for a deploy to this host. */
  inputs: Record<string, string>;
  /** Kills the services the deploys left and stops the servers, by pid. */
  stop(): Promise<void>;
}

/** A test host whose deploys route through HAProxy on loopback (its admin socket HOST_USER's), two free ports for the slots. */
export interface TestHost extends SshTestHost {
  hp: Haproxy;
  ports: { blue: number; green: number };
}

/** Starts an SSH test host in the test's folder `dir` (a scratchDir); `sshd`: more of startSshd's options. */
export async function startSshHost(dir: string, sshd: Partial<Omit<SshdOptions, "dir" | "userKey">> = {}): Promise<SshTestHost> {
  const srv = hostFolder(join(dir, "srv"));
  const stateDir = join(srv, "state");
  const user = keyPair(dir, "deploy_key");
  const server = await startSshd({ ...sshd, dir, userKey: user });
  return {
    dir,
    srv,
    stateDir,
    user,
    sshd: server,
    inputs: { ...sshInputs(server, user), "state-dir": stateDir },
    stop: async () => {
      stopServices(stateDir);
      await server.stop();
    },
  };
}

/** startSshHost with HAProxy (started first, in srv) for the deploys to route through. */
export async function startTestHost(dir: string, sshd: Partial<Omit<SshdOptions, "dir" | "userKey">> = {}): Promise<TestHost> {
  const host = await startSshHost(dir, sshd);
  const ports = { blue: await freePort(), green: await freePort() };
  const hp = await startHaproxy(host.srv, ports).catch(async (err) => {
    await host.stop();
    throw err;
  });
  giveToHostUser(hp.socket);
  return {
    ...host,
    hp,
    ports,
    inputs: { ...host.inputs, ...haproxyInputs(hp, ports, host.stateDir) },
    stop: async () => {
      await host.stop();
      await hp.stop();
    },
  };
}

/**
 * An SSH session to a test server as the deploy makes one: a private folder of its own (short, as
 * the deploy's: ssh's socket path must stay within 107 bytes), its known_hosts, the user's key;
 * `as` logs in as another user.
 */
export function sessionTo(server: Sshd, user: KeyPair, o: { as?: string; options?: string[] } = {}): SshSession {
  const control = scratchDir("gs-");
  writeFileSync(join(control, "known_hosts"), `${server.knownHosts}\n`);
  const target = o.as ? server.target.replace(/^[^@]+@/, `${o.as}@`) : server.target;
  return new SshSession(parseHost(target), {
    controlDir: control,
    keyFile: user.path,
    knownHostsFile: join(control, "known_hosts"),
    insecure: false,
    options: o.options ?? [],
  });
}
