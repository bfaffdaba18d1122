/**
 * What the deploy tests, bench and demo share: releases of the example service built with the
 * go-build package (healthy, or broken with -X main.fault=…), HAProxy and nginx on loopback
 * ports the OS picked, a load generator that counts every failed request, and cleanup by pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { join } from "node:path";
import { InputReader, MemoryReporter, formatTarget, hostTarget, mapInputSource, memoryState } from "@gantry/core";
import { GANTRY_LOG_FORMAT } from "@gantry/deploy";
import { GO_BUILD_INPUTS, goBuild, parseGoBuildInputs } from "@gantry/go-build";
import autocannon from "autocannon";
import { freePort } from "@gantry/core";
export { freePort };

export interface ReleaseSpec {
  version: string;
  /** `unhealthy`, `crash` or `500` (the example service's link-time fault modes). */
  fault?: string;
}

/** Builds each release for this machine with the go-build package; returns each version's manifest path. */
export async function buildReleases(workspace: string, specs: readonly ReleaseSpec[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const values = {
      targets: formatTarget(hostTarget()),
      version: s.version,
      x: s.fault ? `main.fault=${s.fault}` : "",
      archive: "none",
      checksums: "false",
      "mod-check": "off",
      cache: "false",
      "out-dir": `dist-${s.version}`,
    };
    const inputs = parseGoBuildInputs(new InputReader(mapInputSource(values), GO_BUILD_INPUTS), workspace);
    const r = await goBuild(inputs, {
      reporter: new MemoryReporter(),
      state: memoryState(),
      env: { ...process.env, SOURCE_DATE_EPOCH: "1764028800" },
      cwd: workspace,
      setOutput: () => {},
      summary: () => {},
    });
    out[s.version] = r.manifestPath;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it holds; throws naming `what` after timeoutMs. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** One GET; status 0 when the connection failed. */
export function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((res) => {
    http
      .get(url, { agent: false }, (r) => {
        let body = "";
        r.on("data", (d) => (body += d));
        r.on("end", () => res({ status: r.statusCode ?? 0, body }));
      })
      .on("error", () => res({ status: 0, body: "" }));
  });
}

/** The version the service behind a URL reports. */
export async function servedVersion(base: string): Promise<string> {
  const r = await get(`${base}/version`);
  return r.status === 200 ? (JSON.parse(r.body) as { version: string }).version : `HTTP ${r.status}`;
}

export interface Haproxy {
  url: string;
  /** HAProxy's built-in Prometheus exporter (`/metrics`), when started with `exporter`. */
  metricsUrl?: string;
  socket: string;
  stateFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** Stops and starts it again from the same config (the server-state file carries the routing over). */
  restart(): Promise<void>;
}

/**
 * How the test HAProxy declares the slots: `disabled` until gantry routes to them, or (`check`)
 * the form most HAProxy users write, weight 0 with HAProxy's own health checks, under which a slot
 * with no process behind it is DOWN.
 */
export function slotServer(color: "blue" | "green", port: number, check = false): string {
  return `server ${color} 127.0.0.1:${port} ${check ? "weight 0 check inter 500ms" : "disabled"}`;
}

/** The test HAProxy's config: backend `app` with servers blue and green on loopback (slotServer); `extra` appends sections. */
export function haproxyConfig(o: {
  socket: string;
  stateFile: string;
  bind: string;
  ports: { blue: number; green: number };
  check?: boolean;
  extra?: string;
}): string {
  return `global
  stats socket ${o.socket} level admin
  server-state-file ${o.stateFile}
  maxconn 4096
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  option redispatch
  retries 3
  retry-on conn-failure
  load-server-state-from-file global
frontend fe
  bind ${o.bind}
  default_backend app
backend app
  balance roundrobin
  ${slotServer("blue", o.ports.blue, o.check)}
  ${slotServer("green", o.ports.green, o.check)}
${o.extra ?? ""}`;
}

/**
 * HAProxy in the foreground (-db) with backend `app` and servers blue and green, both disabled
 * until gantry routes to them, or with `check` weight 0 under HAProxy's health checks (slotServer).
 * `retry-on conn-failure` with `redispatch` is the configuration the README recommends: a request
 * that finds no listener is retried, never dropped.
 */
export async function startHaproxy(dir: string, ports: { blue: number; green: number }, o: { exporter?: boolean; check?: boolean } = {}): Promise<Haproxy> {
  const port = await freePort();
  const metricsPort = o.exporter ? await freePort() : undefined;
  // HAProxy ≥ 2.4's exporter, served by a frontend of its own (the analysis tests scrape it beside the service).
  const exporter = metricsPort
    ? `frontend metrics
  bind 127.0.0.1:${metricsPort}
  http-request use-service prometheus-exporter if { path /metrics }
`
    : "";
  const socket = join(dir, "admin.sock");
  const stateFile = join(dir, "haproxy.state");
  const cfg = join(dir, "haproxy.cfg");
  writeFileSync(cfg, haproxyConfig({ socket, stateFile, bind: `127.0.0.1:${port}`, ports, check: o.check, extra: exporter }));
  const h = {
    url: `http://127.0.0.1:${port}`,
    socket,
    stateFile,
    ...(metricsPort ? { metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` } : {}),
  } as Haproxy;
  const start = async () => {
    h.child = spawn("haproxy", ["-f", cfg, "-db"], { stdio: "ignore" });
    await waitFor(
      "HAProxy's admin socket",
      () =>
        new Promise<boolean>((res) =>
          net
            .connect(socket)
            .on("connect", function (this: net.Socket) {
              this.end();
              res(true);
            })
            .on("error", () => res(false)),
        ),
    );
  };
  h.stop = async () => {
    if (h.child.exitCode !== null || h.child.signalCode !== null) return;
    const exited = new Promise((r) => h.child.once("exit", r));
    h.child.kill("SIGTERM");
    await exited;
  };
  h.restart = async () => {
    await h.stop();
    await start();
  };
  await start();
  return h;
}

/**
 * The gate timings the deploy tests share: quick probes and short windows (a test overrides one
 * by name after the spread).
 */
export const QUICK_GATES = {
  "health-interval": "100ms",
  "health-timeout": "5s",
  "verify-window": "1s",
  "drain-timeout": "2s",
  "stop-timeout": "5s",
} as const;

/** The inputs that point a deploy at a test's HAProxy, its two ports and its state folder. */
export function haproxyInputs(hp: Haproxy, ports: { blue: number; green: number }, stateDir: string): Record<string, string> {
  return {
    "haproxy-socket": hp.socket,
    "haproxy-server-state-file": hp.stateFile,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": stateDir,
  };
}

export interface Nginx {
  url: string;
  upstreamFile: string;
  pidFile: string;
  accessLog: string;
  reloadCommand: string;
  /** The master's pid (a reload keeps it; a restart changes it). */
  master: number;
  stop(): Promise<void>;
  /** Stops and starts it again from the same config. */
  restart(): Promise<void>;
  /** lua: includes gantry's Lua include in http {} and proxies to its upstream (the README's two lines), then reloads. */
  useLuaInclude(include: string, app: string): Promise<void>;
  /** Pids of the master's workers. */
  workers(): number[];
}

/** Debian's Lua module for nginx (libnginx-mod-http-lua) and the NDK it needs, loaded by path. */
export const LUA_MODULES = ["/usr/lib/nginx/modules/ndk_http_module.so", "/usr/lib/nginx/modules/ngx_http_lua_module.so"];

/**
 * nginx with an upstream block that includes gantry's file and an access log gantry can read.
 * `lua` loads the Lua module (nginx-mode: lua); `extraHttp` is added to the http block as is;
 * `keepaliveRequests` is nginx's keepalive_requests (1,000,000 unless given: see the config).
 */
export async function startNginx(dir: string, firstPort: number, o: { lua?: boolean; extraHttp?: string; keepaliveRequests?: number } = {}): Promise<Nginx> {
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  const n = {
    url: `http://127.0.0.1:${port}`,
    upstreamFile: join(dir, "upstream.conf"),
    pidFile: join(dir, "nginx.pid"),
    accessLog: join(dir, "access.log"),
    reloadCommand: `nginx -p ${dir} -c ${conf} -s reload`,
  } as Nginx;
  const render = (lua?: { include: string; app: string }) =>
    `${o.lua ? LUA_MODULES.map((m) => `load_module ${m};\n`).join("") : ""}worker_processes 1;
pid ${n.pidFile};
error_log ${join(dir, "error.log")};
events { worker_connections 4096; }
http {
  access_log off;
  # autocannon (the loads' client) writes its next request as soon as a response ends, even one
  # that says Connection: close, so nginx's own close of a keep-alive connection after
  # keepalive_requests answers (1000 by default) counted as a failed request with no deploy at all
  # (50 of 635,117 in 30 s here; 0 with this). Clients that honour the header never see it.
  keepalive_requests ${o.keepaliveRequests ?? 1_000_000};
  ${GANTRY_LOG_FORMAT}
  ${lua ? `include ${lua.include};` : ""}
  ${o.extraHttp ?? ""}
  upstream app {
    include ${n.upstreamFile};
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    access_log ${n.accessLog} gantry;
    location / {
      proxy_pass http://${lua ? `gantry_${lua.app}` : "app"};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout;
    }
  }
}
`;
  writeFileSync(n.upstreamFile, `server 127.0.0.1:${firstPort};\n`);
  writeFileSync(n.accessLog, "");
  writeFileSync(conf, render());
  const start = async () => {
    await new Promise<void>((res, rej) =>
      spawn("nginx", ["-p", dir, "-c", conf], { stdio: "ignore" }).on("exit", (code) => (code === 0 ? res() : rej(new Error(`nginx exited ${code}`)))),
    );
    n.master = Number(readFileSync(n.pidFile, "utf8"));
  };
  n.workers = () => childrenOf(n.master);
  n.stop = async () => {
    try {
      process.kill(n.master, "SIGTERM");
    } catch {
      return;
    }
    await waitFor("nginx to stop", () => !isRunning(n.master));
  };
  n.restart = async () => {
    await n.stop();
    await start();
  };
  n.useLuaInclude = async (include, app) => {
    const before = n.workers();
    writeFileSync(conf, render({ include, app }));
    process.kill(n.master, "SIGHUP");
    await waitFor("nginx to reload", () => n.workers().some((w) => !before.includes(w)) && before.every((w) => !isRunning(w)));
  };
  await start();
  return n;
}

/** Pids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid && fields[0] !== "Z") out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

/** Kills the service processes a state dir's pid files name (test cleanup, also after a failure). */
export function stopServices(stateDir: string): void {
  for (const color of ["blue", "green"]) {
    try {
      const pid = Number(readFileSync(join(stateDir, "run", `${color}.pid`), "utf8"));
      if (pid > 1 && isRunning(pid)) process.kill(pid, "SIGKILL");
    } catch {
      // no pid file
    }
  }
}

/** Service processes of a state dir that are running now, by color. */
export function runningServices(stateDir: string): string[] {
  return ["blue", "green"].filter((color) => {
    try {
      return isRunning(Number(readFileSync(join(stateDir, "run", `${color}.pid`), "utf8")));
    } catch {
      return false;
    }
  });
}

export interface LoadResult {
  total: number;
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts: what a client that does not retry saw fail. */
  failed: number;
  non2xx: number;
  errors: number;
  rps: number;
}

export interface Load {
  /** Failed requests so far. */
  failed(): number;
  /** Requests answered or failed so far. */
  made(): number;
  stop(): Promise<LoadResult>;
}

/**
 * autocannon against a URL until stopped: keep-alive connections, no retries, every non-2xx and
 * connection error counted. `rate` caps requests per second (tests share two cores).
 */
export function startLoad(url: string, o: { connections?: number; rate?: number } = {}): Load {
  let failed = 0;
  let made = 0;
  const instance = autocannon({ url, connections: o.connections ?? 100, duration: 600, timeout: 10, ...(o.rate ? { overallRate: o.rate } : {}) });
  instance.on("response", (_c, status) => {
    made++;
    if (status < 200 || status >= 300) failed++;
  });
  instance.on("reqError", () => {
    made++;
    failed++;
  });
  const done = new Promise<LoadResult>((res) =>
    instance.on("done", (r) =>
      res({ total: r.requests.total, ok: r["2xx"], failed: r.non2xx + r.errors, non2xx: r.non2xx, errors: r.errors, rps: r.requests.average }),
    ),
  );
  return {
    failed: () => failed,
    made: () => made,
    stop: () => {
      instance.stop();
      return done;
    },
  };
}
