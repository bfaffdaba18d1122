/** The inputs issue 7 adds to the deploy action: where to deploy, how to connect, how to roll out. */
import { isAbsolute, resolve } from "node:path";
import { InputError, type InputReader } from "@gantry/core";
import { type HostSpec, parseHosts } from "./hosts.js";
import { checkKnownHosts, checkPrivateKey } from "./keys.js";
import { parseSshOptions } from "./options.js";
import type { InputRoles } from "../../model/model.js";

/** Every remote input with its default (merged into DEPLOY_INPUTS; the same as actions/deploy/action.yml). */
export const REMOTE_INPUTS = {
  hosts: "",
  "ssh-key": "",
  "known-hosts": "",
  "ssh-insecure-skip-host-key-check": "false",
  "ssh-options": "",
  rollout: "serial",
  "max-parallel": "2",
  "canary-hosts": "0",
} as const;

/** The remote inputs' roles: known-hosts may be a file on the runner; the key is a secret no post step needs (it gets the key file's path). */
export const REMOTE_ROLES: InputRoles = { serverPaths: [], runnerPaths: ["known-hosts"], secrets: [{ input: "ssh-key", at: ["sshKey"] }] };

/**
 * Why a path on the servers is refused, or undefined: it must be absolute (the runner's folder
 * means nothing there), and hold no `..` segment or control character (a path the server's
 * folders can be trusted to contain, on one line).
 */
export function serverPathProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return "must be absolute";
  if (value.split("/").includes("..")) return "must not hold a .. segment";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[\x00-\x1f\x7f]/.test(value)) return "must not hold control characters";
  return undefined;
}

/** The remote inputs, parsed and checked. */
export interface RemoteInputs {
  /** [] = the local machine, as without issue 7. */
  hosts: HostSpec[];
  /** The private key, normalized; "" = ssh's agent or default keys. */
  sshKey: string;
  /** known_hosts text, or the path of a known_hosts file (read in run). */
  knownHosts: { text: string } | { path: string } | undefined;
  insecure: boolean;
  sshOptions: string[];
  rollout: "serial" | "parallel";
  maxParallel: number;
  canaryHosts: number;
}

/**
 * Parses and checks the remote inputs; an empty `hosts` with SSH settings is refused rather than
 * deploying to the runner. With hosts, each of `serverPaths` (what the routers, runtimes and the
 * stage declare) must be a path on the servers (serverPathProblem).
 */
export function parseRemoteInputs(read: InputReader, cwd: string, serverPaths: readonly string[]): RemoteInputs {
  const hosts = parseHosts(read.string("hosts"));
  const rawKey = read.string("ssh-key");
  const rawKnown = read.string("known-hosts");
  const insecure = read.bool("ssh-insecure-skip-host-key-check");
  const sshOptions = parseSshOptions(read.lines("ssh-options"));
  const rollout = read.choice("rollout", ["serial", "parallel"] as const);
  const maxParallel = read.int("max-parallel", 1, 100);
  const canaryHosts = read.int("canary-hosts", 0, 1000);
  if (hosts.length === 0) {
    const set = [rawKey && "ssh-key", rawKnown && "known-hosts", sshOptions.length > 0 && "ssh-options"].filter(Boolean);
    // A hosts value that came out empty (an unset variable or secret) must not turn a remote deploy into one on the runner.
    if (set.length)
      throw new InputError(
        "hosts",
        "",
        `it is empty but ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} set; give the servers (user@host[:port]), or remove the SSH inputs to deploy on this machine`,
      );
    return { hosts, sshKey: "", knownHosts: undefined, insecure, sshOptions, rollout, maxParallel, canaryHosts };
  }
  // Paths on the servers cannot be resolved against the runner's folder.
  for (const name of serverPaths) {
    const v = read.string(name);
    const why = v ? serverPathProblem(v) : undefined;
    if (why)
      throw new InputError(
        name,
        v,
        `with hosts it is a path on the servers and ${why}; accepted: an absolute path on the servers (starting with /) without .. segments or control characters`,
      );
  }
  const sshKey = rawKey ? checkPrivateKey(rawKey) : "";
  let knownHosts: RemoteInputs["knownHosts"];
  if (insecure) {
    if (rawKnown)
      throw new InputError(
        "ssh-insecure-skip-host-key-check",
        "true",
        "known-hosts is given too; either check host keys (remove this switch) or skip the check (remove known-hosts)",
      );
  } else if (!rawKnown) {
    throw new InputError(
      "known-hosts",
      "",
      "it is required with hosts: host keys are always checked; accepted: known_hosts lines (e.g. from `ssh-keyscan web-1`) or the path of a known_hosts file. For a throwaway test host only: ssh-insecure-skip-host-key-check: true",
    );
  } else if (!/\s/.test(rawKnown) && /^[~./]/.test(rawKnown)) {
    const path = rawKnown.startsWith("~/") ? resolve(process.env.HOME ?? "/", rawKnown.slice(2)) : isAbsolute(rawKnown) ? rawKnown : resolve(cwd, rawKnown);
    knownHosts = { path };
  } else {
    checkKnownHosts(rawKnown);
    knownHosts = { text: rawKnown };
  }
  if (canaryHosts >= hosts.length && canaryHosts > 0)
    throw new InputError(
      "canary-hosts",
      String(canaryHosts),
      `it must be fewer than the ${hosts.length} host(s) in hosts, so some hosts wait for the canaries; 0 turns it off`,
    );
  return { hosts, sshKey, knownHosts, insecure, sshOptions, rollout, maxParallel, canaryHosts };
}
