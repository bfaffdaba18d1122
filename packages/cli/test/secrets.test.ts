import { scratchDir } from "../../../test/support/scratch.js";
import { tmpdir } from "node:os";
import { type InputSource, type RunContext, type Stage, envInputSource } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { runCli, secretEnvName } from "../src/cli.js";

/** A stage with one secret input that records what its run and its post step saw. */
function recordingStage() {
  const seen: { run?: string; post?: string } = {};
  const stage: Stage<string> = {
    name: "probe",
    description: "records its secret",
    inputs: { "admin-token": "", mode: "x" },
    secrets: ["admin-token"],
    parse: (read) => read.string("admin-token"),
    async run(token) {
      seen.run = token;
    },
    // As deploy's post does (core's loadPostState): state never holds the secret, the INPUT_ variable does.
    async post(ctx: RunContext) {
      seen.post = (envInputSource(ctx.env) as InputSource)("admin-token");
    },
  };
  return { stage: stage as Stage<unknown>, seen };
}

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const { stage, seen } = recordingStage();
  const err: string[] = [];
  const runnerDir = scratchDir("gantry-cli-secrets-");
  const code = await runCli(
    ["probe", ...argv],
    { stdout: () => {}, stderr: (l) => void err.push(l), env: { RUNNER_TEMP: runnerDir, XDG_CACHE_HOME: runnerDir, ...env }, cwd: runnerDir },
    { probe: async () => stage },
  );
  return { code, seen, stderr: err.join("\n") };
}

describe("the CLI's secret inputs (review of issue 16)", () => {
  it("names the environment variable of a secret input", () => {
    expect(secretEnvName("nginx-admin-token")).toBe("GANTRY_NGINX_ADMIN_TOKEN");
    expect(secretEnvName("image-password")).toBe("GANTRY_IMAGE_PASSWORD");
  });

  it("reads a secret from GANTRY_<NAME>, off the command line, and gives it to the post step too", async () => {
    const r = await run([], { GANTRY_ADMIN_TOKEN: "from-env-0123456789" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.seen).toEqual({ run: "from-env-0123456789", post: "from-env-0123456789" });
    expect(r.stderr).not.toContain("from-env-0123456789");
  });

  it("a flag still works, wins over the environment, reaches post, and is warned about", async () => {
    const r = await run(["--admin-token", "from-flag-0123456789"], { GANTRY_ADMIN_TOKEN: "from-env-0123456789" });
    expect(r.seen).toEqual({ run: "from-flag-0123456789", post: "from-flag-0123456789" });
    expect(r.stderr).toContain("set $GANTRY_ADMIN_TOKEN instead");
    expect(r.stderr).not.toContain("from-flag-0123456789");
  });

  it("does not read other inputs from the environment", async () => {
    const { stage } = recordingStage();
    const err: string[] = [];
    await runCli(["probe", "--help"], { stdout: () => {}, stderr: (l) => void err.push(l), env: {}, cwd: tmpdir() }, { probe: async () => stage });
    expect(err.join("\n")).toContain("(secret: better from $GANTRY_ADMIN_TOKEN)");
    expect(err.join("\n")).not.toContain("GANTRY_MODE");
  });
});
