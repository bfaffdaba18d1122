/**
 * Issue 7's performance targets, on three hosts in network namespaces (each with its own sshd,
 * HAProxy and the example service; see test/deploy-ssh/netns.ts), deploys through the CLI bundle:
 * - three hosts, serial: total ≈ 3 × one host's time plus < 1 s overhead per host;
 * - requests failed across the three-host rollout under load on every host: 0 with HAProxy;
 * - side by side with the baseline the target names, one SSH connection per command: the same
 *   one-host deploy in-process with ControlMaster on (gantry) and off.
 * Verify windows are 1 s so the bench ends in a minute or two; they add the same to every host.
 */
import { InputReader, MemoryReporter, mapInputSource } from "@gantry/core";
import { DEPLOY_INPUTS, type DeployInputs, SshHost, SshSession, openConnections, parseDeployInputs, runDeploy } from "@gantry/deploy";
import { type GantryRun, gantry } from "../demo/lib.js";
import { buildReleases, startLoad } from "../test/deploy/support.js";
import { type Fleet, SLOT_PORTS, createFleet } from "../test/deploy-ssh/netns.js";
import { keyPair, removeDir, tempDir } from "../test/deploy-ssh/servers.js";
import { fixtureCopy } from "../test/harness.js";
import { has } from "../test/tools.js";
import type { Measure } from "./figures.js";

const ms = (n: number): Measure => ({ value: Math.round(n), unit: "ms" });
const sec = (n: number): Measure => ({ value: Number((n / 1000).toFixed(1)), unit: "s" });
import type { BenchRow } from "./results.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * ssh as it would run without connection reuse: a new connection (and authentication) for every
 * command. HAProxy's admin socket still goes through one forwarded connection (there is no socat
 * on these hosts), so the baseline's cost is, if anything, understated.
 */
class OneConnectionPerCommand extends SshSession {
  private readonly viaMaster = new SshSession(this.spec, this.cfg);
  override baseArgs(): string[] {
    return super
      .baseArgs()
      .map((a) => (a.startsWith("ControlMaster=") ? "ControlMaster=no" : a.startsWith("ControlPath=") ? "ControlPath=none" : a))
      .filter((a, i, all) => !a.startsWith("ControlPersist=") && all[i + 1]?.startsWith("ControlPersist=") !== true);
  }
  override forwardSocket(remotePath: string): Promise<string> {
    return this.viaMaster.forwardSocket(remotePath);
  }
  override async close(): Promise<void> {
    await this.viaMaster.close();
  }
}

export default async function deploySshBench(): Promise<BenchRow[]> {
  if (process.getuid?.() !== 0 || !has("sshd") || !has("haproxy") || !has("unshare"))
    return [{ metric: "deploy over SSH", show: "skipped: needs root (network namespaces), sshd, haproxy and unshare" }];
  const root = tempDir("gantry-bench-ssh-");
  const ws = fixtureCopy("example-service");
  let fleet: Fleet | undefined;
  try {
    log("building v1…v5 and creating three hosts in network namespaces …");
    const m = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3" }, { version: "v4" }, { version: "v5" }]);
    const user = keyPair(root, "deploy_key");
    fleet = await createFleet(root, user, 3);
    const f = fleet;
    const targets = f.hosts.map((h) => h.sshd.target);
    const inputs = (hosts: string[], manifest: string) => ({
      hosts: hosts.join("\n"),
      "ssh-key": user.private,
      "known-hosts": f.knownHosts,
      app: "hello",
      manifest,
      "haproxy-socket": `${f.mount}/haproxy.sock`,
      ports: `${SLOT_PORTS.blue},${SLOT_PORTS.green}`,
      "state-dir": `${f.mount}/state/{app}`,
      env: "HOST=127.0.0.1",
      "health-interval": "100ms",
      "verify-window": "1s",
      "drain-timeout": "2s",
    });
    const deploy = async (hosts: string[], manifest: string): Promise<GantryRun> => {
      const r = await gantry("deploy", inputs(hosts, manifest), { cwd: ws, quiet: true });
      if (r.code !== 0) throw new Error(`deploy to ${hosts.join(", ")} failed:\n${r.stderr}`);
      return r;
    };

    log("first deploy of v1 to the three hosts (warm-up) …");
    await deploy(targets, m.v1 as string);
    log("v2 to one host …");
    const one = await deploy(targets.slice(0, 1), m.v2 as string);
    log("v3 to three hosts, serial, under load on every host …");
    const loads = f.hosts.map((h) => startLoad(`${h.url}/api/hello`, { connections: 20, rate: 500 }));
    await new Promise((r) => setTimeout(r, 300));
    const three = await deploy(targets, m.v3 as string);
    const results = await Promise.all(loads.map((l) => l.stop()));
    const failed = results.reduce((s, l) => s + l.failed, 0);
    const total = results.reduce((s, l) => s + l.total, 0);
    const overhead = (three.ms - 3 * one.ms) / 3;

    log("the same one-host deploy in-process, with one connection reused and with one connection per command …");
    const side: Record<string, { ms: number; commands: number }> = {};
    for (const [label, version] of [
      ["reused", "v4"],
      ["per-command", "v5"],
    ] as const) {
      const parsed: DeployInputs = parseDeployInputs(new InputReader(mapInputSource(inputs(targets.slice(1, 2), m[version] as string)), DEPLOY_INPUTS), ws);
      const conn = await openConnections(parsed.remote, new MemoryReporter());
      const spec = parsed.remote.hosts[0] as DeployInputs["remote"]["hosts"][number];
      const session = label === "reused" ? new SshSession(spec, conn.saved.config) : new OneConnectionPerCommand(spec, conn.saved.config);
      let commands = 0;
      const run = session.run.bind(session);
      session.run = (c, o) => {
        commands++;
        return run(c, o);
      };
      const started = performance.now();
      const r = await runDeploy(parsed, { host: new SshHost(session), reporter: new MemoryReporter() });
      side[label] = { ms: performance.now() - started, commands };
      if (r.result.outcome !== "promoted") throw new Error(`the ${label} deploy was not promoted: ${r.result.reason}`);
      await session.close();
      removeDir(conn.saved.dir);
    }
    const reused = side.reused as { ms: number; commands: number };
    const perCommand = side["per-command"] as { ms: number; commands: number };
    return [
      { metric: "one host, one deploy (v1 → v2, verify window 1 s)", measures: { ms: sec(one.ms) }, show: "{ms}" },
      { metric: "three hosts, serial (v2/v1 → v3)", measures: { ms: sec(three.ms) }, show: "{ms}" },
      {
        metric: "overhead per host beyond 3 × one host",
        measures: { overhead: ms(overhead) },
        show: "{overhead:+} (promotions of the three hosts run together at the end)",
        target: { measure: "overhead", below: { value: 1, unit: "s" } },
      },
      {
        metric: "requests failed across the three-host rollout, under load on every host (HAProxy)",
        measures: { failed: { value: failed, unit: "" }, total: { value: total, unit: "" } },
        show: "{failed} of {total}",
        target: { measure: "failed", equals: 0 },
      },
      { metric: "SSH commands in a one-host deploy", measures: { commands: { value: reused.commands, unit: "" } }, show: "{commands}" },
      {
        metric: "one-host deploy, one connection reused (gantry) vs one connection per command",
        measures: {
          reused: sec(reused.ms),
          perCommand: sec(perCommand.ms),
          reusedEach: ms(reused.ms / reused.commands),
          perCommandEach: ms(perCommand.ms / perCommand.commands),
        },
        show: "{reused} vs {perCommand} ({reusedEach} vs {perCommandEach} per command)",
      },
    ];
  } finally {
    await fleet?.destroy();
    removeDir(root);
    removeDir(ws);
  }
}
