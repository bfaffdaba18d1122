/**
 * The Docker paths with a real dockerd started on a temp socket: the docker archive loaded and
 * run with --network none, `load: true`, and the docker engine building a multi-stage
 * Dockerfile whose base stage is a local image (no image can be pulled here).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";
import { type Dockerd, EPOCH, buildService, startDockerd } from "./services.js";

const VERSION_LINE = "hello v1.2.3 (commit none, built 2025-11-25T00:00:00Z)\n";

describeNeeding(["dockerd", "docker", "root"], "image ↔ a real dockerd", () => {
  let ws: string;
  let dockerd: Dockerd;

  beforeAll(async () => {
    ws = fixtureCopy("example-service");
    [dockerd] = await Promise.all([startDockerd(), buildService(ws, "linux/amd64")]);
  });
  afterAll(async () => {
    await dockerd?.stop();
  });

  it("docker load takes the docker archive, and the image runs with --network none as the non-root user", async () => {
    const r = await runAction("image", { "docker-archive": "image.tar", repository: "example.test/hello" }, { workspace: ws, env: EPOCH });
    expect(r.code, r.log).toBe(0);
    expect(dockerd.docker(["load", "-i", join(ws, "image.tar")])).toContain("Loaded image: example.test/hello:v1.2.3");
    expect(dockerd.docker(["run", "--rm", "--network", "none", "example.test/hello:v1.2.3", "--version"])).toBe(VERSION_LINE);
    const inspect = JSON.parse(dockerd.docker(["image", "inspect", "example.test/hello:v1.2.3"]))[0];
    expect(inspect.Config.User).toBe("65532:65532");
    // docker's image ID is the config digest: the same one the index names for this platform.
    const metadata = JSON.parse(r.outputs.metadata ?? "{}");
    expect(inspect.Id).toBe(metadata.platforms["linux/amd64"].config);
  });

  it("load: true loads into the daemon DOCKER_HOST names", async () => {
    const r = await runAction("image", { load: "true", tags: "loaded" }, { workspace: ws, env: { ...EPOCH, ...dockerd.env } });
    expect(r.code, r.log).toBe(0);
    expect(JSON.parse(r.outputs.metadata ?? "{}").loaded).toEqual(["hello:loaded"]);
    expect(dockerd.docker(["run", "--rm", "--network", "none", "hello:loaded", "--version"])).toBe(VERSION_LINE);
  });

  it("the docker engine builds a multi-stage Dockerfile on a local base image, with build args and target, and reports digests the same way", async () => {
    const ctx = scratchDir("gantry-dockerfile-");
    writeFileSync(
      join(ctx, "Dockerfile"),
      [
        "ARG BASE=hello:loaded",
        "FROM $BASE AS base",
        "FROM scratch AS runtime",
        "ARG GREETING",
        "COPY --from=base /usr/local/bin/hello /hello",
        "COPY --from=base /etc/passwd /etc/passwd",
        "ENV GREETING=$GREETING",
        "USER 65532",
        'ENTRYPOINT ["/hello"]',
        "FROM runtime AS debug",
        'ENV DEBUG="1"',
        "",
      ].join("\n"),
    );
    const r = await runAction(
      "image",
      {
        engine: "docker",
        context: ctx,
        dockerfile: join(ctx, "Dockerfile"),
        "build-args": "GREETING=Hej",
        target: "runtime",
        "oci-layout": "docker-oci",
        tags: "from-dockerfile",
      },
      { workspace: ws, env: { ...EPOCH, ...dockerd.env } },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(Object.keys(JSON.parse(r.outputs.platforms ?? "{}"))).toEqual(["linux/amd64"]);
    expect(dockerd.docker(["run", "--rm", "--network", "none", "hello:from-dockerfile", "--version"])).toBe(VERSION_LINE);
    const inspect = JSON.parse(dockerd.docker(["image", "inspect", "hello:from-dockerfile"]))[0];
    expect(inspect.Config.Env).toContain("GREETING=Hej");
    expect(inspect.Config.Env).not.toContain("DEBUG=1");
    expect(inspect.Config.Labels["org.opencontainers.image.version"]).toBe("v1.2.3");
    expect(inspect.Id).toBe(JSON.parse(r.outputs.metadata ?? "{}").platforms["linux/amd64"].config);
  });

  it("engine docker refuses platforms the daemon cannot build without emulation", async () => {
    const r = await runAction("image", { engine: "docker", platforms: "linux/amd64,linux/arm64" }, { workspace: ws, env: { ...EPOCH, ...dockerd.env } });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/input 'platforms'.*engine: docker builds the daemon's own platform only/);
  });
});
