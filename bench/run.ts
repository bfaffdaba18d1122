/**
 * `npm run bench`: runs bench/*.bench.ts one after another (never in parallel: they measure
 * time on a 2-core machine) and prints each one's table. Each bench measures gantry and the
 * thing it competes with side by side in the same run, so ratios hold on any machine.
 * `npm run bench -- go-build` runs only the benches whose file name contains a given word.
 * Each bench's rows (raw measures only) go into the committed bench/results.json (with the machine,
 * date and commit), and the README's table and every bench-rows block in the docs (bench/blocks.ts)
 * are rendered from that file, ratios and ✓/✗ computed there.
 * `npm run bench:render` (`tsx bench/run.ts --render`) only re-renders the docs from the file, running no bench.
 * `--no-record` runs and prints the benches but writes nothing (a trial, e.g. with GANTRY_BENCH_TARGETS set).
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { REPO } from "../demo/lib.js";
import { regenerateDocs } from "./blocks.js";
import { type BenchRow, RESULTS_FILE, type Results, readResults, renderRow, serializeResults, thisCommit, thisMachine, withTable } from "./results.js";

export type { BenchRow } from "./results.js";

// The Go tools pinned in tools/ are built by scripts/bootstrap.sh into .tools/bin: found there first.
process.env.PATH = [join(REPO, ".tools", "bin"), process.env.PATH].join(delimiter);

/** README.md's table and every bench-rows block, rendered from the results. */
function render(results: Results): void {
  const readme = join(REPO, "README.md");
  writeFileSync(readme, withTable(readFileSync(readme, "utf8"), results));
  regenerateDocs(REPO, results);
}

const args = process.argv.slice(2);
if (args.includes("--render")) {
  render(readResults(REPO));
  process.stderr.write(`README.md's table and the docs' bench-rows blocks rendered from ${RESULTS_FILE}; no bench run\n`);
  process.exit(0);
}
const record = !args.includes("--no-record");
const words = args.filter((a) => !a.startsWith("--"));
const files = readdirSync(join(REPO, "bench"))
  .filter((f) => f.endsWith(".bench.ts") && (words.length === 0 || words.some((w) => f.includes(w))))
  .sort();
const commit = thisCommit(REPO);
const machine = thisMachine();
for (const f of files) {
  process.stderr.write(`\n━━ ${f} ━━\n`);
  const mod = (await import(join(REPO, "bench", f))) as { default: () => Promise<BenchRow[]> };
  const rows = await mod.default();
  for (const r of rows.map((x) => renderRow(f, x)))
    process.stdout.write(`${r.met === false ? "✗" : r.met ? "✓" : "·"} ${r.metric}: ${r.measured}${r.target ? ` (target ${r.target})` : ""}\n`);
  if (!record) continue;
  // Written after each bench, so a long run that stops part-way keeps what it measured.
  const results = { ...readResults(REPO), [f]: { date: new Date().toISOString(), commit, machine, rows } };
  writeFileSync(join(REPO, RESULTS_FILE), serializeResults(results));
  render(results);
}
process.stderr.write(
  record ? `\nresults: ${RESULTS_FILE}; README.md's table and the docs' bench-rows blocks regenerated from it\n` : "\n--no-record: nothing written\n",
);
