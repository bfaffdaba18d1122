/**
 * go-build's goreleaser-config against goreleaser itself (pinned in tools/goreleaser): three
 * configs written the way public projects write theirs, each built by both from one tagged
 * commit. The target set, archive names, checksums file names and binary bytes must agree; what
 * differs on purpose is named in DIFFERENCES and checked as such.
 *
 * Binary bytes agree once both link and build alike: go-build always links with `-buildid=` and
 * builds with `-trimpath -buildvcs=false`, so the configs say so too (goreleaser's own default
 * leaves the build ID and the VCS stamp in, which makes its binaries differ per checkout).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";

/** What goreleaser does that go-build does not, on purpose. */
const DIFFERENCES = {
  severalBuilds:
    "several builds: gantry builds them in turn, each into out-dir/<id> with its own checksums file (named by the same template); goreleaser writes one for all",
  archiveBytes:
    "archive bytes: goreleaser's tar and zip headers (owner names, modes, its gzip) are its own, and a file without mod_timestamp carries the build time; gantry's archives are pinned to the commit time, so only names and contents are compared",
};

const COMMIT_DATE = "2026-01-02T03:04:05Z";
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd,
    env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE },
    encoding: "utf8",
  });

interface GrArtifact {
  name: string;
  path: string;
  type: string;
  goos?: string;
  goarch?: string;
  goarm?: string;
  goamd64?: string;
}

interface Release {
  targets: string[];
  archives: string[];
  checksums: string[];
  /** target → sha256 of the binary, per binary name. */
  binaries: Map<string, string>;
}

const sha256 = (path: string) => execFileSync("sha256sum", [path], { encoding: "utf8" }).split(" ")[0] as string;

/** goreleaser's target as gantry writes it: GOAMD64 v1 and GOARM64 v8.0 are the baselines, written without a variant. */
function gantryTarget(a: GrArtifact): string {
  const variant = a.goarm ? `/v${a.goarm}` : a.goamd64 && a.goamd64 !== "v1" ? `/${a.goamd64}` : "";
  return `${a.goos}/${a.goarch}${variant}`;
}

/** A tagged commit of a fixture with the config, as a goreleaser user's repository looks. */
function repository(fixture: string, config: string): string {
  const ws = fixtureCopy(fixture);
  writeFileSync(join(ws, ".goreleaser.yaml"), config);
  writeFileSync(join(ws, ".gitignore"), "dist/\ngantry-dist/\n");
  git(ws, "init", "-q");
  git(ws, "add", "-A");
  git(ws, "commit", "-qm", "release");
  git(ws, "tag", "v1.2.3");
  // goreleaser's git pipe asks for a remote even when nothing is published.
  git(ws, "remote", "add", "origin", "https://github.com/example/project.git");
  return ws;
}

function goreleaser(ws: string): Release {
  // The caches go-build uses too (its HOME is a fresh folder: goreleaser reads its token from there).
  const [GOCACHE, GOMODCACHE] = execFileSync("go", ["env", "GOCACHE", "GOMODCACHE"], { encoding: "utf8" }).trim().split("\n");
  execFileSync("goreleaser", ["release", "--clean", "--skip=publish"], {
    cwd: ws,
    env: { ...process.env, HOME: scratchDir("gantry-goreleaser-home-"), GOCACHE, GOMODCACHE, GITHUB_TOKEN: "" },
    stdio: "pipe",
  });
  const artifacts = JSON.parse(readFileSync(join(ws, "dist", "artifacts.json"), "utf8")) as GrArtifact[];
  const binaries = artifacts.filter((a) => a.type === "Binary");
  return {
    targets: [...new Set(binaries.map(gantryTarget))].sort(),
    archives: artifacts
      .filter((a) => a.type === "Archive")
      .map((a) => a.name)
      .sort(),
    checksums: artifacts.filter((a) => a.type === "Checksum").map((a) => a.name),
    binaries: new Map(binaries.map((a) => [`${a.name}@${gantryTarget(a)}`, sha256(join(ws, a.path))])),
  };
}

interface GantryArtifact {
  name: string;
  target: string;
  path: string;
  archive?: string;
}

/** go-build with the config; several builds are read from each out-dir/<id>/artifacts.json. */
async function gantry(ws: string, ids: readonly string[]): Promise<Release & { log: string; manifests: string[] }> {
  const r = await runAction(
    "go-build",
    { "goreleaser-config": ".goreleaser.yaml", "out-dir": "gantry-dist", sbom: "none", provenance: "false" },
    { workspace: ws, post: false },
  );
  expect(r.code, r.log).toBe(0);
  const outDirs = ids.length > 1 ? ids.map((id) => join(ws, "gantry-dist", id)) : [join(ws, "gantry-dist")];
  const manifests = outDirs.map((d) => JSON.parse(readFileSync(join(d, "artifacts.json"), "utf8")) as { checksums?: string; artifacts: GantryArtifact[] });
  const artifacts = manifests.flatMap((m, i) => m.artifacts.map((a) => ({ ...a, dir: outDirs[i] as string })));
  return {
    log: r.log,
    manifests: outDirs,
    targets: [...new Set(artifacts.map((a) => a.target))].sort(),
    archives: artifacts.flatMap((a) => (a.archive ? [basename(a.archive)] : [])).sort(),
    checksums: manifests.map((m) => m.checksums as string),
    binaries: new Map(artifacts.map((a) => [`${basename(a.path)}@${a.target}`, sha256(join(a.dir, a.path))])),
  };
}

/** The entry names of an archive. */
function entries(path: string): string[] {
  const out = path.endsWith(".zip") ? execFileSync("unzip", ["-Z1", path], { encoding: "utf8" }) : execFileSync("tar", ["-tzf", path], { encoding: "utf8" });
  return out.split("\n").filter(Boolean).sort();
}

/** Goreleaser's builds: the same link and build flags go-build always uses, and the same -X stamps. */
const STAMPS = "-s -w -buildid= -X main.version={{.Version}} -X main.commit={{.FullCommit}} -X main.date={{.CommitDate}}";

const CASES = [
  {
    what: "GOARM variants and ignores (the Gin service)",
    fixture: "example-service",
    ids: ["hello"],
    notice: ["before (use a step before go-build)", "changelog", "builds[0].flags -trimpath"],
    config: `version: 2
project_name: hello
before:
  hooks: [go version]
builds:
  - env: [CGO_ENABLED=0]
    goos: [linux, darwin]
    goarch: [amd64, arm]
    goarm: ["6", "7"]
    ignore:
      - goos: darwin
        goarch: arm
      - goarch: arm
        goarm: "6"
    flags: [-trimpath, -buildvcs=false]
    ldflags: ["${STAMPS}"]
    mod_timestamp: "{{ .CommitTimestamp }}"
archives:
  - formats: [tar.gz]
    name_template: >-
      {{ .ProjectName }}_{{ title .Os }}_{{ if eq .Arch "amd64" }}x86_64{{ else }}{{ .Arch }}{{ end }}{{ with .Arm }}v{{ . }}{{ end }}
checksum:
  name_template: checksums.txt
changelog:
  sort: asc
`,
  },
  {
    what: "several builds, an archive each",
    fixture: "multi-module",
    ids: ["server", "tool"],
    notice: ["builds[0].flags -trimpath", "builds[1].flags -trimpath"],
    config: `version: 2
project_name: multi
builds:
  - id: server
    main: ./cmd/server
    binary: server
    env: [CGO_ENABLED=0]
    goos: [linux]
    goarch: [amd64, arm64]
    flags: [-trimpath, -buildvcs=false]
    ldflags: ["${STAMPS}"]
  - id: tool
    main: ./cmd/tool
    binary: multi-tool
    env: [CGO_ENABLED=0]
    goos: [linux]
    goarch: [amd64]
    flags: [-trimpath, -buildvcs=false]
    ldflags: ["-s -w -buildid="]
archives:
  - id: server
    ids: [server]
    name_template: "{{ .ProjectName }}-server_{{ .Version }}_{{ .Os }}_{{ .Arch }}"
  - id: tool
    ids: [tool]
    name_template: "{{ .ProjectName }}-tool_{{ .Version }}_{{ .Os }}_{{ .Arch }}"
`,
  },
  {
    what: "format_overrides: zip for windows",
    fixture: "multi-module",
    ids: ["server"],
    notice: ["nfpms"],
    config: `version: 2
builds:
  - id: server
    main: ./cmd/server
    binary: server
    env: [CGO_ENABLED=0]
    goos: [linux, windows]
    goarch: [amd64]
    flags: [-trimpath, -buildvcs=false]
    ldflags: ["${STAMPS}"]
archives:
  - formats: [tar.gz]
    format_overrides:
      - goos: windows
        formats: [zip]
nfpms:
  - formats: [deb]
`,
  },
];

describeNeeding(["go", "git", "goreleaser", "unzip"], "go-build's goreleaser-config against goreleaser", () => {
  for (const c of CASES) {
    describe(c.what, () => {
      let ws: string;
      let theirs: Release;
      let ours: Awaited<ReturnType<typeof gantry>>;
      beforeAll(async () => {
        ws = repository(c.fixture, c.config);
        theirs = goreleaser(ws);
        ours = await gantry(ws, c.ids);
      }, 1_200_000);

      it("builds the same targets, names the archives and checksums file the same, and links the same bytes", () => {
        expect(ours.targets).toEqual(theirs.targets);
        expect(ours.archives).toEqual(theirs.archives);
        expect(ours.binaries).toEqual(theirs.binaries);
        expect(theirs.checksums).toHaveLength(1);
        // DIFFERENCES.severalBuilds: one checksums file per build, each named as goreleaser names its one.
        expect(ours.checksums, DIFFERENCES.severalBuilds).toEqual(c.ids.map(() => theirs.checksums[0]));
      });

      it(`puts the same files in each archive (not the same bytes: ${DIFFERENCES.archiveBytes})`, () => {
        for (const name of theirs.archives) {
          const mine = ours.manifests.map((d) => join(d, name)).find(existsSync);
          expect(mine, name).toBeDefined();
          expect(entries(mine as string), name).toEqual(entries(join(ws, "dist", name)));
        }
      });

      it("names what it does not do in one notice, never silently", () => {
        const notices = ours.log.split("\n").filter((l) => l.includes("goreleaser-config: gantry does not do"));
        expect(notices).toHaveLength(1);
        for (const part of c.notice) expect(notices[0]).toContain(part);
      });
    });
  }
});

describeNeeding(["go", "git"], "go-build's goreleaser-config ldflags pass the same allow-list as the ldflags input", () => {
  it("a config whose ldflags name a program (-extld, -linkmode=external) is refused before anything builds", async () => {
    const marker = join(scratchDir("gantry-extld-"), "ran");
    const ws = repository(
      "example-service",
      `version: 2
builds:
  - main: .
    goos: [linux]
    goarch: [amd64]
    ldflags:
      - -s -w -extld=/bin/sh -linkmode=external -extldflags "-c 'touch ${marker}'"
`,
    );
    const r = await runAction("go-build", { "goreleaser-config": ".goreleaser.yaml", "out-dir": "gantry-dist" }, { workspace: ws, post: false });
    expect(r.code, r.log).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(/^input 'goreleaser-config': ".*-extld=\/bin\/sh.*" is not valid/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(ws, "gantry-dist"))).toBe(false);
  });
});
