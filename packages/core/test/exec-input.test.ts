/** exec's inputFile (issue 12: an image archive streamed into `docker load`): the file's bytes as stdin, never held whole. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exec } from "../src/exec.js";

const dir = mkdtempSync(join(tmpdir(), "gantry-exec-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("exec with inputFile", () => {
  it("streams the file as stdin, and a file that cannot be read fails the command with its reason", async () => {
    const path = join(dir, "bytes");
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024 + 7, 1));
    expect((await exec("wc", ["-c"], { inputFile: path })).stdout.trim()).toBe(String(3 * 1024 * 1024 + 7));
    const r = await exec("cat", [], { inputFile: join(dir, "absent"), allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/could not read .*absent: ENOENT/);
  });
});
