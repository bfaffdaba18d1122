/**
 * runtime: docker over SSH (issue 12): one test host (a network namespace with its own sshd and
 * HAProxy, netns.ts) whose Docker engine is a dockerd the test starts inside that namespace (vfs,
 * its own data-root and socket in the test's folder, the socket given to the deploy user). Every
 * docker command runs on the host as HOST_USER; an image the host lacks is streamed from the image
 * stage's docker archive into `docker load` there, and loaded only when it is lacking. v1 → v2
 * under a keep-alive load fails no request; an unhealthy v3 is rolled back with v2 serving; a
 * missing image without `image-archive`, and an unreachable daemon, are refused before any change.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { startSteadyLoad } from "../deploy/steady-load.js";
import { QUICK_GATES, buildReleases, servedVersion, waitFor } from "../deploy/support.js";
import { type Dockerd, EPOCH, startDockerd } from "../image/services.js";
import { describeNeeding, lacking } from "../tools.js";
import { type Fleet, SLOT_PORTS, createFleet } from "./netns.js";
import { type KeyPair, giveToHostUser, keyPair, removeDir, tempDir } from "./servers.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "unshare", "ip", "nsenter", "curl", "dockerd", "docker", "root"];
const HAVE = !lacking(NEEDS).length;
const REPO = "example.test/hello";
const VERSIONS = ["v1", "v2", "v3-unhealthy"] as const;

const ws = fixtureCopy("example-service");
const root = tempDir("gantry-deploy-ssh-docker-");
let fleet: Fleet;
let dockerd: Dockerd;
let user: KeyPair;

/** Each version's docker archive, written by the image stage from go-build's static binary. */
const archive = (version: string) => join(ws, `${version}.tar`);

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(root, "deploy_key");
  const manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]);
  for (const version of VERSIONS) {
    const r = await runAction(
      "image",
      { manifest: manifests[version] as string, "docker-archive": archive(version), repository: REPO, tags: version },
      { workspace: ws, env: EPOCH },
    );
    if (r.code !== 0) throw new Error(`image ${version} failed:\n${r.log}`);
  }
  fleet = await createFleet(root, user, 1);
  // The socket in the test's folder, which the deploy user can pass through; it is the user's, as a docker group member's would be usable.
  dockerd = await startDockerd({ netns: fleet.hosts[0]?.ns, socket: join(root, "docker.sock") });
  giveToHostUser(dockerd.socket);
}, 240_000);

afterAll(async () => {
  if (dockerd) {
    const ids = dockerd.docker(["ps", "-aq"]).split(/\s+/).filter(Boolean);
    if (ids.length) dockerd.docker(["rm", "-f", ...ids]);
  }
  await dockerd?.stop();
  await fleet?.destroy();
  removeDir(root);
}, 120_000);

const host = () => fleet.hosts[0] as Fleet["hosts"][number];

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    hosts: host().sshd.target,
    "ssh-key": user.private,
    "known-hosts": fleet.knownHosts,
    app: "hello",
    runtime: "docker",
    "docker-host": `unix://${dockerd.socket}`,
    "haproxy-socket": `${fleet.mount}/haproxy.sock`,
    "haproxy-server-state-file": `${fleet.mount}/haproxy.state`,
    ports: `${SLOT_PORTS.blue},${SLOT_PORTS.green}`,
    "state-dir": `${fleet.mount}/state/{app}`,
    env: "HOST=127.0.0.1\nAPI_TOKEN=s3cret-token",
    ...QUICK_GATES,
    ...extra,
  };
}

const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
/** The image ID the host's daemon has under a tag, or "" when it has none. */
const imageOnHost = (version: string) => {
  try {
    return dockerd.docker(["image", "inspect", "-f", "{{.Id}}", `${REPO}:${version}`]).trim();
  } catch {
    return "";
  }
};
/** The image ID an archive's manifest.json names (its config's digest). */
const archiveId = (version: string) => {
  const manifest = JSON.parse(execFileSync("tar", ["-xOf", archive(version), "manifest.json"], { encoding: "utf8" })) as { Config: string }[];
  return `sha256:${manifest[0]?.Config.split("/").pop()}`;
};
/** The image IDs the host's daemon loaded between two times (its `load` events). */
const loadsSince = (since: number) =>
  dockerd
    .docker([
      "events",
      "--since",
      String(since),
      "--until",
      String(Math.ceil(Date.now() / 1000) + 1),
      "--filter",
      "type=image",
      "--filter",
      "event=load",
      "--format",
      "{{.ID}}",
    ])
    .split("\n")
    .filter(Boolean);
const containers = () =>
  dockerd.docker(["ps", "--filter", "label=gantry.app=hello", "--format", '{{.Names}} {{.Label "gantry.version"}}']).split("\n").filter(Boolean).sort();
const url = () => `${host().url}`;

describeNeeding(NEEDS, "deploy over SSH with runtime: docker", () => {
  it("refuses a missing image without image-archive, and an unreachable daemon, before anything changes", async () => {
    const missing = await runAction("deploy", inputs({ artifact: `${REPO}:v1` }), { workspace: ws });
    expect(missing.code, missing.log).toBe(1);
    expect(errorOf(missing)).toMatch(
      /the hosts are not ready; nothing was changed on any host:\n- .*input 'image-archive'.*does not have the image example\.test\/hello:v1; gantry does not pull it/,
    );
    const down = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "docker-host": `unix://${join(root, "nowhere.sock")}` }), { workspace: ws });
    expect(errorOf(down)).toMatch(/the hosts are not ready[\s\S]*docker-host: docker cannot reach the daemon at unix:\/\/.*nowhere\.sock/);
    expect(existsSync(join(host().dir, "state")), "no state-dir was made").toBe(false);
    expect(imageOnHost("v1")).toBe("");
    expect(containers()).toEqual([]);
  });

  it("streams v1's archive into docker load on the host that lacks it, then deploys it", async () => {
    expect(imageOnHost("v1"), "the host lacks v1 before").toBe("");
    const since = Math.floor(Date.now() / 1000) - 1;
    const r = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "image-archive": archive("v1") }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", version: "v1" });
    expect(r.log).toMatch(/lacks example\.test\/hello:v1 as image-archive holds it: streaming .*v1\.tar into docker load/);
    expect(imageOnHost("v1"), "the host has v1 after, with the archive's ID").toBe(archiveId("v1"));
    expect(loadsSince(since)).toHaveLength(1);
    expect(containers()).toEqual(["hello-blue v1"]);
    expect(await servedVersion(url())).toBe("v1");
    expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-token");
  });

  it("moves to v2 under a keep-alive load without failing a request", async () => {
    const load = startSteadyLoad(`${url()}/api/hello`, { connections: 50, rate: 1000 });
    await waitFor("the load's first answers", () => load.made() > 100);
    const run = await runAction("deploy", inputs({ artifact: `${REPO}:v2`, "image-archive": archive("v2") }), { workspace: ws });
    const after = load.made();
    await waitFor("answers after the deploy", () => load.made() > after + 100);
    const result = await load.stop();
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    console.info(`docker over SSH, v1 → v2 under load: ${result.failed} of ${result.total} requests failed`);
    expect(result.total).toBeGreaterThan(500);
    expect(result.failed).toBe(0);
    expect(containers()).toEqual(["hello-green v2"]);
    expect(await servedVersion(url())).toBe("v2");
  });

  it("rolls an unhealthy v3 back by itself; v2 never stopped serving", async () => {
    const load = startSteadyLoad(`${url()}/api/hello`, { connections: 50, rate: 1000 });
    await waitFor("the load's first answers", () => load.made() > 100);
    const run = await runAction("deploy", inputs({ artifact: `${REPO}:v3-unhealthy`, "image-archive": archive("v3-unhealthy") }), { workspace: ws });
    const result = await load.stop();
    expect(run.code, run.log).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: "rolled-back", version: "v3-unhealthy" });
    expect(run.log).toMatch(/health gate failed/);
    expect(result.failed).toBe(0);
    expect(containers()).toEqual(["hello-green v2"]);
    expect(await servedVersion(url())).toBe("v2");
  });

  it("does not load an image the host already has: v1 again is deployed from the daemon's copy", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const r = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "image-archive": archive("v1") }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(r.log).not.toMatch(/into docker load/);
    expect(loadsSince(since)).toEqual([]);
    expect(await servedVersion(url())).toBe("v1");
  });
});
