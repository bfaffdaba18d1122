/**
 * Temp folders a test file makes and that go when the file ends: shared by the integration
 * tests (through test/harness.ts) and the packages' unit tests, which do not load the harness.
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** Removes a folder even where Go made it read-only (a module cache: 0555 folders). */
export function removeTree(path: string): void {
  const writable = (p: string) => {
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st?.isDirectory()) return;
    if ((st.mode & 0o700) !== 0o700) chmodSync(p, st.mode | 0o700);
    for (const e of readdirSync(p)) writable(join(p, e));
  };
  writable(path);
  rmSync(path, { recursive: true, force: true });
}

/** The scratch folders this test file made through `scratchDir`: removed when the file ends. */
const scratch: string[] = [];

/**
 * A new temp folder (`<prefix>XXXXXX`) that is removed, with all it holds, once every test and
 * afterAll hook of the test file that made it has run (tests leave no temp folders behind).
 */
export function scratchDir(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, prefix));
  scratch.push(dir);
  return dir;
}

// Registered on the importing test file's root suite when a vitest worker loads the harness (each
// test file loads its own copy); after hooks run in reverse order, so this one runs after the
// file's own afterAll hooks (which may still stop services in these folders). Not in
// test/global-setup.ts, which imports REPO outside any worker.
if (process.env.VITEST_WORKER_ID) afterAll(() => scratch.splice(0).forEach(removeTree));
