/**
 * With hosts, a path on the servers is never resolved against the runner's folder: the bundle
 * refuses a relative one in parse, naming the input, before it connects to anything.
 */
import { readdirSync } from "node:fs";
import { freePort } from "@gantry/core";
import { expect, it } from "vitest";
import { type ActionRun, runAction, scratchDir } from "../harness.js";

const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === "error")?.message ?? "";

it("refuses a relative nginx-lua-include, nginx-admin-socket, supervisor-conf-dir or supervisor-config with hosts, before connecting", async () => {
  const ws = scratchDir("gantry-server-paths-");
  // Nothing listens there: a run that got past parse would fail on the connection instead.
  const hosts = `deploy@127.0.0.1:${await freePort()}`;
  const lua = { router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "/etc/nginx/gantry.conf", "nginx-admin-token": "0123456789abcdef0123456789abcdef" };
  const cases: [string, Record<string, string>][] = [
    ["nginx-lua-include", { ...lua, "nginx-lua-include": "nginx/gantry.conf" }],
    ["nginx-admin-socket", { ...lua, "nginx-admin-socket": "run/{app}.sock" }],
    ["supervisor-conf-dir", { runtime: "supervisor", "supervisor-conf-dir": "conf.d" }],
    ["supervisor-config", { runtime: "supervisor", "supervisor-config": "supervisord.conf" }],
  ];
  for (const [input, extra] of cases) {
    const r = await runAction("deploy", { app: "hello", hosts, "ssh-insecure-skip-host-key-check": "true", ...extra }, { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(errorOf(r)).toMatch(
      new RegExp(`^input '${input}': "${extra[input]}" is not valid; with hosts it is a path on the servers and must be absolute; accepted: an absolute path`),
    );
    expect(r.log).not.toMatch(/ssh|connect/i);
    expect(r.state, "nothing is left for the post step").toEqual({});
  }
  expect(readdirSync(ws)).toEqual([]);
});
