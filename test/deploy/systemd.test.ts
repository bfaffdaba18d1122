/**
 * runtime: systemd (issue 12) on a real init system: a systemd-nspawn container booted from an
 * overlay of this machine's root, with the test's HAProxy as one of its units. The deploy bundle
 * runs inside it (nsenter), the load comes from the test over the container's veth. A first
 * deploy, a cutover under a non-retrying keep-alive load, `kill -9` of the active release
 * (systemd restarts it), a reboot of the container (the active version serves again, the other
 * stays stopped), an unhealthy release rolled back with its journal lines in the error, and bad
 * input refused before any change.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, REPO, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { deployUnderLoad, expectCleanCutover, expectNoneFailed, killUnderSteadyLoad } from "./steady-load.js";
import { type LoadResult, QUICK_GATES, buildReleases, haproxyConfig, servedVersion, waitFor } from "./support.js";
import { type SystemdHost, bootSystemdHost, testUnit, unitState } from "./systemd-host.js";

const NEEDS = ["root", "systemd-nspawn", "nsenter", "mount", "ip", "haproxy", "systemd-analyze"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
/** Shared with the container at the same path: HAProxy's config, socket and state file, the runner's files. */
const dir = scratchDir("gantry-deploy-systemd-");
/** In the container's own /var (the overlay): it survives a reboot like a server's would. */
const stateDir = "/var/lib/gantry/hello";
const PORTS = { blue: 8081, green: 8082 };
const FRONT = 8080;
const CONNECTIONS = 50;
let host: SystemdHost;
let manifests: Record<string, string>;
let url: string;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]);
  const hp = join(dir, "haproxy");
  mkdirSync(hp);
  const cfg = join(hp, "haproxy.cfg");
  writeFileSync(cfg, haproxyConfig({ socket: join(hp, "admin.sock"), stateFile: join(hp, "haproxy.state"), bind: `*:${FRONT}`, ports: PORTS }));
  // The repository too: the bundles run inside, and a checkout under /tmp is hidden by the container's own /tmp.
  host = await bootSystemdHost({
    binds: [ws, dir, REPO],
    units: { "gantry-test-haproxy.service": testUnit("the test's HAProxy", `/usr/sbin/haproxy -db -f ${cfg}`) },
  });
  url = `http://${host.address}:${FRONT}`;
  await waitFor("HAProxy in the container", async () => (await servedVersion(url)) !== "HTTP 0", 20_000);
});

afterAll(async () => {
  await host?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    app: "hello",
    runtime: "systemd",
    router: "haproxy",
    "haproxy-socket": join(dir, "haproxy", "admin.sock"),
    "haproxy-server-state-file": join(dir, "haproxy", "haproxy.state"),
    ports: `${PORTS.blue},${PORTS.green}`,
    "state-dir": stateDir,
    // Values systemd's EnvironmentFile needs quoted and escaped: spaces, a quote, a $, a backslash, a %.
    env: 'HOST=127.0.0.1\nGREETING=Hi, 100% "there" $HOME \\o/\nAPI_TOKEN=s3cret-token',
    "systemd-unit": "MemoryMax=512M\n[Unit]\nDocumentation=https://example.com/hello",
    ...QUICK_GATES,
    ...extra,
  };
}

/** The deploy bundle, run inside the container. */
const deploy = (extra: Record<string, string>) =>
  runAction("deploy", inputs(extra), { workspace: ws, wrap: [...host.enter(), "env", `--chdir=${ws}`], homeParent: dir });

async function deployWithLoad(extra: Record<string, string>): Promise<{ run: ActionRun; load: LoadResult }> {
  const { run, loads } = await deployUnderLoad([`${url}/api/hello`], () => deploy(extra), { connections: CONNECTIONS, rate: 1000 });
  return { run, load: loads[0] as LoadResult };
}

const show = (color: string) => unitState(host, `hello-${color}.service`);
const unitText = (color: string) => host.exec(["cat", `/etc/systemd/system/hello-${color}.service`]);
const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === "error")?.message ?? "";

describeNeeding(NEEDS, "deploy with runtime: systemd (systemd as PID 1 of a container)", () => {
  it("refuses a bad systemd-unit line, a unit systemd-analyze rejects and a state-dir the service cannot reach before anything changes", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { "systemd-unit": "ExecStartPre=/bin/true\nExec Start=/bin/sh" },
        /input 'systemd-unit': "Exec Start=\/bin\/sh" is not valid; accepted: lines `Directive=value`/,
      ],
      [{ "systemd-unit": "[Socket]" }, /input 'systemd-unit': "\[Socket\]" is not valid; unknown section/],
      [{ "systemd-unit": "User=root" }, /gantry sets User itself/],
      [
        { "systemd-unit": "ProtectHome=sometimes" },
        /systemd-unit: systemd-analyze verify refused the unit hello-blue\.service .*protect home value.*sometimes/,
      ],
      [{ "systemd-unit": "Frobnicate=yes" }, /systemd-unit: systemd-analyze verify refused .*Unknown key.*Frobnicate/],
      [{ user: "nosuchuser" }, /user: nosuchuser does not exist on local/],
      // PrivateTmp=yes would hide it: the unit would fail with status=226/NAMESPACE.
      [{ "state-dir": "/var/tmp/gantry/hello" }, /state-dir: \/var\/tmp\/gantry\/hello is under \/var\/tmp on local, which the unit's PrivateTmp=yes hides/],
      [{ "state-dir": "/tmp/gantry/hello" }, /state-dir: \/tmp\/gantry\/hello is under \/tmp on local/],
      // gantry-hello could not enter it: the unit would fail with status=200/CHDIR.
      [{ "state-dir": "/srv/closed/gantry/hello" }, /state-dir: the service's user gantry-hello cannot enter \/srv\/closed on local \(mode 0700, owner 0:0\)/],
    ];
    host.exec(["mkdir", "-m", "0700", "/srv/closed"]);
    for (const [extra, message] of cases) {
      const r = await deploy({ manifest: manifests.v1 as string, ...extra });
      expect(r.code, r.log).toBe(1);
      expect(errorOf(r)).toMatch(message);
      expect(existsSync(join(host.root, extra["state-dir"] ?? stateDir)), "state-dir must not be created").toBe(false);
      expect(existsSync(join(host.root, "etc/systemd/system/hello-blue.service"))).toBe(false);
    }
  });

  it("deploys v1 as hello-blue.service: hardened, enabled, as its own user, the environment exactly as given", async () => {
    const r = await deploy({ manifest: manifests.v1 as string });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(await servedVersion(url)).toBe("v1");
    expect(unitText("blue")).toMatch(/^User=gantry-hello$[\s\S]*^Restart=always$[\s\S]*^ProtectSystem=strict$[\s\S]*^MemoryMax=512M$/m);
    expect(unitText("blue")).toMatch(
      /^SystemCallFilter=@system-service$[\s\S]*^RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX$[\s\S]*^UMask=0027$[\s\S]*^CapabilityBoundingSet=$/m,
    );
    expect(unitText("blue")).toMatch(/^Documentation=https:\/\/example\.com\/hello$/m);
    expect(show("blue")).toMatchObject({ ActiveState: "active", UnitFileState: "enabled" });
    const pid = show("blue").MainPID as string;
    expect(host.exec(["ps", "-o", "user=", "-p", pid]).trim()).toBe("gantry-hello");
    const environ = host.exec(["cat", `/proc/${pid}/environ`]).split("\0");
    expect(environ).toEqual(expect.arrayContaining(["HOST=127.0.0.1", 'GREETING=Hi, 100% "there" $HOME \\o/', "API_TOKEN=s3cret-token", `PORT=${PORTS.blue}`]));
    expect(statSync(join(host.root, stateDir, "run", "blue.env")).mode & 0o777).toBe(0o600);
    expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-token");
  });

  it("moves to v2 under a keep-alive load without failing a request; only green is enabled", async () => {
    const { run, load } = await deployWithLoad({ manifest: manifests.v2 as string });
    expectCleanCutover("systemd cutover", run, load);
    expect(show("green")).toMatchObject({ ActiveState: "active", UnitFileState: "enabled" });
    expect(show("blue")).toMatchObject({ ActiveState: "inactive", UnitFileState: "disabled" });
    expect(await servedVersion(url)).toBe("v2");
  });

  it("kill -9 of the active release: systemd restarts it; the load loses at most what was in flight", async () => {
    const before = show("green").MainPID as string;
    // `kill -9 0` would be the test's own process group.
    expect(Number(before)).toBeGreaterThan(1);
    const result = await killUnderSteadyLoad(`${url}/api/hello`, {
      connections: CONNECTIONS,
      kill: () => host.exec(["kill", "-9", before]),
      manager: "systemd",
      restarted: () => {
        const s = show("green");
        return s.ActiveState === "active" && s.MainPID !== before && s.MainPID !== "0";
      },
    });
    console.info(`systemd, kill -9 of the active release: ${result.failed} of ${result.total} requests failed (${CONNECTIONS} connections)`);
    expect(result.failed).toBeLessThanOrEqual(CONNECTIONS);
    expect(Number(show("green").NRestarts)).toBeGreaterThanOrEqual(1);
    expect(await servedVersion(url)).toBe("v2");
  });

  it("a reboot of the container brings the active version back by itself; the other stays stopped", async () => {
    await host.reboot();
    await waitFor("v2 to serve again through HAProxy", async () => (await servedVersion(url)) === "v2", 30_000);
    expect(show("green")).toMatchObject({ ActiveState: "active", UnitFileState: "enabled" });
    expect(show("blue")).toMatchObject({ ActiveState: "inactive", UnitFileState: "disabled" });
    const status = await deploy({ command: "status" });
    expect(status.code, status.log).toBe(0);
    expect(status.summary).toMatch(/v2 is active on green \(port \d+, pid \d+, running\)/);
  }, 120_000);

  it("rolls an unhealthy v3 back with its journal lines in the error; v2 is kept warm", async () => {
    const { run, load } = await deployWithLoad({ manifest: manifests["v3-unhealthy"] as string });
    expect(run.code, run.log).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: "rolled-back", "active-color": "green", version: "v3-unhealthy", "previous-version": "v2" });
    const message = errorOf(run);
    expect(message).toMatch(/health gate failed: \/healthz did not answer 2xx/);
    expect(message).toMatch(/last output of v3-unhealthy:\nsystemctl: hello-blue\.service /);
    expect(message).toMatch(/hello v3-unhealthy listening on 127\.0\.0\.1:\d+/);
    // Only this release's lines: v1 ran on blue before, and its lines are older than this start.
    expect(message).not.toMatch(/hello v1 listening/);
    expect(run.summary).toMatch(/last output of v3-unhealthy[\s\S]*hello v3-unhealthy listening on/);
    expect(run.log).toMatch(/the active version v2 \(green\) was restarted by systemd since the last run: pid \d+ → \d+/);
    expectNoneFailed("systemd, unhealthy v3 rolled back under load", load, 300);
    expect(show("blue")).toMatchObject({ ActiveState: "inactive", UnitFileState: "disabled" });
    expect(await servedVersion(url)).toBe("v2");
    expect(readFileSync(join(dir, "haproxy", "haproxy.state"), "utf8")).toMatch(/app \d+ green/);
  });
});
