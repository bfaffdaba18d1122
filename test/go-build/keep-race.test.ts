/**
 * go-build's kept links and archives under concurrent writers (issue 10: `npm run demo` failed
 * with ENOENT stat'ing `<GOCACHE>/gantry/archive/55/….tmp-<pid>` while its own targets were kept).
 * Two real processes share one GOCACHE; each keeps many entries at once and prunes meanwhile.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, scratchDir } from "../harness.js";
import { entriesFor } from "./keep-entries.js";

const COUNT = 300;
const DAY = 24 * 3600;

function writer(gocache: string, name: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO, "test", "go-build", "keep-writer.ts"), gocache, name, String(COUNT)], {
      cwd: REPO,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

/** A file in the kept folder with its mtime set `ageSeconds` ago. */
function seed(gocache: string, kind: string, name: string, ageSeconds: number): string {
  const sub = join(gocache, "gantry", kind, name.slice(0, 2));
  mkdirSync(sub, { recursive: true });
  const p = join(sub, name);
  writeFileSync(p, "old\n");
  const t = Date.now() / 1000 - ageSeconds;
  utimesSync(p, t, t);
  return p;
}

describe("kept links and archives with two processes on one GOCACHE", () => {
  it("every entry is kept whole, nothing fails, and only stale files are pruned", async () => {
    const gocache = scratchDir("gantry-keep-race-"); // removed when the file ends
    const unused = seed(gocache, "archive", `55${"0".repeat(62)}`, 6 * DAY);
    const crashed = seed(gocache, "link", `55${"1".repeat(62)}.tmp-1-abc`, 2 * 3600);
    const recent = seed(gocache, "link", `55${"2".repeat(62)}`, 4 * DAY);
    const inFlight = seed(gocache, "archive", `55${"3".repeat(62)}.tmp-1-def`, 60);

    const results = await Promise.all([writer(gocache, "a"), writer(gocache, "b")]);
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });

    for (const name of ["a", "b"]) {
      for (const e of entriesFor(name, COUNT)) {
        const file = join(gocache, "gantry", e.kind, e.key.slice(0, 2), e.key);
        expect(readFileSync(file, "utf8") === e.content, `${e.kind}/${e.key} holds what was kept`).toBe(true);
      }
    }
    expect([existsSync(unused), existsSync(crashed), existsSync(recent), existsSync(inFlight)]).toEqual([false, false, true, true]);
    const temps = ["link", "archive"].flatMap((k) => readdirSync(join(gocache, "gantry", k, "55")).filter((f) => f.includes(".tmp-")));
    expect(temps).toEqual([inFlight.split("/").pop()]);
  });
});
