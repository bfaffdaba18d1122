import { RouterError } from "./router.js";

/**
 * `srv_admin_state` bits of `show servers state` (HAProxy's management guide, "show servers
 * state", format 1; the same values in 2.6's include/haproxy/server-t.h `enum srv_admin`).
 */
export const SRV_ADMF = {
  /** Forced into maintenance (`set server … state maint`, or `disabled` in the config). */
  FMAINT: 0x01,
  /** Maintenance inherited from a tracked server. */
  IMAINT: 0x02,
  /** `disabled` in the config: a marker only, it stays set after `state ready` clears FMAINT. */
  CMAINT: 0x04,
  /** Forced into drain (`set server … state drain`). */
  FDRAIN: 0x08,
  /** Drain inherited from a tracked server. */
  IDRAIN: 0x10,
  /** Maintenance because the server's address did not resolve. */
  RMAINT: 0x20,
  /** A marker that the FQDN was set from the admin socket; no state of its own. */
  HMAINT: 0x40,
} as const;

/**
 * The bits that put a server in maintenance. HAProxy's own mask (SRV_ADMF_MAINT = 0x23) leaves
 * out CMAINT and HMAINT: counting them would take every server declared `disabled` for one in
 * maintenance forever, even once it serves.
 */
const MAINT = SRV_ADMF.FMAINT | SRV_ADMF.IMAINT | SRV_ADMF.RMAINT;
const DRAIN = SRV_ADMF.FDRAIN | SRV_ADMF.IDRAIN;

/** What gantry asks of a server: maintenance, drain (no new requests), or ready. */
export type AdminMode = "maint" | "drain" | "ready";

/** The admin mode of a `srv_admin_state` value: maintenance wins over drain, as in HAProxy. */
export function adminMode(adminState: number): AdminMode {
  if (adminState & MAINT) return "maint";
  if (adminState & DRAIN) return "drain";
  return "ready";
}

/** `srv_op_state`: what HAProxy's health check (or its absence) says of the server. */
const OP_STATES = ["DOWN", "STARTING", "UP", "STOPPING"] as const;
/** `srv_check_state` bit: the health check is enabled (`check` on the server line). */
const CHK_ST_ENABLED = 0x04;

/** One server's row of `show servers state`, the fields gantry judges. */
export interface ServerState {
  name: string;
  addr: string;
  port: number;
  admin: AdminMode;
  /** The raw `srv_admin_state`, for messages. */
  adminState: number;
  /** The weight gantry (or the config) set: `srv_uweight`. */
  weight: number;
  /** HAProxy's operational state: DOWN, STARTING, UP or STOPPING. */
  op: string;
  /** Whether HAProxy runs a health check on the server. */
  checked: boolean;
}

/** Parses `show servers state` (format 1) into the servers of one backend, by name. */
export function parseServersState(text: string, backend: string): Map<string, ServerState> {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith("# be_id "));
  if (at < 1 || lines[at - 1]?.trim() !== "1")
    throw new RouterError(
      `HAProxy answered \`show servers state\` in a format gantry does not read (it reads format 1): ${JSON.stringify(text.slice(0, 200))}`,
    );
  const names = (lines[at] as string).slice(2).split(" ");
  const col = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new RouterError(`HAProxy's \`show servers state\` has no column ${name}`);
    return i;
  };
  const [be, srv, addr, op, admin, weight, check, port] = [
    "be_name",
    "srv_name",
    "srv_addr",
    "srv_op_state",
    "srv_admin_state",
    "srv_uweight",
    "srv_check_state",
    "srv_port",
  ].map(col) as number[];
  const out = new Map<string, ServerState>();
  for (const line of lines.slice(at + 1)) {
    if (!line.trim() || line.startsWith("#")) continue;
    const f = line.trim().split(/\s+/);
    if (f[be as number] !== backend) continue;
    const adminState = Number(f[admin as number]);
    out.set(f[srv as number] as string, {
      name: f[srv as number] as string,
      addr: f[addr as number] as string,
      port: Number(f[port as number]),
      admin: adminMode(adminState),
      adminState,
      weight: Number(f[weight as number]),
      op: OP_STATES[Number(f[op as number])] ?? `op state ${f[op as number]}`,
      checked: (Number(f[check as number]) & CHK_ST_ENABLED) !== 0,
    });
  }
  return out;
}

/** A server's state as a person reads it: `drain, weight 0, 127.0.0.1:8081 (HAProxy's check: DOWN)`. */
export function describeServerState(s: ServerState): string {
  const health = s.checked ? `HAProxy's check: ${s.op}` : "no check";
  return `${s.admin} (admin state 0x${s.adminState.toString(16).padStart(2, "0")}), weight ${s.weight}, ${s.addr}:${s.port} (${health})`;
}

/**
 * Whether HAProxy applied what gantry asked of a server: a server taking traffic is ready, at the
 * weight and address asked; one taking none is in drain or maintenance. HAProxy's health check is
 * left out on purpose: a slot with no process behind it is DOWN under `check` whatever its admin
 * state, and the health of a new version is gantry's health gate's to judge, not HAProxy's.
 */
export function applied(s: ServerState, want: { weight: number; addr: string; port: number }): boolean {
  if (want.weight === 0) return s.admin !== "ready";
  return s.admin === "ready" && s.weight === want.weight && s.addr === want.addr && s.port === want.port;
}
