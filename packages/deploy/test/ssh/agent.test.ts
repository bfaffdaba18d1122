import { describe, expect, it } from "vitest";
import { AGENT, AgentLost, AgentPool, frameRequest, printfLines } from "../../src/ssh/agent.js";
import { shCommand, shScript } from "../../src/ssh/shell.js";

/**
 * The long-lived remote shell (issue 10), run for real by local shells standing in for the host's
 * `sh`: dash (Debian's /bin/sh, which reads pipes in blocks) and bash.
 */
const SHELLS = ["dash", "bash"] as const;
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe("printfLines", () => {
  it("writes only safe bytes and three-digit octal escapes, never a newline or %", () => {
    const lines = printfLines(Buffer.from("a-b%c\\d\n'e\"1"));
    expect(lines).toEqual(["a\\055b\\045c\\134d\\012\\047e\\0421"]);
    for (const l of printfLines(ALL_BYTES)) expect(l).toMatch(/^([A-Za-z0-9 ,./:=@_+]|\\[0-7]{3})*$/);
  });

  it("frames a request with its line and byte counts", () => {
    expect(frameRequest(7, "echo hi", Buffer.from("x\n"))).toBe("7 1 7 1 2\necho hi\nx\\012\n");
    expect(frameRequest(8, "true", Buffer.alloc(0))).toBe("8 1 4 0 0\ntrue\n");
  });
});

describe.each(SHELLS)("the agent under %s", (sh) => {
  const pool = (max = 4, argv: readonly string[] = [sh, "-c", AGENT]) => new AgentPool(() => argv, max);

  it("returns stdout, stderr and the exit code byte for byte, and feeds stdin only to the command", async () => {
    const p = pool();
    try {
      // Every byte value through stdin and back; quotes, newlines and $ in the command's values.
      const r = await p.run(shScript('cat; printf "%s|" "$@" >&2; exit 3', ["a b", "'q'", "$(x)\n`y`"]), ALL_BYTES, 5000);
      expect(r.code).toBe(3);
      expect(Buffer.from(r.stdout, "latin1").length).toBeGreaterThan(0);
      expect(r.stderr).toBe("a b|'q'|$(x)\n`y`|");
      const bytes = await p.run(shCommand(["od", "-An", "-v", "-tx1"]), ALL_BYTES, 5000);
      expect(bytes.stdout.replace(/\s+/g, "")).toBe(ALL_BYTES.toString("hex"));
      // A command that reads stdin gets only its own (here: none), not the next requests.
      const empty = await p.run(shCommand(["cat"]), Buffer.alloc(0), 5000);
      expect(empty).toEqual({ code: 0, stdout: "", stderr: "" });
      // Large input over many lines, and output larger than a pipe's buffer.
      const big = Buffer.alloc(200_000, "ab\n");
      const echoed = await p.run(shCommand(["cat"]), big, 10_000);
      expect(echoed.stdout).toBe(big.toString());
      expect(p.started).toBe(1);
    } finally {
      p.close();
    }
  });

  it("reuses one shell for a run of commands, and each runs in a subshell of its own", async () => {
    const p = pool();
    try {
      for (let i = 0; i < 30; i++) {
        const r = await p.run(`x=${i}; cd /; echo "$x $(pwd) \${y:-unset}"; y=leaked; exit ${i % 3}`, Buffer.alloc(0), 5000);
        expect(r).toEqual({ code: i % 3, stdout: `${i} / unset\n`, stderr: "" });
      }
      expect(p.started).toBe(1);
    } finally {
      p.close();
    }
  });

  it("ignores what the login shell prints before the agent starts", async () => {
    const noisy = [sh, "-c", 'echo "Welcome!"; printf "no newline"; echo gantry-agent-ready 0 >&2; exec sh -c "$1"', "sh", AGENT];
    const p = pool(4, noisy);
    try {
      expect(await p.run("echo ok", Buffer.alloc(0), 5000)).toEqual({ code: 0, stdout: "ok\n", stderr: "" });
    } finally {
      p.close();
    }
  });

  it("serves concurrent callers, at most `max` shells at once", async () => {
    const p = pool(2);
    try {
      const rs = await Promise.all([1, 2, 3, 4, 5].map((n) => p.run(`sleep 0.2; echo ${n}`, Buffer.alloc(0), 10_000)));
      expect(rs.map((r) => r.stdout)).toEqual(["1\n", "2\n", "3\n", "4\n", "5\n"]);
      expect(p.started).toBe(2);
    } finally {
      p.close();
    }
  });

  it("a hung command times out without wedging the others; the next command gets a new shell", async () => {
    const p = pool(2);
    try {
      const hung = p.run("sleep 30", Buffer.alloc(0), 300);
      const other = p.run("echo alive", Buffer.alloc(0), 5000);
      await expect(hung).rejects.toMatchObject({ name: "AgentLost", timedOut: true, acked: true });
      expect((await other).stdout).toBe("alive\n");
      expect((await p.run("echo again", Buffer.alloc(0), 5000)).stdout).toBe("again\n");
    } finally {
      p.close();
    }
  });

  it("says whether a shell that died had taken the command", async () => {
    const p = pool();
    try {
      // $$ in a subshell is the agent itself.
      const died = await p.run("kill -9 $$", Buffer.alloc(0), 5000).catch((e) => e);
      expect(died).toBeInstanceOf(AgentLost);
      expect(died).toMatchObject({ acked: true, timedOut: false });
      const never = new AgentPool(() => [sh, "-c", "echo 'ssh: connect to host web-1 port 22: Connection refused' >&2; exit 255"]);
      const refused = await never.run("echo hi", Buffer.alloc(0), 5000).catch((e) => e);
      expect(refused).toMatchObject({ acked: false, exitCode: 255, stderr: expect.stringMatching(/Connection refused/) });
    } finally {
      p.close();
    }
  });
});
