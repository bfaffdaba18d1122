/**
 * The release a team would script by hand instead of gantry's go-build, doing the same work with
 * the usual tools: `go mod verify`, `go mod tidy -diff`, one `go build` per target one after
 * another, a tar.gz (zip for windows) per binary, and `sha256sum` over the archives. SBOMs and
 * provenance have no usual command-line tool, so the comparison runs gantry with both off.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** gantry's default archive name, `{name}_{version}_{os}_{arch}{variant}`, for a target. */
export function archiveName(name: string, version: string, target: string): string {
  const [os, arch, variant] = target.split("/") as [string, string, string?];
  return `${name}_${version}_${os}_${arch}${variant ?? ""}`;
}

/** Runs the loop in `ws` with its own GOCACHE; returns its wall time in ms. */
export function goLoop(ws: string, gocache: string, targets: readonly string[], ldflags: string, version: string): number {
  const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ws) =>
    execFileSync(cmd, args, { cwd, env: { ...env, GOCACHE: gocache }, stdio: ["ignore", "pipe", "pipe"] });
  const started = performance.now();
  run("go", ["mod", "verify"]);
  run("go", ["mod", "tidy", "-diff"]);
  const out = join(ws, "loop-dist");
  mkdirSync(out, { recursive: true });
  const archives: string[] = [];
  for (const t of targets) {
    const [os, arch, variant] = t.split("/") as [string, string, string?];
    const env = { ...process.env, GOOS: os, GOARCH: arch, CGO_ENABLED: "0", ...(variant ? { GOARM: variant.slice(1) } : {}) };
    const dir = join(out, t.replace(/\//g, "_"));
    const binary = os === "windows" ? "hello.exe" : "hello";
    run("go", ["build", "-trimpath", `-ldflags=${ldflags}`, "-o", join(dir, binary), "."], env);
    const name = archiveName("hello", version, t);
    if (os === "windows") {
      archives.push(`${name}.zip`);
      run("zip", ["-q", "-j", join(out, `${name}.zip`), join(dir, binary)]);
    } else {
      archives.push(`${name}.tar.gz`);
      run("tar", ["-C", dir, "-czf", join(out, `${name}.tar.gz`), binary]);
    }
  }
  writeFileSync(join(out, "checksums.txt"), run("sha256sum", archives, process.env, out));
  return performance.now() - started;
}
