/**
 * Sets up a run's SSH side: a private folder (0700) for the control sockets, the key (0600) and
 * known_hosts, one session and one Host per server; and takes it down again in the post step
 * (masters closed, the folder with the key removed).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GantryError, InputError, type Reporter } from "@gantry/core";
import type { HostSpec } from "./hosts.js";
import type { RemoteInputs } from "./inputs.js";
import { checkKnownHosts, verifyKeyFile, writePrivateFile } from "./keys.js";
import { type SshConfig, SshSession } from "./session.js";
import { SshHost } from "./sshhost.js";

/** What the post step needs to close the connections and remove the key. */
export interface SavedConnections {
  dir: string;
  config: SshConfig;
  hosts: HostSpec[];
}

/** The hosts of a run, and what post needs to take their connections down. */
export interface Connections {
  hosts: SshHost[];
  saved: SavedConnections;
}

/**
 * The longest temp folder the control sockets can live under: a unix socket path holds at most
 * 107 bytes, and ssh's is `<root>/gantry-ssh-XXXXXX/` (19) + `%C` (40) + the `.` and 16 random
 * characters ssh adds while it sets the master up (17).
 */
export const CONTROL_ROOT_MAX = 107 - 19 - 40 - 17;

/** The folder for control sockets, 0700 by mkdtemp: under /tmp when TMPDIR (RUNNER_TEMP) is too long. */
async function privateDir(): Promise<string> {
  const root = tmpdir().length <= CONTROL_ROOT_MAX ? tmpdir() : "/tmp";
  return mkdtemp(join(root, "gantry-ssh-"));
}

/** Writes the key and known_hosts and makes a Host per server; nothing is contacted yet. */
export async function openConnections(r: RemoteInputs, reporter: Reporter, needs: readonly string[] = []): Promise<Connections> {
  const dir = await privateDir();
  try {
    const config: SshConfig = { controlDir: dir, insecure: r.insecure, options: r.sshOptions };
    if (r.sshKey) {
      config.keyFile = await writePrivateFile(dir, "key", r.sshKey);
      await verifyKeyFile(config.keyFile);
    }
    if (r.knownHosts) {
      let text: string;
      if ("path" in r.knownHosts) {
        const path = r.knownHosts.path;
        text = await readFile(path, "utf8").catch(() => {
          throw new InputError("known-hosts", path, "no such file; give known_hosts lines or the path of a known_hosts file");
        });
      } else text = r.knownHosts.text;
      checkKnownHosts(text);
      config.knownHostsFile = await writePrivateFile(dir, "known_hosts", text.endsWith("\n") ? text : `${text}\n`);
    }
    if (r.insecure)
      reporter.warning(
        "ssh-insecure-skip-host-key-check is on: host keys are not checked, so anyone on the network path could pose as these hosts. Use it only for throwaway test hosts.",
      );
    const hosts = r.hosts.map((h) => new SshHost(new SshSession(h, config), { needs }));
    return { hosts, saved: { dir, config, hosts: r.hosts } };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The connections main saved under StateKey.Cleanup, or undefined when the value is not ours. */
export function savedConnections(text: string): SavedConnections | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<SavedConnections>;
    return typeof v.dir === "string" && v.dir.includes("gantry-ssh-") && v.config && Array.isArray(v.hosts) ? (v as SavedConnections) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Closes every master connection and removes the private folder with the key (the post step; also
 * at the end of a CLI run); `live`: the hosts this process used, whose remote shells end first.
 */
export async function closeConnections(saved: SavedConnections, live: readonly SshHost[] = []): Promise<void> {
  if (!saved.dir.includes("gantry-ssh-")) throw new GantryError(`internal: refusing to remove ${saved.dir}`);
  await Promise.all(live.map((h) => h.session.closeShells?.()));
  await Promise.all(saved.hosts.map((h) => new SshSession(h, saved.config).close()));
  await rm(saved.dir, { recursive: true, force: true });
}
