/**
 * runtime: systemd over SSH (issue 12): the deploy runs on this machine and drives a host whose
 * PID 1 is systemd (an nspawn container of systemd-hosts.ts) through its own sshd, as root
 * (systemctl and useradd need it), with the test's HAProxy as a unit there. A bad `systemd-unit`
 * line is refused in the fleet's preflight before any host changes; v1 → v2 under a keep-alive
 * load fails no request. Several such hosts as a fleet: systemd-fleet.test.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { deployUnderLoad, expectCleanCutover } from "../deploy/steady-load.js";
import { type LoadResult, QUICK_GATES, buildReleases, servedVersion } from "../deploy/support.js";
import { describeNeeding, lacking } from "../tools.js";
import { type KeyPair, keyPair } from "./servers.js";
import { NEEDS_SYSTEMD_SSH, STATE_DIR, type SshSystemdHost, bootSshSystemdHost, systemdSshInputs } from "./systemd-hosts.js";

const HAVE = !lacking(NEEDS_SYSTEMD_SSH).length;

const ws = fixtureCopy("example-service");
let host: SshSystemdHost;
let user: KeyPair;
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(scratchDir("gantry-deploy-ssh-systemd-"), "deploy_key");
  [manifests, host] = await Promise.all([buildReleases(ws, [{ version: "v1" }, { version: "v2" }]), bootSshSystemdHost(user)]);
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return { ...systemdSshInputs([host], user), env: "HOST=127.0.0.1\nAPI_TOKEN=s3cret-token", ...QUICK_GATES, ...extra };
}

const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";

describeNeeding(NEEDS_SYSTEMD_SSH, "deploy over SSH with runtime: systemd (systemd as PID 1 of a container)", () => {
  it("refuses a unit systemd-analyze rejects in the fleet's preflight, before changing the host", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "systemd-unit": "Frobnicate=yes" }), { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(errorOf(r)).toMatch(
      /the hosts are not ready; nothing was changed on any host:\n- root@10\.213\.\d+\.2.*: systemd-unit: systemd-analyze verify refused .*Frobnicate/,
    );
    expect(existsSync(join(host.box.root, STATE_DIR))).toBe(false);
  });

  it("refuses a state-dir the service could not see or enter in the fleet's preflight, naming the folder", async () => {
    host.box.exec(["mkdir", "-p", "-m", "0700", "/srv/closed"]);
    const cases: [string, RegExp][] = [
      ["/var/tmp/gantry/hello", /\n- root@10\.213\.\d+\.2\S*: state-dir: \/var\/tmp\/gantry\/hello is under \/var\/tmp, which the unit's PrivateTmp=yes hides/],
      [
        "/srv/closed/gantry/hello",
        /\n- root@10\.213\.\d+\.2\S*: state-dir: the service's user gantry-hello cannot enter \/srv\/closed \(mode 0700, owner 0:0\).*status=200\/CHDIR/,
      ],
    ];
    for (const [stateDir, message] of cases) {
      const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "state-dir": stateDir }), { workspace: ws });
      expect(r.code, r.log).toBe(1);
      expect(errorOf(r)).toMatch(/the hosts are not ready; nothing was changed on any host:/);
      expect(errorOf(r)).toMatch(message);
      expect(existsSync(join(host.box.root, stateDir))).toBe(false);
    }
  });

  it("deploys v1, then v2 under a keep-alive load without failing a request", async () => {
    const first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(first.code, first.log).toBe(0);
    expect(await servedVersion(host.url)).toBe("v1");

    const { run, loads } = await deployUnderLoad([`${host.url}/api/hello`], () =>
      runAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws }),
    );
    const result = loads[0] as LoadResult;
    expectCleanCutover("systemd over SSH", run, result);
    expect(host.unit("green").ActiveState).toBe("active");
    expect(host.unit("blue").ActiveState).toBe("inactive");
    expect(await servedVersion(host.url)).toBe("v2");
  });
});
