import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { REPO } from "../harness.js";

// A merge that left its markers in a README or a source file is caught here, not by a reader.
it("no tracked file holds a merge conflict marker", () => {
  const r = spawnSync("git", ["grep", "-n", "-I", "-E", "^(<<<<<<< |>>>>>>> |=======$)", "--", ".", ":!dist"], { cwd: REPO, encoding: "utf8" });
  // git grep exits 1 when nothing matches.
  expect(r.status === 1 ? "" : r.stdout || r.stderr).toBe("");
});
