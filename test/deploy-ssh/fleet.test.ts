/**
 * The deploy action across a fleet (issue 7): three hosts in network namespaces the test creates,
 * each with its own sshd, HAProxy and service. Serial rollouts under load on every host, a host
 * whose new version fails its gate, a host cut off mid-deploy (its link set down), a host whose
 * sshd is stopped, a deployer killed between hosts and one killed while promoting: each ends with
 * every host serving one version. Then a parallel canary rollback and the fleet's status.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFileCommands } from "../harness.js";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectNoneFailed } from "../deploy/steady-load.js";
import { type LoadResult, buildReleases, servedVersion, startLoad, QUICK_GATES } from "../deploy/support.js";
import { type RunningAction, runPost, spawnAction } from "../deploy/spawn.js";
import { describeNeeding, lacking } from "../tools.js";
import { type Fleet, SLOT_PORTS, createFleet, cutLink, inHost, restoreLink } from "./netns.js";
import { HOST_USER, type KeyPair, keyPair, removeDir, startSshd, tempDir } from "./servers.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "unshare", "iptables", "ip", "curl", "root"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const root = tempDir("gantry-fleet-");
let fleet: Fleet;
let user: KeyPair;
let manifests: Record<string, string>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(root, "deploy_key");
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3" }]);
  fleet = await createFleet(root, user, 3);
});

afterAll(async () => {
  await fleet?.destroy();
  removeDir(root);
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    hosts: fleet.hosts.map((h) => h.sshd.target).join("\n"),
    "ssh-key": user.private,
    "known-hosts": fleet.knownHosts,
    // Lost hosts are noticed in seconds here; the defaults (15 s × 3) suit real networks.
    "ssh-options": "ConnectTimeout=3\nServerAliveInterval=1\nServerAliveCountMax=2",
    app: "hello",
    "haproxy-socket": `${fleet.mount}/haproxy.sock`,
    "haproxy-server-state-file": `${fleet.mount}/haproxy.state`,
    ports: `${SLOT_PORTS.blue},${SLOT_PORTS.green}`,
    "state-dir": `${fleet.mount}/state/{app}`,
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    "health-timeout": "4s",
    ...extra,
  };
}

const journal = (i: number) => JSON.parse(readFileSync(join(fleet.hosts[i]?.dir as string, "state", "hello", "journal.json"), "utf8"));
const hostsOut = (outputs: Record<string, string>) => JSON.parse(outputs.hosts ?? "[]") as Record<string, string>[];
const errorOf = (r: { annotations: { level: string; message: string }[] }) => r.annotations.find((a) => a.level === "error")?.message ?? "";
const versions = () => Promise.all(fleet.hosts.map((h) => servedVersion(h.url)));
const audit = (i: number) =>
  readFileSync(join(fleet.hosts[i]?.dir as string, "state", "hello", "audit.log"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { command: string; version: string; outcome: string });

/** Runs a fleet deploy while every host's HAProxy takes requests. */
async function underLoad(extra: Record<string, string>): Promise<{ run: ActionRun; loads: LoadResult[] }> {
  const loads = fleet.hosts.map((h) => startLoad(`${h.url}/api/hello`, { connections: 10, rate: 400 }));
  await sleep(300);
  const run = await runAction("deploy", inputs(extra), { workspace: ws });
  await sleep(300);
  return { run, loads: await Promise.all(loads.map((l) => l.stop())) };
}

/** Waits until a host's journal shows a phase of the cutover in flight. */
async function waitForPhase(i: number, phases: string[], main: RunningAction): Promise<void> {
  for (let t = 0; t < 600; t++) {
    try {
      const c = journal(i).cutover;
      // This run's cutover, not one an earlier test left behind.
      if (c?.deployer.pid === main.child.pid && phases.includes(c.phase)) return;
    } catch {
      // not written yet
    }
    await sleep(50);
  }
  throw new Error(`host ${i + 1} never reached ${phases.join("/")}:\n${main.log()}`);
}

/** Resolves once main has exited (at once if it has already). */
function exited(main: RunningAction): Promise<void> {
  return new Promise((r) => (main.child.exitCode !== null || main.child.signalCode !== null ? r() : main.child.once("exit", () => r())));
}

function outputsOf(main: RunningAction): Record<string, string> {
  return parseFileCommands(readFileSync(main.env.GITHUB_OUTPUT as string, "utf8"));
}

describeNeeding(NEEDS, "deploy over SSH to a fleet of three hosts in network namespaces", () => {
  it("deploys v1 to every host, one at a time", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", version: "v1", "active-color": "blue" });
    expect(hostsOut(r.outputs).map((h) => [h.host, h.outcome, h.version])).toEqual(fleet.hosts.map((h) => [h.sshd.target, "promoted", "v1"]));
    expect(await versions()).toEqual(["v1", "v1", "v1"]);
    expect(r.summary).toMatch(/### ✅ deploy hello v1 to 3 host\(s\): promoted/);
  });

  it("moves every host to v2 under load on every host without failing a request; old versions stop only after all passed", async () => {
    const { run, loads } = await underLoad({ manifest: manifests.v2 as string });
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", version: "v2", "previous-version": "v1", "active-color": "green" });
    expectNoneFailed("fleet v1 → v2, serial, under load on 3 hosts", loads, 500);
    // Serial: each host was switched and verified before the next started; drains began only after the last passed.
    const t = JSON.parse(run.outputs.timeline as string) as { host: string; phase: string; start: string; ms: number }[];
    const at = (host: string, phase: string) => t.find((e) => e.host === host && e.phase === phase) as { start: string; ms: number };
    const [h1, h2, h3] = fleet.hosts.map((h) => h.sshd.target) as [string, string, string];
    expect(Date.parse(at(h2, "lock").start)).toBeGreaterThanOrEqual(Date.parse(at(h1, "verify 100%").start) + at(h1, "verify 100%").ms);
    const lastVerified = Date.parse(at(h3, "verify 100%").start) + at(h3, "verify 100%").ms;
    for (const h of [h1, h2, h3]) expect(Date.parse(at(h, "drain").start)).toBeGreaterThanOrEqual(lastVerified - 5);
    expect(await versions()).toEqual(["v2", "v2", "v2"]);
  });

  it("a host whose new version fails its gate stops the rollout; the hosts already switched go back warm, newest first", async () => {
    const h3 = fleet.hosts[2] as Fleet["hosts"][number];
    // Host 3's firewall refuses its idle slot's port: the new version starts but never passes its gate there.
    inHost(h3, ["iptables", "-A", "INPUT", "-i", "lo", "-p", "tcp", "--dport", String(SLOT_PORTS.blue), "-j", "REJECT", "--reject-with", "tcp-reset"]);
    try {
      const { run, loads } = await underLoad({ manifest: manifests.v3 as string });
      expect(run.code, run.log).toBe(1);
      expect(run.outputs.outcome).toBe("rolled-back");
      expect(errorOf(run)).toMatch(new RegExp(`stopped: ${h3.sshd.target.replace(/\./g, "\\.")} failed: health gate failed`));
      expect(hostsOut(run.outputs).map((h) => h.outcome)).toEqual(["rolled-back", "rolled-back", "rolled-back"]);
      expect(hostsOut(run.outputs)[0]?.reason).toMatch(/rolled back because .* failed: health gate failed/);
      const order = [...run.log.matchAll(new RegExp(`(${HOST_USER.name}@[\\d.]+): rolling back v3: rolled back because`, "g"))].map((m) => m[1]);
      expect(order).toEqual([fleet.hosts[1]?.sshd.target, fleet.hosts[0]?.sshd.target]);
      expectNoneFailed("fleet, v3 failing on host 3, rolled back under load", loads);
      expect(await versions()).toEqual(["v2", "v2", "v2"]);
      expect(audit(0).at(-1)).toMatchObject({ command: "deploy", version: "v3", outcome: "rolled-back" });
    } finally {
      inHost(h3, ["iptables", "-F", "INPUT"]);
    }
  });

  it("a host cut off mid-deploy is named; the others go back; its journal rolls it back on the post step's contact", async () => {
    const h2 = fleet.hosts[1] as Fleet["hosts"][number];
    const main = spawnAction("deploy", inputs({ manifest: manifests.v3 as string, "verify-window": "4s" }), { workspace: ws });
    await waitForPhase(1, ["verifying"], main);
    cutLink(h2);
    try {
      await exited(main);
      const out = outputsOf(main);
      expect(out.outcome, main.log()).toBe("failed");
      expect(main.log()).toMatch(new RegExp(`${h2.sshd.target.replace(/\./g, "\\.")} is unreachable`));
      expect(hostsOut(out).map((h) => h.outcome)).toEqual(["rolled-back", "unreachable", "skipped"]);
      expect(journal(1).cutover?.phase).toBe("verifying");
    } finally {
      restoreLink(h2);
    }
    const post = await runPost("deploy", main, ws);
    expect(post.code, post.log).toBe(0);
    expect(post.log).toMatch(/was left at verifying; finishing its cutover now/);
    expect(journal(1).cutover).toBeUndefined();
    expect(await versions()).toEqual(["v2", "v2", "v2"]);
  });

  it("a host whose sshd stops mid-deploy: the others go back, and the next deploy finishes its cutover first", async () => {
    const h3 = fleet.hosts[2] as Fleet["hosts"][number];
    const main = spawnAction("deploy", inputs({ manifest: manifests.v3 as string }), { workspace: ws });
    await waitForPhase(2, ["gating", "switching", "verifying"], main);
    await h3.sshd.stop();
    await exited(main);
    const out = outputsOf(main);
    expect(
      hostsOut(out).map((h) => h.outcome),
      main.log(),
    ).toEqual(["rolled-back", "rolled-back", "unreachable"]);
    h3.sshd = await startSshd({
      dir: root,
      userKey: user,
      address: h3.address,
      port: 22,
      netns: h3.ns,
      hostKey: h3.sshd.hostKey,
      setup: [`mount --bind ${h3.dir} ${fleet.mount}`],
    });
    const next = await runAction("deploy", inputs({ manifest: manifests.v3 as string }), { workspace: ws });
    expect(next.code, next.log).toBe(0);
    expect(next.log).toMatch(/found an unfinished deploy of v3 in the journal/);
    expect(await versions()).toEqual(["v3", "v3", "v3"]);
    // The first run's post step now finds nothing left to finish; it closes its connections and removes its key.
    const post = await runPost("deploy", main, ws);
    expect(post.code, post.log).toBe(0);
    expect(post.log).not.toMatch(/finishing its cutover/);
    expect(existsSync(JSON.parse(main.state()["gantry-cleanup"] as string).dir)).toBe(false);
  });

  it("a deployer killed between hosts leaves hosts the post step rolls back: one version everywhere", async () => {
    const main = spawnAction("deploy", inputs({ manifest: manifests.v1 as string }), {
      workspace: ws,
      env: { GANTRY_DEPLOY_PAUSE_AT: "starting", GANTRY_DEPLOY_PAUSE_HOST: "2" },
    });
    await main.waitForLine(/paused at phase starting/);
    expect(journal(0).cutover?.transitions.at(-1)?.note).toMatch(/^held/);
    await main.kill();
    const post = await runPost("deploy", main, ws);
    expect(post.code, post.log).toBe(0);
    expect(await versions()).toEqual(["v3", "v3", "v3"]);
    for (const i of [0, 1, 2]) expect(journal(i).cutover).toBeUndefined();
  });

  it("a deployer killed while promoting: the post step completes the promotion on every host", async () => {
    const main = spawnAction("deploy", inputs({ manifest: manifests.v1 as string }), {
      workspace: ws,
      env: { GANTRY_DEPLOY_PAUSE_AT: "promoting", GANTRY_DEPLOY_PAUSE_HOST: "1" },
    });
    await main.waitForLine(/paused at phase promoting/);
    await main.kill();
    const post = await runPost("deploy", main, ws);
    expect(post.code, post.log).toBe(0);
    expect(await versions()).toEqual(["v1", "v1", "v1"]);
    for (const i of [0, 1, 2]) expect(journal(i).cutover).toBeUndefined();
  });

  it("command: rollback across the fleet, in parallel after one canary host, then status", async () => {
    const r = await runAction("deploy", inputs({ command: "rollback", rollout: "parallel", "max-parallel": "2", "canary-hosts": "1" }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "rolled-back", version: "v3" });
    expect(await versions()).toEqual(["v3", "v3", "v3"]);
    const s = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
    expect(s.code, s.log).toBe(0);
    expect(s.outputs).toMatchObject({ version: "v3", "previous-version": "v1" });
    expect(hostsOut(s.outputs).map((h) => h.version)).toEqual(["v3", "v3", "v3"]);
    expect(s.summary).toMatch(/All 3 host\(s\) serve v3/);
  });

  it("leaves no key, known_hosts or control socket of these runs behind", () => {
    const net = fleet.subnet.replace(/0\/24$/, "");
    const left = readdirSync(tmpdir())
      .filter((d) => d.startsWith("gantry-ssh-"))
      .filter((d) => {
        try {
          return readFileSync(join(tmpdir(), d, "known_hosts"), "utf8").includes(net);
        } catch {
          return false;
        }
      });
    expect(left).toEqual([]);
  });
});
