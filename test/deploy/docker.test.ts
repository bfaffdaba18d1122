/**
 * `runtime: docker` against a real dockerd on a temp socket and real HAProxy: the example
 * service built by go-build, packed by the image stage into docker archives, `docker load`ed
 * (nothing can be pulled here), then deployed as containers with host networking: a first
 * deploy, a cutover under load, and an unhealthy image rolled back with the old one serving.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { type Dockerd, EPOCH, startDockerd } from "../image/services.js";
import { describeNeeding } from "../tools.js";
import { expectNoneFailed } from "./steady-load.js";
import { type Haproxy, type LoadResult, buildReleases, freePort, servedVersion, startHaproxy, startLoad, haproxyInputs, QUICK_GATES } from "./support.js";

const REPO = "example.test/hello";

describeNeeding(["dockerd", "docker", "haproxy", "root"], "deploy with runtime: docker", () => {
  const dir = scratchDir("gantry-deploy-docker-");
  const stateDir = join(dir, "state");
  let ws: string;
  let dockerd: Dockerd;
  let hp: Haproxy;
  let ports: { blue: number; green: number };

  beforeAll(async () => {
    ws = fixtureCopy("example-service");
    let manifests: Record<string, string> = {};
    [dockerd, manifests] = await Promise.all([
      startDockerd(),
      buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]),
    ]);
    for (const [version, manifest] of Object.entries(manifests)) {
      const r = await runAction("image", { manifest, "docker-archive": `${version}.tar`, repository: REPO, tags: version }, { workspace: ws, env: EPOCH });
      if (r.code !== 0) throw new Error(`image ${version} failed:\n${r.log}`);
      dockerd.docker(["load", "-i", join(ws, `${version}.tar`)]);
    }
    ports = { blue: await freePort(), green: await freePort() };
    hp = await startHaproxy(dir, ports);
  }, 240_000);

  afterAll(async () => {
    if (dockerd) {
      const ids = dockerd.docker(["ps", "-aq", "--filter", "label=gantry.app"]).split(/\s+/).filter(Boolean);
      if (ids.length) dockerd.docker(["rm", "-f", ...ids]);
    }
    await hp?.stop();
    await dockerd?.stop();
  }, 120_000);

  function inputs(extra: Record<string, string> = {}): Record<string, string> {
    return {
      app: "hello",
      runtime: "docker",
      "docker-host": dockerd.env.DOCKER_HOST ?? "",
      router: "haproxy",
      ...haproxyInputs(hp, ports, stateDir),
      env: "HOST=127.0.0.1\nGREETING=Hi there\nAPI_TOKEN=s3cret-token",
      ...QUICK_GATES,
      ...extra,
    };
  }

  /** Running containers of the app: `name version`. */
  const containers = () =>
    dockerd.docker(["ps", "--filter", "label=gantry.app=hello", "--format", '{{.Names}} {{.Label "gantry.version"}}']).split("\n").filter(Boolean).sort();

  async function deployUnderLoad(extra: Record<string, string>): Promise<{ run: ActionRun; load: LoadResult }> {
    const load = startLoad(`${hp.url}/api/hello`, { connections: 50, rate: 1000 });
    await new Promise((r) => setTimeout(r, 300));
    const run = await runAction("deploy", inputs(extra), { workspace: ws });
    await new Promise((r) => setTimeout(r, 300));
    return { run, load: await load.stop() };
  }

  it("refuses an image the daemon does not have, and a bad reference, before anything changes", async () => {
    const missing = await runAction("deploy", inputs({ artifact: `${REPO}:v9` }), { workspace: ws });
    expect(missing.code, missing.log).toBe(1);
    expect(missing.annotations.find((a) => a.level === "error")?.message).toMatch(/does not have the image example\.test\/hello:v9; gantry does not pull it/);
    const bad = await runAction("deploy", inputs({ artifact: "Not An Image" }), { workspace: ws });
    expect(bad.annotations.find((a) => a.level === "error")?.message).toMatch(/input 'artifact'.*accepted: an image reference/);
    const host = await runAction("deploy", inputs({ artifact: `${REPO}:v1`, "docker-host": "tcp://10.0.0.1:2375" }), { workspace: ws });
    expect(host.annotations.find((a) => a.level === "error")?.message).toMatch(/input 'docker-host'/);
  });

  it("deploys v1 as the container hello-blue, labelled, with its env file 0600", async () => {
    const r = await runAction("deploy", inputs({ artifact: `${REPO}:v1` }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(await servedVersion(hp.url)).toBe("v1");
    expect(containers()).toEqual(["hello-blue v1"]);
    const env = join(stateDir, "run", "blue.env");
    expect(readFileSync(env, "utf8")).toContain("API_TOKEN=s3cret-token\n");
    expect(readFileSync(env, "utf8")).toMatch(/^PORT=\d+$/m);
    expect(statSync(env).mode & 0o777).toBe(0o600);
    expect(r.log.replace(/^::add-mask::.*$/gm, "")).not.toContain("s3cret-token");
  });

  it("moves to v2 under load without failing a request, then stops v1's container", async () => {
    const { run, load } = await deployUnderLoad({ artifact: `${REPO}:v2` });
    expect(run.code, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    expectNoneFailed("docker cutover v1 → v2 under load", load, 500);
    expect(containers()).toEqual(["hello-green v2"]);
    expect(await servedVersion(hp.url)).toBe("v2");
  });

  it("rolls the unhealthy image back by itself; v2 never stopped serving", async () => {
    const { run, load } = await deployUnderLoad({ artifact: `${REPO}:v3-unhealthy` });
    expect(run.code, run.log).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: "rolled-back", "active-color": "green", version: "v3-unhealthy", "previous-version": "v2" });
    expect(run.annotations.find((a) => a.level === "error")?.message).toMatch(/health gate failed/);
    expectNoneFailed("docker, unhealthy image rolled back under load", load);
    expect(containers()).toEqual(["hello-green v2"]);
    expect(await servedVersion(hp.url)).toBe("v2");
  });
});
