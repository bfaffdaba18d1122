import { MemoryReporter } from "@gantry/core";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GANTRY_LOG_FORMAT, type LogEntry, UpstreamTally, parseLogLine, percentile } from "../src/routers/accesslog.js";
import { nginxTestCommand } from "../src/routers/cmdline.js";
import { parseShowStat, serverCounters } from "../src/routers/haproxy.js";
import { trafficVerdict } from "../src/engine/health.js";
import { LocalHost } from "../src/hosts/localhost.js";
import { DeployLock, STALE_AFTER_MS, staleReason } from "../src/engine/lock.js";
import { splitWeights } from "../src/model/model.js";
import { renderUpstream } from "../src/routers/nginx.js";

// Captured from HAProxy 2.6.12 (`show stat`, trimmed to the first 50 columns).
const SHOW_STAT = `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,
fe,FRONTEND,,,0,0,9986,0,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,0,,,,0,0,0,0,0,0,,0,0,0,,
app,blue,0,0,3,7,,1200,0,0,,0,,2,1,0,0,no check,95,1,0,,,1,,,1,3,1,,1200,,2,0,,0,,,,0,1180,0,10,7,0,,,,1200,0,
app,green,0,0,0,0,,0,0,0,,0,,0,0,0,0,DRAIN,5,1,0,,,1,,,1,3,2,,0,,2,0,,0,,,,0,0,0,0,0,0,,,,0,0,
app,BACKEND,0,0,3,7,999,1200,0,0,0,0,,2,1,0,0,UP,100,2,0,,0,1,0,,1,3,0,,1200,,1,0,,0,,,,0,1180,0,10,7,0,,,,1200,0,
`;

describe("HAProxy show stat", () => {
  it("reads one backend's servers and counts requests and failures", () => {
    const rows = parseShowStat(SHOW_STAT, "app");
    expect([...rows.keys()]).toEqual(["blue", "green", "BACKEND"]);
    expect(rows.get("green")?.status).toBe("DRAIN");
    expect(serverCounters(rows.get("blue") as Record<string, string>)).toEqual({ requests: 1200, errors: 10, inFlight: 3, rtime: 0 });
    expect(parseShowStat(SHOW_STAT, "other").size).toBe(0);
  });
});

/** A line as nginx writes it with GANTRY_LOG_FORMAT (escape=json). */
const gantryLine = (addr: string, status: number, time: string) => `{"upstream_addr":"${addr}","status":"${status}","upstream_response_time":"${time}"}`;

describe("nginx access log", () => {
  it("reads lines in gantry's format: the upstreams, the status and the times", () => {
    expect(parseLogLine(gantryLine("127.0.0.1:8081", 502, "0.000"))).toEqual({ upstreams: ["127.0.0.1:8081"], status: 502, times: [0] });
    expect(parseLogLine(gantryLine("127.0.0.1:8081, 127.0.0.1:8082", 200, "0.001, 0.004"))).toEqual({
      upstreams: ["127.0.0.1:8081", "127.0.0.1:8082"],
      status: 200,
      times: [0.001, 0.004],
    });
    // nginx answered itself: readable, about no upstream.
    expect(parseLogLine(gantryLine("", 404, ""))).toEqual({ upstreams: [], status: 404, times: [] });
    expect(GANTRY_LOG_FORMAT).toMatch(/^log_format gantry escape=json '\{"upstream_addr":"\$upstream_addr",/);
  });

  it("ignores every line in another shape, however much it looks like an upstream triple", () => {
    for (const line of [
      // The old format: the request line, which a client writes, came before the upstream fields.
      '127.0.0.1 [25/Nov/2026:10:59:39 +0000] "GET / HTTP/1.1" 127.0.0.1:8081 502 0.000',
      "127.0.0.1:8081 200 0.001",
      '127.0.0.1 [25/Nov/2026:10:59:39 +0000] "GET /x 127.0.0.1:8082 200 0.001 HTTP/1.1" - 404 -',
      // escape=json turns a client's quote into \", so no field can be forged inside a value.
      `{"upstream_addr":"127.0.0.1:8082\\",\\"status\\":\\"200","status":"404","upstream_response_time":""}`,
      `${gantryLine("127.0.0.1:8082", 200, "0.001")} trailing`,
      gantryLine("example.com:80", 200, "0.001"),
      gantryLine("127.0.0.1:8081, 127.0.0.1:8082", 200, "0.001"),
      "",
    ])
      expect(parseLogLine(line), line).toBeUndefined();
  });

  it("counts an upstream that failed over to another as an error of the first", () => {
    const first = new UpstreamTally("127.0.0.1:8081");
    const second = new UpstreamTally("127.0.0.1:8082");
    const lines = [
      gantryLine("127.0.0.1:8081, 127.0.0.1:8082", 200, "0.001, 0.004"),
      gantryLine("127.0.0.1:8082", 500, "0.010"),
      gantryLine("127.0.0.1:8082", 200, "0.002"),
    ];
    for (const line of lines) {
      const e = parseLogLine(line);
      expect(e, line).toBeDefined();
      first.add(e as LogEntry);
      second.add(e as LogEntry);
    }
    expect([first.requests, first.errors]).toEqual([1, 1]);
    expect([second.requests, second.errors]).toEqual([3, 1]);
    expect(percentile(second.latencies, 95)).toBe(10);
    expect(percentile([], 95)).toBeUndefined();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95)).toBe(19);
  });
});

describe("nginx upstream file and commands", () => {
  it("lists the servers that take traffic, with their weights", () => {
    expect(renderUpstream(splitWeights("green", 5, true), { blue: 8081, green: 8082 }, "hello")).toBe(
      "# Written by gantry deploy for hello; the next deploy rewrites it.\nserver 127.0.0.1:8081 weight=95 max_fails=0; # blue\nserver 127.0.0.1:8082 weight=5 max_fails=0; # green\n",
    );
    expect(renderUpstream({ blue: 0, green: 0 }, { blue: 8081, green: 8082 }, "hello")).toMatch(/8081 down;.*\n.*8082 down;/);
  });

  it("derives nginx -t from the reload command", () => {
    expect(nginxTestCommand(["nginx", "-s", "reload"])).toEqual(["nginx", "-t"]);
    expect(nginxTestCommand(["/usr/sbin/nginx", "-p", "/x", "-s", "reload"])).toEqual(["/usr/sbin/nginx", "-p", "/x", "-t"]);
    expect(nginxTestCommand(["systemctl", "reload", "nginx"])).toEqual(["nginx", "-t"]);
  });
});

describe("verify verdicts", () => {
  const o = { maxErrorRate: 1, maxP95Ms: 200 };
  it("does not end a window on one early error, but does at the end", () => {
    expect(trafficVerdict({ requests: 10, errors: 1 }, o, false)).toBeUndefined();
    expect(trafficVerdict({ requests: 10, errors: 1 }, o, true)).toMatch(/error rate 10.00% \(1 of 10 requests\) is over max-error-rate 1%/);
    expect(trafficVerdict({ requests: 10, errors: 5 }, o, false)).toMatch(/error rate 50.00%/);
    expect(trafficVerdict({ requests: 1000, errors: 10 }, o, true)).toBeUndefined();
  });
  it("names HAProxy's average for what it is", () => {
    expect(trafficVerdict({ requests: 300, errors: 0, latencyMs: 250, latencyKind: "avg" }, o, false)).toMatch(/average response time \(HAProxy rtime/);
    expect(trafficVerdict({ requests: 10, errors: 0, latencyMs: 250, latencyKind: "p95" }, o, true)).toMatch(/p95 latency 250.0 ms is over max-p95 200 ms/);
  });
});

describe("deploy lock", () => {
  const me = { machine: "m1", pid: 10 };
  const owner = (over: object) => ({ machine: "m1", pid: 20, runId: "r", acquired: "", heartbeat: new Date().toISOString(), ...over });
  it("breaks a lock whose local owner died, or whose owner went silent", async () => {
    expect(await staleReason(owner({}), me, { pidAlive: async () => false })).toMatch(/pid 20 on m1 \(run r\), is no longer running/);
    expect(await staleReason(owner({}), me, { pidAlive: async () => true })).toBeUndefined();
    const old = new Date(Date.now() - STALE_AFTER_MS - 1000).toISOString();
    expect(await staleReason(owner({ machine: "m2", heartbeat: old }), me, {})).toMatch(/has not refreshed it for/);
    expect(await staleReason(owner({ machine: "m2" }), me, {})).toBeUndefined();
  });

  it("takes a free lock, waits out a live one, breaks a dead one with a notice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-lock-"));
    const host = new LocalHost();
    const reporter = new MemoryReporter();
    const a = new DeployLock(host, dir);
    await a.acquire({ timeoutMs: 0, runId: "a", reporter });
    await expect(new DeployLock(host, dir).acquire({ timeoutMs: 600, runId: "b", reporter })).rejects.toThrow(/is held by pid \d+ .*\(run a, .*waited 600 ms/);
    await a.release();
    // A lock left by a deployer that was killed: same machine, its pid is gone.
    mkdirSync(join(dir, "lock"));
    writeFileSync(
      join(dir, "lock", "owner.json"),
      JSON.stringify({ machine: hostname(), pid: 2 ** 22 + 1, runId: "dead", acquired: "", heartbeat: new Date().toISOString() }),
    );
    const c = new DeployLock(host, dir);
    await c.acquire({ timeoutMs: 0, runId: "c", reporter });
    expect(reporter.all().map((x) => x.message)).toEqual([
      expect.stringMatching(/broke a stale lock: its owner, pid 4194305 on .* \(run dead\), is no longer running/),
    ]);
    await c.release();
    expect(existsSync(join(dir, "lock"))).toBe(false);
  });
});
