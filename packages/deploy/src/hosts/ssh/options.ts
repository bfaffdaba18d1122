/**
 * The `ssh-options` input, checked against an allow-list (issue 7). ssh_config(5) options can run
 * local commands (ProxyCommand, LocalCommand, KnownHostsCommand) or switch off the host key check,
 * so only options that tune the connection are accepted, each with its value checked.
 */
import { InputError } from "@gantry/core";

const INT = (min: number, max: number) => (v: string) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max;
const YES_NO = (v: string) => /^(yes|no)$/i.test(v);
/** Algorithm lists: `aes256-gcm@openssh.com,chacha20-poly1305@openssh.com`, optionally with a leading + - ^. */
const ALGORITHMS = (v: string) => /^[+\-^]?[A-Za-z0-9@._-]+(,[A-Za-z0-9@._-]+)*$/.test(v);

/** Allowed options by lower-case name: the canonical name and a check of the value. */
const ALLOWED: Record<string, [string, (v: string) => boolean, string]> = {
  connecttimeout: ["ConnectTimeout", INT(1, 600), "seconds from 1 to 600"],
  connectionattempts: ["ConnectionAttempts", INT(1, 10), "a number from 1 to 10"],
  serveraliveinterval: ["ServerAliveInterval", INT(0, 3600), "seconds from 0 to 3600"],
  serveralivecountmax: ["ServerAliveCountMax", INT(1, 100), "a number from 1 to 100"],
  tcpkeepalive: ["TCPKeepAlive", YES_NO, "yes or no"],
  compression: ["Compression", YES_NO, "yes or no"],
  addressfamily: ["AddressFamily", (v) => /^(any|inet|inet6)$/.test(v), "any, inet or inet6"],
  ipqos: ["IPQoS", (v) => /^[a-z0-9]+( [a-z0-9]+)?$/.test(v), "one or two of af11…af43, cs0…cs7, ef, le, lowdelay, throughput, reliability, none"],
  rekeylimit: ["RekeyLimit", (v) => /^(default|\d+[KMG]?)( (none|\d+[smhdw]?))?$/.test(v), "a size and an optional time, e.g. 1G 1h"],
  ciphers: ["Ciphers", ALGORITHMS, "a comma-separated list of algorithms"],
  macs: ["MACs", ALGORITHMS, "a comma-separated list of algorithms"],
  kexalgorithms: ["KexAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
  hostkeyalgorithms: ["HostKeyAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
  pubkeyacceptedalgorithms: ["PubkeyAcceptedAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
};

/** Options that exist but are refused, with what to use instead. */
const REFUSED: Record<string, string> = {
  stricthostkeychecking: "host keys are always checked against known-hosts (ssh-insecure-skip-host-key-check exists for throwaway test hosts)",
  userknownhostsfile: "give the host keys in known-hosts",
  globalknownhostsfile: "give the host keys in known-hosts",
  checkhostip: "host keys are checked against known-hosts",
  identityfile: "give the key in ssh-key",
  identitiesonly: "gantry sets it when ssh-key is given",
  identityagent: "give the key in ssh-key, or run an agent and leave ssh-key empty",
  batchmode: "gantry never prompts: it is always on",
  controlmaster: "gantry keeps one connection per host itself",
  controlpath: "gantry keeps one connection per host itself",
  controlpersist: "gantry keeps one connection per host itself",
  proxycommand: "it runs a local command",
  proxyjump: "jump hosts are not supported yet (their host keys would be checked by a second ssh this run does not configure)",
  localcommand: "it runs a local command",
  permitlocalcommand: "it runs a local command",
  knownhostscommand: "it runs a local command",
  remotecommand: "gantry sends its own commands",
  user: "give the user in hosts (user@host)",
  port: "give the port in hosts (user@host:port)",
  hostname: "give the address in hosts",
};

const ACCEPTED = `accepted: one Option=value per line, among ${Object.values(ALLOWED)
  .map(([n]) => n)
  .join(", ")}`;

/** Parses the lines of `ssh-options` into `Option=value` words for `ssh -o`. */
export function parseSshOptions(lines: readonly string[], input = "ssh-options"): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const m = /^([A-Za-z]+)\s*(?:=\s*|\s+)(.+)$/.exec(line.trim());
    if (!m) throw new InputError(input, line, ACCEPTED);
    const [, name, rawValue] = m as unknown as [string, string, string];
    const value = rawValue.trim();
    const key = name.toLowerCase();
    const refused = REFUSED[key];
    if (refused) throw new InputError(input, line, `${name} cannot be set here: ${refused}`);
    const allowed = ALLOWED[key];
    if (!allowed) throw new InputError(input, line, `${name} is not on gantry's list of options; ${ACCEPTED}`);
    const [canonical, check, what] = allowed;
    if (!check(value)) throw new InputError(input, line, `${canonical} takes ${what}`);
    if (out.some((o) => o.startsWith(`${canonical}=`))) throw new InputError(input, line, `${canonical} is given twice`);
    out.push(`${canonical}=${value}`);
  }
  return out;
}

/** An option's value among parsed options, or undefined. */
export function optionValue(options: readonly string[], name: string): string | undefined {
  const o = options.find((x) => x.startsWith(`${name}=`));
  return o?.slice(name.length + 1);
}
