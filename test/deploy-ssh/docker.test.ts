/**
 * runtime: docker over SSH (issue 12): two test hosts (network namespaces with their own sshd and
 * HAProxy, netns.ts), each with a Docker engine the test starts inside its namespace (vfs, its own
 * data-root, its socket in the host's own folder, given to the deploy user). Every docker command
 * runs on the hosts as HOST_USER; an image a host lacks is streamed from the image stage's docker
 * archive into `docker load` there, and each host loads only what it lacks. v1 → v2 under a
 * keep-alive load fails no request; an unhealthy v3 is rolled back with v2 serving; a missing
 * image without `image-archive`, and an unreachable daemon, are refused before any change.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { expectNoneFailed, startSteadyLoad } from "../deploy/steady-load.js";
import { type LoadResult, QUICK_GATES, buildReleases, servedVersion, waitFor } from "../deploy/support.js";
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
/** Each host's dockerd, in host order. */
const dockerds: Dockerd[] = [];
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
  fleet = await createFleet(root, user, 2);
  for (const h of fleet.hosts) {
    // The socket in the host's own folder (seen at fleet.mount on that host), owned by the deploy user as a docker group member could use it.
    const d = await startDockerd({ netns: h.ns, socket: join(h.dir, "docker.sock") });
    dockerds.push(d);
    giveToHostUser(d.socket);
  }
}, 240_000);

afterAll(async () => {
  for (const d of dockerds) {
    const ids = d.docker(["ps", "-aq"]).split(/\s+/).filter(Boolean);
    if (ids.length) d.docker(["rm", "-f", ...ids]);
    await d.stop();
  }
  await fleet?.destroy();
  removeDir(root);
}, 120_000);

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    hosts: fleet.hosts.map((h) => h.sshd.target).join("\n"),
    "ssh-key": user.private,
    "known-hosts": fleet.knownHosts,
    app: "hello",
    runtime: "docker",
    "docker-host": `unix://${fleet.mount}/docker.sock`,
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
/** The image ID a host's daemon has under a tag, or "" when it has none. */
const imageOn = (d: Dockerd, version: string) => {
  try {
    return d.docker(["image", "inspect", "-f", "{{.Id}}", `${REPO}:${version}`]).trim();
  } catch {
    return "";
  }
};
/** The image ID an archive's manifest.json names (its config's digest). */
const archiveId = (version: string) => {
  const manifest = JSON.parse(execFileSync("tar", ["-xOf", archive(version), "manifest.json"], { encoding: "utf8" })) as { Config: string }[];
  return `sha256:${manifest[0]?.Config.split("/").pop()}`;
};
/** Now, as docker events' `--since` takes it (seconds.nanoseconds): a load a moment before is not counted. */
const now = () => (Date.now() / 1000).toFixed(3);
/** The image IDs a host's daemon loaded since a time (its `load` events). */
const loadsSince = (d: Dockerd, since: string) =>
  d
    .docker([
      "events",
      "--since",
      since,
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
/** A host's running containers of the app: `name version`. */
const containers = (d: Dockerd) =>
  d.docker(["ps", "--filter", "label=gantry.app=hello", "--format", '{{.Names}} {{.Label "gantry.version"}}']).split("\n").filter(Boolean).sort();
const served = () => Promise.all(fleet.hosts.map((h) => servedVersion(h.url)));
const lines = (log: string, re: RegExp) => log.split("\n").filter((l) => re.test(l));

/** A fleet deploy while each host's HAProxy takes a non-retrying keep-alive load. */
async function underLoad(extra: Record<string, string>): Promise<{ run: ActionRun; results: LoadResult[] }> {
  const loads = fleet.hosts.map((h) => startSteadyLoad(`${h.url}/api/hello`, { connections: 25, rate: 500 }));
  await waitFor("the loads' first answers", () => loads.every((l) => l.made() > 50));
  const run = await runAction("deploy", inputs(extra), { workspace: ws });
  const after = loads.map((l) => l.made());
  await waitFor("answers after the deploy", () => loads.every((l, i) => l.made() > (after[i] as number) + 50));
  return { run, results: await Promise.all(loads.map((l) => l.stop())) };
}

describeNeeding(NEEDS, "deploy over SSH with runtime: docker", () => {
  it("refuses a missing image without image-archive, and an unreachable daemon, on every host before anything changes", async () => {
    const missing = await runAction("deploy", inputs({ artifact: `${REPO}:v1` }), { workspace: ws });
    expect(missing.code, missing.log).toBe(1);
    expect(errorOf(missing)).toMatch(/^the hosts are not ready; nothing was changed on any host:\n/);
    for (const h of fleet.hosts)
      expect(errorOf(missing)).toContain(
        `- ${h.sshd.target}: input 'image-archive': "" is not valid; the docker daemon does not have the image ${REPO}:v1; gantry does not pull it`,
      );
    const down = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "docker-host": `unix://${fleet.mount}/nowhere.sock` }), { workspace: ws });
    expect(lines(errorOf(down), /docker-host: docker cannot reach the daemon at unix:\/\/.*nowhere\.sock/)).toHaveLength(2);
    for (const [i, h] of fleet.hosts.entries()) {
      expect(existsSync(join(h.dir, "state")), "no state-dir was made").toBe(false);
      expect(imageOn(dockerds[i] as Dockerd, "v1")).toBe("");
      expect(containers(dockerds[i] as Dockerd)).toEqual([]);
    }
  });

  it("streams v1's archive into docker load only on the host that lacks it, then deploys it on both", async () => {
    const [d1, d2] = dockerds as [Dockerd, Dockerd];
    d2.docker(["load", "-i", archive("v1")]);
    expect(imageOn(d1, "v1"), "the first host lacks v1 before").toBe("");
    expect(imageOn(d2, "v1"), "the second host has it").toBe(archiveId("v1"));
    const since = now();
    const r = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "image-archive": archive("v1") }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", version: "v1" });
    const streamed = lines(r.log, /lacks example\.test\/hello:v1 as image-archive holds it: streaming .*v1\.tar into docker load there/);
    expect(streamed).toHaveLength(1);
    expect(streamed[0]).toContain(fleet.hosts[0]?.sshd.target);
    expect(imageOn(d1, "v1"), "the first host has v1 after, with the archive's ID").toBe(archiveId("v1"));
    expect(loadsSince(d1, since)).toHaveLength(1);
    expect(loadsSince(d2, since)).toEqual([]);
    for (const d of dockerds) expect(containers(d)).toEqual(["hello-blue v1"]);
    expect(await served()).toEqual(["v1", "v1"]);
    expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-token");
  });

  it("moves both hosts to v2 under a keep-alive load without failing a request", async () => {
    const { run, results } = await underLoad({ artifact: `${REPO}:v2`, "image-archive": archive("v2") });
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const total = results.reduce((n, r) => n + r.total, 0);
    console.info(`docker over SSH, 2 hosts, v1 → v2 under load: ${failed} of ${total} requests failed`);
    for (const r of results) expect(r.total).toBeGreaterThan(250);
    expect(failed).toBe(0);
    for (const d of dockerds) expect(containers(d)).toEqual(["hello-green v2"]);
    expect(await served()).toEqual(["v2", "v2"]);
  });

  it("rolls an unhealthy v3 back by itself; v2 never stopped serving", async () => {
    const { run, results } = await underLoad({ artifact: `${REPO}:v3-unhealthy`, "image-archive": archive("v3-unhealthy") });
    expect(run.code, run.log).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: "rolled-back", version: "v3-unhealthy" });
    expect(run.log).toMatch(/health gate failed/);
    expectNoneFailed("docker over SSH, unhealthy v3 rolled back under load", results);
    for (const d of dockerds) expect(containers(d)).toEqual(["hello-green v2"]);
    expect(await served()).toEqual(["v2", "v2"]);
  });

  it("loads nothing when every host has the image: v1 again runs from the daemons' copies", async () => {
    const since = now();
    const r = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "image-archive": archive("v1") }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(r.log).not.toMatch(/into docker load/);
    for (const d of dockerds) expect(loadsSince(d, since)).toEqual([]);
    expect(await served()).toEqual(["v1", "v1"]);
  });
});
