import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@gantry/core";
import { extraFiles } from "../src/extrafiles.js";
import type { GoBuildInputs } from "../src/inputs.js";
import type { Release } from "../src/verify/release.js";
import { rebuildEnv } from "../src/verify/verify.js";

const folders = { gocache: "/v/gocache", gomodcache: "/v/gomodcache", home: "/v/home", tmp: "/v/tmp" };
const release = { date: "2026-01-02T03:04:05Z" } as Release;

describe("the rebuild's environment is made from nothing", () => {
  it("keeps PATH and the module proxy settings; drops GOFLAGS, GOENV, CC, CGO flags, tokens and runner variables", () => {
    const caller = {
      PATH: "/usr/bin",
      GOPROXY: "https://proxy.example",
      GONOSUMDB: "example.com",
      GOPRIVATE: "example.com/private",
      GOTOOLCHAIN: "local",
      HTTPS_PROXY: "http://proxy:3128",
      GOFLAGS: "-toolexec=/tmp/planted",
      GOENV: "/tmp/planted.env",
      CC: "/tmp/planted",
      CXX: "/tmp/planted",
      CGO_CFLAGS: "-DPLANTED",
      CGO_LDFLAGS: "-fuse-ld=/tmp/planted",
      GITHUB_TOKEN: "ghp_planted",
      ACTIONS_RUNTIME_TOKEN: "planted",
      RUNNER_TEMP: "/runner/temp",
      GITHUB_SHA: "f".repeat(40),
      HOME: "/home/caller",
      TMPDIR: "/tmp/caller",
      XDG_CONFIG_HOME: "/home/caller/.config",
      LD_PRELOAD: "/tmp/planted.so",
    };
    expect(rebuildEnv(caller, folders, release)).toEqual({
      PATH: "/usr/bin",
      GOPROXY: "https://proxy.example",
      GONOSUMDB: "example.com",
      GOPRIVATE: "example.com/private",
      GOTOOLCHAIN: "local",
      HTTPS_PROXY: "http://proxy:3128",
      HOME: "/v/home",
      TMPDIR: "/v/tmp",
      GOCACHE: "/v/gocache",
      GOMODCACHE: "/v/gomodcache",
      GOENV: "off",
      SOURCE_DATE_EPOCH: String(Date.parse("2026-01-02T03:04:05Z") / 1000),
    });
  });
});

describe("files stay inside the checkout", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gantry-extrafiles-"));
    mkdirSync(join(dir, "repo"));
    writeFileSync(join(dir, "repo", "LICENSE"), "MIT");
    writeFileSync(join(dir, "secret"), "key");
    symlinkSync(join(dir, "secret"), join(dir, "repo", "linked"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = (list: string[]) => extraFiles({ workingDirectory: join(dir, "repo"), files: list } as GoBuildInputs);

  it("a file of the checkout is taken", async () => {
    expect(await files(["LICENSE", join(dir, "repo", "LICENSE")])).toMatchObject([{ name: "LICENSE" }, { name: "LICENSE" }]);
  });

  it.each(["../secret", "SECRET_ABS", "linked"])("%s, outside it (also through a symlink), is refused naming files", async (f) => {
    const name = f === "SECRET_ABS" ? join(dir, "secret") : f;
    const err = await files([name]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe("files");
    expect((err as InputError).message).toContain("it is outside the checkout");
  });
});
