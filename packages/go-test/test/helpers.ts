import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GoTestStream } from "../src/events.js";
import type { ModuleRoot } from "../src/locate.js";
import type { Placement } from "../src/results.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, "fixtures");
/** The module the fixtures were captured from (its files exist, so file resolution is real). */
export const MODULE_DIR = resolve(here, "../../../test/fixtures/go-test-module");
export const MODULES: ModuleRoot[] = [{ path: "example.com/gotestfix", dir: MODULE_DIR }];

/** Package → folder, as go list would say. */
export function pkgDir(importPath: string): string {
  return join(MODULE_DIR, importPath.slice("example.com/gotestfix/".length));
}

export const PLACE: Placement = {
  pkgDirs: new Map(
    ["calc", "failing", "flaky", "panicky", "hang", "racy", "brokenbuild", "store"].map((p) => [
      `example.com/gotestfix/${p}`,
      pkgDir(`example.com/gotestfix/${p}`),
    ]),
  ),
  modules: MODULES,
  cwd: MODULE_DIR,
};

/**
 * A captured file, with `@MODULE_DIR@` standing for the folder the module was in when it was
 * captured (stack traces hold absolute paths), so the fixtures hold in any checkout.
 */
function fixture(name: string): string[] {
  return readFileSync(join(FIXTURES, name), "utf8").replaceAll("@MODULE_DIR@", MODULE_DIR).split("\n");
}

/** Feeds a captured stdout (and optionally stderr) file through the parser. */
export function parseFixture(stdout: string, stderr?: string): GoTestStream {
  const s = new GoTestStream();
  for (const line of fixture(stdout)) s.stdoutLine(line);
  if (stderr) for (const line of fixture(stderr)) s.stderrLine(line);
  s.finish();
  return s;
}

/** Parses JSON lines written inline in a test. */
export function parseLines(lines: readonly object[]): GoTestStream {
  const s = new GoTestStream();
  for (const l of lines) s.stdoutLine(JSON.stringify(l));
  s.finish();
  return s;
}
