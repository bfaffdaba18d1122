/**
 * Issue 16: router: nginx with nginx-mode: lua against Debian's nginx and its Lua module, on
 * loopback: the one-time setup (include written, checked with nginx -t, the two lines the user
 * adds), cutovers and a canary under a non-retrying keep-alive load of 100 connections with no
 * reload and no failed request, rollbacks, the admin endpoint's token, and restarts and reloads
 * by others that keep the weights.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, removeTree, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { runPost, spawnAction } from "./spawn.js";
import { startSteadyLoad } from "./steady-load.js";
import {
  LUA_MODULES,
  type LoadResult,
  type Nginx,
  buildReleases,
  freePort,
  get,
  runningServices,
  servedVersion,
  startNginx,
  stopServices,
  waitFor,
  QUICK_GATES,
} from "./support.js";

const NEEDS = ["nginx", ...LUA_MODULES, "/usr/share/lua/5.1/resty/core.lua"];
const TOKEN = "test-admin-token-0123456789abcdef-0123456789";
/** Requests a load must make while a deploy runs (a load that made none proves nothing; see MIN_REQUESTS in steady-load.ts). */
const MIN_REQUESTS = 300;

const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-nginx-lua-");
const stateDir = join(dir, "state");
const include = join(dir, "gantry", "hello.conf");
const socket = join(dir, "run", "hello-admin.sock");
let nx: Nginx;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;

/** One request to the admin endpoint on its unix socket, on a new connection (a kept-alive one nginx closed would fail with EPIPE). */
function admin(headers: Record<string, string> = {}, method = "GET", body = ""): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = http.request({ socketPath: socket, path: "/state", method, headers, agent: false }, (r) => {
      let text = "";
      r.on("data", (d) => (text += d));
      r.on("end", () => res({ status: r.statusCode ?? 0, body: text }));
    });
    req.on("error", rej);
    req.end(body);
  });
}
const bearer = { Authorization: `Bearer ${TOKEN}` };

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    app: "hello",
    router: "nginx",
    "nginx-mode": "lua",
    "nginx-lua-include": include,
    "nginx-admin-socket": socket,
    "nginx-admin-token": TOKEN,
    "nginx-reload-command": nx.reloadCommand,
    "nginx-access-log": nx.accessLog,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": stateDir,
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    "drain-timeout": "5s",
    ...extra,
  };
}

const deploy = (extra: Record<string, string>) => runAction("deploy", inputs(extra), { workspace: ws });

/** What a load saw while one deploy ran: the requests it made and how many of them failed. */
interface Window {
  made: number;
  failed: number;
}

/**
 * Runs deploys one after another under a steady keep-alive load (no retries); returns what the
 * load saw in all, and per deploy the requests it made and the ones that failed while that deploy
 * ran (each cutover is judged on its own window, not on a sum a quiet cutover could hide in).
 */
async function underLoad(deploys: Record<string, string>[]): Promise<{ runs: ActionRun[]; load: LoadResult; windows: Window[] }> {
  const load = startSteadyLoad(`${nx.url}/api/hello`, { connections: 100, rate: 1000 });
  await new Promise((r) => setTimeout(r, 300));
  const runs: ActionRun[] = [];
  const windows: Window[] = [];
  for (const d of deploys) {
    const made = load.made();
    const failed = load.failed();
    runs.push(await deploy(d));
    windows.push({ made: load.made() - made, failed: load.failed() - failed });
  }
  await new Promise((r) => setTimeout(r, 300));
  return { runs, load: await load.stop(), windows };
}

/** Each deploy's window: at least MIN_REQUESTS made, and none failed. */
function expectCleanWindows(windows: Window[]): void {
  expect(windows.length).toBeGreaterThan(0);
  windows.forEach((w, i) => {
    expect(w.made, `requests the load made during deploy ${i + 1}`).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(w.failed, `requests that failed during deploy ${i + 1}`).toBe(0);
  });
}

/** nginx's error log (the admin endpoint logs every refusal there). */
const errorLog = () => readFileSync(join(dir, "error.log"), "utf8");

/** The state the include's fallback line holds (what a restarted nginx starts from). */
const includedLine = () => /local FALLBACK = "([^"]*)" -- gantry state/.exec(readFileSync(include, "utf8"))?.[1];

beforeAll(async () => {
  manifests = await buildReleases(ws, [
    { version: "v1" },
    { version: "v2" },
    { version: "v3-unhealthy", fault: "unhealthy" },
    { version: "v4-500", fault: "500" },
  ]);
  ports = { blue: await freePort(), green: await freePort() };
  // The user's own dictionary that clashes with the include gantry would write for an app named `clash`.
  nx = await startNginx(dir, ports.blue, { lua: true, extraHttp: "lua_shared_dict gantry_clash 2m;" });
}, 120_000);

afterAll(async () => {
  stopServices(stateDir);
  await nx?.stop();
  removeTree(dir); // ws, a fixtureCopy, goes when the file ends
});

describeNeeding(NEEDS, "deploy with nginx-mode: lua", () => {
  it("writes the include, checks it with nginx -t and says the two lines to add", async () => {
    const r = await deploy({ manifest: manifests.v1 as string });
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toContain(`gantry wrote ${include}`);
    expect(error).toContain(`include ${include};`);
    expect(error).toContain("proxy_pass http://gantry_hello;");
    expect(readFileSync(include, "utf8")).toMatch(/balancer_by_lua_block/);
    expect(readFileSync(include, "utf8")).not.toContain(TOKEN);
    // Only a salted HMAC of the token, in a file not everyone can read (review of issue 16).
    expect(readFileSync(include, "utf8")).not.toContain(createHash("sha1").update(TOKEN).digest("base64"));
    expect(readFileSync(include, "utf8")).toMatch(/local SALT = "[0-9a-f]{32}"/);
    expect(statSync(include).mode & 0o777).toBe(0o640);
    // The admin socket's folder: nginx makes the socket 0666, so only the folder keeps others out.
    expect(statSync(dirname(socket)).mode & 0o777).toBe(0o750);
    // Masked (the runner hides every later occurrence), and said nowhere else.
    expect(r.log).toContain(`::add-mask::${TOKEN}`);
    expect(r.log.replaceAll(`::add-mask::${TOKEN}`, "")).not.toContain(TOKEN);
    await nx.useLuaInclude(include, "hello");
  });

  it("deploys v1 through the Lua balancer", async () => {
    const r = await deploy({ manifest: manifests.v1 as string });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(await servedVersion(nx.url)).toBe("v1");
    expect((await admin(bearer)).body).toContain(`blue=127.0.0.1:${ports.blue}:100,green=127.0.0.1:${ports.green}:0`);
  });

  it("10 blue-green cutovers and a canary 5 → 25 → 100 under 100 keep-alive connections: no reload, no failed request", async () => {
    const workers = nx.workers();
    const cutovers = Array.from({ length: 10 }, (_, i) => ({ manifest: manifests[i % 2 === 0 ? "v2" : "v1"] as string }));
    const canary = { manifest: manifests.v2 as string, strategy: "canary", "canary-steps": "5,25,100", "verify-window": "500ms" };
    const { runs, load, windows } = await underLoad([...cutovers, canary]);
    for (const r of runs) expect(r.outputs.outcome, r.log).toBe("promoted");
    expect(windows).toHaveLength(11);
    expectCleanWindows(windows);
    const phases = (JSON.parse(runs[10]?.outputs.timeline as string) as { phase: string }[]).map((e) => e.phase).filter((p) => p.startsWith("switch"));
    expect(phases).toEqual(["switch 5%", "switch 25%", "switch 100%"]);
    console.info(
      `nginx-mode lua: ${load.failed} of ${load.total} requests failed over 10 cutovers and a canary (${load.non2xx} non-2xx, ${load.errors} errors)`,
    );
    expect(load.failed).toBe(0);
    expect(nx.workers()).toEqual(workers);
    expect(await servedVersion(nx.url)).toBe("v2");
    expect(runningServices(stateDir)).toEqual(["green"]);
  });

  it("a release that fails its gate goes back with no failed request", async () => {
    const { runs, load, windows } = await underLoad([{ manifest: manifests["v3-unhealthy"] as string }]);
    expect(runs[0]?.outputs.outcome).toBe("rolled-back");
    expectCleanWindows(windows);
    expect(load.failed).toBe(0);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("a release that fails its verify window goes back: only its own 500s fail, no connection error", async () => {
    const { runs, load, windows } = await underLoad([{ manifest: manifests["v4-500"] as string }]);
    const r = runs[0] as ActionRun;
    expect(windows[0]?.made, "requests the load made during the deploy").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(r.outputs.outcome).toBe("rolled-back");
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(/verify window at 100% failed: error rate/);
    console.info(`nginx-mode lua, 500 release: ${load.non2xx} answers 500 from it before the rollback, ${load.errors} connection errors`);
    expect(load.errors).toBe(0);
    expect(await servedVersion(nx.url)).toBe("v2");
    expect(runningServices(stateDir)).toEqual(["green"]);
  });

  it("the admin endpoint needs the token and is not on the public listener; every refusal is logged, never the token", async () => {
    const logged = errorLog().length;
    const wrong = "wrong-token-0123456789abcdef-0123456789";
    expect((await admin()).status).toBe(401);
    expect((await admin({ Authorization: `Bearer ${wrong}` })).status).toBe(401);
    expect((await admin({ Authorization: `Bearer ${TOKEN}x` }, "PUT", `blue=127.0.0.1:1:100,green=127.0.0.1:2:0`)).status).toBe(401);
    const refusals = errorLog().slice(logged);
    expect(refusals).toMatch(/gantry: admin request refused \(401\): no token/);
    expect(refusals.match(/gantry: admin request refused \(401\): wrong token/g)).toHaveLength(2);
    expect(refusals).not.toContain(wrong);
    expect(refusals).not.toContain(TOKEN);
    const pub = await new Promise<{ status: number; body: string }>((res) =>
      http.get(`${nx.url}/state`, { headers: bearer, agent: false }, (r) => {
        let body = "";
        r.on("data", (d) => (body += d));
        r.on("end", () => res({ status: r.statusCode ?? 0, body }));
      }),
    );
    expect(pub.body).not.toMatch(/blue=|inflight/);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("the admin endpoint refuses a state with an upstream that is not loopback, and logs it", async () => {
    const state = (await admin(bearer)).body.split("\n")[0] as string;
    const logged = errorLog().length;
    for (const addr of ["10.0.0.5", "128.0.0.1", "127.256.0.1", "0.0.0.0", "example.com", "[::2]"]) {
      const r = await admin(bearer, "PUT", `blue=127.0.0.1:${ports.blue}:100,green=${addr}:${ports.green}:0`);
      expect(r.status, addr).toBe(400);
    }
    const refusals = errorLog().slice(logged);
    expect(refusals).toMatch(/gantry: admin request refused \(400\): upstream address 10\.0\.0\.5 is not loopback/);
    expect(refusals).toMatch(/upstream address 127\.256\.0\.1 is not loopback/);
    expect(refusals.match(/gantry: admin request refused \(400\)/g)).toHaveLength(6);
    expect((await admin(bearer)).body.split("\n")[0]).toBe(state);
    // Any address in 127.0.0.0/8 is loopback; put the state back afterwards.
    expect((await admin(bearer, "PUT", state.replace(/green=127\.0\.0\.1:/, "green=127.1.2.3:"))).status).toBe(200);
    expect((await admin(bearer, "PUT", state)).status).toBe(200);
    expect(await servedVersion(nx.url)).toBe("v2");
  });

  it("a reload by others keeps the dictionary's weights; a restart starts from the include's", async () => {
    // A dictionary state the include's fallback line does not hold (the same running release on
    // both colors' addresses), so what the admin endpoint answers after the reload tells them apart.
    const inFile = includedLine() as string;
    const [, blue, green] = /^blue=([^,]+),green=(.+)$/.exec(inFile) ?? [];
    const swapped = `blue=${green},green=${blue}`;
    expect(swapped).not.toBe(inFile);
    expect((await admin(bearer, "PUT", swapped)).status).toBe(200);
    const workers = nx.workers();
    process.kill(nx.master, "SIGHUP");
    await waitFor("nginx's workers to be replaced", () => nx.workers().length > 0 && nx.workers().every((w) => !workers.includes(w)), 20_000);
    expect((await admin(bearer)).body.split("\n")[0]).toBe(swapped);
    expect(await servedVersion(nx.url)).toBe("v2");
    expect(includedLine()).toBe(inFile);
    await nx.restart();
    expect((await admin(bearer)).body.split("\n")[0]).toBe(inFile);
    expect(await servedVersion(nx.url)).toBe("v2");
    expect((await get(`${nx.url}/api/hello`)).status).toBe(200);
  });

  it("nginx-mode: auto uses the Lua balancer once its admin endpoint answers", async () => {
    const workers = nx.workers();
    const r = await deploy({ manifest: manifests.v1 as string, "nginx-mode": "auto", "nginx-upstream-file": nx.upstreamFile });
    expect(r.code, r.log).toBe(0);
    expect(r.annotations.filter((a) => a.message.includes("nginx-mode: auto"))).toEqual([]);
    expect(nx.workers()).toEqual(workers);
    expect(await servedVersion(nx.url)).toBe("v1");
  });

  it("nginx-mode: auto with a token the endpoint refuses fails, naming the input, and never falls back to reloads", async () => {
    const workers = nx.workers();
    const upstream = readFileSync(nx.upstreamFile, "utf8");
    const r = await deploy({
      manifest: manifests.v2 as string,
      "nginx-mode": "auto",
      "nginx-upstream-file": nx.upstreamFile,
      "nginx-admin-token": `${TOKEN}-changed`,
    });
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toMatch(/nginx-mode: auto: the Lua admin endpoint answers but not as expected: .*\(401\)\. Check nginx-admin-token/);
    expect(r.annotations.filter((a) => a.message.includes("chose reload"))).toEqual([]);
    expect(readFileSync(nx.upstreamFile, "utf8")).toBe(upstream);
    expect(nx.workers()).toEqual(workers);
    expect(await servedVersion(nx.url)).toBe("v1");
    expect(runningServices(stateDir)).toEqual(["blue"]);
  });

  it("nginx-mode: auto on a first run with the Lua module sets up lua (issue 16), without a reload", async () => {
    const fresh = join(dir, "gantry", "fresh.conf");
    const workers = nx.workers();
    const r = await deploy({
      app: "fresh",
      manifest: manifests.v1 as string,
      "nginx-mode": "auto",
      "nginx-lua-include": fresh,
      "nginx-admin-socket": join(dir, "run", "fresh-admin.sock"),
      "nginx-upstream-file": join(dir, "fresh-upstream.conf"),
      "state-dir": join(dir, "fresh-state"),
    });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === "notice" && a.message.includes("nginx-mode: auto"))?.message).toMatch(/chose lua: nginx has the Lua module/);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toContain(`gantry wrote ${fresh}`);
    expect(error).toContain(`include ${fresh};`);
    expect(error).toContain("proxy_pass http://gantry_fresh;");
    expect(readFileSync(fresh, "utf8")).toMatch(/balancer_by_lua_block/);
    expect(existsSync(join(dir, "fresh-upstream.conf"))).toBe(false);
    expect(nx.workers()).toEqual(workers);
  });

  it("killed (SIGKILL) while verifying: the post step rolls back through the admin socket, the token read again, never stored", async () => {
    const load = startSteadyLoad(`${nx.url}/api/hello`, { connections: 100, rate: 1000 });
    const main = spawnAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws, env: { GANTRY_DEPLOY_PAUSE_AT: "verifying" } });
    await main.waitForLine(/paused at phase verifying\b/);
    const atKill = load.made();
    await main.kill();
    expect(JSON.stringify(main.state())).not.toContain(TOKEN);
    const post = await runPost("deploy", main, ws);
    const duringRecovery = load.made() - atKill;
    // Not a timing assertion: the load runs on, on the recovered version, until it has made enough.
    await waitFor(`${MIN_REQUESTS} requests after the kill`, () => load.made() - atKill >= MIN_REQUESTS, 20_000).catch(() => {});
    const seen = await load.stop();
    expect(duringRecovery, "requests made while the deployer lay dead and the post step recovered").toBeGreaterThan(0);
    expect(load.made() - atKill, "requests made after the kill").toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(post.code, post.log).toBe(0);
    expect(post.log).toMatch(/the main step stopped during verifying; finishing the cutover now/);
    expect(runningServices(stateDir)).toEqual(["blue"]);
    expect((await admin(bearer)).body).toContain(`blue=127.0.0.1:${ports.blue}:100,green=127.0.0.1:${ports.green}:0`);
    expect(await servedVersion(nx.url)).toBe("v1");
    expect(seen.failed).toBe(0);
  });

  it("refuses an admin socket in a folder every local user can enter, before anything changes", async () => {
    const open = join(dir, "open-run");
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    const before = readFileSync(include, "utf8");
    const workers = nx.workers();
    const r = await deploy({ manifest: manifests.v2 as string, "nginx-admin-socket": join(open, "hello.sock") });
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toContain(`nginx-admin-socket ${join(open, "hello.sock")}: its folder ${open} on local is mode 0755`);
    expect(error).toContain("every local user can reach the admin socket");
    expect(error).toContain(`install -d -m 0750`);
    expect(readFileSync(include, "utf8")).toBe(before);
    expect(nx.workers()).toEqual(workers);
    expect(await servedVersion(nx.url)).toBe("v1");
  });

  it("an include nginx -t rejects is put back and nginx is not reloaded", async () => {
    const before = readFileSync(include, "utf8");
    const workers = nx.workers();
    const r = await deploy({ app: "clash", manifest: manifests.v1 as string, "state-dir": join(dir, "clash-state") });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(
      /-t` failed on local with gantry's Lua include[\s\S]*gantry_clash[\s\S]*restored the previous/,
    );
    expect(readFileSync(include, "utf8")).toBe(before);
    expect(nx.workers()).toEqual(workers);
    expect(existsSync(join(dir, "clash-state", "run", "blue.pid"))).toBe(false);
    expect(await servedVersion(nx.url)).toBe("v1");
  });
});
