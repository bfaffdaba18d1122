/**
 * runtime: supervisor over SSH (issue 12): the deploy user (HOST_USER, not root) writes the
 * program files into the include folder and drives the test's own supervisord through
 * `supervisorctl -c` on the host (testhost.ts's), with HAProxy and the example service on loopback. A
 * supervisord the host cannot reach is refused in the fleet's preflight, naming the host.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { deployUnderLoad, expectCleanCutover } from "../deploy/steady-load.js";
import { type LoadResult, QUICK_GATES, buildReleases, servedVersion } from "../deploy/support.js";
import { type Supervisord, startSupervisord } from "../deploy/supervisord.js";
import { describeNeeding, lacking } from "../tools.js";
import { HOST_USER, giveToHostUser } from "./servers.js";
import { type TestHost, startTestHost } from "./testhost.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "supervisord", "supervisorctl", "unshare", "curl", "root"];
const HAVE = !lacking(NEEDS).length;
const ws = fixtureCopy("example-service");
let host: TestHost;
let sv: Supervisord;
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }]);
  host = await startTestHost(scratchDir("gantry-deploy-ssh-supervisor-"));
  // supervisord runs as root, as on a server; the deploy user may write the include folder and use the socket.
  sv = await startSupervisord(join(host.srv, "supervisor"));
  giveToHostUser(sv.confDir);
  giveToHostUser(sv.socket);
});

afterAll(async () => {
  await sv?.stopAll();
  await host?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...host.inputs,
    app: "hello",
    runtime: "supervisor",
    "supervisor-conf-dir": sv.confDir,
    "supervisor-config": sv.config,
    // Stated: supervisord runs as root on this machine, where HOST_USER does not exist and a gantry-hello must not be created.
    user: "root",
    env: "HOST=127.0.0.1\nAPI_TOKEN=s3cret-token",
    ...QUICK_GATES,
    ...extra,
  };
}

const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";

describeNeeding(NEEDS, "deploy over SSH with runtime: supervisor", () => {
  it("refuses a host whose supervisord cannot be reached, before changing it", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, "supervisor-config": join(host.srv, "nowhere.conf") }), { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(errorOf(r)).toMatch(
      new RegExp(
        `the hosts are not ready; nothing was changed on any host:\\n- ${host.sshd.target.replace(/[.]/g, "\\.")}.*: supervisor-config: supervisorctl -c .*nowhere\\.conf cannot reach supervisord`,
      ),
    );
    expect(readdirSync(sv.confDir)).toEqual([]);
  });

  it("deploys v1, then v2 under a keep-alive load without failing a request", async () => {
    const first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), { workspace: ws });
    expect(first.code, first.log).toBe(0);
    expect(await servedVersion(host.hp.url)).toBe("v1");
    const file = join(sv.confDir, "hello-blue.conf");
    expect(statSync(file).uid, "written by the deploy user").toBe(HOST_USER.uid);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const { run, loads } = await deployUnderLoad([`${host.hp.url}/api/hello`], () =>
      runAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws }),
    );
    const result = loads[0] as LoadResult;
    expectCleanCutover("supervisor over SSH", run, result);
    expect(sv.status("hello-green").state).toBe("RUNNING");
    expect(sv.status("hello-blue").state).toBe("STOPPED");
    expect(await servedVersion(host.hp.url)).toBe("v2");
  });
});
