/**
 * runtime: supervisor through the action bundle, against a supervisord the test starts
 * with its own config and HAProxy on loopback: a first deploy, a cutover under a non-retrying
 * keep-alive load, `kill -9` of the active release (supervisord restarts it), a restart of
 * supervisord (the active color comes back, the other stays stopped), an unhealthy release
 * rolled back with supervisor's lines in the error, and bad input refused before any change. Each
 * case runs with the HAProxy slots declared `disabled`, and as most HAProxy users declare them,
 * weight 0 under HAProxy's own `check`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { deployUnderLoad, expectCleanCutover, killUnderSteadyLoad } from "./steady-load.js";
import { type Haproxy, type LoadResult, buildReleases, freePort, servedVersion, startHaproxy, waitFor, haproxyInputs, QUICK_GATES } from "./support.js";
import { type Supervisord, startSupervisord } from "./supervisord.js";

const NEEDS = ["haproxy", "supervisord", "supervisorctl", "curl"];
const HAVE = !lacking(NEEDS).length;

const ws = fixtureCopy("example-service");
const root = scratchDir("gantry-deploy-supervisor-");
/** Connections of the steady load: at most this many requests are in flight at any moment. */
const CONNECTIONS = 50;
/** Requests a load must have made in the window a test judges: a load that made few proves nothing. */
const MIN_REQUESTS = 300;
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]);
});

const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === "error")?.message ?? "";

for (const check of [false, true]) supervisorCases(check);

/** Every case with a supervisord and a HAProxy of its own, the slots `disabled` or (`check`) weight 0 under HAProxy's checks. */
function supervisorCases(check: boolean): void {
  const variant = check ? "slots under HAProxy's check" : "slots disabled";
  const dir = join(root, check ? "check" : "disabled");
  const stateDir = join(dir, "state");
  let hp: Haproxy;
  let sv: Supervisord;
  let ports: { blue: number; green: number };

  function inputs(extra: Record<string, string> = {}): Record<string, string> {
    return {
      app: "hello",
      runtime: "supervisor",
      "supervisor-conf-dir": sv.confDir,
      "supervisor-config": sv.config,
      // Stated: without it the release would run as gantry-hello, a user created on this machine.
      user: "root",
      router: "haproxy",
      ...haproxyInputs(hp, ports, stateDir),
      // Values supervisor's environment option needs quoted: a comma, a %, a double quote, a space.
      env: 'HOST=127.0.0.1\nGREETING=Hi, 100% "there" now\nAPI_TOKEN=s3cret-token',
      ...QUICK_GATES,
      ...extra,
    };
  }

  /** Runs a deploy while a steady keep-alive load goes through HAProxy. */
  async function deployWithLoad(extra: Record<string, string>): Promise<{ run: ActionRun; load: LoadResult }> {
    const { run, loads } = await deployUnderLoad([`${hp.url}/api/hello`], () => runAction("deploy", inputs(extra), { workspace: ws }), {
      connections: CONNECTIONS,
      rate: 1000,
    });
    return { run, load: loads[0] as LoadResult };
  }

  const conf = (color: string) => readFileSync(join(sv.confDir, `hello-${color}.conf`), "utf8");
  const environOf = (pid: number) => readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");

  describeNeeding(NEEDS, `deploy with runtime: supervisor (${variant})`, () => {
    beforeAll(async () => {
      mkdirSync(dir, { recursive: true });
      ports = { blue: await freePort(), green: await freePort() };
      hp = await startHaproxy(dir, ports, { check });
      sv = await startSupervisord(join(dir, "supervisor"));
    });

    afterAll(async () => {
      await sv?.stopAll();
      await hp?.stop();
    });

    it("refuses bad input and an unreachable supervisord before anything changes", async () => {
      const cases: [Record<string, string>, RegExp][] = [
        [{ env: "API_TOKEN=s3cret ;token" }, /input 'env': "API_TOKEN=…" is not valid; runtime: supervisor passes env in its program file, and .*comment/],
        [{ user: "Not A User" }, /input 'user': "Not A User" is not valid; accepted: a user name/],
        [{ "supervisor-config": join(dir, "nowhere.conf") }, /supervisor-config: supervisorctl -c .*nowhere\.conf cannot reach supervisord on local/],
        [{ "supervisor-conf-dir": join(dir, "no-such-dir") }, /supervisor-conf-dir: .*no-such-dir does not exist on local/],
      ];
      for (const [extra, message] of cases) {
        const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, ...extra }), { workspace: ws });
        expect(r.code, r.log).toBe(1);
        expect(errorOf(r)).toMatch(message);
        expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret ;token");
        expect(existsSync(stateDir), "state-dir must not be created").toBe(false);
        expect(readdirSync(sv.confDir)).toEqual([]);
      }
    });

    it("deploys v1 as the program hello-blue: 0600 file, autostart, 0640 logs, the environment exactly as given", async () => {
      const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
      expect(r.code, r.log).toBe(0);
      expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
      expect(await servedVersion(hp.url)).toBe("v1");
      const file = join(sv.confDir, "hello-blue.conf");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(conf("blue")).toMatch(/^\[program:hello-blue\]$[\s\S]*^autostart=true$[\s\S]*^autorestart=true$[\s\S]*^stopsignal=TERM$[\s\S]*^stopwaitsecs=2$/m);
      const blue = sv.status("hello-blue");
      expect(blue.state).toBe("RUNNING");
      expect(statSync(`/proc/${blue.pid}`).uid, "user: root, stated").toBe(0);
      expect(conf("blue")).toMatch(/^user=root$/m);
      for (const stream of ["stdout", "stderr"]) expect(statSync(join(stateDir, "logs", `blue.${stream}.log`)).mode & 0o777).toBe(0o640);
      expect(environOf(blue.pid)).toEqual(
        expect.arrayContaining(["HOST=127.0.0.1", 'GREETING=Hi, 100% "there" now', "API_TOKEN=s3cret-token", `PORT=${ports.blue}`]),
      );
      expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-token");
    });

    it("moves to v2 under a keep-alive load without failing a request; only green autostarts", async () => {
      const { run, load } = await deployWithLoad({ manifest: manifests.v2 as string });
      expectCleanCutover(`supervisor cutover (${variant})`, run, load);
      expect(sv.status("hello-green").state).toBe("RUNNING");
      expect(sv.status("hello-blue").state).toBe("STOPPED");
      expect(conf("green")).toMatch(/^autostart=true$/m);
      expect(conf("blue")).toMatch(/^autostart=false$/m);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("kill -9 of the active release: supervisord restarts it; the load loses at most what was in flight", async () => {
      const before = sv.status("hello-green").pid;
      // supervisorctl says pid 0 of a program that is not running, and `kill -9 0` would be this test's own process group.
      expect(before, "hello-green's pid").toBeGreaterThan(1);
      const result = await killUnderSteadyLoad(`${hp.url}/api/hello`, {
        connections: CONNECTIONS,
        kill: () => process.kill(before, "SIGKILL"),
        manager: "supervisord",
        restarted: () => {
          const s = sv.status("hello-green");
          return s.state === "RUNNING" && s.pid !== before;
        },
      });
      console.info(`supervisor (${variant}), kill -9 of the active release: ${result.failed} of ${result.total} requests failed (${CONNECTIONS} connections)`);
      expect(result.total).toBeGreaterThanOrEqual(MIN_REQUESTS);
      expect(result.failed).toBeLessThanOrEqual(CONNECTIONS);
      expect(await servedVersion(hp.url)).toBe("v2");
    });

    it("a restart of supervisord brings the active version back by itself; the other stays stopped", async () => {
      await sv.restart();
      await waitFor("v2 to serve again through HAProxy", async () => (await servedVersion(hp.url)) === "v2", 20_000);
      expect(sv.status("hello-green").state).toMatch(/^(STARTING|RUNNING)$/);
      expect(sv.status("hello-blue").state).toBe("STOPPED");
      expect(await servedVersion(`http://127.0.0.1:${ports.blue}`)).toBe("HTTP 0");
      // The journal still has the pid of before the kill and the restart: status sees the release supervisord runs now.
      await waitFor("hello-green to be RUNNING", () => sv.status("hello-green").state === "RUNNING");
      const status = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
      expect(status.code, status.log).toBe(0);
      expect(status.summary).toMatch(/v2 is active on green \(port \d+, pid \d+, running\)/);
    });

    it("rolls an unhealthy v3 back with supervisor's lines in the error; v2 (restarted twice) is kept warm", async () => {
      const { run, load } = await deployWithLoad({ manifest: manifests["v3-unhealthy"] as string });
      expect(run.code, run.log).toBe(1);
      expect(run.outputs).toMatchObject({ outcome: "rolled-back", "active-color": "green", version: "v3-unhealthy", "previous-version": "v2" });
      const message = errorOf(run);
      expect(message).toMatch(/health gate failed: \/healthz did not answer 2xx/);
      expect(message).toMatch(/last output of v3-unhealthy:\nsupervisorctl status: hello-blue +RUNNING +pid \d+/);
      // Only this release's lines: v1's, from the same color's earlier run, went to the log's `.1`.
      expect(message).toMatch(/\nstderr \(.*blue\.stderr\.log\):\n\S+ \S+ hello v3-unhealthy listening on 127\.0\.0\.1:\d+$/);
      // The active slot's pid changed twice (kill -9, supervisord's restart): the run took the new one over, so the rollback was warm.
      expect(run.log).toMatch(/the active version v2 \(green\) was restarted by supervisor since the last run: pid \d+ → \d+/);
      const rollback = (JSON.parse(run.outputs.timeline as string) as { phase: string; figures: Record<string, unknown> }[]).find(
        (e) => e.phase === "rollback",
      );
      expect(rollback?.figures.cold).toBe(false);
      console.info(`supervisor (${variant}), unhealthy v3 rolled back under load: ${load.failed} of ${load.total} requests failed`);
      expect(load.total).toBeGreaterThanOrEqual(MIN_REQUESTS);
      expect(load.failed).toBe(0);
      expect(sv.status("hello-blue").state).toBe("STOPPED");
      expect(conf("blue")).toMatch(/^autostart=false$/m);
      expect(await servedVersion(hp.url)).toBe("v2");
    });
  });
}
