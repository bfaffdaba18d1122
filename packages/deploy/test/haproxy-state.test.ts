import { describe, expect, it } from "vitest";
import { SRV_ADMF, adminMode, parseServersState } from "../src/routers/haproxy-state.js";
import { HaproxyRouter } from "../src/routers/haproxy.js";
import { MemoryHost } from "./fakes.js";

const HEADER =
  "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

// Captured from HAProxy 2.6.12 right after start: blue `weight 0 check inter 500ms` (nothing on
// its port), green `disabled check`, red `weight 0`, pink `disabled`; in another backend, a server
// gantry must not read.
const AT_START = `${HEADER}3 app 1 blue 127.0.0.1 0 0 0 0 2 8 2 0 6 0 0 0 - 18081 - 0 0 - - 0
3 app 2 green 127.0.0.1 0 5 1 1 2 1 0 0 14 0 0 0 - 18082 - 0 0 - - 0
3 app 3 red 127.0.0.1 2 0 0 0 2 1 0 2 0 0 0 0 - 18083 - 0 0 - - 0
3 app 4 pink 127.0.0.1 0 5 1 1 2 1 0 0 8 0 0 0 - 18084 - 0 0 - - 0
4 other 1 blue 10.0.0.1 2 0 1 1 2 1 0 2 0 0 0 0 - 80 - 0 0 - - 0
`;

// Captured from HAProxy 2.6.12 after gantry's first switch to blue (listening) with both slots
// `weight 0 check inter 500ms`: `set server app/blue addr 127.0.0.1 port 18081; … weight 100; …
// state ready; set server app/green state drain` and then each read-back command. `show stat`
// is cut to the columns the router reads.
const SWITCHED_MESSAGES = "no need to change the addr, no need to change the port by 'stats socket command'\n\n\n\n\n";
const SWITCHED_STATE = `${HEADER}3 app 1 blue 127.0.0.1 2 0 100 0 0 8 2 2 6 0 0 0 - 18081 - 0 0 - - 0
3 app 2 green 127.0.0.1 0 8 0 0 0 8 2 0 6 0 0 0 - 18082 - 0 0 - - 0
`;
const SWITCHED_STAT = `# pxname,svname,qcur,scur,status,weight,addr
fe,FRONTEND,,0,OPEN,,
app,blue,0,0,UP 1/3,100,127.0.0.1:18081
app,green,0,0,DOWN,0,127.0.0.1:18082
app,BACKEND,0,0,UP,100,
`;

describe("HAProxy show servers state", () => {
  it("reads one backend's servers: admin state apart from HAProxy's health", () => {
    const s = parseServersState(AT_START, "app");
    expect([...s.keys()]).toEqual(["blue", "green", "red", "pink"]);
    expect(s.get("blue")).toEqual({ name: "blue", addr: "127.0.0.1", port: 18081, admin: "ready", adminState: 0, weight: 0, op: "DOWN", checked: true });
    expect(s.get("green")).toMatchObject({ admin: "maint", adminState: 5, op: "DOWN", checked: true });
    expect(s.get("red")).toMatchObject({ admin: "ready", op: "UP", checked: false });
    expect(s.get("pink")).toMatchObject({ admin: "maint", checked: false });
    expect(parseServersState(AT_START, "other").get("blue")?.addr).toBe("10.0.0.1");
    expect(parseServersState(AT_START, "none").size).toBe(0);
  });

  it("takes the admin bits as HAProxy 2.6 sets them: CMAINT and HMAINT are markers, not maintenance", () => {
    // `disabled` in the config sets FMAINT|CMAINT (5); `state ready` clears FMAINT only (4, seen on 2.6.12).
    expect(adminMode(SRV_ADMF.FMAINT | SRV_ADMF.CMAINT)).toBe("maint");
    expect(adminMode(SRV_ADMF.CMAINT)).toBe("ready");
    expect(adminMode(SRV_ADMF.CMAINT | SRV_ADMF.FDRAIN)).toBe("drain");
    expect(adminMode(SRV_ADMF.HMAINT)).toBe("ready");
    expect(adminMode(SRV_ADMF.IMAINT)).toBe("maint");
    expect(adminMode(SRV_ADMF.RMAINT)).toBe("maint");
    expect(adminMode(SRV_ADMF.IDRAIN)).toBe("drain");
    expect(adminMode(SRV_ADMF.FMAINT | SRV_ADMF.FDRAIN)).toBe("maint");
    expect(adminMode(0)).toBe("ready");
  });

  it("refuses an answer in another format", () => {
    expect(() => parseServersState("2\n# be_id be_name\n", "app")).toThrow(/does not read \(it reads format 1\)/);
    expect(() => parseServersState("Unknown command\n", "app")).toThrow(/does not read/);
  });
});

/** A HAProxy admin socket that answers each command of a line from a table, as HAProxy chains them. */
class AnsweringHost extends MemoryHost {
  constructor(private readonly answers: Record<string, string>) {
    super([]);
  }
  override async socketRequest(...args: unknown[]): Promise<string> {
    const text = String(args[1]);
    return text
      .split("; ")
      .map((c) => this.answers[c] ?? (c.startsWith("set server") ? "" : `Unknown command: ${c}\n`))
      .join("\n");
  }
}

describe("HaproxyRouter.route under `check`", () => {
  const answers = { "show stat": SWITCHED_STAT, "show servers state app": SWITCHED_STATE, "show servers state": SWITCHED_STATE };
  const ports = { blue: 18081, green: 18082 };

  it("confirms a drained slot that HAProxy's check finds DOWN (nothing listens on it)", async () => {
    const router = new HaproxyRouter({ host: new AnsweringHost(answers), socket: "/s", backend: "app", stateFile: "" });
    await expect(router.route({ blue: 100, green: 0 }, ports)).resolves.toEqual(expect.any(Number));
  });

  it("still refuses a weight or an admin state HAProxy did not take, naming both", async () => {
    const router = new HaproxyRouter({ host: new AnsweringHost(answers), socket: "/s", backend: "app", stateFile: "" });
    await expect(router.route({ blue: 95, green: 5 }, ports)).rejects.toThrow(
      /HAProxy refused the change for app\/blue \(wanted ready, weight 95 at 127\.0\.0\.1:18081; it reports ready \(admin state 0x00\), weight 100, 127\.0\.0\.1:18081 \(HAProxy's check: UP\)\)/,
    );
    await expect(router.route({ blue: 0, green: 100 }, ports)).rejects.toThrow(/app\/blue \(wanted drain or maint; it reports ready \(admin state 0x00\)/);
  });

  it("reads the answer after the set commands' messages", async () => {
    const host = new AnsweringHost({ ...answers, "set server app/blue addr 127.0.0.1 port 18081": SWITCHED_MESSAGES });
    const router = new HaproxyRouter({ host, socket: "/s", backend: "app", stateFile: "" });
    await expect(router.route({ blue: 100, green: 0 }, ports)).resolves.toEqual(expect.any(Number));
  });
});
