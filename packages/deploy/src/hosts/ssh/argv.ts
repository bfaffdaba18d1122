/**
 * The one place an `ssh` command line is built (issue 10: "no code path turns host-key checking
 * off unless the user set the insecure switch"). Every ssh the deploy starts — a command, the
 * host's long-lived shell, a connection of its own, a TCP channel, a forward, closing the master —
 * gets its arguments here, so the host key rule is decided once.
 */
import { join } from "node:path";
import { GantryError } from "@gantry/core";
import type { HostSpec } from "./hosts.js";
import { optionValue } from "./options.js";
import type { SshConfig } from "./config.js";

/** What one ssh invocation does. */
export interface SshUse {
  /** A connection of its own instead of the shared master (at INFO level: sshd's refusals show). */
  ownConnection?: boolean;
  /** Arguments before the destination: `-W host:port`, `-O forward -L …`, `-O exit`. */
  sshArgs?: readonly string[];
  /** The remote command line (shell.ts); none for -W and -O. */
  command?: string;
}

/**
 * The host key options: checked against known-hosts only, or — only with the insecure switch —
 * not at all. A config without known-hosts and without the switch is refused (fail closed) rather
 * than falling back to no checking.
 */
function hostKeyArgs(cfg: SshConfig): string[] {
  if (cfg.insecure) return ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"];
  if (!cfg.knownHostsFile) throw new GantryError("internal: no known-hosts file for an SSH connection, and host key checking is not switched off");
  return ["-o", "StrictHostKeyChecking=yes", "-o", `UserKnownHostsFile=${cfg.knownHostsFile}`];
}

/** The ssh options every command shares (the inputs' options first: for ssh the first value given wins). */
export function sshBaseArgs(spec: HostSpec, cfg: SshConfig): string[] {
  const o = cfg.options;
  const args = ["-F", "none", ...o.flatMap((x) => ["-o", x])];
  const def = (name: string, value: string) => {
    if (optionValue(o, name) === undefined) args.push("-o", `${name}=${value}`);
  };
  def("ConnectTimeout", "15");
  def("ServerAliveInterval", "15");
  def("ServerAliveCountMax", "3");
  args.push("-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "GlobalKnownHostsFile=/dev/null", ...hostKeyArgs(cfg));
  if (cfg.keyFile) args.push("-o", "IdentitiesOnly=yes", "-i", cfg.keyFile);
  args.push(
    "-o",
    "ControlMaster=auto",
    "-o",
    `ControlPath=${join(cfg.controlDir, "%C")}`,
    "-o",
    `ControlPersist=${cfg.persistSeconds ?? 60}`,
    "-l",
    spec.user,
    "-p",
    String(spec.port),
  );
  return args;
}

/** The whole argument list of one `ssh` invocation. */
export function sshArgv(spec: HostSpec, cfg: SshConfig, use: SshUse = {}): string[] {
  const base = sshBaseArgs(spec, cfg);
  return [...(use.ownConnection ? base.map(ownConnectionArg) : base), ...(use.sshArgs ?? []), "--", spec.host, ...(use.command ? [use.command] : [])];
}

/** A connection of its own, at INFO level: sshd's reason for refusing a channel is printed at INFO. */
function ownConnectionArg(a: string): string {
  if (a.startsWith("ControlMaster=")) return "ControlMaster=no";
  if (a.startsWith("ControlPath=")) return "ControlPath=none";
  if (a === "LogLevel=ERROR") return "LogLevel=INFO";
  return a;
}
