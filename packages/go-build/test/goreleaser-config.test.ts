import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputReader, mapInputSource } from "@gantry/core";
import { scratchDir } from "../../../test/support/scratch.js";
import { GO_BUILD_INPUTS, parseGoBuildInputs } from "../src/inputs.js";
import type { BuildInfo } from "../src/version.js";

const dir = scratchDir("gantry-goreleaser-");
writeFileSync(join(dir, "go.mod"), "module example.com/acme/widget\n\ngo 1.22\n");
writeFileSync(join(dir, "LICENSE"), "MIT\n");
writeFileSync(join(dir, "README.md"), "# widget\n");

let n = 0;
/** Parses go-build's inputs with a config written to a fresh file. */
function parse(yaml: string, values: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const path = join(dir, `goreleaser-${n++}.yaml`);
  writeFileSync(path, yaml);
  return parseGoBuildInputs(new InputReader(mapInputSource({ "goreleaser-config": path, ...values }), GO_BUILD_INPUTS), dir, env);
}

const info: BuildInfo = {
  version: "v1.4.0",
  commit: "0123456789abcdef0123456789abcdef01234567",
  date: "2026-01-02T03:04:05Z",
  epoch: 1767323045,
  dateSource: "commit",
};
const linuxArm7 = { os: "linux", arch: "arm", variant: "v7" };

describe("goreleaser-config", () => {
  it("maps a build with GOARM variants and ignores onto go-build's inputs", () => {
    const inputs = parse(`version: 2
project_name: widget
env: [CGO_ENABLED=0]
builds:
  - main: ./cmd/widget
    binary: wdg
    goos: [linux, windows, darwin]
    goarch: [amd64, arm, arm64, "386"]
    goarm: ["6", "7"]
    ignore:
      - goos: windows
        goarch: arm
      - goos: linux
        goarch: arm
        goarm: "6"
    flags: [-trimpath, -buildvcs=false]
    tags: [netgo, osusergo]
archives:
  - formats: [tar.gz]
    format_overrides: [{ goos: windows, formats: [zip] }]
release: { draft: true }
nfpms: [{ formats: [deb] }]
dockers: [{ image_templates: ["x"] }]
`);
    expect(inputs.targets).toEqual([
      "linux/amd64",
      "linux/arm/v7",
      "linux/arm64",
      "linux/386",
      "windows/amd64",
      "windows/arm64",
      "windows/386",
      "darwin/amd64",
      "darwin/arm64",
    ]);
    expect(inputs).toMatchObject({
      main: "./cmd/widget",
      name: "wdg",
      cgo: false,
      flags: ["-buildvcs=false"],
      tags: ["netgo", "osusergo"],
      archive: "auto",
      files: ["LICENSE", "README.md"],
    });
    expect(inputs.naming?.ignored).toEqual([
      "release",
      "nfpms",
      "dockers (use the image stage (actions/image))",
      "builds[0].flags -trimpath (go-build always builds with -trimpath)",
    ]);
  });

  it("names archives, checksums and ldflags with goreleaser's defaults and templates", async () => {
    const inputs = parse(`version: 2
builds:
  - ldflags: ["-s -w -X main.version={{.Version}} -X main.os={{ .Os }}"]
`);
    const named = await inputs.naming?.resolve(info, { cwd: dir, tagged: true });
    expect(named?.archive(linuxArm7)).toBe("widget_1.4.0_linux_armv7");
    expect(named?.archive({ os: "linux", arch: "amd64", variant: "v3" })).toBe("widget_1.4.0_linux_amd64v3");
    expect(named?.checksums).toBe("widget_1.4.0_checksums.txt");
    expect(named?.ldflags(linuxArm7)).toBe("-s -w -X main.version=1.4.0 -X main.os=linux");
    expect(named?.version).toBe("v1.4.0");
  });

  it("guesses project_name as goreleaser does: the release repository's name, else the module's", async () => {
    const named = async (yaml: string, env: NodeJS.ProcessEnv = {}) =>
      (await parse(yaml, {}, env).naming?.resolve(info, { cwd: dir, tagged: true }))?.checksums;
    expect(await named("release: { github: { owner: acme, name: gadget } }")).toBe("gadget_1.4.0_checksums.txt");
    expect(await named("builds: [{}]", { GITHUB_REPOSITORY: "acme/gizmo" })).toBe("gizmo_1.4.0_checksums.txt");
    expect(await named("builds: [{}]")).toBe("widget_1.4.0_checksums.txt");
  });

  it("lets an input set to something other than its default win over the config", async () => {
    const inputs = parse(
      `version: 2
builds: [{ goos: [linux], goarch: [amd64], ldflags: "-X main.a=b" }]
archives: [{ name_template: "{{ .ProjectName }}-{{ .Os }}" }]
`,
      { targets: "linux/arm64", "archive-name": "{name}-{os}", ldflags: "-X main.c=d", name: "mine" },
    );
    expect(inputs.targets).toEqual(["linux/arm64"]);
    expect(inputs.name).toBe("mine");
    const named = await inputs.naming?.resolve(info, { cwd: dir, tagged: true });
    expect(named?.archive(linuxArm7)).toBeUndefined();
    expect(named?.ldflags(linuxArm7)).toBeUndefined();
    // An input at its action.yml default is taken as not given (the runner passes every input).
    expect(parse("builds: [{ goos: [linux], goarch: [arm64] }]", { targets: GO_BUILD_INPUTS.targets }).targets).toEqual(["linux/arm64"]);
  });

  it("refuses what it cannot honour, naming the field and the expression", () => {
    expect(() => parse('builds: [{ ldflags: "-X main.v={{ .Runtime.Goos }}" }]')).toThrow(/builds\[0\]\.ldflags.*\.Runtime\.Goos is not a field gantry knows/);
    expect(() => parse('archives: [{ name_template: "{{ envOrDefault \\"A\\" \\"b\\" }}" }]')).toThrow(/archives\[0\]\.name_template.*function envOrDefault/);
    expect(() => parse("builds: [{ env: [GOFLAGS=-mod=mod] }]")).toThrow(/builds\[0\]\.env: GOFLAGS=-mod=mod.*CGO_ENABLED/);
    expect(() => parse("builds: [{ gcflags: [all=-N] }]")).toThrow(/builds\[0\]\.gcflags/);
    expect(() => parse('builds: [{ mod_timestamp: "{{ .Timestamp }}" }]')).toThrow(/mod_timestamp/);
    expect(() => parse("archives: [{ wrap_in_directory: true }]")).toThrow(/wrap_in_directory/);
    expect(() => parse("archives: [{ formats: [tar.xz] }]")).toThrow(/archives\[0\]\.formats: tar\.xz/);
    expect(() => parse("builds: [{ id: a, main: ./a }, { id: b, main: ./b }]")).toThrow(/archives\[0\]\.ids.*ids: \[a\]/);
    expect(() => parse('checksum: { name_template: "{{ .Os }}.txt" }')).toThrow(/checksum\.name_template.*\.Os has no value here/);
    expect(() => parse('builds: [{ flags: ["-o=x"] }]')).toThrow(/input 'flags'.*-o is set by go-build/);
    expect(() => parse("version: 1\n")).toThrow(/version: 1.*v2/);
    expect(() => parse("includes: [{ from_file: { path: other.yaml } }]")).toThrow(/includes.*one file/);
    expect(() => parse("builds: [{ id: ../up }, { id: b }]")).toThrow(/builds\[0\]\.id: \.\.\/up/);
  });

  it("builds several builds in turn, each into out-dir/<id>", () => {
    const inputs = parse(`version: 2
builds:
  - { id: server, main: ./cmd/server, binary: server, goos: [linux], goarch: [amd64] }
  - { id: tool, main: ./cmd/tool, binary: tool, goos: [linux, darwin], goarch: [arm64] }
archives:
  - { ids: [server], name_template: "server_{{ .Os }}_{{ .Arch }}" }
  - { ids: [tool], formats: [binary] }
`);
    expect([inputs, ...(inputs.also ?? [])].map((b) => [b.main, b.name, b.targets.join(","), b.archive, b.outDir])).toEqual([
      ["./cmd/server", "server", "linux/amd64", "tar.gz", join(dir, "dist", "server")],
      ["./cmd/tool", "tool", "linux/arm64,darwin/arm64", "none", join(dir, "dist", "tool")],
    ]);
  });

  it("uses snapshot.version_template when HEAD is not a tag", async () => {
    const inputs = parse('snapshot: { version_template: "{{ .Version }}-next" }\n');
    const named = await inputs.naming?.resolve({ ...info, version: "0123456" }, { cwd: dir, tagged: false });
    expect(named?.version).toBe("0.0.0-next");
    expect(named?.archive(linuxArm7)).toBe("widget_0.0.0-next_linux_armv7");
  });
});
