import type { ExecResult } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { NginxRouter } from "../src/routers/nginx.js";
import { RouterError } from "../src/routers/router.js";
import { MemoryHost } from "./fakes.js";

const ports = { blue: 8081, green: 8082 };
const UPSTREAM = "/etc/nginx/gantry/hello.conf";
const ORIGINAL = "server 127.0.0.1:8081 weight=100 max_fails=0; # blue\n";

/** A host where nginx -t and the reload answer as told, and `ps` shows a reload taking effect. */
function nginxHost(o: { testFails?: boolean; reloadFails?: boolean }) {
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
    accessLog: "",
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
