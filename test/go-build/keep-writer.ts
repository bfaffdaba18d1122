/**
 * One writer of go-build's kept links and archives, run as its own process by keep-race.test.ts:
 * keeps every entry of `entriesFor(writer)` at once (each twice, as two targets of one run could),
 * pruning the shared folder in between, as runs on one GOCACHE do.
 * Usage: node --import tsx keep-writer.ts <gocache> <writer> <count>
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keep, keptFolder, pruneKept } from "../../packages/go-build/src/linkcache.js";
import { entriesFor } from "./keep-entries.js";

const [gocache = "", writer = "", count = "0"] = process.argv.slice(2);
// GOCACHE/gantry, as a run with no GANTRY_CACHE_DIR keeps them.
const kept = keptFolder(gocache, {});
const work = mkdtempSync(join(tmpdir(), `gantry-keep-${writer}-`));
const entries = entriesFor(writer, Number(count));
const jobs: Promise<unknown>[] = [];
entries.forEach((e, i) => {
  const source = join(work, `${i}`);
  writeFileSync(source, e.content);
  jobs.push(keep(kept, e.kind, e.key, source), keep(kept, e.kind, e.key, source));
  if (i % 10 === 0) jobs.push(pruneKept(kept));
});
try {
  await Promise.all(jobs);
  await pruneKept(kept);
} finally {
  // The sources were copied or linked into gocache: this writer's own folder goes.
  rmSync(work, { recursive: true, force: true });
}
