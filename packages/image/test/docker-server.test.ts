import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerServer } from "../src/docker.js";

describe("why there is no Docker daemon to use", () => {
  it("a machine without the docker CLI is told so, not that no daemon answers", async () => {
    const empty = mkdtempSync(join(tmpdir(), "gantry-nodocker-"));
    const r = await dockerServer({ PATH: empty });
    rmSync(empty, { recursive: true });
    expect(r).toEqual({
      problem: "the docker CLI is not installed (no docker on PATH; Debian and Ubuntu: apt-get install docker.io)",
    });
  });

  it("the real docker CLI with no daemon behind DOCKER_HOST: no daemon answers it", async () => {
    const r = await dockerServer({ PATH: process.env.PATH, DOCKER_HOST: "unix:///nonexistent/gantry-docker.sock" });
    expect(r).toEqual({ problem: "no Docker daemon answers the docker CLI (DOCKER_HOST=unix:///nonexistent/gantry-docker.sock; docker version failed)" });
  });
});
