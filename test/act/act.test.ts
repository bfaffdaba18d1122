/**
 * gantry's actions under the real act (issue 11), in host mode (-P ubuntu-latest=-self-hosted):
 * each stage through `uses: ./actions/<stage>` in one job, up to a deploy behind a HAProxy the test
 * started; the root action through `uses: ./`; a bad input. Asserts what act shows a user: step
 * outputs read by a later step, the job summary act reads back from GITHUB_STEP_SUMMARY,
 * annotations, and post steps (go-build's saves the module and build caches to act's cache server).
 */
import { join } from "node:path";
import { formatTarget, hostTarget } from "@gantry/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Haproxy, freePort, servedVersion, startHaproxy, stopServices } from "../deploy/support.js";
import { scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { type ActRun, actWorkspace, annotationsOf, logOf, printed, printedVars, resultOf, runAct, summaryOf } from "./act.js";

const TARGET = formatTarget(hostTarget());
/** Each act run builds Go from an empty cache: more than the default hook time on two busy cores. */
const ACT_RUN_MS = 480_000;
// A Go build and module cache per run (not the machine's own), removed (read-only module cache
// included) when the file ends, like the workspaces and act homes of act.ts.
const goEnv = () => {
  const dir = scratchDir("gantry-act-go-");
  return { GOCACHE: join(dir, "cache"), GOMODCACHE: join(dir, "mod"), GOTOOLCHAIN: "local" };
};

describeNeeding(["act", "go", "git", "haproxy"], "every stage as its own action under act (host mode)", () => {
  const dir = scratchDir("gantry-act-deploy-");
  const stateDir = join(dir, "state");
  let hp: Haproxy;
  let run: ActRun;

  beforeAll(async () => {
    const ports = { blue: await freePort(), green: await freePort() };
    hp = await startHaproxy(dir, ports);
    const env = { TARGET, HAPROXY_SOCKET: hp.socket, HAPROXY_STATE: hp.stateFile, PORTS: `${ports.blue},${ports.green}`, STATE_DIR: stateDir };
    run = await runAct(actWorkspace("stages.yml"), "stages.yml", { env, processEnv: goEnv() });
  }, ACT_RUN_MS);

  afterAll(async () => {
    stopServices(stateDir);
    await hp?.stop();
  });

  it("runs the job to the end", () => {
    expect(run.code, logOf(run)).toBe(0);
    for (const step of ["build", "slim", "image", "deploy", "outputs"]) expect(resultOf(run, step), step).toBe("success");
  });

  it("gives each step's outputs to the later steps", async () => {
    const vars = printedVars(run, "outputs");
    expect(vars.BUILD_VERSION).toBe("v1.2.3");
    expect(vars.BUILD_CACHE_HIT).toBe("false");
    expect(Number(vars.SLIM_TOTAL_AFTER)).toBeGreaterThan(0);
    expect(vars.IMAGE_DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(vars.DEPLOY_OUTCOME).toBe("promoted");
    expect(vars.DEPLOY_VERSION).toBe("v1.2.3");
    expect(await servedVersion(hp.url)).toBe("v1.2.3");
  });

  it("writes each stage's job summary where act reads it", () => {
    expect(summaryOf(run, "build")).toContain("### go-build: hello v1.2.3");
    expect(summaryOf(run, "build")).toContain(`\`${TARGET}\``);
    expect(summaryOf(run, "slim")).toMatch(/slim/);
    expect(summaryOf(run, "image")).toMatch(/sha256:[0-9a-f]{12}/);
    expect(summaryOf(run, "deploy")).toContain("v1.2.3");
  });

  it("annotates: slim warns about the missing baseline", () => {
    const warnings = annotationsOf(run, "slim").filter((a) => a.level === "warning");
    expect(warnings.map((a) => a.message).join("\n")).toContain("no-such-report.json");
  });

  it("runs the post steps: go-build's saves its cache to act's cache server", () => {
    expect(resultOf(run, "build", "Post")).toBe("success");
    expect(printed(run, "build", "Post")).toMatch(/cache: saved \S+/);
    expect(resultOf(run, "deploy", "Post")).toBe("success");
  });
});

describeNeeding(["act", "go", "git"], "the root action under act (host mode)", () => {
  let run: ActRun;
  beforeAll(async () => {
    run = await runAct(actWorkspace("root.yml"), "root.yml", { env: { TARGET }, processEnv: goEnv() });
  }, ACT_RUN_MS);

  it("runs go-build, slim and image in one step and gives their outputs to the next", () => {
    expect(run.code, logOf(run)).toBe(0);
    const vars = printedVars(run, "outputs");
    expect(vars.VERSION).toBe("v2.0.0");
    expect(Number(vars.SLIM_TOTAL_AFTER)).toBeGreaterThan(0);
    expect(vars.IMAGE_DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("writes the stages' summaries and runs its post step", () => {
    const summary = summaryOf(run, "gantry");
    expect(summary).toContain("### go-build: hello v2.0.0");
    expect(summary).toMatch(/sha256:[0-9a-f]{12}/);
    expect(resultOf(run, "gantry", "Post")).toBe("success");
    expect(printed(run, "gantry", "Post")).toMatch(/cache: saved \S+/);
  });
});

describeNeeding(["act", "git"], "a bad input under act (host mode)", () => {
  let run: ActRun;
  beforeAll(async () => {
    run = await runAct(actWorkspace("bad-input.yml"), "bad-input.yml");
  }, ACT_RUN_MS);

  it("fails the step with an error annotation naming the input, the value and what is accepted", () => {
    expect(run.code, logOf(run)).not.toBe(0);
    expect(resultOf(run, "build")).toBe("failure");
    const errors = annotationsOf(run, "build").filter((a) => a.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/targets/);
    expect(errors[0]?.message).toContain("linux/amd65");
    expect(errors[0]?.message).toContain("linux/amd64");
    expect(resultOf(run, "never")).toBeUndefined();
  });
});
