/**
 * The go-version install path against a local mirror: a JSON index shaped like go.dev/dl's and a
 * release archive made from this machine's real Go (its `go` binary, with src/ and pkg/ linked
 * to Debian's), with `go` taken off PATH so the action must install it.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "@gantry/core";
import { fixtureCopy, runAction, scratchDir } from "../harness.js";

const GOROOT = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
const GOVERSION = execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" }).trim(); // go1.19.8
const FILE = `${GOVERSION}.linux-amd64.tar.gz`;

let server: Server;
let base: string;
let pathDir: string;
let archive: Buffer;
let requests: string[] = [];
let advertisedSha = "";

beforeAll(async () => {
  const work = scratchDir("gantry-go-mirror-");
  const root = join(work, "go");
  mkdirSync(join(root, "bin"), { recursive: true });
  copyFileSync(join(GOROOT, "bin", "go"), join(root, "bin", "go"));
  copyFileSync(join(GOROOT, "VERSION"), join(root, "VERSION"));
  for (const d of ["src", "pkg"]) symlinkSync(realpathSync(join(GOROOT, d)), join(root, d));
  execFileSync("tar", ["-C", work, "-czf", join(work, FILE), "go"], { env: { ...process.env, GZIP: "-1" } });
  archive = readFileSync(join(work, FILE));
  advertisedSha = sha256(archive);
  // A PATH with what go-build and the tool cache need, and no go.
  pathDir = join(work, "bin");
  mkdirSync(pathDir);
  for (const tool of ["git", "tar", "gzip", "sh", "uname"]) {
    const found = execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    symlinkSync(found, join(pathDir, tool));
  }
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/dl/?mode=json&include=all") {
      res.setHeader("content-type", "application/json");
      const file = (version: string, filename: string, sha: string) => ({
        filename,
        os: "linux",
        arch: "amd64",
        version,
        sha256: sha,
        size: archive.length,
        kind: "archive",
      });
      res.end(
        JSON.stringify([
          {
            version: GOVERSION,
            stable: true,
            files: [file(GOVERSION, FILE, advertisedSha), { ...file(GOVERSION, `${GOVERSION}.src.tar.gz`, "0"), kind: "source", os: "", arch: "" }],
          },
          { version: "go1.18.10", stable: true, files: [file("go1.18.10", "go1.18.10.linux-amd64.tar.gz", "0")] },
        ]),
      );
    } else if (req.url === `/dl/${FILE}`) {
      res.end(archive);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dl`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("go-version installs Go from a mirror when the go on PATH does not satisfy it", () => {
  const toolCache = scratchDir("gantry-toolcache-");
  const minor = GOVERSION.replace(/^go(\d+\.\d+).*/, "$1");

  it("downloads, checks the sha256, caches, and builds with it", async () => {
    requests = [];
    const ws = fixtureCopy("stdlib-service");
    const r = await runAction(
      "go-build",
      { "go-version": minor, "go-download-base-url": base, targets: "linux/amd64", archive: "none", version: "v9" },
      { workspace: ws, toolCache, env: { PATH: pathDir }, post: false },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain(`go (none) on PATH does not satisfy ${minor}.x; installing`);
    expect(requests).toEqual(["/dl/?mode=json&include=all", `/dl/${FILE}`]);
    const bin = JSON.parse(r.outputs.artifacts as string)[0].path;
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" })).toContain("hello v9");
  });

  it("finds it in the tool cache the next time instead of downloading it again", async () => {
    requests = [];
    const r = await runAction(
      "go-build",
      { "go-version": minor, "go-download-base-url": base, targets: "linux/amd64", archive: "none" },
      { workspace: fixtureCopy("stdlib-service"), toolCache, env: { PATH: pathDir }, post: false },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.log).toMatch(/go \d+\.\d+\.\d+ \(x64\) found in the tool cache/);
    expect(requests).toEqual(["/dl/?mode=json&include=all"]);
  });

  it("refuses an archive whose sha256 does not match the index, and installs nothing", async () => {
    advertisedSha = "0".repeat(64);
    const fresh = scratchDir("gantry-toolcache-");
    const r = await runAction(
      "go-build",
      { "go-version": minor, "go-download-base-url": base, targets: "linux/amd64" },
      { workspace: fixtureCopy("stdlib-service"), toolCache: fresh, env: { PATH: pathDir }, post: false },
    );
    advertisedSha = sha256(archive);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(
      new RegExp(`go \\d+\\.\\d+\\.\\d+ from ${base}/${FILE.replace(/\./g, "\\.")} has sha256 [0-9a-f]{64}, expected 0{64}; it was not installed`),
    );
    expect(execFileSync("find", [fresh, "-name", "go", "-type", "f"], { encoding: "utf8" })).toBe("");
  });

  it("says clearly when no release satisfies the version", async () => {
    const r = await runAction(
      "go-build",
      { "go-version": "1.17", "go-download-base-url": base, targets: "linux/amd64" },
      { workspace: fixtureCopy("stdlib-service"), toolCache, env: { PATH: pathDir }, post: false },
    );
    expect(r.code).toBe(1);
    expect(r.log).toContain("no Go release for linux/amd64 satisfies 1.17.x");
  });

  it("uses the go on PATH when it satisfies go-version-file, without asking the mirror", async () => {
    requests = [];
    const ws = fixtureCopy("stdlib-service");
    const r = await runAction(
      "go-build",
      { "go-version-file": "go.mod", "go-download-base-url": base, targets: "linux/amd64", archive: "none" },
      { workspace: ws, post: false },
    );
    expect(r.code, r.log).toBe(0);
    expect(requests).toEqual([]);
  });
});
