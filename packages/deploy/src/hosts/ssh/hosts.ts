/** The `hosts` input: `user@host[:port]`, newline- or comma-separated (issue 7). */
import { InputError } from "@gantry/core";

/** One server to deploy to. */
export interface HostSpec {
  user: string;
  /** A hostname or an IP address (IPv6 without brackets). */
  host: string;
  port: number;
  /** How messages name it: `deploy@web-1`, with `:port` when it is not 22. */
  label: string;
}

const ACCEPTED = "accepted: user@host or user@host:port, one per line or comma-separated, e.g. deploy@web-1.example.com or deploy@10.0.0.5:2222";
/** POSIX portable user names (XBD 3.437), which also keeps `-o…` out of ssh's `-l`. */
const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

function isHostname(h: string): boolean {
  return h.length <= 253 && h.split(".").every((l) => LABEL.test(l)) && !/^[\d.]+$/.test(h);
}

/** Formats a host the way messages and the `hosts` output name it. */
export function hostLabel(user: string, host: string, port: number): string {
  const h = host.includes(":") ? `[${host}]` : host;
  return `${user}@${h}${port === 22 ? "" : `:${port}`}`;
}

/** Parses one `user@host[:port]`; throws an InputError naming the entry and what is wrong. */
export function parseHost(entry: string, input = "hosts"): HostSpec {
  const fail = (why: string): never => {
    throw new InputError(input, entry, `${why}; ${ACCEPTED}`);
  };
  const at = entry.lastIndexOf("@");
  if (at < 0) fail("the user is missing (gantry never guesses it from the runner's account)");
  const user = entry.slice(0, at);
  let rest = entry.slice(at + 1);
  if (!USER.test(user)) fail(`${JSON.stringify(user)} is not a user name (letters, digits, _ . -, starting with a letter or _)`);
  let port = 22;
  let host: string;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) fail("the [ of an IPv6 address is not closed");
    host = rest.slice(1, close);
    rest = rest.slice(close + 1);
    if (!IPV6.test(host) || !host.includes(":")) fail(`${JSON.stringify(host)} is not an IPv6 address`);
    if (rest !== "" && !rest.startsWith(":")) fail("only :port may follow an IPv6 address in brackets");
    if (rest) port = parsePort(rest.slice(1), fail);
  } else {
    const colon = rest.indexOf(":");
    if (colon >= 0) {
      if (rest.indexOf(":", colon + 1) >= 0) fail("an IPv6 address must be written in brackets, e.g. deploy@[2001:db8::5]:22");
      port = parsePort(rest.slice(colon + 1), fail);
      rest = rest.slice(0, colon);
    }
    host = rest;
    if (!IPV4.test(host) && !isHostname(host)) fail(`${JSON.stringify(host)} is not a hostname or an IPv4 address`);
  }
  return { user, host, port, label: hostLabel(user, host, port) };
}

function parsePort(text: string, fail: (why: string) => never): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) fail(`port ${JSON.stringify(text)} is not a number from 1 to 65535`);
  return Number(text);
}

/** Every host of the input, in order; [] for an empty input (the local machine). Duplicates are refused. */
export function parseHosts(text: string, input = "hosts"): HostSpec[] {
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const hosts: HostSpec[] = [];
  for (const e of entries) {
    const h = parseHost(e, input);
    const same = hosts.find((o) => o.user === h.user && o.host.toLowerCase() === h.host.toLowerCase() && o.port === h.port);
    if (same) throw new InputError(input, text, `${h.label} is listed twice; ${ACCEPTED}`);
    hosts.push(h);
  }
  return hosts;
}
