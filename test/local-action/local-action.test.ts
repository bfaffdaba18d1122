import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { fixtureCopy, REPO, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";

// Issue 11: @github/local-action runs an action from its TypeScript source: it imports an entry
// and calls the run() it exports, so that entry must not run anything when it is imported.
const entries = readdirSync(join(REPO, "actions"))
  .sort()
  .flatMap((stage) => ["main", "post"].filter((step) => existsSync(join(REPO, "actions", stage, `${step}.ts`))).map((step) => [stage, step] as const));

const TSX = pathToFileURL(join(REPO, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** Imports a module under tsx in a fresh node with an empty runner environment; what it printed. */
function importOnly(file: string): { out: string; code: number | null } {
  const home = scratchDir("gantry-import-");
  const output = join(home, "output");
  writeFileSync(output, "");
  const script = `const m = await import(${JSON.stringify(file)}); console.log("run is a " + typeof m.run);`;
  const r = spawnSync(process.execPath, ["--import", TSX, "--input-type=module", "-e", script], {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home, GITHUB_OUTPUT: output, RUNNER_TEMP: home },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { out: `${r.stdout}${r.stderr}`, code: r.status };
}

describe("each action's src/ entry exports run() and runs nothing on import", () => {
  it.each(entries)("actions/%s/src/%s.ts", (stage, step) => {
    const { out, code } = importOnly(join(REPO, "actions", stage, "src", `${step}.ts`));
    expect(out.trim()).toBe("run is a function");
    expect(code).toBe(0);
  });

  it.each(["action-main", "action-post"])("the root action's packages/pipeline/src/%s.ts", (entry) => {
    const { out, code } = importOnly(join(REPO, "packages", "pipeline", "src", `${entry}.ts`));
    expect(out.trim()).toBe("run is a function");
    expect(code).toBe(0);
  });

  it("the check can fail: the runner's entry (main.ts) does run on import", () => {
    const { out } = importOnly(join(REPO, "actions", "go-build", "main.ts"));
    expect(out).toMatch(/::error::|::info::/);
  });
});

describeNeeding(["go"], "@github/local-action runs go-build from its source", () => {
  it("builds the example service, sets the outputs and runs the post step", () => {
    const ws = fixtureCopy("example-service");
    const home = scratchDir("gantry-local-action-");
    mkdirSync(join(home, "temp"));
    const env = join(home, "go-build.env");
    writeFileSync(
      env,
      [
        `INPUT_WORKING-DIRECTORY=${ws}`,
        `INPUT_OUT-DIR=${join(ws, "dist")}`,
        "INPUT_TARGETS=linux/amd64",
        "INPUT_ARCHIVE=none",
        "INPUT_CACHE=false",
        "INPUT_VERSION=v1.2.3",
        `RUNNER_TEMP=${join(home, "temp")}`,
        "",
      ].join("\n"),
    );
    const bin = join(REPO, "node_modules", ".bin", "local-action");
    // local-action starts `npm exec tsx` from the folder it is run in: the repository, which has tsx.
    // Offline, with a fresh npm cache and HOME, so nothing is fetched and no dotfile is read.
    const out = execFileSync(
      bin,
      ["run", join(REPO, "actions", "go-build"), "src/main.ts", env, "--post", join(REPO, "actions", "go-build", "src", "post.ts")],
      {
        cwd: REPO,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          // The Go build cache the other tests use, so the build is as warm as theirs.
          GOCACHE: execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim(),
          npm_config_cache: join(home, "npm"),
          npm_config_offline: "true",
          npm_config_update_notifier: "false",
        },
        encoding: "utf8",
        timeout: 240_000,
      },
    );
    expect(out).toContain("::set-output name=version::v1.2.3");
    expect(out).toMatch(/::set-output name=manifest::.*\/dist\/artifacts\.json/);
    expect(out).not.toContain("::error::");
    expect(out).toContain("Running Post Step");
    expect(out).not.toContain("::warning::post step");
    expect(execFileSync(join(ws, "dist", "hello_linux_amd64", "hello"), ["--version"], { encoding: "utf8" })).toContain("v1.2.3");
  });
});
