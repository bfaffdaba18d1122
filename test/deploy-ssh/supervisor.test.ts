/**
 * runtime: supervisor over SSH (issue 12): the deploy user (HOST_USER, not root) writes the
 * program files into the include folder and drives the test's own supervisord through
 * `supervisorctl -c` on the host, with HAProxy and the example service on loopback. A
 * supervisord the host cannot reach is refused in the fleet's preflight, naming the host.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { startSteadyLoad } from "../deploy/steady-load.js";
import { type Haproxy, buildReleases, freePort, servedVersion, startHaproxy, waitFor, haproxyInputs, QUICK_GATES } from "../deploy/support.js";
import { type Supervisord, startSupervisord } from "../deploy/supervisord.js";
import { describeNeeding, lacking } from "../tools.js";
import { HOST_USER, type KeyPair, type Sshd, giveToHostUser, hostFolder, keyPair, removeDir, startSshd, tempDir, sshInputs } from "./servers.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "supervisord", "supervisorctl", "unshare", "curl", "root"];
const HAVE = !lacking(NEEDS).length;
const ws = fixtureCopy("example-service");
const dir = tempDir("gantry-deploy-ssh-supervisor-");
const srv = join(dir, "srv");
const stateDir = join(srv, "state");
let sshd: Sshd;
let hp: Haproxy;
let sv: Supervisord;
let user: KeyPair;
let ports: { blue: number; green: number };
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(dir, "deploy_key");
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }]);
  ports = { blue: await freePort(), green: await freePort() };
  hostFolder(srv);
  hp = await startHaproxy(srv, ports);
  giveToHostUser(hp.socket);
  // supervisord runs as root, as on a server; the deploy user may write the include folder and use the socket.
  sv = await startSupervisord(join(srv, "supervisor"));
  giveToHostUser(sv.confDir);
  giveToHostUser(sv.socket);
  sshd = await startSshd({ dir, userKey: user });
});

afterAll(async () => {
  const left = sv ? ["hello-blue", "hello-green"].map((p) => sv.status(p).pid).filter((pid) => pid > 1) : [];
  await sv?.stop();
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  await sshd?.stop();
  await hp?.stop();
  removeDir(dir);
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...sshInputs(sshd, user),
    app: "hello",
    runtime: "supervisor",
    "supervisor-conf-dir": sv.confDir,
    "supervisor-config": sv.config,
    ...haproxyInputs(hp, ports, stateDir),
    env: "HOST=127.0.0.1\nAPI_TOKEN=s3cret-token",
    ...QUICK_GATES,
    ...extra,
  };
}

const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";

describeNeeding(NEEDS, "deploy over SSH with runtime: supervisor", () => {
  it("refuses a host whose supervisord cannot be reached, before changing it", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "supervisor-config": join(srv, "nowhere.conf") }), { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(errorOf(r)).toMatch(
      new RegExp(
        `the hosts are not ready; nothing was changed on any host:\\n- ${sshd.target.replace(/[.]/g, "\\.")}.*: supervisor-config: supervisorctl -c .*nowhere\\.conf cannot reach supervisord`,
      ),
    );
    expect(readdirSync(sv.confDir)).toEqual([]);
  });

  it("deploys v1, then v2 under a keep-alive load without failing a request", async () => {
    const first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(first.code, first.log).toBe(0);
    expect(await servedVersion(hp.url)).toBe("v1");
    const file = join(sv.confDir, "hello-blue.conf");
    expect(statSync(file).uid, "written by the deploy user").toBe(HOST_USER.uid);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const load = startSteadyLoad(`${hp.url}/api/hello`, { connections: 50, rate: 1000 });
    await waitFor("the load's first answers", () => load.made() > 100);
    const run = await runAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws });
    const after = load.made();
    await waitFor("answers after the deploy", () => load.made() > after + 100);
    const result = await load.stop();
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    console.info(`supervisor over SSH, v1 → v2 under load: ${result.failed} of ${result.total} requests failed`);
    expect(result.total).toBeGreaterThan(500);
    expect(result.failed).toBe(0);
    expect(sv.status("hello-green").state).toBe("RUNNING");
    expect(sv.status("hello-blue").state).toBe("STOPPED");
    expect(await servedVersion(hp.url)).toBe("v2");
  });
});
