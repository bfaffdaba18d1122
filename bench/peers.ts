/**
 * The tools our users would pick instead of gantry, run the way their docs say, on a
 * copy of the same module: goreleaser for go-build, gotestsum for go-test. Pinned in tools/ and built into .tools/bin by
 * `bash scripts/go-tools.sh --bench` (run.ts puts it first on PATH). A peer that is missing is
 * reported by the bench as not measured, never silently dropped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** The peer's path on PATH, or undefined. */
export function findPeer(command: string): string | undefined {
  const r = spawnSync("sh", ["-c", 'command -v "$1"', "sh", command], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** goreleaser's names for gantry's targets: `linux/arm/v7` → `linux_arm_7`. */
export const goreleaserTarget = (t: string) => t.replace(/\/v(\d+)$/, "/$1").replace(/\//g, "_");

/**
 * A .goreleaser.yaml doing what gantry's go-build does by default: the same targets, -trimpath,
 * CGO off, the same ldflags, tar.gz (zip for windows) holding the binary alone, one checksums.txt.
 * `hooks` run first, as goreleaser's docs show (`before.hooks: [go mod tidy]`): go-build's module checks.
 */
export function goreleaserConfig(targets: readonly string[], ldflags: string, version: string, hooks: readonly string[] = []): string {
  return [
    "version: 2",
    "project_name: hello",
    ...(hooks.length ? ["before:", "  hooks:", ...hooks.map((h) => `    - ${JSON.stringify(h)}`)] : []),
    "builds:",
    "  - id: hello",
    "    main: .",
    "    binary: hello",
    "    env: [CGO_ENABLED=0]",
    "    flags: [-trimpath]",
    `    ldflags: [${JSON.stringify(ldflags)}]`,
    `    targets: [${targets.map(goreleaserTarget).join(", ")}]`,
    '    mod_timestamp: "{{ .CommitTimestamp }}"',
    "archives:",
    "  - formats: [tar.gz]",
    "    format_overrides:",
    "      - goos: windows",
    "        formats: [zip]",
    '    name_template: "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}"',
    "    files: [none*]",
    "checksum:",
    "  name_template: checksums.txt",
    "changelog:",
    "  disable: true",
    "snapshot:",
    `  version_template: ${JSON.stringify(version)}`,
    "",
  ].join("\n");
}

/** Makes `ws` a git checkout with one commit (goreleaser reads the commit and its time), with the config beside the sources. */
export function prepareGoreleaser(ws: string, config: string): void {
  writeFileSync(join(ws, ".goreleaser.yaml"), config);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", ...args], {
      cwd: ws,
      stdio: "ignore",
      env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "bench");
}

/** `goreleaser release --snapshot --clean` (builds, archives, checksums; snapshot skips publishing): its wall time. */
export function goreleaserRelease(ws: string, env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const r = spawnSync("goreleaser", ["release", "--snapshot", "--clean"], { cwd: ws, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`goreleaser release --snapshot failed:\n${r.stderr}${r.stdout}`.slice(-4000));
  return performance.now() - started;
}
