/**
 * runtime: systemd over SSH (issue 12): the deploy runs on this machine and drives a host whose
 * PID 1 is systemd (the nspawn container of test/deploy/systemd-host.ts) through its own sshd,
 * as root (systemctl and useradd need it), with the test's HAProxy as a unit there. A bad
 * `systemd-unit` line is refused in the fleet's preflight before any host changes; v1 → v2 under
 * a keep-alive load fails no request.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { startSteadyLoad } from "../deploy/steady-load.js";
import { buildReleases, haproxyConfig, servedVersion, waitFor } from "../deploy/support.js";
import { type SystemdHost, bootSystemdHost } from "../deploy/systemd-host.js";
import { describeNeeding, lacking } from "../tools.js";
import { type KeyPair, keyPair } from "./servers.js";

const NEEDS = ["root", "systemd-nspawn", "nsenter", "mount", "ip", "haproxy", "systemd-analyze", "sshd", "ssh", "ssh-keygen"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-ssh-systemd-");
const stateDir = "/var/lib/gantry/hello";
const PORTS = { blue: 8081, green: 8082 };
let host: SystemdHost;
let user: KeyPair;
let hostKey: KeyPair;
let manifests: Record<string, string>;
let url: string;

const unit = (description: string, exec: string) => `[Unit]\nDescription=${description}\n[Service]\nExecStart=${exec}\n[Install]\nWantedBy=multi-user.target\n`;

/** The container's sshd: its own config and host key in the shared folder; only root, by key. */
function sshdConfig(): string {
  return [
    "ListenAddress 0.0.0.0:22",
    `HostKey ${hostKey.path}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    "StrictModes no",
    "UsePAM no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin prohibit-password",
    "AllowUsers root",
    "MaxStartups 50",
    "MaxSessions 50",
    "",
  ].join("\n");
}

/** The container's root gets /bin/sh and an empty home of its own: no dotfiles of this machine run at login. */
function containerPasswd(): string {
  return readFileSync("/etc/passwd", "utf8").replace(/^root:.*$/m, "root:x:0:0:root:/var/lib/gantry-test-root:/bin/sh");
}

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(dir, "deploy_key");
  hostKey = keyPair(dir, "host_key");
  writeFileSync(join(dir, "authorized_keys"), `${user.public}\n`);
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }]);
  const hp = join(dir, "haproxy");
  mkdirSync(hp);
  writeFileSync(join(hp, "haproxy.cfg"), haproxyConfig({ socket: join(hp, "admin.sock"), stateFile: join(hp, "haproxy.state"), bind: "*:8080", ports: PORTS }));
  writeFileSync(join(dir, "sshd_config"), sshdConfig());
  host = await bootSystemdHost({
    binds: [dir],
    units: {
      "gantry-test-haproxy.service": unit("the test's HAProxy", `/usr/sbin/haproxy -db -f ${join(hp, "haproxy.cfg")}`),
      "gantry-test-sshd.service": unit("the test's sshd", `/usr/sbin/sshd -D -e -f ${join(dir, "sshd_config")}`).replace(
        "[Service]\n",
        "[Service]\nRuntimeDirectory=sshd\n",
      ),
    },
    files: { "/etc/passwd": containerPasswd(), "/var/lib/gantry-test-root/.keep": "" },
  });
  url = `http://${host.address}:8080`;
  await waitFor("HAProxy in the container", async () => (await servedVersion(url)) !== "HTTP 0", 20_000);
});

afterAll(async () => {
  await host?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    hosts: `root@${host.address}`,
    "ssh-key": user.private,
    "known-hosts": `${host.address} ${hostKey.public.split(" ").slice(0, 2).join(" ")}`,
    app: "hello",
    runtime: "systemd",
    "haproxy-socket": join(dir, "haproxy", "admin.sock"),
    "haproxy-server-state-file": join(dir, "haproxy", "haproxy.state"),
    ports: `${PORTS.blue},${PORTS.green}`,
    "state-dir": stateDir,
    env: "HOST=127.0.0.1\nAPI_TOKEN=s3cret-token",
    "health-interval": "100ms",
    "health-timeout": "5s",
    "verify-window": "1s",
    "drain-timeout": "2s",
    "stop-timeout": "5s",
    ...extra,
  };
}

const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
const activeState = (color: string) => host.exec(["systemctl", "show", "-p", "ActiveState", "--value", `hello-${color}.service`]).trim();

describeNeeding(NEEDS, "deploy over SSH with runtime: systemd (systemd as PID 1 of a container)", () => {
  it("refuses a unit systemd-analyze rejects in the fleet's preflight, before changing the host", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "systemd-unit": "Frobnicate=yes" }), { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(errorOf(r)).toMatch(
      /the hosts are not ready; nothing was changed on any host:\n- root@10\.213\.\d+\.2.*: systemd-unit: systemd-analyze verify refused .*Frobnicate/,
    );
    expect(existsSync(join(host.root, stateDir))).toBe(false);
  });

  it("deploys v1, then v2 under a keep-alive load without failing a request", async () => {
    const first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(first.code, first.log).toBe(0);
    expect(await servedVersion(url)).toBe("v1");

    const load = startSteadyLoad(`${url}/api/hello`, { connections: 50, rate: 1000 });
    await waitFor("the load's first answers", () => load.made() > 100);
    const run = await runAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws });
    const after = load.made();
    await waitFor("answers after the deploy", () => load.made() > after + 100);
    const result = await load.stop();
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    console.info(`systemd over SSH, v1 → v2 under load: ${result.failed} of ${result.total} requests failed`);
    expect(result.total).toBeGreaterThan(500);
    expect(result.failed).toBe(0);
    expect(activeState("green")).toBe("active");
    expect(activeState("blue")).toBe("inactive");
    expect(await servedVersion(url)).toBe("v2");
  });
});
