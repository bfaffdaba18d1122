/**
 * Fault tests: the deployer SIGKILLed in each phase of a cutover (held there by
 * GANTRY_DEPLOY_PAUSE_AT right after the phase is journaled), under load through HAProxy.
 * Each time: something keeps serving while it lies dead, `command: status` shows the phase, and
 * the next run breaks the stale lock, rolls the cutover back (or completes it once promotion had
 * begun), then deploys, leaving exactly one version up. Not one request fails throughout.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureCopy, runAction } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { runPost, spawnAction } from "./spawn.js";
import { type Haproxy, buildReleases, freePort, get, runningServices, servedVersion, startHaproxy, startLoad, stopServices } from "./support.js";

const NEEDS = ["haproxy", "curl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const dir = mkdtempSync(join(tmpdir(), "gantry-deploy-kill-"));
const stateDir = join(dir, "state");
let hp: Haproxy;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;
/** The version serving now; each test deploys the other one. */
let active = "v1";

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]);
  ports = { blue: await freePort(), green: await freePort() };
  hp = await startHaproxy(dir, ports);
});

afterAll(async () => {
  stopServices(stateDir);
  await hp?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    app: "hello",
    "haproxy-socket": hp.socket,
    "haproxy-server-state-file": hp.stateFile,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": stateDir,
    env: "HOST=127.0.0.1",
    "health-interval": "100ms",
    "health-timeout": "3s",
    "verify-window": "500ms",
    "drain-timeout": "2s",
    "stop-timeout": "5s",
    ...extra,
  };
}

const other = (v: string) => (v === "v1" ? "v2" : "v1");

/** Kills a deploy of `version` held at `phase`; returns what status said while it lay dead. */
async function killedAt(phase: string, version: string): Promise<void> {
  const run = spawnAction("deploy", inputs({ manifest: manifests[version] as string }), { workspace: ws, env: { GANTRY_DEPLOY_PAUSE_AT: phase } });
  await run.waitForLine(new RegExp(`paused at phase ${phase}\\b`));
  await run.kill();
  const status = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
  expect(status.outputs.outcome).toBe("in-flight");
  expect(status.summary).toContain(`phase **${phase}**`);
  expect((await get(`${hp.url}/healthz`)).status, "something serves while the deployer lies dead").toBe(200);
}

describeNeeding(NEEDS, "deploy: the deployer killed (SIGKILL) in each phase", () => {
  it("starts from v1", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(await servedVersion(hp.url)).toBe("v1");
  });

  it.each([
    ["staging", "roll-back"],
    ["starting", "roll-back"],
    ["gating", "roll-back"],
    ["switching", "roll-back"],
    ["verifying", "roll-back"],
    ["promoting", "complete"],
    ["stopping-old", "complete"],
  ])("killed during %s: the next run does %s, then deploys; one version serves every request", async (phase, action) => {
    const next = other(active);
    const load = startLoad(`${hp.url}/api/hello`, { connections: 100, rate: 2000 });
    try {
      await killedAt(phase, next);
      const r = await runAction("deploy", inputs({ manifest: manifests[next] as string }), { workspace: ws });
      expect(r.code, r.log).toBe(0);
      expect(r.annotations.map((a) => a.message).join("\n")).toMatch(/broke a stale lock: its owner, pid \d+ on .*, is no longer running/);
      const timeline = JSON.parse(r.outputs.timeline as string) as { phase: string; figures: Record<string, string> }[];
      expect(timeline.find((e) => e.phase === "recover")?.figures).toMatchObject({ found: `deploy ${next} at ${phase}`, action });
      expect(r.summary).toMatch(/> Recovered first: an unfinished deploy of /);
      expect(r.outputs).toMatchObject({ outcome: "promoted", version: next });
      expect(runningServices(stateDir)).toHaveLength(1);
      expect(await servedVersion(hp.url)).toBe(next);
      active = next;
    } finally {
      const l = await load.stop();
      console.info(`killed during ${phase}: ${l.failed} of ${l.total} requests failed`);
      expect(l.failed).toBe(0);
    }
  });

  it("killed during rolling-back (of an unhealthy release): the next run finishes the rollback", async () => {
    const before = active;
    await killedAt("rolling-back", "v3-unhealthy");
    const r = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
    expect(r.summary).toMatch(/will roll it back/);
    const next = other(active);
    const d = await runAction("deploy", inputs({ manifest: manifests[next] as string }), { workspace: ws });
    expect(d.code, d.log).toBe(0);
    const timeline = JSON.parse(d.outputs.timeline as string) as { phase: string; figures: Record<string, string> }[];
    expect(timeline[1]).toMatchObject({ phase: "recover", figures: { found: "deploy v3-unhealthy at rolling-back", action: "roll-back" } });
    expect(d.outputs["previous-version"]).toBe(before);
    expect(runningServices(stateDir)).toHaveLength(1);
    active = next;
  });

  it("the post step finishes a cutover its main step left behind", async () => {
    const next = other(active);
    const main = spawnAction("deploy", inputs({ manifest: manifests[next] as string }), { workspace: ws, env: { GANTRY_DEPLOY_PAUSE_AT: "verifying" } });
    await main.waitForLine(/paused at phase verifying/);
    await main.kill();
    expect(runningServices(stateDir)).toHaveLength(2);
    const post = await runPost("deploy", main, ws);
    expect(post.code, post.log).toBe(0);
    expect(post.log).toMatch(/the main step stopped during verifying; finishing the cutover now/);
    expect(runningServices(stateDir)).toHaveLength(1);
    expect(await servedVersion(hp.url)).toBe(active);
    const status = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
    expect(status.outputs).toMatchObject({ outcome: "rolled-back", version: active });
  });
});
