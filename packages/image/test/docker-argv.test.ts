/**
 * The image stage's docker command lines (issue 10): build-arg values never on argv (where `ps`
 * shows them) but in docker's environment, and `--` before every reference or path, checked
 * against the argv and environment a `docker` stand-in on PATH records.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryReporter } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../../../test/support/scratch.js";
import { dockerBuild, dockerBuildCommand, dockerTag } from "../src/docker.js";

const SECRET = "s3cr3t-token-value";

/** A `docker` that answers `version`, records every other call's argv and GREETING/TOKEN, then fails. */
function standIn(): { env: NodeJS.ProcessEnv; calls: () => string[] } {
  const dir = scratchDir("gantry-docker-argv-");
  const log = join(dir, "calls");
  writeFileSync(log, "");
  writeFileSync(
    join(dir, "docker"),
    [
      "#!/bin/sh",
      'if [ "$1" = version ]; then echo 27.0.0; exit 0; fi',
      `{ printf '%s|' "$@"; printf 'env TOKEN=%s GREETING=%s\\n' "$TOKEN" "$GREETING"; } >> ${JSON.stringify(log)}`,
      "exit 3",
      "",
    ].join("\n"),
  );
  chmodSync(join(dir, "docker"), 0o755);
  return { env: { PATH: `${dir}:/usr/bin:/bin` }, calls: () => readFileSync(log, "utf8").trim().split("\n").filter(Boolean) };
}

describe("docker command lines", () => {
  it("build args go as --build-arg NAME with the value in docker's environment, masked, and `--` ends the options", async () => {
    const docker = standIn();
    const reporter = new MemoryReporter();
    const masked: string[] = [];
    reporter.mask = (s: string) => void masked.push(s);
    const err = (await dockerBuild({
      dockerfile: "/ctx/Dockerfile",
      context: "/ctx",
      buildArgs: { TOKEN: SECRET, GREETING: "Hej" },
      target: "",
      labels: { "org.example": "x" },
      annotations: {},
      env: docker.env,
      reporter,
    }).catch((e) => e)) as Error;
    const [call] = docker.calls();
    expect(call).toMatch(/^build\|--iidfile\|.*\|--file\|\/ctx\/Dockerfile\|--build-arg\|TOKEN\|--build-arg\|GREETING\|--label\|org\.example=x\|--\|\/ctx\|/);
    expect(call).toContain(`env TOKEN=${SECRET} GREETING=Hej`);
    expect(call?.split("env ")[0]).not.toContain(SECRET);
    expect(err.message).toContain("docker build of /ctx/Dockerfile failed (exit 3)");
    expect(err.message).not.toContain(SECRET);
    expect(masked).toEqual([SECRET]);
  });

  it("docker tag puts `--` before the image and refuses a name that begins with -", async () => {
    const docker = standIn();
    await expect(dockerTag("sha256:abc", ["ghcr.io/acme/api:v1"], docker.env)).rejects.toThrow(/exited with 3/);
    expect(docker.calls()).toEqual(["tag|--|sha256:abc|ghcr.io/acme/api:v1|env TOKEN= GREETING="]);
    await expect(dockerTag("sha256:abc", ["--help"], docker.env)).rejects.toThrow(/cannot begin with "-"/);
    expect(docker.calls()).toHaveLength(1);
  });

  it("the build command keeps a context path that looks like an option an operand", () => {
    const { args, extraEnv } = dockerBuildCommand({ dockerfile: "/d", context: "-ctx", buildArgs: { A: "1" }, labels: {}, target: "t" }, "/iid");
    expect(args).toEqual(["build", "--iidfile", "/iid", "--file", "/d", "--build-arg", "A", "--target", "t", "--", "-ctx"]);
    expect(extraEnv).toEqual({ A: "1" });
  });
});
