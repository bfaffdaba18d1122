/**
 * The UPX paths of the slim action, with a stand-in for UPX (Debian bookworm does not ship UPX
 * and this machine cannot download it): the real install path (tool cache, sha256, the runner's
 * arch) against a local HTTP server serving a release-shaped archive, then packing, `upx -t`,
 * the smoke run, and what happens when a packed binary fails them.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { STANDIN_VERSION, makeUpxRelease, serveFile } from "./upx-standin.js";

// The stand-in packs for the machine it runs on: linux on x86-64 or arm64, as UPX's own releases.
const NEEDS = ["xz", "tar", "gzip"];
const usable = !lacking(NEEDS).length;
const hostSlug = process.arch === "arm64" ? "linux_arm64" : "linux_amd64";
const hostTarget = process.arch === "arm64" ? "linux/arm64" : "linux/amd64";
const sha = (p: string) => execFileSync("sha256sum", [p], { encoding: "utf8" }).slice(0, 64);
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";

let built: string;
let release: ReturnType<typeof makeUpxRelease>;
let server: Awaited<ReturnType<typeof serveFile>>;
let toolCache: string;

function workspace(): { ws: string; binary: string } {
  const ws = scratchDir("gantry-slim-upx-");
  cpSync(join(built, "dist"), join(ws, "dist"), { recursive: true });
  return { ws, binary: join(ws, "dist", `hello_${hostSlug}`, "hello") };
}
const upxInputs = () => ({ upx: "true", "upx-download-base-url": server.base, "upx-sha256": release.sha256, "report-packages": "false" });

beforeAll(async () => {
  if (!usable) return;
  built = fixtureCopy("example-service");
  const r = await runAction(
    "go-build",
    { targets: `${hostTarget}, darwin/arm64`, version: "v1.0.0", strip: "false", cache: "false", "mod-check": "off" },
    { workspace: built, env: { SOURCE_DATE_EPOCH: "1764028800" }, post: false },
  );
  if (r.code !== 0) throw new Error(`go-build failed:\n${r.log}`);
  release = makeUpxRelease(process.arch === "arm64" ? "arm64" : "amd64");
  server = await serveFile(release.urlPath, release.file);
  toolCache = scratchDir("gantry-slim-toolcache-");
});
afterAll(async () => {
  await server?.close();
  for (const d of [built, release?.dir, toolCache]) if (d) rmSync(d, { recursive: true, force: true });
});

describeNeeding(NEEDS, "UPX install and packing (stand-in for UPX, which Debian bookworm does not ship)", () => {
  let first: ActionRun;
  let firstBinary: string;

  it("installs UPX for the runner's arch from the release archive (sha256 checked), packs, tests and runs the binary", async () => {
    const { ws, binary } = workspace();
    firstBinary = binary;
    first = await runAction("slim", upxInputs(), { workspace: ws, toolCache });
    expect(first.code, first.log).toBe(0);
    expect(server.requests()).toBe(1);
    expect(first.log).toMatch(
      new RegExp(`downloading upx ${STANDIN_VERSION} \\(${process.arch}\\) from ${server.base}${release.urlPath.replace(/\./g, "\\.")}`),
    );
    const report = JSON.parse(readFileSync(join(ws, "dist", "slim-report.json"), "utf8"));
    const host = report.files.find((f: { target: string }) => f.target === hostTarget);
    expect(host.steps).toEqual([expect.stringMatching(/^strip \(/), `upx --best (${STANDIN_VERSION})`]);
    expect(host.verified).toEqual(["loaded sections unchanged", "upx -t", expect.stringMatching(/^ran natively: hello v1\.0\.0 \(commit /)]);
    expect(host.after).toBeLessThan(host.before / 2);
    expect(execFileSync(binary, ["--version"], { encoding: "utf8" })).toMatch(/^hello v1\.0\.0/);
    // The binary and its SBOM only: no temp file or .orig left.
    expect(readdirSync(join(ws, "dist", `hello_${hostSlug}`)).sort()).toEqual(["hello", "hello.spdx.json"]);
  });

  it("names the target and the reason for a target UPX must not pack, as a notice", () => {
    const darwin = JSON.parse(first.outputs.report ?? "[]").find((e: { target: string }) => e.target === "darwin/arm64");
    expect(darwin.steps).toEqual([]);
    expect(first.annotations.filter((a) => a.level === "notice").map((a) => a.message)).toContainEqual(
      expect.stringMatching(
        /hello_darwin_arm64\/hello: not packed with UPX: darwin\/arm64: UPX-packed macOS binaries are killed at start on macOS 13\+ \(upx#612\)/,
      ),
    );
  });

  it("finds UPX in the tool cache on the next run instead of downloading it again (upx: auto)", async () => {
    expect(firstBinary).toBeTruthy();
    const { ws } = workspace();
    const r = await runAction("slim", { upx: "auto", "report-packages": "false" }, { workspace: ws, toolCache });
    expect(r.code, r.log).toBe(0);
    expect(server.requests()).toBe(1);
    expect(r.log).toContain(`upx ${STANDIN_VERSION} found in the tool cache`);
    expect(JSON.parse(r.outputs.report ?? "[]")[0].steps).toContain(`upx --best (${STANDIN_VERSION})`);
  });

  it("refuses an archive whose sha256 does not match, before any file changes", async () => {
    const { ws, binary } = workspace();
    const before = sha(binary);
    const r = await runAction("slim", { ...upxInputs(), "upx-sha256": "0".repeat(64) }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(new RegExp(`upx ${STANDIN_VERSION} from .* has sha256 ${release.sha256}, expected 0{64}; it was not installed`));
    expect(sha(binary)).toBe(before);
  });

  it("upx: auto without UPX anywhere leaves binaries unpacked and says why", async () => {
    const { ws } = workspace();
    const downloads = server.requests();
    const r = await runAction("slim", { "report-packages": "false" }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(server.requests()).toBe(downloads);
    expect(JSON.parse(r.outputs.report ?? "[]")[0]["skipped-reason"]).toMatch(/upx: UPX is not installed/);
  });
});

describeNeeding(NEEDS, "a packed binary that fails verification (stand-in for UPX, which Debian bookworm does not ship)", () => {
  it("crashes at start: the original is kept and the step fails", async () => {
    const { ws, binary } = workspace();
    const before = sha(binary);
    const r = await runAction("slim", { ...upxInputs(), "keep-original": "true" }, { workspace: ws, toolCache, env: { UPX_STANDIN_BREAK: "run" } });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(
      /verification failed; no file was changed:\n- dist\/hello_linux_\w+\/hello: the slimmed binary fails its smoke test: .* was killed by SIGSEGV; the original is kept/,
    );
    expect(sha(binary)).toBe(before);
    expect(existsSync(`${binary}.orig`)).toBe(false);
    // The binary and its SBOM only: no temp file or .orig left.
    expect(readdirSync(join(ws, "dist", `hello_${hostSlug}`)).sort()).toEqual(["hello", "hello.spdx.json"]);
  });

  it("with on-verify-failure: restore-and-warn, the original is kept with a warning and the step passes", async () => {
    const { ws, binary } = workspace();
    const before = sha(binary);
    const r = await runAction(
      "slim",
      { ...upxInputs(), "on-verify-failure": "restore-and-warn" },
      { workspace: ws, toolCache, env: { UPX_STANDIN_BREAK: "run" } },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.annotations.some((a) => a.level === "warning" && /fails its smoke test/.test(a.message))).toBe(true);
    expect(sha(binary)).toBe(before);
    const m = JSON.parse(readFileSync(join(ws, "dist", "artifacts.json"), "utf8"));
    expect(m.artifacts[0].slim).toMatchObject({ steps: [], "skipped-reason": expect.stringMatching(/verify: the slimmed binary fails its smoke test/) });
  });

  it("fails upx -t: the original is kept and the step fails", async () => {
    const { ws, binary } = workspace();
    const before = sha(binary);
    const r = await runAction("slim", upxInputs(), { workspace: ws, toolCache, env: { UPX_STANDIN_BREAK: "test" } });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(/upx -t failed: CantUnpackException: header corrupted; the original is kept/);
    expect(sha(binary)).toBe(before);
  });
});
