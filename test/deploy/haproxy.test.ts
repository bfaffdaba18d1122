/**
 * The deploy action through the harness against real HAProxy (runtime API on its admin socket)
 * and the example service on loopback: first deploy, cutovers under load, an unhealthy, a
 * crashing and a 500-answering release rolled back by themselves, canary, rollback, status, a
 * HAProxy restart that keeps the active color, and `kill -9` of the active release. Every case runs
 * twice: with the slots declared `disabled`, and in the form most HAProxy users write, weight 0
 * under HAProxy's own `check`, where a slot with no process behind it is DOWN.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { haproxyServers } from "./admin-proxy.js";
import { startSteadyLoad } from "./steady-load.js";
import {
  type Haproxy,
  type LoadResult,
  buildReleases,
  freePort,
  runningServices,
  servedVersion,
  startHaproxy,
  startLoad,
  stopServices,
  haproxyInputs,
  waitFor,
  QUICK_GATES,
} from "./support.js";

const NEEDS = ["haproxy", "curl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-haproxy-");
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [
    { version: "v1" },
    { version: "v2" },
    { version: "v3" },
    { version: "v4-unhealthy", fault: "unhealthy" },
    { version: "v5-crash", fault: "crash" },
    { version: "v6-500", fault: "500" },
  ]);
});

/** Runs a deploy while 100 keep-alive connections send requests through HAProxy. */
const LOAD_CONNECTIONS = 100;
/** Requests a load must have made in the window a test judges: a load that made few proves nothing. */
const MIN_REQUESTS = 300;

/** What a load saw, said in the run's output; then that it made at least MIN_REQUESTS and failed at most `maxFailed`. */
function expectLoad(label: string, load: { total: number; failed: number }, maxFailed = 0): void {
  console.info(`${label}: ${load.failed} of ${load.total} requests failed`);
  expect(load.total, `requests the load made (${label})`).toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect(load.failed, `failed requests (${label})`).toBeLessThanOrEqual(maxFailed);
}

const phases = (run: ActionRun) => (JSON.parse(run.outputs.timeline ?? "[]") as { phase: string; figures: Record<string, unknown> }[]).map((e) => e.phase);

for (const check of [false, true]) routerCases(check);

/** Every case against a HAProxy of its own whose slots are `disabled`, or (`check`) weight 0 under HAProxy's health checks. */
function routerCases(check: boolean): void {
  const variant = check ? "slots under HAProxy's check" : "slots disabled";
  const here = join(dir, check ? "check" : "disabled");
  const stateDir = join(here, "state");
  let hp: Haproxy;
  let ports: { blue: number; green: number };

  function inputs(extra: Record<string, string> = {}): Record<string, string> {
    return {
      app: "hello",
      router: "haproxy",
      ...haproxyInputs(hp, ports, stateDir),
      env: "HOST=127.0.0.1\nGREETING=Hi there\nAPI_TOKEN=s3cret-token",
      ...QUICK_GATES,
      ...extra,
    };
  }

  async function deployUnderLoad(extra: Record<string, string>): Promise<{ run: ActionRun; load: LoadResult }> {
    const load = startLoad(`${hp.url}/api/hello`, { connections: LOAD_CONNECTIONS, rate: 4000 });
    await new Promise((r) => setTimeout(r, 300));
    const run = await runAction("deploy", inputs(extra), { workspace: ws });
    await new Promise((r) => setTimeout(r, 300));
    return { run, load: await load.stop() };
  }

  describeNeeding(NEEDS, `deploy with HAProxy (${variant})`, () => {
    beforeAll(async () => {
      mkdirSync(here, { recursive: true });
      ports = { blue: await freePort(), green: await freePort() };
      hp = await startHaproxy(here, ports, { check });
    });

    afterAll(async () => {
      stopServices(stateDir);
      await hp?.stop();
    });

    it("refuses bad settings with a clear error before anything changes", async () => {
      // A port in use that is neither slot's: the kernel may hand out a slot's port again, as freePort() let it go.
      let busy: net.Server;
      let busyPort: number;
      do {
        busy = net.createServer().listen(0, "127.0.0.1");
        await new Promise((r) => busy.once("listening", r));
        busyPort = (busy.address() as net.AddressInfo).port;
        if (busyPort === ports.blue || busyPort === ports.green) busy.close();
      } while (busyPort === ports.blue || busyPort === ports.green);
      const cases: [Record<string, string>, RegExp][] = [
        [{ manifest: manifests.v1 as string, "haproxy-socket": join(dir, "nope.sock") }, /haproxy-socket: cannot reach HAProxy's admin socket .*nope\.sock/],
        [{ manifest: manifests.v1 as string, "haproxy-backend": "other" }, /HAProxy has no backend 'other' \(haproxy-backend\)/],
        [{ artifact: join(dir, "missing-binary") }, /input 'artifact': ".*missing-binary" is not valid; no such file/],
        [
          { manifest: manifests.v1 as string, ports: `${busyPort},${ports.green}` },
          new RegExp(`input 'ports'.*port ${busyPort} \\(the idle blue slot\\) is in use`),
        ],
        [{ manifest: manifests.v1 as string, "verify-window": "30" }, /input 'verify-window': "30" is not valid; accepted: a number with a unit/],
      ];
      try {
        for (const [extra, message] of cases) {
          const r = await runAction("deploy", inputs(extra), { workspace: ws });
          expect(r.code, r.log).toBe(1);
          expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(message);
          expect(existsSync(stateDir), "state-dir must not be created").toBe(false);
        }
      } finally {
        busy.close();
      }
    });

    it("deploys v1 on a fresh host: blue, gated, verified, journaled", async () => {
      const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
      expect(r.code, r.log).toBe(0);
      expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1", "previous-version": "" });
      expect(phases(r)).toEqual(["lock", "stage", "start", "health-gate", "switch 100%", "verify 100%"]);
      expect(await servedVersion(hp.url)).toBe("v1");
      expect(r.summary).toMatch(/### ✅ deploy hello v1: promoted/);
      expect(r.summary).toMatch(/\| health gate \(\/healthz\) \| 3 × 2xx in a row after \d+ checks/);
      expect(r.post?.code).toBe(0);
      // The runner consumes ::add-mask:: commands; nothing else may print the secret.
      expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-token");
      const env = join(stateDir, "releases", "v1", "service.env");
      expect(readFileSync(env, "utf8")).toBe("HOST=127.0.0.1\nGREETING=Hi there\nAPI_TOKEN=s3cret-token\n");
      expect(statSync(env).mode & 0o777).toBe(0o600);
    });

    it("moves to v2 under load without failing a request, then stops v1", async () => {
      const { run, load } = await deployUnderLoad({ manifest: manifests.v2 as string });
      expect(run.code, run.log).toBe(0);
      expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
      expect(phases(run)).toEqual(["lock", "stage", "start", "health-gate", "switch 100%", "verify 100%", "drain", "stop-old"]);
      expect(Number(run.outputs["error-rate"])).toBe(0);
      expectLoad(`haproxy (${variant}) cutover v1 → v2 under load`, load);
      expect(load.total).toBeGreaterThan(1000);
      expect(runningServices(stateDir)).toEqual(["green"]);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it.each([
      ["v4-unhealthy", /health gate failed: \/healthz did not answer 2xx 3 times in a row within 5\.0 s \(\d+ checks, last: HTTP 503\)/],
      // It exits 2 s after its start: the verify window must outlast that.
      ["v5-crash", /verify window at 100% failed: the process exited .* into the verify window/],
    ])("rolls %s back by itself; v2 never stopped serving", async (version, reason) => {
      const { run, load } = await deployUnderLoad({ manifest: manifests[version] as string, "verify-window": "4s" });
      expect(run.code, run.log).toBe(1);
      expect(run.outputs).toMatchObject({ outcome: "rolled-back", "active-color": "green", version, "previous-version": "v2" });
      expect(run.annotations.find((a) => a.level === "error")?.message).toMatch(reason);
      expect(run.summary).toMatch(/### ↩️ deploy hello .*: rolled-back/);
      expect(phases(run)).toContain("rollback");
      // An unhealthy release never gets traffic; one that crashes while serving loses what was in
      // flight on it when it died (none on a quiet machine, up to one per connection on a loaded
      // one: HAProxy retries only requests that found no listener), and nothing after.
      expectLoad(`haproxy (${variant}), ${version} rolled back under load`, load, version === "v5-crash" ? LOAD_CONNECTIONS : 0);
      expect(runningServices(stateDir)).toEqual(["green"]);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("rolls back a release that answers 500 after the switch (blue-green), from HAProxy's counters", async () => {
      const { run, load } = await deployUnderLoad({ manifest: manifests["v6-500"] as string });
      expect(run.code, run.log).toBe(1);
      expect(run.outputs.outcome).toBe("rolled-back");
      expect(Number(run.outputs["error-rate"])).toBeGreaterThan(1);
      expect(run.annotations.find((a) => a.level === "error")?.message).toMatch(
        /verify window at 100% failed: error rate \d+\.\d\d% \(\d+ of \d+ requests\) is over max-error-rate 1%/,
      );
      const rollback = (JSON.parse(run.outputs.timeline as string) as { phase: string; figures: Record<string, unknown> }[]).find(
        (e) => e.phase === "rollback",
      );
      expect(rollback?.figures["ms-to-old-version"]).toEqual(expect.any(Number));
      console.info(`haproxy (${variant}) blue-green, 500 release: users saw ${load.failed} of ${load.total} requests fail before the rollback`);
      expect(load.total).toBeGreaterThanOrEqual(MIN_REQUESTS);
      expect(load.failed).toBeGreaterThan(0);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("a canary of the 500 release stops at its first step", async () => {
      const { run, load } = await deployUnderLoad({ manifest: manifests["v6-500"] as string, strategy: "canary" });
      expect(run.code, run.log).toBe(1);
      expect(run.outputs.outcome).toBe("rolled-back");
      expect(phases(run)).toEqual(["lock", "stage", "start", "health-gate", "switch 5%", "verify 5%", "rollback"]);
      console.info(`haproxy (${variant}) canary 5%, 500 release: users saw ${load.failed} of ${load.total} requests fail before the rollback`);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("promotes a healthy canary through every step under load", async () => {
      const { run, load } = await deployUnderLoad({
        manifest: manifests.v3 as string,
        strategy: "canary",
        "canary-steps": "10,50,100",
        "verify-window": "500ms",
      });
      expect(run.code, run.log).toBe(0);
      expect(phases(run).filter((p) => p.startsWith("switch"))).toEqual(["switch 10%", "switch 50%", "switch 100%"]);
      expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v3", "previous-version": "v2" });
      expectLoad(`haproxy (${variant}) canary 10,50,100 under load`, load);
      expect(await servedVersion(hp.url)).toBe("v3");
    });

    it("command: rollback goes back to the previous release through the same gates", async () => {
      const { run, load } = await deployUnderLoad({ command: "rollback" });
      expect(run.code, run.log).toBe(0);
      expect(run.outputs).toMatchObject({ outcome: "rolled-back", "active-color": "green", version: "v2", "previous-version": "v3" });
      expect(phases(run)).toContain("health-gate");
      expectLoad(`haproxy (${variant}) command: rollback under load`, load);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("command: status shows what serves and what happened, changing nothing", async () => {
      const r = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
      expect(r.code, r.log).toBe(0);
      expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v3" });
      expect(r.summary).toMatch(/v2 is active on green \(port \d+, pid \d+, running\)/);
      expect(r.summary).toMatch(/\| rollback \| v2 \| v3 \| promoted \|/);
      expect(r.summary).toMatch(/\| deploy \| v6-500 \| v2 \| rolled-back \| verify window at 5% failed/);
      expect(r.summary).toMatch(/Router: blue: MAINT, weight \d+, 127\.0\.0\.1:\d+; green: (UP|no check), weight 100/);
    });

    it("a HAProxy restart keeps the active color (server-state file)", async () => {
      await hp.restart();
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("kill -9 of the active release: the next deploy moves traffic off its dead slot, and every request after is answered", async () => {
      const pid = Number(readFileSync(join(stateDir, "run", "green.pid"), "utf8"));
      process.kill(pid, "SIGKILL");
      await waitFor("v2 to be gone", () => !runningServices(stateDir).includes("green"));
      // Under `check`, HAProxy finds the slot DOWN (three failed checks 500 ms apart) before the deploy drains it.
      if (check) await waitFor("HAProxy to mark green DOWN", async () => (await haproxyServers(hp.socket)).green?.status === "DOWN");
      const load = startSteadyLoad(`${hp.url}/api/hello`, { connections: 50, rate: 1000 });
      let run: ActionRun;
      let atEnd: { made: number; failed: number };
      let result: LoadResult;
      try {
        run = await runAction("deploy", inputs({ manifest: manifests.v3 as string }), { workspace: ws });
        atEnd = { made: load.made(), failed: load.failed() };
        await waitFor(`${MIN_REQUESTS} answers after the deploy`, () => load.made() >= atEnd.made + MIN_REQUESTS, 20_000).catch(() => {});
      } finally {
        result = await load.stop();
      }
      expect(run.code, run.log).toBe(0);
      expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v3", "previous-version": "v2" });
      expect(run.annotations.map((a) => a.message).join("\n")).toMatch(/the active version v2 \(green, pid \d+\) is not running/);
      // Before the switch nothing served; judged is what came after the deploy.
      expectLoad(`haproxy (${variant}), after the deploy that replaced a killed v2`, {
        total: result.total - atEnd.made,
        failed: result.failed - atEnd.failed,
      });
      expect(runningServices(stateDir)).toEqual(["blue"]);
      expect(await servedVersion(hp.url)).toBe("v3");
    });
  });
}
