/**
 * `npm run bench`: runs bench/*.bench.ts one after another (never in parallel: they measure
 * time on a 2-core machine) and prints each one's table. Each bench measures gantry and the
 * thing it competes with side by side in the same run, so ratios hold on any machine.
 * `npm run bench -- go-build` runs only the benches whose file name contains a given word.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../demo/lib.js";

export interface BenchRow {
  metric: string;
  value: string;
  target?: string;
  verdict?: "ok" | "MISSED" | "info";
}

const filter = process.argv.slice(2);
const files = readdirSync(join(REPO, "bench"))
  .filter((f) => f.endsWith(".bench.ts") && (filter.length === 0 || filter.some((w) => f.includes(w))))
  .sort();
const all: Record<string, BenchRow[]> = {};
for (const f of files) {
  process.stderr.write(`\n━━ ${f} ━━\n`);
  const mod = (await import(join(REPO, "bench", f))) as { default: () => Promise<BenchRow[]> };
  const rows = await mod.default();
  all[f] = rows;
  for (const r of rows)
    process.stdout.write(
      `${r.verdict === "MISSED" ? "✗" : r.verdict === "ok" ? "✓" : "·"} ${r.metric}: ${r.value}${r.target ? ` (target ${r.target})` : ""}\n`,
    );
}
writeFileSync(join(REPO, "bench", "last-run.json"), `${JSON.stringify({ date: new Date().toISOString(), results: all }, null, 2)}\n`);
