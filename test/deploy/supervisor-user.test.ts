/**
 * runtime: supervisor with `user` empty: the release runs as the dedicated system user
 * `gantry-<app>` that gantry creates, not as supervisord's root. The user is made with `useradd`,
 * so the test runs on its own host: a systemd-nspawn container booted from an overlay of this
 * machine's root (its /etc/passwd is the overlay's, never the machine's), with the test's
 * supervisord and HAProxy as its units and the deploy bundle run inside it.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { QUICK_GATES, buildReleases, haproxyConfig, servedVersion, waitFor } from "./support.js";
import { writeSupervisordConfig } from "./supervisord.js";
import { type SystemdHost, bootSystemdHost, testUnit } from "./systemd-host.js";

const NEEDS = ["root", "systemd-nspawn", "nsenter", "mount", "ip", "haproxy", "supervisord", "supervisorctl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
/** Shared with the container at the same path: HAProxy's and supervisord's files, the runner's files. */
const dir = scratchDir("gantry-deploy-supervisor-user-");
/** In the container's own /var (the overlay). */
const stateDir = "/var/lib/gantry/hello";
const PORTS = { blue: 8081, green: 8082 };
const FRONT = 8080;
let host: SystemdHost;
let manifests: Record<string, string>;
let url: string;
let sv: { config: string; confDir: string };

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }]);
  const hp = join(dir, "haproxy");
  mkdirSync(hp);
  const cfg = join(hp, "haproxy.cfg");
  writeFileSync(cfg, haproxyConfig({ socket: join(hp, "admin.sock"), stateFile: join(hp, "haproxy.state"), bind: `*:${FRONT}`, ports: PORTS }));
  sv = writeSupervisordConfig(join(dir, "supervisor"));
  host = await bootSystemdHost({
    binds: [ws, dir, REPO],
    units: {
      "gantry-test-haproxy.service": testUnit("the test's HAProxy", `/usr/sbin/haproxy -db -f ${cfg}`),
      "gantry-test-supervisord.service": testUnit("the test's supervisord", `/usr/bin/supervisord -c ${sv.config}`),
    },
  });
  url = `http://${host.address}:${FRONT}`;
  await waitFor("HAProxy in the container", async () => (await servedVersion(url)) !== "HTTP 0", 20_000);
  await waitFor("supervisord in the container", () => /^\d+$/.test(ctl("pid").trim()), 20_000);
});

afterAll(async () => {
  await host?.stop();
});

/** `supervisorctl` inside the container; its output even when it exits non-zero (it does while supervisord starts). */
function ctl(...args: string[]): string {
  try {
    return host.exec(["supervisorctl", "-c", sv.config, ...args]);
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? "");
  }
}

const deploy = (extra: Record<string, string>) =>
  runAction(
    "deploy",
    {
      app: "hello",
      runtime: "supervisor",
      "supervisor-conf-dir": sv.confDir,
      "supervisor-config": sv.config,
      router: "haproxy",
      "haproxy-socket": join(dir, "haproxy", "admin.sock"),
      "haproxy-server-state-file": join(dir, "haproxy", "haproxy.state"),
      ports: `${PORTS.blue},${PORTS.green}`,
      "state-dir": stateDir,
      ...QUICK_GATES,
      ...extra,
    },
    { workspace: ws, wrap: [...host.enter(), "env", `--chdir=${ws}`], homeParent: dir },
  );

describeNeeding(NEEDS, "deploy with runtime: supervisor and no user (supervisord as root in a container)", () => {
  it("runs the release as the dedicated user gantry-hello, created when missing; its logs are 0640", async () => {
    expect(() => host.exec(["id", "-u", "gantry-hello"]), "the user must not exist before the deploy").toThrow();
    const r = await deploy({ manifest: manifests.v1 as string });
    expect(r.code, r.log).toBe(0);
    expect(await servedVersion(url)).toBe("v1");
    const conf = host.exec(["cat", join(sv.confDir, "hello-blue.conf")]);
    expect(conf).toMatch(/^user=gantry-hello$/m);
    const pid = /pid (\d+)/.exec(ctl("status", "hello-blue"))?.[1] as string;
    expect(Number(pid)).toBeGreaterThan(1);
    expect(host.exec(["ps", "-o", "user=", "-p", pid]).trim()).toBe("gantry-hello");
    expect(host.exec(["id", "-nG", "gantry-hello"]).trim()).toBe("gantry-hello");
    for (const stream of ["stdout", "stderr"]) {
      const log = join(host.root, stateDir, "logs", `blue.${stream}.log`);
      expect(existsSync(log), log).toBe(true);
      expect(statSync(log).mode & 0o777, log).toBe(0o640);
    }
  });
});
