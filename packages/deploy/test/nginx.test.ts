import { readFileSync } from "node:fs";
import type { ExecResult } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { sumTraffic, trafficFigures } from "../src/engine/cutover.js";
import type { Traffic } from "../src/model/model.js";
import { AccessLogTraffic, GANTRY_LOG_FORMAT } from "../src/routers/accesslog.js";
import { NginxRouter } from "../src/routers/nginx.js";
import { RouterError } from "../src/routers/router.js";
import { MemoryHost } from "./fakes.js";

const ports = { blue: 8081, green: 8082 };
const UPSTREAM = "/etc/nginx/gantry/hello.conf";
const ORIGINAL = "server 127.0.0.1:8081 weight=100 max_fails=0; # blue\n";

/** A host where nginx -t and the reload answer as told, and `ps` shows a reload taking effect. */
function nginxHost(o: { testFails?: boolean; reloadFails?: boolean; accessLog?: string }) {
  const host = new MemoryHost([]);
  const calls: string[] = [];
  let generation = 0;
  host.files.set(UPSTREAM, ORIGINAL);
  host.files.set("/run/nginx.pid", "100\n");
  host.processInfo = async (pid: number) => ({ state: pid === 100 ? "running" : "gone" });
  host.exec = async (argv: readonly string[]): Promise<ExecResult> => {
    calls.push(argv.join(" "));
    const result = (code: number, stdout = "", stderr = ""): ExecResult => ({
      command: argv,
      code,
      signal: null,
      stdout,
      stderr,
      durationMs: 1,
      timedOut: false,
    });
    if (argv.includes("-t")) return o.testFails && host.files.get(UPSTREAM) !== ORIGINAL ? result(1, "", "nginx: [emerg] invalid parameter") : result(0);
    if (argv[0] === "ps") return result(0, `  100     1 nginx: master process\n  ${200 + generation}   100 nginx: worker process\n`);
    if (o.reloadFails) return result(1, "", "nginx: [error] invalid PID number");
    generation++;
    return result(0);
  };
  const router = new NginxRouter({
    host,
    upstreamFile: UPSTREAM,
    reloadCommand: ["nginx", "-s", "reload"],
    pidFile: "/run/nginx.pid",
    accessLog: o.accessLog ?? "",
    app: "hello",
  });
  return { host, router, calls };
}

describe("nginx router", () => {
  it("writes the file, tests it, reloads, and waits for the new workers", async () => {
    const { host, router, calls } = nginxHost({});
    await router.route({ blue: 0, green: 100 }, ports);
    expect(host.files.get(UPSTREAM)).toContain("server 127.0.0.1:8082 weight=100");
    expect(calls.filter((c) => !c.startsWith("ps"))).toEqual(["nginx -t", "nginx -s reload"]);
    // Going back to a file nginx -t accepted in this run skips the test (a faster rollback).
    calls.length = 0;
    await router.route({ blue: 100, green: 0 }, ports);
    expect(calls.filter((c) => !c.startsWith("ps"))).toEqual(["nginx -s reload"]);
    // Nothing to change, nothing reloaded.
    calls.length = 0;
    await router.route({ blue: 100, green: 0 }, ports);
    await router.isolate("green", ports);
    await router.retire();
    expect(calls).toEqual([]);
  });

  it("restores the previous file when nginx -t rejects the new one", async () => {
    const { host, router, calls } = nginxHost({ testFails: true });
    await expect(router.route({ blue: 0, green: 100 }, ports)).rejects.toThrow(RouterError);
    await expect(router.route({ blue: 0, green: 100 }, ports)).rejects.toThrow(
      /rejected the new upstream file \(restored the previous one\): nginx: \[emerg\] invalid parameter/,
    );
    expect(host.files.get(UPSTREAM)).toBe(ORIGINAL);
    expect(calls).not.toContain("nginx -s reload");
  });

  it("restores the previous file and reloads it when the reload fails", async () => {
    const { host, router } = nginxHost({ reloadFails: true });
    await expect(router.route({ blue: 0, green: 100 }, ports)).rejects.toThrow(
      /`nginx -s reload` failed \(restored the previous upstream file\): nginx: \[error\] invalid PID number/,
    );
    expect(host.files.get(UPSTREAM)).toBe(ORIGINAL);
  });
});

const LOG = "/var/log/nginx/gantry-hello.log";
const line = (addr: string, status: number, time = "0.001") => `{"upstream_addr":"${addr}","status":"${status}","upstream_response_time":"${time}"}\n`;
/** The line the old format wrote for a request a client forged to look like an upstream triple. */
const forged = (status: number) => `203.0.113.9 [07/Dec/2026:23:00:00 +0000] "GET /x 127.0.0.1:8082 ${status} 0.001 HTTP/1.1" 127.0.0.1:8081 200 0.001\n`;

describe("nginx access log", () => {
  it("counts only lines in gantry's format; forged ones are unreadable and change nothing", async () => {
    const host = new MemoryHost([]);
    host.files.set(LOG, "");
    const log = new AccessLogTraffic(host, LOG);
    const mark = await AccessLogTraffic.mark(log, "green", ports);
    host.files.set(LOG, `${line("127.0.0.1:8082", 200)}${forged(200)}${forged(500)}${line("127.0.0.1:8082", 502)}${line("127.0.0.1:8081", 200)}`);
    expect(await AccessLogTraffic.since(log, mark)).toMatchObject({ requests: 2, errors: 1, unreadableLines: 2 });
  });

  it("says how many lines it could not read, in the figures and over all verify windows", () => {
    const windows = [
      { requests: 2, errors: 1, unreadableLines: 2 },
      { requests: 3, errors: 0 },
    ];
    expect(sumTraffic(windows)).toMatchObject({ requests: 5, errors: 1, unreadableLines: 2 });
    expect(trafficFigures(windows[0] as Traffic)).toMatchObject({ requests: 2, errors: 1, "unreadable-log-lines": 2 });
    expect(trafficFigures(windows[1] as Traffic)).not.toHaveProperty("unreadable-log-lines");
  });

  it("the deploy README shows the exact log_format line gantry reads", () => {
    expect(readFileSync(new URL("../../../actions/deploy/README.md", import.meta.url), "utf8")).toContain(`\n${GANTRY_LOG_FORMAT}\n`);
  });

  it("preflight refuses a log in another format, naming the file and showing the line to add", async () => {
    const { host, router } = nginxHost({ accessLog: LOG });
    host.files.set(LOG, forged(200).repeat(3));
    const err = await router.preflight().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`nginx-access-log ${LOG} on memory: its last 3 lines are not in gantry's format`);
    expect(err?.message).toContain(GANTRY_LOG_FORMAT);
    expect(err?.message).toContain(`access_log ${LOG} gantry;`);
    // Lines from before a change to gantry's format do not count; a foreign line after gantry's does.
    host.files.set(LOG, `${forged(200)}${line("127.0.0.1:8081", 200)}`);
    await expect(router.preflight()).resolves.toBeUndefined();
    host.files.set(LOG, `${line("127.0.0.1:8081", 200)}${forged(200)}`);
    await expect(router.preflight()).rejects.toThrow(/1 of its last 2 lines are not in gantry's format/);
    host.files.set(LOG, "");
    await expect(router.preflight()).resolves.toBeUndefined();
  });
});
