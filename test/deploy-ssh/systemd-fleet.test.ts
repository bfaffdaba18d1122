/**
 * runtime: systemd across a fleet over SSH (issue 12: "locally and over SSH, one host or a
 * fleet"): two hosts whose PID 1 is systemd (nspawn containers of systemd-hosts.ts, booted at
 * once; two keep the 2-core machine's load low), each with its own sshd and HAProxy. v1, then v2
 * under a non-retrying keep-alive load on every host without a failed request; then a v3 that
 * fails its gate on the second host only: the rollout stops, the first host goes back warm, and
 * every host serves v2 from its enabled green unit, as fleet.test.ts shows for runtime: process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { deployUnderLoad, expectNoneFailed } from "../deploy/steady-load.js";
import { QUICK_GATES, buildReleases, servedVersion } from "../deploy/support.js";
import { describeNeeding, lacking } from "../tools.js";
import { type KeyPair, keyPair } from "./servers.js";
import { NEEDS_SYSTEMD_SSH, PORTS, STATE_DIR, type SshSystemdHost, bootSshSystemdFleet, systemdSshInputs } from "./systemd-hosts.js";

const NEEDS = [...NEEDS_SYSTEMD_SSH, "iptables"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
let hosts: SshSystemdHost[];
let user: KeyPair;
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(scratchDir("gantry-systemd-fleet-"), "deploy_key");
  [manifests, hosts] = await Promise.all([buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3" }]), bootSshSystemdFleet(user, 2)]);
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...systemdSshInputs(hosts, user),
    // Lost hosts are noticed in seconds here; the defaults suit real networks.
    "ssh-options": "ConnectTimeout=3\nServerAliveInterval=1\nServerAliveCountMax=2",
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    ...extra,
  };
}

const versions = () => Promise.all(hosts.map((h) => servedVersion(h.url)));
const hostsOut = (r: ActionRun) => JSON.parse(r.outputs.hosts ?? "[]") as Record<string, string>[];
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
const lastAudit = (h: SshSystemdHost) =>
  JSON.parse(
    readFileSync(join(h.box.root, STATE_DIR, "audit.log"), "utf8")
      .trim()
      .split("\n")
      .at(-1) as string,
  );

/** Runs a fleet deploy while a steady keep-alive load goes through every host's HAProxy. */
const underLoad = (extra: Record<string, string>) =>
  deployUnderLoad(
    hosts.map((h) => `${h.url}/api/hello`),
    () => runAction("deploy", inputs(extra), { workspace: ws }),
    { connections: 20, rate: 400 },
  );

/** Every host runs green (enabled for boot) and has blue stopped and disabled. */
function expectGreenEverywhere(): void {
  for (const h of hosts) {
    expect(h.unit("green"), h.target).toMatchObject({ ActiveState: "active", UnitFileState: "enabled" });
    expect(h.unit("blue"), h.target).toMatchObject({ ActiveState: "inactive", UnitFileState: "disabled" });
  }
}

describeNeeding(NEEDS, "deploy over SSH with runtime: systemd to a fleet of two systemd hosts", () => {
  it("deploys v1 to both hosts, then v2 under a keep-alive load on each without failing a request", async () => {
    const first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(first.code, first.log).toBe(0);
    expect(await versions()).toEqual(["v1", "v1"]);

    const { run, loads } = await underLoad({ manifest: manifests.v2 as string });
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", version: "v2", "previous-version": "v1", "active-color": "green" });
    expect(hostsOut(run).map((h) => [h.host, h.outcome, h.version])).toEqual(hosts.map((h) => [h.target, "promoted", "v2"]));
    console.info(`systemd fleet v1 → v2 under load on 2 hosts: ${loads.map((l) => `${l.failed} of ${l.total}`).join(", ")} requests failed`);
    for (const l of loads) {
      expect(l.total).toBeGreaterThan(200);
      expect(l.failed).toBe(0);
    }
    expect(await versions()).toEqual(["v2", "v2"]);
    expectGreenEverywhere();
  });

  it("a v3 failing its gate on the second host stops the rollout; the first goes back warm; every host serves v2", async () => {
    const [h1, h2] = hosts as [SshSystemdHost, SshSystemdHost];
    // The second host's firewall refuses its idle slot's port: v3 starts there but never passes its gate.
    const reject = ["INPUT", "-i", "lo", "-p", "tcp", "--dport", String(PORTS.blue), "-j", "REJECT", "--reject-with", "tcp-reset"];
    h2.box.exec(["iptables", "-A", ...reject]);
    try {
      const { run, loads } = await underLoad({ manifest: manifests.v3 as string });
      expect(run.code, run.log).toBe(1);
      expect(run.outputs.outcome).toBe("rolled-back");
      expect(errorOf(run)).toMatch(new RegExp(`stopped: ${h2.target.replace(/\./g, "\\.")} failed: health gate failed`));
      // The failing host's journal lines for v3's unit come back over SSH into the error.
      expect(errorOf(run)).toMatch(/last output of v3 on root@[\d.]+:\nsystemctl: hello-blue\.service [\s\S]*hello v3 listening on 127\.0\.0\.1:\d+/);
      expect(hostsOut(run).map((h) => h.outcome)).toEqual(["rolled-back", "rolled-back"]);
      expect(hostsOut(run)[0]?.reason).toMatch(/rolled back because .* failed: health gate failed/);
      expect(run.log).toMatch(new RegExp(`${h1.target.replace(/\./g, "\\.")}: rolling back v3: rolled back because`));
      const timeline = JSON.parse(run.outputs.timeline as string) as { host: string; phase: string; figures: Record<string, unknown> }[];
      expect(timeline.find((e) => e.host === h1.target && e.phase === "rollback")?.figures.cold, "v2 still ran on the first host").toBe(false);
      expectNoneFailed("systemd fleet, v3 failing on host 2, rolled back under load", loads, 200);
      expect(await versions()).toEqual(["v2", "v2"]);
      expectGreenEverywhere();
      for (const h of hosts) expect(lastAudit(h)).toMatchObject({ command: "deploy", version: "v3", outcome: "rolled-back" });
    } finally {
      h2.box.exec(["iptables", "-D", ...reject]);
    }
  });
});
