/**
 * Fault tests (issues 6 and 10): the deployer SIGKILLed under load through HAProxy, between
 * phases (held by GANTRY_DEPLOY_PAUSE_AT right after a phase is journaled) and inside an action:
 * while HAProxy's weights change (a proxy of the test's own holds the command on HAProxy's admin
 * socket, before or after HAProxy applied it), while the old version drains with requests in
 * flight, and while the rollback of an unhealthy release moves traffic back or stops it. Each
 * time: something keeps serving while it lies dead, `command: status` shows the phase, and the
 * next run (or the post step) breaks the stale lock, rolls the cutover back (or completes it once
 * promotion had begun), then deploys, leaving exactly one version up. The load made hundreds of
 * requests across each kill and recovery, and not one of them failed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Color } from "@gantry/deploy";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { AdminProxy, haproxyServers, serverStates } from "./admin-proxy.js";
import { heldOrExit, holdRequests, journal, phase, sigtermPending, transitions } from "./kill-points.js";
import { type RunningAction, runPost, spawnAction } from "./spawn.js";
import { type Kill, killUnderLoad } from "./steady-load.js";
import { type Haproxy, buildReleases, freePort, get, runningServices, servedVersion, startHaproxy, stopServices, waitFor, QUICK_GATES } from "./support.js";

const NEEDS = ["haproxy", "curl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-kill-"); // removed when the file ends
const stateDir = join(dir, "state");
let hp: Haproxy;
/** Every run talks to HAProxy through it: only the commands a test traps are held. */
let proxy: AdminProxy;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;
/** The version serving now; each test deploys the other one. */
let active = "v1";

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]);
  ports = { blue: await freePort(), green: await freePort() };
  hp = await startHaproxy(dir, ports);
  proxy = await AdminProxy.start(join(dir, "proxy.sock"), hp.socket);
});

afterEach(() => proxy?.disarm());

afterAll(async () => {
  stopServices(stateDir);
  await proxy?.close();
  await hp?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    app: "hello",
    "haproxy-socket": proxy.path,
    "haproxy-server-state-file": hp.stateFile,
    ports: `${ports.blue},${ports.green}`,
    "state-dir": stateDir,
    env: "HOST=127.0.0.1",
    ...QUICK_GATES,
    "health-timeout": "3s",
    "verify-window": "500ms",
    ...extra,
  };
}

const other = (v: string) => (v === "v1" ? "v2" : "v1");
const otherColor = (c: Color): Color => (c === "blue" ? "green" : "blue");
const activeColor = () => journal(stateDir).active?.color as Color;
const deploy = (version: string, extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  spawnAction("deploy", inputs({ manifest: manifests[version] as string, ...extra }), { workspace: ws, env });

/** A HAProxy server status that takes new requests. */
const SERVING = expect.not.stringMatching(/MAINT|DRAIN|DOWN/);

/** One kill case under load through HAProxy (steady-load.ts). */
const underLoad = (label: string, fn: (kill: Kill) => Promise<void>) => killUnderLoad(`${hp.url}/api/hello`, label, fn);

/** What `command: status` and the proxy's clients see while the deployer lies dead at `at`. */
async function expectInFlight(at: string): Promise<ActionRun> {
  const status = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
  expect(status.outputs.outcome).toBe("in-flight");
  expect(status.summary).toContain(`phase **${at}**`);
  expect((await get(`${hp.url}/healthz`)).status, "something serves while the deployer lies dead").toBe(200);
  return status;
}

/** Kills a deploy of `version` held at `at` by GANTRY_DEPLOY_PAUSE_AT. */
async function killedAt(at: string, version: string, kill: Kill): Promise<void> {
  const run = deploy(version, {}, { GANTRY_DEPLOY_PAUSE_AT: at });
  await run.waitForLine(new RegExp(`paused at phase ${at}\\b`));
  await kill(run);
  await expectInFlight(at);
}

/** The next run: breaks the dead deployer's lock, finishes its cutover (`action`), then deploys `version`. */
async function recoverThenDeploy(version: string, found: string, action: string): Promise<ActionRun> {
  const r = await runAction("deploy", inputs({ manifest: manifests[version] as string }), { workspace: ws });
  expect(r.code, r.log).toBe(0);
  expect(r.annotations.map((a) => a.message).join("\n")).toMatch(/broke a stale lock: its owner, pid \d+ on .*, is no longer running/);
  const timeline = JSON.parse(r.outputs.timeline as string) as { phase: string; figures: Record<string, string> }[];
  expect(timeline.find((e) => e.phase === "recover")?.figures).toMatchObject({ found, action });
  expect(r.summary).toMatch(/> Recovered first: an unfinished deploy of /);
  expect(r.outputs).toMatchObject({ outcome: "promoted", version });
  expect(runningServices(stateDir)).toHaveLength(1);
  expect(await servedVersion(hp.url)).toBe(version);
  active = version;
  return r;
}

/**
 * The post step of a killed main (as the runner would run it): it rolls the cutover back, so the
 * version that served before serves alone again, all of HAProxy's weight on its color.
 */
async function postRollsBack(main: RunningAction, at: string): Promise<void> {
  const post = await runPost("deploy", main, ws);
  expect(post.code, post.log).toBe(0);
  expect(post.log).toMatch(/broke a stale lock: its owner, pid \d+ on .*, is no longer running/);
  expect(post.log).toMatch(new RegExp(`the main step stopped during ${at}; finishing the cutover now`));
  const from = activeColor();
  expect(runningServices(stateDir)).toEqual([from]);
  expect(await haproxyServers(hp.socket)).toMatchObject({ [from]: { weight: 100, status: SERVING }, [otherColor(from)]: { status: "MAINT" } });
  expect(await servedVersion(hp.url)).toBe(active);
  const status = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
  expect(status.outputs).toMatchObject({ outcome: "rolled-back", version: active });
}

describeNeeding(NEEDS, "deploy: the deployer killed (SIGKILL) between phases and inside actions", () => {
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
  ])("killed during %s: the next run does %s, then deploys; one version serves every request", (at, action) =>
    underLoad(`killed during ${at}`, async (kill) => {
      const next = other(active);
      await killedAt(at, next, kill);
      await recoverThenDeploy(next, `deploy ${next} at ${at}`, action);
    }),
  );

  it.each([
    ["blue-green", 100, "before"],
    ["blue-green", 100, "after"],
    ["canary", 50, "after"],
  ] as const)("killed inside the %s switch to %i percent, %s HAProxy applied it: the next run, or the post step, rolls back", (strategy, weight, at) =>
    underLoad(`killed inside the ${strategy} switch to ${weight}%, ${at} HAProxy applied it`, async (kill) => {
      const next = other(active);
      const [from, to] = [activeColor(), otherColor(activeColor())];
      const trap = proxy.trap({ command: new RegExp(`set server app/${to} weight ${weight};`), at, when: () => phase(stateDir) === "switching" });
      const run = deploy(next, { strategy, "canary-steps": "10,50,100" });
      const held = await heldOrExit(trap, run);
      await kill(run);
      held.release("drop");
      // The kill point is the one the case names: HAProxy has the new weights only when the command got through.
      const servers = await haproxyServers(hp.socket);
      if (at === "before") expect(servers).toMatchObject({ [to]: { status: "MAINT" }, [from]: { weight: 100, status: SERVING } });
      else
        expect(servers).toMatchObject({
          [to]: { weight, status: SERVING },
          [from]: weight === 100 ? { status: "DRAIN" } : { weight: 100 - weight, status: SERVING },
        });
      await expectInFlight("switching");
      // Both ways a killed cutover gets finished: the next run, and the post step of the killed main.
      if (at === "before") await recoverThenDeploy(next, `deploy ${next} at switching`, "roll-back");
      else await postRollsBack(run, "switching");
    }),
  );

  it("killed during drain, requests still in flight on the old version: the next run completes the cutover and every held request is answered", () =>
    underLoad("killed during drain", async (kill) => {
      const next = other(active);
      const [from, to] = [activeColor(), otherColor(activeColor())];
      // Drain polls `show stat` after `promoting` is journaled; a run's own drain is the one after its own transitions.
      const drainingOld = (since: number) => (answer: string | undefined) =>
        phase(stateDir) === "promoting" && transitions(stateDir) > since && (serverStates(answer ?? "")[from]?.inFlight ?? 0) > 0;
      const held = holdRequests(hp.url, 8);
      try {
        await waitFor("8 held requests in flight on the old version", async () => ((await haproxyServers(hp.socket))[from]?.inFlight ?? 0) >= 8);
        const run = deploy(next);
        const draining = await heldOrExit(proxy.trap({ command: /^show stat$/, at: "after", when: drainingOld(0) }), run);
        await kill(run);
        draining.release("drop");
        const servers = await haproxyServers(hp.socket);
        expect(servers).toMatchObject({ [to]: { weight: 100, status: SERVING }, [from]: { status: "DRAIN", inFlight: 8 } });
        expect(runningServices(stateDir)).toHaveLength(2);
        await expectInFlight("promoting");
        // The held requests are let go only once the next run waits for them in its own drain.
        const again = proxy.trap({ command: /^show stat$/, at: "after", when: drainingOld(transitions(stateDir)) });
        const recovering = recoverThenDeploy(next, `deploy ${next} at promoting`, "complete");
        const drained = await Promise.race([again, recovering.then(() => undefined)]);
        drained?.release("pass");
        held.finish();
        await recovering;
        expect(await held.statuses(), "what the held requests got").toEqual(Array(8).fill(200));
        expect(drained, "the next run drained the old version").toBeDefined();
      } finally {
        held.destroy();
      }
    }));

  it("killed inside the rollback of an unhealthy release, once HAProxy took the old version back: the post step finishes the rollback", () =>
    underLoad("killed inside a rollback's switch back", async (kill) => {
      const trap = proxy.trap({
        command: new RegExp(`set server app/${activeColor()} weight 100;`),
        at: "after",
        when: () => phase(stateDir) === "rolling-back",
      });
      const run = deploy("v3-unhealthy");
      const held = await heldOrExit(trap, run);
      await kill(run);
      held.release("drop");
      expect(runningServices(stateDir), "the unhealthy release still runs").toHaveLength(2);
      expect((await expectInFlight("rolling-back")).summary).toMatch(/will roll it back/);
      await postRollsBack(run, "rolling-back");
    }));

  it("killed while the rollback of an unhealthy release stops it: the next run finishes the rollback", () =>
    underLoad("killed while a rollback stops the new version", async (kill) => {
      const before = active;
      const to = otherColor(activeColor());
      const trap = proxy.trap({
        command: new RegExp(`set server app/${activeColor()} weight 100;`),
        at: "after",
        when: () => phase(stateDir) === "rolling-back",
      });
      const run = deploy("v3-unhealthy");
      const held = await heldOrExit(trap, run);
      // Stopped (SIGSTOP), the unhealthy version cannot exit: the deployer's SIGTERM stays pending while it waits in its stop.
      const pid = Number(readFileSync(join(stateDir, "run", `${to}.pid`), "utf8"));
      process.kill(pid, "SIGSTOP");
      try {
        held.release("pass");
        await waitFor("the deployer to SIGTERM the unhealthy version", () => sigtermPending(pid));
        await kill(run);
      } finally {
        process.kill(pid, "SIGCONT");
      }
      await expectInFlight("rolling-back");
      const d = await recoverThenDeploy(other(active), "deploy v3-unhealthy at rolling-back", "roll-back");
      expect(d.outputs["previous-version"]).toBe(before);
    }));

  it("killed during rolling-back (of an unhealthy release): the next run finishes the rollback", () =>
    underLoad("killed during rolling-back", async (kill) => {
      const before = active;
      await killedAt("rolling-back", "v3-unhealthy", kill);
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
    }));

  it("the post step finishes a cutover its main step left behind", () =>
    underLoad("main step killed during verifying, post step", async (kill) => {
      const next = other(active);
      const main = deploy(next, {}, { GANTRY_DEPLOY_PAUSE_AT: "verifying" });
      await main.waitForLine(/paused at phase verifying/);
      await kill(main);
      expect(runningServices(stateDir)).toHaveLength(2);
      const post = await runPost("deploy", main, ws);
      expect(post.code, post.log).toBe(0);
      expect(post.log).toMatch(/the main step stopped during verifying; finishing the cutover now/);
      expect(runningServices(stateDir)).toHaveLength(1);
      expect(await servedVersion(hp.url)).toBe(active);
      const status = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
      expect(status.outputs).toMatchObject({ outcome: "rolled-back", version: active });
    }));
});
