/**
 * `npm run demo`: the main job on the bundled example service. Runs demo/NN-*.ts in order in
 * one work folder; each step is one stage's part of the story. Flags after `--` reach every step
 * (e.g. `npm run demo -- --remote`).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type DemoContext, EXAMPLE, REPO, banner } from "../demo/lib.js";

// The Go tools pinned in tools/ are built by scripts/bootstrap.sh into .tools/bin: found there first (issue 11).
process.env.PATH = [join(REPO, ".tools", "bin"), process.env.PATH].join(delimiter);

const ctx: DemoContext = { work: mkdtempSync(join(tmpdir(), "gantry-demo-")), args: process.argv.slice(2), shared: {} };
cpSync(EXAMPLE, ctx.work, { recursive: true });
// gantry's own caches (image's layers, the tool cache, go-build's kept links, otherwise in
// ~/.cache/gantry and GOCACHE/gantry) live in the work folder and go with it. A dot folder: Go's
// `./...` patterns skip it.
process.env.GANTRY_CACHE_DIR = join(ctx.work, ".gantry-cache");
process.stderr.write(`gantry demo in ${ctx.work}\n`);
const steps = readdirSync(join(REPO, "demo"))
  .filter((f) => /^\d+-.*\.ts$/.test(f))
  .sort();
for (const step of steps) {
  banner(step.replace(/\.ts$/, ""));
  const mod = (await import(join(REPO, "demo", step))) as { default: (c: DemoContext) => Promise<void> };
  await mod.default(ctx);
}
banner("demo finished");
// The work folder holds the run's Go caches (some 400 MB): kept only when asked (`-- --keep`);
// a failed step exits above and leaves it for a look.
if (ctx.args.includes("--keep")) process.stderr.write(`kept ${ctx.work}\n`);
else
  try {
    rmSync(ctx.work, { recursive: true, force: true });
  } catch (err) {
    process.stderr.write(`could not remove ${ctx.work}: ${(err as Error).message}\n`);
  }
