import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { formatTarget, hostTarget } from "@gantry/core";
import { freePort, servedVersion, startHaproxy, startLoad, stopServices } from "../test/deploy/support.js";
import { type DemoContext, type GantryRun, gantry } from "./lib.js";

/** The sentence the deploy prints about its outcome (the job summary's first line). */
function outcomeLine(run: GantryRun): string {
  return (
    run.stderr
      .split("\n")
      .reverse()
      .find((l) => /^(gantry deploy: )?hello: /.test(l))
      ?.replace(/^gantry deploy: /, "") ?? `exit ${run.code}`
  );
}

/**
 * Deploys the example service behind a HAProxy on loopback: v1, then v2 while 100 keep-alive
 * connections hammer it (and counts what failed), then a broken v3 that answers 500 after the
 * switch and is rolled back by itself.
 */
export default async function deployDemo(ctx: DemoContext): Promise<void> {
  const dir = join(ctx.work, "deploy");
  mkdirSync(dir, { recursive: true });
  const ports = { blue: await freePort(), green: await freePort() };
  const hp = await startHaproxy(dir, ports);
  const stateDir = join(dir, "state");
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const inputs = {
    "haproxy-socket": hp.socket,
    "haproxy-server-state-file": hp.stateFile,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": stateDir,
    env: "HOST=127.0.0.1\nGREETING=Hello from gantry",
    "verify-window": "3s",
    "drain-timeout": "5s",
  };
  const build = async (version: string, x = "") => {
    const run = await gantry(
      "go-build",
      { targets: formatTarget(hostTarget()), version, x, archive: "none", "out-dir": `dist-${version}`, "mod-check": "off" },
      { cwd: ctx.work, quiet: true },
    );
    if (run.code !== 0) throw new Error(`go-build ${version} failed:\n${run.stderr}`);
    return run.outputs.manifest as string;
  };
  try {
    say(`HAProxy on ${hp.url} (admin socket ${hp.socket}); slots blue :${ports.blue}, green :${ports.green}`);
    const v1 = await gantry("deploy", { ...inputs, manifest: ctx.shared.manifest ?? "dist/artifacts.json" }, { cwd: ctx.work, quiet: true });
    say(`1. ${outcomeLine(v1)}`);
    if (v1.code !== 0) throw new Error("the first deploy failed");

    const v2manifest = await build("v2.0.0");
    const load = startLoad(`${hp.url}/api/hello`, { connections: 100 });
    const v2 = await gantry("deploy", { ...inputs, manifest: v2manifest }, { cwd: ctx.work, quiet: true });
    const l = await load.stop();
    say(`2. ${outcomeLine(v2)}`);
    say(`   under load: ${l.failed} of ${l.total} requests failed (100 keep-alive connections, ${Math.round(l.rps)} req/s, a client that does not retry)`);

    const v3manifest = await build("v3.0.0-broken", "main.fault=500");
    const load3 = startLoad(`${hp.url}/api/hello`, { connections: 100 });
    const v3 = await gantry("deploy", { ...inputs, manifest: v3manifest }, { cwd: ctx.work, quiet: true });
    const l3 = await load3.stop();
    say(`3. ${outcomeLine(v3)}`);
    say(`   users saw ${l3.failed} of ${l3.total} requests fail before the rollback; serving now: ${await servedVersion(hp.url)}`);
    ctx.shared.deployStateDir = stateDir;
  } finally {
    stopServices(stateDir);
    await hp.stop();
  }
}
