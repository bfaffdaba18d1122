/**
 * The example workflows users copy (examples/workflows/*.yml) under the real act in host mode,
 * unchanged (issue 11). github.com cannot be reached here, so every remote action is mapped to a
 * local folder with act's --local-repository (see examples.ts): acme/gantry@v1 to this checkout's
 * bundles, actions/checkout and the artifact actions to the stand-ins in test/act/standins/, the
 * artifact ones being the real @actions/artifact client against act's own artifact server.
 * pipeline.yml's deploy job reaches its server over SSH: a host in a network namespace the test
 * made (test/deploy-ssh/netns.ts) laid out at the deploy action's defaults, so the example needs
 * only the variable and secrets its header names. ghcr.io is a local registry (examples.ts).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@gantry/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { get } from "../deploy/support.js";
import { type Fleet, createFleet } from "../deploy-ssh/netns.js";
import { HOST_USER, hostFolder, keyPair, removeDir, tempDir } from "../deploy-ssh/servers.js";
import { REPO, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { type ActRun, logOf, printed, runAct } from "./act.js";
import { type FakeGhcr, exampleRepository, gantryCopy, localRepositoryArgs, standinsCopy, startFakeGhcr, zipEntries } from "./examples.js";

const TAG = "v1.4.0";
const RUN_TIMEOUT = 900_000;

/** The Go caches of one run (not the machine's own). */
const goEnv = (dir: string) => ({ GOCACHE: join(dir, "gocache"), GOMODCACHE: join(dir, "gomod"), GOTOOLCHAIN: "local" });

/** Every file below a folder, relative paths. */
function filesBelow(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesBelow(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** The results act logged for a job: each step's (main and post) and the job's own. */
function jobResults(run: ActRun, job: string): { steps: string[]; job?: string } {
  const mine = run.entries.filter((e) => e.jobID === job);
  return {
    steps: mine.filter((e) => e.stepResult).map((e) => `${e.stage} ${e.stepID?.[0]}: ${e.stepResult}`),
    job: mine.find((e) => e.jobResult)?.jobResult,
  };
}

/** The value a step set for an output, as act logged it (::set-output:: name=value). */
function outputOf(run: ActRun, job: string, name: string): string | undefined {
  return run.entries.find((e) => e.jobID === job && e.command === "set-output" && e.name === name)?.arg;
}

/** What a job's steps printed. */
function printedIn(run: ActRun, job: string, stage = "Main"): string {
  return run.entries
    .filter((e) => e.jobID === job && e.stage === stage && e.raw_output)
    .map((e) => e.msg)
    .join("");
}

interface Example {
  dir: string;
  artifacts: string;
  args: string[];
  processEnv: Record<string, string>;
  ghcr: FakeGhcr;
  repo: string;
}

/** Everything act needs to run an example here, except what its jobs deploy to. */
async function prepare(example: string): Promise<Example> {
  const dir = scratchDir("gantry-act-example-");
  const text = readFileSync(join(REPO, "examples", "workflows", example), "utf8");
  const artifacts = join(dir, "artifacts");
  const ghcr = await startFakeGhcr(join(dir, "ghcr"));
  const repo = exampleRepository(dir, example, TAG);
  const args = [
    ...localRepositoryArgs(text, gantryCopy(dir), await standinsCopy(dir)),
    "--artifact-server-path",
    artifacts,
    "--artifact-server-addr",
    "127.0.0.1",
    "--artifact-server-port",
    String(await freePort()),
  ];
  const processEnv = { ...goEnv(dir), STANDIN_CHECKOUT_SOURCE: repo, NODE_EXTRA_CA_CERTS: ghcr.caFile };
  return { dir, artifacts, args, processEnv, ghcr, repo };
}

/** act's --secret-file (dotenv: a double-quoted value's \n is a newline), 0600: secrets stay off command lines. */
function secretFile(dir: string, secrets: Record<string, string>): string {
  const file = join(dir, "secrets.env");
  const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  writeFileSync(
    file,
    `${Object.entries(secrets)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  return file;
}

describeNeeding(
  ["act", "go", "git", "haproxy", "sshd", "ssh", "ip", "unshare", "docker-registry", "openssl", "root"],
  "examples/workflows/pipeline.yml under act (host mode)",
  () => {
    let ex: Example;
    let fleet: Fleet;
    let root: string;
    let run: ActRun;

    beforeAll(async () => {
      ex = await prepare("pipeline.yml");
      // Its own temp folder: sshd reads authorized_keys as the host's user, who must pass through it.
      root = tempDir("gantry-act-hosts-");
      const userKey = keyPair(ex.dir, "deploy_key");
      const mount = join(root, "srv");
      // The host as the example expects one: HAProxy's admin socket and the state folder at the
      // deploy action's defaults (/run/haproxy/admin.sock, /var/lib/gantry), in the host's own mount
      // namespace only (tmpfs over /run and /var/lib there; the machine's are never touched).
      hostFolder(join(root, "h1", "gantry"));
      fleet = await createFleet(root, userKey, 1, [
        "mount -t tmpfs -o mode=0755 tmpfs /run",
        "mkdir -p /run/sshd /run/haproxy",
        `ln -s ${mount}/haproxy.sock /run/haproxy/admin.sock`,
        "mount -t tmpfs -o mode=0755 tmpfs /var/lib",
        `ln -s ${mount}/gantry /var/lib/gantry`,
      ]);
      const host = fleet.hosts[0];
      if (!host) throw new Error("no host");
      const secrets = secretFile(ex.dir, { DEPLOY_KEY: userKey.private, DEPLOY_KNOWN_HOSTS: fleet.knownHosts, GITHUB_TOKEN: "test-token" });
      const args = [...ex.args, "--var", `DEPLOY_HOSTS=${host.sshd.target}`, "--secret-file", secrets];
      run = await runAct(ex.repo, "pipeline.yml", { args, processEnv: ex.processEnv, etcHosts: ex.ghcr.hostsFile, timeoutMs: RUN_TIMEOUT });
    }, RUN_TIMEOUT + 60_000);

    afterAll(async () => {
      await fleet?.destroy();
      if (root) removeDir(root);
      await ex?.ghcr.stop();
      if (ex) removeDir(ex.dir);
    });

    it("runs every job and step to success, post steps included", () => {
      expect(run.code, logOf(run)).toBe(0);
      for (const job of ["build", "image", "test", "deploy"]) {
        const r = jobResults(run, job);
        expect(r.job, `${job}: ${r.steps.join(", ")}`).toBe("success");
        expect(r.steps.length, job).toBeGreaterThan(1);
        expect(
          r.steps.filter((s) => !s.endsWith(": success")),
          job,
        ).toEqual([]);
      }
      // go-build's post step saved its caches; deploy's removed the SSH key it wrote.
      expect(jobResults(run, "build").steps).toContain("Post build: success");
      expect(printedIn(run, "build", "Post")).toMatch(/cache: saved \S+/);
      expect(jobResults(run, "deploy").steps).toContain("Post deploy: success");
    });

    it("passes dist/ between jobs through act's artifact server", () => {
      const stored = filesBelow(ex.artifacts);
      const zip = stored.find((f) => f.endsWith("/dist/dist.zip"));
      expect(zip, stored.join("\n")).toBeDefined();
      const entries = zipEntries(join(ex.artifacts, zip as string));
      expect(entries).toContain("artifacts.json");
      expect(entries.some((e) => e.includes("linux_arm64") || e.includes("linux-arm64"))).toBe(true);
      expect(statSync(join(ex.artifacts, zip as string)).size).toBeGreaterThan(1_000_000);
      for (const job of ["image", "test", "deploy"]) expect(printedIn(run, job)).toMatch(/downloaded artifact dist/);
    });

    it("gives the build's version to the image, test and deploy jobs through the manifest", async () => {
      expect(outputOf(run, "build", "version")).toBe(TAG);
      expect(ex.ghcr.tags("acme/hello")).toContain(TAG);
      expect(outputOf(run, "image", "image")).toMatch(/^ghcr\.io\/acme\/hello(:|@)/);
      expect(printedIn(run, "deploy")).toContain(`serving ${TAG} (was `);
      const host = fleet.hosts[0];
      expect((await get(`${host?.url}/version`)).body).toContain(TAG);
    });

    it("deployed over SSH as the host's user, into the default state folder", () => {
      const state = join(root, "h1", "gantry", "hello");
      expect(existsSync(join(state, "releases", TAG)), filesBelow(join(root, "h1")).join("\n")).toBe(true);
      expect(statSync(join(state, "releases", TAG)).uid).toBe(HOST_USER.uid);
      expect(printed(run, "deploy")).not.toContain("PRIVATE KEY");
    });
  },
);

describeNeeding(["act", "go", "git", "unshare", "docker-registry", "openssl", "root"], "examples/workflows/one-step.yml under act (host mode)", () => {
  let ex: Example;
  let run: ActRun;

  beforeAll(async () => {
    ex = await prepare("one-step.yml");
    const args = [...ex.args, "--secret-file", secretFile(ex.dir, { GITHUB_TOKEN: "test-token" })];
    run = await runAct(ex.repo, "one-step.yml", { args, processEnv: ex.processEnv, etcHosts: ex.ghcr.hostsFile, timeoutMs: RUN_TIMEOUT });
  }, RUN_TIMEOUT + 60_000);

  afterAll(async () => {
    await ex?.ghcr.stop();
    if (ex) removeDir(ex.dir);
  });

  it("runs go-test and the root action to success, post steps included", () => {
    expect(run.code, logOf(run)).toBe(0);
    const r = jobResults(run, "release");
    expect(r.job, r.steps.join(", ")).toBe("success");
    expect(r.steps.filter((s) => !s.endsWith(": success"))).toEqual([]);
    expect(r.steps).toContain("Post gantry: success");
    expect(printedIn(run, "release", "Post")).toMatch(/cache: saved \S+/);
  });

  it("pushes the image and gives its outputs to the next step", () => {
    expect(ex.ghcr.tags("acme/hello")).toContain(TAG);
    expect(printedIn(run, "release")).toMatch(/pushed ghcr\.io\/acme\/hello\S* \(sha256:[0-9a-f]{64}\)/);
  });
});
