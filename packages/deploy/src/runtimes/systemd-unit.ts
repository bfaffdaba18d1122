/**
 * The `<app>-<color>.service` unit of runtime: systemd (issue 12), rendered from checked values
 * only: gantry's directives (ExecStart, User, WorkingDirectory, EnvironmentFile, Restart with a
 * start limit, KillSignal, TimeoutStopSec, hardening by default: `systemd-analyze security` rates
 * it at most 2.5, "OK"), overridden or extended by the
 * `systemd-unit` input's lines. systemd expands `%` specifiers in most values, so `%` is written
 * as `%%`; a value that would span lines, continue a line or carry control characters is refused.
 */
import { GantryError, InputError } from "@gantry/core";

export type UnitSection = "Unit" | "Service" | "Install";
const SECTIONS: readonly UnitSection[] = ["Unit", "Service", "Install"];

/** One directive of the `systemd-unit` input. */
export interface UnitLine {
  section: UnitSection;
  name: string;
  /** As the user wrote it; "" resets the directive (systemd's own meaning of an empty value). */
  value: string;
}

/** Directives gantry owns: a release would not be the one gantry staged, or not as gantry runs it. */
export const OWNED = ["ExecStart", "WorkingDirectory", "EnvironmentFile", "User", "Group", "Type", "WantedBy"];

const ACCEPTED_LINE =
  "accepted: lines `Directive=value` (into [Service]) or `[Unit]`, `[Service]`, `[Install]` to choose the section; a directive name is letters only, a value one line without control characters";

/** Why a value cannot be one line of a unit file, or undefined when it can. */
export function unitUnfit(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\0-\x1f\x7f]/.test(value)) return "it holds a line break or a control character";
  if (value.endsWith("\\")) return "a trailing backslash continues the line in a unit file";
  if (value !== value.trim()) return "systemd strips spaces at either end";
  return undefined;
}

/** Parses the `systemd-unit` input: sections and directives, each checked; nothing is pasted raw. */
export function parseUnitLines(lines: readonly string[]): UnitLine[] {
  const out: UnitLine[] = [];
  let section: UnitSection = "Service";
  for (const line of lines) {
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      const name = header[1] as UnitSection;
      if (!SECTIONS.includes(name)) throw new InputError("systemd-unit", line, `unknown section; ${ACCEPTED_LINE}`);
      section = name;
      continue;
    }
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!m) throw new InputError("systemd-unit", line, ACCEPTED_LINE);
    const [, name = "", value = ""] = m;
    if (OWNED.includes(name)) throw new InputError("systemd-unit", line, `gantry sets ${name} itself; accepted: any other directive`);
    const why = unitUnfit(value.trim());
    if (why) throw new InputError("systemd-unit", line, `${why}; ${ACCEPTED_LINE}`);
    out.push({ section, name, value: value.trim() });
  }
  return out;
}

export interface UnitSpec {
  /** `<app>-<color>`, for the description. */
  name: string;
  binary: string;
  directory: string;
  envFile: string;
  /** The state dir: the one place the service may write (ProtectSystem=strict). */
  stateDir: string;
  user: string;
  /** Group= as well (the dedicated user gantry creates has a group of its own). */
  group?: string;
  port: number;
  /** TimeoutStopSec: SIGTERM, then SIGKILL after this long (drain-timeout). */
  stopTimeoutMs: number;
  overrides: readonly UnitLine[];
}

/** `%` doubled: systemd expands specifiers such as `%i` in most values. */
const literal = (v: string) => v.replaceAll("%", "%%");

function checkedPath(value: string, what: string): string {
  const why = unitUnfit(value) ?? (/[\s"'\\]/.test(value) ? "it holds a space, a quote or a backslash" : undefined);
  if (why) throw new GantryError(`${what} ${JSON.stringify(value)} cannot be written to a systemd unit: ${why}`);
  return literal(value);
}

/** gantry's directives per section, before the overrides. */
function defaults(u: UnitSpec): [UnitSection, string, string][] {
  // Binding a port below 1024 needs the one capability; otherwise the service gets none.
  const caps = u.port < 1024 ? "CAP_NET_BIND_SERVICE" : "";
  return [
    ["Unit", "Description", literal(`${u.name} (gantry deploy)`)],
    ["Unit", "After", "network.target"],
    ["Unit", "StartLimitIntervalSec", "60"],
    ["Unit", "StartLimitBurst", "10"],
    ["Service", "Type", "simple"],
    ["Service", "ExecStart", checkedPath(u.binary, "the release binary")],
    ["Service", "WorkingDirectory", checkedPath(u.directory, "the release folder")],
    ["Service", "EnvironmentFile", checkedPath(u.envFile, "the environment file")],
    ["Service", "User", u.user],
    ...(u.group ? [["Service", "Group", u.group] as [UnitSection, string, string]] : []),
    ["Service", "Restart", "always"],
    ["Service", "RestartSec", "1"],
    ["Service", "KillSignal", "SIGTERM"],
    ["Service", "TimeoutStopSec", `${Math.max(1, Math.ceil(u.stopTimeoutMs / 1000))}s`],
    ["Service", "NoNewPrivileges", "yes"],
    ["Service", "ProtectSystem", "strict"],
    ["Service", "ReadWritePaths", checkedPath(u.stateDir, "the state dir")],
    ["Service", "ProtectHome", "yes"],
    ["Service", "PrivateTmp", "yes"],
    ["Service", "PrivateDevices", "yes"],
    ["Service", "PrivateMounts", "yes"],
    ["Service", "ProtectKernelTunables", "yes"],
    ["Service", "ProtectKernelModules", "yes"],
    ["Service", "ProtectKernelLogs", "yes"],
    ["Service", "ProtectControlGroups", "yes"],
    ["Service", "ProtectClock", "yes"],
    ["Service", "ProtectHostname", "yes"],
    // Other users' processes are hidden from /proc; the service's own stay (Go reads /proc/self).
    ["Service", "ProtectProc", "invisible"],
    ["Service", "RestrictNamespaces", "yes"],
    ["Service", "RestrictSUIDSGID", "yes"],
    ["Service", "RestrictRealtime", "yes"],
    ["Service", "LockPersonality", "yes"],
    // Go's runtime and Gin never map memory both writable and executable.
    ["Service", "MemoryDenyWriteExecute", "yes"],
    ["Service", "RemoveIPC", "yes"],
    ["Service", "SystemCallArchitectures", "native"],
    ["Service", "SystemCallFilter", "@system-service"],
    // A call outside the filter fails with EPERM (which Go reports as an error) instead of killing the service.
    ["Service", "SystemCallErrorNumber", "EPERM"],
    // An HTTP service needs IP sockets, and unix ones for the resolver (nscd, systemd-resolved) and syslog.
    ["Service", "RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"],
    ["Service", "UMask", "0027"],
    ["Service", "CapabilityBoundingSet", caps],
    ...(caps ? [["Service", "AmbientCapabilities", caps] as [UnitSection, string, string]] : []),
    ["Service", "LimitNOFILE", "65536"],
    ["Install", "WantedBy", "multi-user.target"],
  ];
}

/** The whole unit file: gantry's directives, each replaced by an override of the same name, then the other overrides. */
export function renderUnit(u: UnitSpec): string {
  const lines = ["# Written by gantry deploy (runtime: systemd); rewritten on every cutover."];
  const all = defaults(u);
  for (const section of SECTIONS) {
    lines.push(`[${section}]`);
    const mine = u.overrides.filter((o) => o.section === section);
    for (const [s, name, value] of all) {
      if (s !== section) continue;
      const o = mine.find((x) => x.name === name);
      lines.push(`${name}=${o ? literal(o.value) : value}`);
    }
    for (const o of mine) if (!all.some(([s, n]) => s === section && n === o.name)) lines.push(`${o.name}=${literal(o.value)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The EnvironmentFile: `KEY="value"` with `\`, `"`, `` ` `` and `$` escaped as systemd reads them (no expansion). */
export function renderEnvironmentFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => {
      // The value may be a secret: only its name is shown.
      if (/[\0\r\n]/.test(v)) throw new GantryError(`the value of ${k} cannot be passed to systemd: it spans lines`);
      return `${k}="${v.replace(/[\\"`$]/g, "\\$&")}"\n`;
    })
    .join("");
}

/** `systemctl show -p …` output (`Key=value` lines). */
export function parseShow(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}
