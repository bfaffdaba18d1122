/**
 * `npm run bench`: runs bench/*.bench.ts one after another (never in parallel: they measure
 * time on a 2-core machine) and prints each one's table. Each bench measures gantry and the
 * thing it competes with side by side in the same run, so ratios hold on any machine.
 * `npm run bench -- go-build` runs only the benches whose file name contains a given word.
 * Each bench's rows go into the committed bench/results.json (with the machine, date and commit),
 * and the README's table and every bench-rows block in the docs (bench/blocks.ts) are generated from that file.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { REPO } from "../demo/lib.js";
import { regenerateDocs } from "./blocks.js";
import { type BenchRow, RESULTS_FILE, readResults, serializeResults, thisCommit, thisMachine, withTable } from "./results.js";

export type { BenchRow } from "./results.js";

// The Go tools pinned in tools/ are built by scripts/bootstrap.sh into .tools/bin: found there first (issue 11).
process.env.PATH = [join(REPO, ".tools", "bin"), process.env.PATH].join(delimiter);

const filter = process.argv.slice(2);
const files = readdirSync(join(REPO, "bench"))
  .filter((f) => f.endsWith(".bench.ts") && (filter.length === 0 || filter.some((w) => f.includes(w))))
  .sort();
const commit = thisCommit(REPO);
const machine = thisMachine();
for (const f of files) {
  process.stderr.write(`\n━━ ${f} ━━\n`);
  const mod = (await import(join(REPO, "bench", f))) as { default: () => Promise<BenchRow[]> };
  const rows = await mod.default();
  for (const r of rows)
    process.stdout.write(
      `${r.verdict === "MISSED" ? "✗" : r.verdict === "ok" ? "✓" : "·"} ${r.metric}: ${r.value}${r.target ? ` (target ${r.target})` : ""}\n`,
    );
  // Written after each bench, so a long run that stops part-way keeps what it measured.
  const results = { ...readResults(REPO), [f]: { date: new Date().toISOString(), commit, machine, rows } };
  writeFileSync(join(REPO, RESULTS_FILE), serializeResults(results));
  const readme = join(REPO, "README.md");
  writeFileSync(readme, withTable(readFileSync(readme, "utf8"), results));
  regenerateDocs(REPO, results);
}
process.stderr.write(`\nresults: ${RESULTS_FILE}; README.md's table and the docs' bench-rows blocks regenerated from it\n`);
