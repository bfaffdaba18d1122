/**
 * Issue 11: the Go tools are pinned under tools/ (one module per tool, tools/README.md) and built
 * by scripts/bootstrap.sh into .tools/bin. Each built tool must be the pinned one: it runs and
 * reports the version its tools/<name>/go.mod requires.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { STATICCHECK, STATICCHECK_VERSION } from "../packages/go-test/src/lint.js";
import { GOVULNCHECK, GOVULNCHECK_VERSION } from "../packages/go-test/src/vuln.js";
import { PACKAGES, describeNeeding, itNeeding } from "./tools.js";

const REPO = join(import.meta.dirname, "..");
const BIN = join(REPO, ".tools", "bin");

/** How each tool prints its version (a tool added to tools/ without a row here fails below). */
const VERSION_ARGS: Record<string, string[]> = {
  act: ["--version"],
  gotestsum: ["--version"],
  staticcheck: ["-version"],
  govulncheck: ["-version"],
  actionlint: ["-version"],
  goreleaser: ["--version"],
  ko: ["version"],
  oras: ["version"],
};

/** The Go tools of scripts/tools.txt: command → its folder under tools/. */
const GO_TOOLS = [...PACKAGES].filter(([, pkg]) => pkg.startsWith("tools/"));
/** The ones only `npm run bench` needs (`bootstrap.sh --bench`): `bench` in the third column of scripts/tools.txt. */
const BENCH_ONLY = new Set(
  readFileSync(join(REPO, "scripts", "tools.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1]?.startsWith("tools/") && f[2] === "bench")
    .map((f) => f[0]),
);

interface GoMod {
  Require?: { Path: string; Version: string }[];
  Tool?: { Path: string }[];
}

/** The module and version a tools/<name>/go.mod pins for its one tool, read by `go mod edit -json`. */
function pinned(dir: string): { tool: string; module: string; version: string } {
  const mod = JSON.parse(execFileSync("go", ["mod", "edit", "-json"], { cwd: join(REPO, dir), encoding: "utf8" })) as GoMod;
  expect(mod.Tool, `${dir}/go.mod has one tool directive`).toHaveLength(1);
  const tool = mod.Tool?.[0]?.Path ?? "";
  // The tool's module is the longest required path that is the tool's package path or a prefix of it.
  const req = (mod.Require ?? []).filter((r) => tool === r.Path || tool.startsWith(`${r.Path}/`)).sort((a, b) => b.Path.length - a.Path.length)[0];
  if (!req) throw new Error(`${dir}/go.mod requires no module that holds ${tool}`);
  return { tool, module: req.Path, version: req.Version };
}

/** A version as a tool prints it: with or without the leading v, not part of a longer version. */
function versionPattern(version: string): RegExp {
  const bare = version.replace(/^v/, "").replace(/[.+]/g, "\\$&");
  return new RegExp(`(^|[^\\w.])v?${bare}($|[^\\w.])`, "m");
}

/** What `<tool> <version args>` prints, run from .tools/bin (not whichever copy is first on PATH). */
function reportedVersion(cmd: string): string {
  return execFileSync(join(BIN, cmd), VERSION_ARGS[cmd] ?? [], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
}

describe("scripts/tools.txt lists the pinned Go tools", () => {
  it("names every tool the suite and the bench need, each with a version command", () => {
    expect(GO_TOOLS.map(([cmd]) => cmd).sort()).toEqual(Object.keys(VERSION_ARGS).sort());
    // npm test builds every pinned tool: none is for the bench alone.
    expect([...BENCH_ONLY]).toEqual([]);
  });
  itNeeding(["go"], "pins act 0.2.81 or newer, the first release that runs node24 actions", () => {
    expect(semver.gte(pinned("tools/act").version, "0.2.81")).toBe(true);
  });
});

/** go-test installs govulncheck and names staticcheck at a version of its own: it must be the one tools/ pins. */
const GO_TEST_PINS = [
  { dir: "tools/govulncheck", constant: GOVULNCHECK, version: GOVULNCHECK_VERSION },
  { dir: "tools/staticcheck", constant: STATICCHECK, version: STATICCHECK_VERSION },
];

describeNeeding(["go"], "go-test's tool versions are the ones tools/ pins", () => {
  const readme = readFileSync(join(REPO, "actions", "go-test", "README.md"), "utf8");
  for (const { dir, constant, version } of GO_TEST_PINS) {
    it(`${constant} (packages/go-test/src) and actions/go-test/README.md match ${dir}/go.mod`, () => {
      const pin = pinned(dir);
      expect(version, `${dir}/go.mod`).toBe(pin.version);
      expect(constant).toBe(`${pin.tool}@${pin.version}`);
      // Every `<tool>@<version>` the README names (none is fine: it may name the tool without one).
      const named = readme.match(new RegExp(`${pin.tool.replace(/\./g, "\\.")}@v[\\w.+-]+`, "g")) ?? [];
      expect(
        named.filter((n) => n !== `${pin.tool}@${pin.version}`),
        "actions/go-test/README.md",
      ).toEqual([]);
    });
  }
  it("the README names the govulncheck version the vuln layer installs", () => {
    expect(readme.includes(GOVULNCHECK), `actions/go-test/README.md names ${GOVULNCHECK}`).toBe(true);
  });
});

for (const [cmd, dir] of GO_TOOLS) {
  // Every tool here is built by `npm test`'s bootstrap; one marked `bench` in scripts/tools.txt
  // would be built only by `bootstrap.sh --bench`, and its test skipped, saying so, until then (under
  // CI=true, where nothing may skip, a missing one fails).
  const built = BENCH_ONLY.has(cmd) ? "scripts/bootstrap.sh --bench builds it" : "scripts/bootstrap.sh builds it";
  describeNeeding(["go", cmd], `${cmd} from ${dir}/go.mod${BENCH_ONLY.has(cmd) ? " (bench only)" : ""}`, () => {
    it(`is in .tools/bin, runs, and reports the version ${dir}/go.mod pins`, () => {
      const pin = pinned(dir);
      expect(pin.version, `${pin.module} is pinned to a release`).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(existsSync(join(BIN, cmd)), `.tools/bin/${cmd} (${built})`).toBe(true);
      expect(reportedVersion(cmd)).toMatch(versionPattern(pin.version));
    });
  });
}

/** Each pin holds whether or not the tool is built: go.sum has the pinned module's checksums. */
describeNeeding(["go"], "every tools/<name>/go.sum holds the checksums of the module its go.mod pins", () => {
  for (const [cmd, dir] of GO_TOOLS) {
    it(`${cmd}: ${dir}/go.sum`, () => {
      const pin = pinned(dir);
      const sum = readFileSync(join(REPO, dir, "go.sum"), "utf8");
      expect(sum).toContain(`${pin.module} ${pin.version} h1:`);
      expect(sum).toContain(`${pin.module} ${pin.version}/go.mod h1:`);
    });
  }
});
