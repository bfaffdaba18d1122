import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DemoContext, REPO, gantry } from "./lib.js";

/**
 * Tests the example service in layers, cheapest first: vet, unit (-short), race, integration
 * (-tags integration) and e2e, where the binary go-build wrote for this machine is started with
 * PORT, tested at BASE_URL and must shut down gracefully on SIGTERM. Prints the job summary's
 * table. Then, on the go-test fixture module, shows what a failure looks like: annotations at the
 * failing line, and a flaky test that passes on its retry.
 */
export default async function goTestDemo(ctx: DemoContext): Promise<void> {
  const manifest = ctx.shared.manifest ?? join(ctx.work, "dist", "artifacts.json");
  const run = await gantry(
    "go-test",
    { layers: "vet,unit,race,integration,e2e", manifest, "e2e-env": "HOST=127.0.0.1", "min-coverage": "50", retries: "1" },
    { cwd: ctx.work },
  );
  if (run.code !== 0) throw new Error("go-test failed on the example service");
  ctx.shared.junit = run.outputs.junit as string;

  process.stderr.write("\n── a module with failing and flaky tests (test/fixtures/go-test-module) ──\n");
  const fixture = mkdtempSync(join(tmpdir(), "gantry-demo-go-test-"));
  try {
    cpSync(join(REPO, "test", "fixtures", "go-test-module"), fixture, { recursive: true });
    const failing = await gantry(
      "go-test",
      { packages: "./calc ./failing ./flaky ./panicky", layers: "vet,unit,race", retries: "1", "fail-fast": "true" },
      { cwd: fixture, quiet: true, env: { ...process.env, GOTESTFIX_FLAKY_MARKER: join(fixture, "flaky-marker") } },
    );
    const annotations = failing.stderr.split("\n").filter((l) => /^(error|warning): \S+\.go:\d+/.test(l));
    process.stderr.write(
      `exit code ${failing.code} (expected 1); the annotations a pull request would show:\n${annotations.map((a) => `  ${a}`).join("\n")}\n`,
    );
    process.stderr.write(`results: ${failing.outputs.results}\n`);
    if (failing.code !== 1 || annotations.length === 0) throw new Error("the failing fixture did not fail the way it should");
  } finally {
    // The copy is this step's own: gone whatever happened (the demo's work folder is removed apart).
    rmSync(fixture, { recursive: true, force: true });
  }
}
