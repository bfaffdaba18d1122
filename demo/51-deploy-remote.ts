import { formatTarget, hostTarget } from "@gantry/core";
import { servedVersion, startLoad } from "../test/deploy/support.js";
import { type Fleet, SLOT_PORTS, createFleet } from "../test/deploy-ssh/netns.js";
import { keyPair, removeDir, tempDir } from "../test/deploy-ssh/servers.js";
import { type DemoContext, type GantryRun, gantry } from "./lib.js";

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The fleet sentence the deploy prints last (its job summary's first line). */
function outcomeLine(run: GantryRun): string {
  return (
    run.stderr
      .split("\n")
      .reverse()
      .find((l) => /hello: /.test(l) && !/^(warning|notice): /.test(l))
      ?.replace(/^(gantry deploy: |error: )/, "") ?? `exit ${run.code}`
  );
}

/**
 * `npm run demo -- --remote` (issue 7): three servers in network namespaces on this machine, each
 * with its own sshd, HAProxy and service, deployed to over SSH like remote hosts: the service
 * built by go-build goes to all three, then v2 one host at a time under load on every host, then
 * a broken release fails its gate on the first host and never reaches the others. Needs root
 * (for `ip netns`).
 */
export default async function deployRemoteDemo(ctx: DemoContext): Promise<void> {
  if (!ctx.args.includes("--remote")) {
    say("skipped: run `npm run demo -- --remote` to deploy to three SSH hosts in network namespaces (needs root)");
    return;
  }
  if (process.getuid?.() !== 0) {
    say("skipped: --remote creates network namespaces, which needs root");
    return;
  }
  const root = tempDir("gantry-demo-remote-");
  let fleet: Fleet | undefined;
  try {
    const user = keyPair(root, "deploy_key");
    fleet = await createFleet(root, user, 3);
    const f = fleet;
    say(`three hosts: ${f.hosts.map((h) => `${h.sshd.target} (HAProxy ${h.url})`).join(", ")}`);
    const inputs = {
      hosts: f.hosts.map((h) => h.sshd.target).join(","),
      "ssh-key": user.private,
      "known-hosts": f.knownHosts,
      "haproxy-socket": `${f.mount}/haproxy.sock`,
      ports: `${SLOT_PORTS.blue},${SLOT_PORTS.green}`,
      "state-dir": `${f.mount}/state/{app}`,
      env: "HOST=127.0.0.1\nGREETING=Hello from a remote host",
      "verify-window": "2s",
      "health-timeout": "10s",
      "drain-timeout": "5s",
    };
    const manifest = ctx.shared.manifest ?? "dist/artifacts.json";
    const first = await gantry("deploy", { ...inputs, manifest }, { cwd: ctx.work, quiet: true });
    say(`1. ${outcomeLine(first)}`);
    if (first.code !== 0) throw new Error(`the first remote deploy failed:\n${first.stderr}`);

    const build = async (version: string, x = "") => {
      const run = await gantry(
        "go-build",
        { targets: formatTarget(hostTarget()), version, x, archive: "none", "out-dir": `dist-${version}`, "mod-check": "off" },
        { cwd: ctx.work, quiet: true },
      );
      if (run.code !== 0) throw new Error(`go-build ${version} failed:\n${run.stderr}`);
      return run.outputs.manifest as string;
    };
    /** A deploy while every host's HAProxy takes 500 requests a second. */
    const underLoad = async (manifest: string) => {
      const loads = f.hosts.map((h) => startLoad(`${h.url}/api/hello`, { connections: 20, rate: 500 }));
      const run = await gantry("deploy", { ...inputs, manifest }, { cwd: ctx.work, quiet: true });
      const results = await Promise.all(loads.map((l) => l.stop()));
      const failed = results.reduce((s, l) => s + l.failed, 0);
      const total = results.reduce((s, l) => s + l.total, 0);
      const serving = (await Promise.all(f.hosts.map((h) => servedVersion(h.url)))).join(", ");
      return { run, line: `under load on every host: ${failed} of ${total} requests failed; serving now: ${serving}` };
    };
    const v2 = await underLoad(await build("v2.0.0"));
    say(`2. ${outcomeLine(v2.run)}`);
    say(`   ${v2.line}`);
    const broken = await underLoad(await build("v3.0.0-unhealthy", "main.fault=unhealthy"));
    say(`3. ${outcomeLine(broken.run)}`);
    say(`   ${broken.line}`);
    const status = await gantry("deploy", { ...inputs, command: "status" }, { cwd: ctx.work, quiet: true });
    say(`4. status: ${status.outputs.hosts}`);
  } finally {
    await fleet?.destroy();
    removeDir(root);
  }
}
