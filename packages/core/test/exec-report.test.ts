import { describe, expect, it } from "vitest";
import { ExecError, exec } from "../src/exec.js";
import { MAX_ANNOTATIONS, MemoryReporter } from "../src/report.js";
import { MAX_SUMMARY_BYTES, codeBlock, table, writeSummary } from "../src/summary.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "../../../test/support/scratch.js";

describe("exec", () => {
  it("passes arguments literally, never through a shell", async () => {
    const r = await exec("printf", ["%s|", "a b", "$(echo hi)", "'\""]);
    expect(r.stdout).toBe("a b|$(echo hi)|'\"|");
  });

  it("turns a non-zero exit into an ExecError with the command, code and stderr tail", async () => {
    const err = await exec("sh", ["-c", "echo one >&2; echo two >&2; exit 3"]).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.code).toBe(3);
    expect(err.message).toContain("exited with 3");
    expect(err.stderrTail).toBe("one\ntwo");
  });

  it("says clearly when a program is missing", async () => {
    await expect(exec("no-such-program-gantry", [])).rejects.toThrow(/not found on PATH/);
  });

  it("kills a command that runs past its timeout", async () => {
    const err = await exec("sleep", ["5"], { timeoutMs: 100 }).catch((e) => e);
    expect(err.message).toContain("timed out");
  });

  it("keeps a UTF-8 character whole when it is split across two chunks", async () => {
    const lines: string[] = [];
    // "é" is two bytes; the first half is flushed alone before the rest arrives.
    await exec("sh", ["-c", "printf 'caf\\303'; sleep 0.05; printf '\\251\\n'"], { onStdoutLine: (l) => lines.push(l) });
    expect(lines).toEqual(["café"]);
  });

  it("streams lines as they come", async () => {
    const lines: string[] = [];
    await exec("sh", ["-c", "echo a; echo b; printf c"], { onStdoutLine: (l) => lines.push(l) });
    expect(lines).toEqual(["a", "b", "c"]);
  });
});

describe("annotations", () => {
  it("keeps at most 50, errors first, the rest in the log", () => {
    const r = new MemoryReporter();
    for (let i = 0; i < 60; i++) r.notice(`n${i}`);
    r.annotate({ level: "error", message: "the failure", file: "a.go", line: 3 });
    r.flush();
    expect(r.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(r.annotations[0]).toMatchObject({ level: "error", message: "the failure" });
    expect(r.lines.join("\n")).toContain("11 more annotation(s) not shown");
  });
});

describe("summary", () => {
  it("escapes table cells", () => {
    expect(table(["a"], [["x|y\nz"]])).toBe("| a |\n| --- |\n| x\\|y<br>z |");
  });

  it("fences code that itself holds backticks", () => {
    expect(codeBlock("```")).toBe("````\n```\n````");
  });

  it("goes to the log when there is no summary file (act), and truncates past 1 MiB", () => {
    const r = new MemoryReporter();
    writeSummary("# hi", r, {});
    expect(r.lines).toEqual(["# hi\n"]);
    const file = join(scratchDir("gantry-summary-"), "s.md");
    writeSummary("x".repeat(2 * 1024 * 1024), r, { GITHUB_STEP_SUMMARY: file });
    const written = readFileSync(file, "utf8");
    expect(written.length).toBeLessThan(MAX_SUMMARY_BYTES + 200);
    expect(written).toContain("summary truncated");
  });

  it("warns instead of failing when the summary file cannot be written", () => {
    const r = new MemoryReporter();
    writeSummary("# hi", r, { GITHUB_STEP_SUMMARY: "/nonexistent-dir/summary.md" });
    expect(r.all()[0]?.message).toMatch(/could not write the job summary/);
    expect(r.lines).toContain("# hi\n");
  });
});
