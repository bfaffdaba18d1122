import { describe, expect, it } from "vitest";
import { AGENT, AGENT_UNUSABLE, AgentLost, AgentPool, frameRequest, printfLines } from "../../src/hosts/ssh/agent.js";
import { shCommand, shScript } from "../../src/hosts/ssh/shell.js";

/**
 * The long-lived remote shell (issue 10), run for real by local shells standing in for the host's
 * `sh`: dash (Debian's /bin/sh, which reads pipes in blocks) and bash.
 */
const SHELLS = ["dash", "bash"] as const;
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
/** What stdin may hold through the shell (SshSession sends input with NUL on a channel of its own). */
const NO_NUL = ALL_BYTES.subarray(1);

describe("printfLines", () => {
  it("writes only safe bytes and three-digit octal escapes, never a newline or %", () => {
    const lines = printfLines(Buffer.from("a-b%c\\d\n'e\"1"));
    expect(lines).toEqual(["a\\055b\\045c\\134d\\012\\047e\\0421"]);
    for (const l of printfLines(ALL_BYTES)) expect(l).toMatch(/^([A-Za-z0-9 ,./:=@_+]|\\[0-7]{3})*$/);
  });

  it("frames a request with its line and byte counts", () => {
    expect(frameRequest(7, "echo hi", Buffer.from("x\n"))).toBe("7 1 1\necho hi\nx\\012\n");
    expect(frameRequest(8, "true", Buffer.alloc(0))).toBe("8 1 0\ntrue\n");
  });
});

describe.each(SHELLS)("the agent under %s", (sh) => {
  const pool = (max = 4, argv: readonly string[] = [sh, "-c", AGENT]) => new AgentPool(() => argv, max);

  it("returns stdout, stderr and the exit code byte for byte, and feeds stdin only to the command", async () => {
    const p = pool();
    try {
      // Quotes, newlines and $ in the command's values; text in other scripts; no trailing newline.
      const text = "héllo\n\twörld ✓\n\n%s\\n'\"-";
      const r = await p.run(shScript('cat; printf "%s|" "$@" >&2; exit 3', ["a b", "'q'", "$(x)\n`y`"]), Buffer.from(text), 5000);
      expect(r).toEqual({ code: 3, stdout: text, stderr: "a b|'q'|$(x)\n`y`|" });
      // Every byte value but NUL through stdin; every byte value out on stdout.
      const bytes = await p.run(shCommand(["od", "-An", "-v", "-tx1"]), NO_NUL, 5000);
      expect(bytes.stdout.replace(/\s+/g, "")).toBe(NO_NUL.toString("hex"));
      const raw = await p.run(shCommand(["printf", [...ALL_BYTES].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("")]), Buffer.alloc(0), 5000);
      expect(Buffer.from(raw.stdout, "utf8").includes(0)).toBe(true);
      expect(raw.stdout.startsWith("\0\x01\x02")).toBe(true);
      // A command that reads stdin gets only its own (here: none), not the next requests.
      const empty = await p.run(shCommand(["cat"]), Buffer.alloc(0), 5000);
      expect(empty).toEqual({ code: 0, stdout: "", stderr: "" });
      // Large input over many lines, and output larger than a pipe's buffer.
      const big = Buffer.alloc(200_000, "ab\n");
      const echoed = await p.run(shCommand(["cat"]), big, 10_000);
      expect(echoed.stdout).toBe(big.toString());
      expect(p.started).toBe(1);
    } finally {
      await p.close();
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
      await p.close();
    }
  });

  it("keeps its own pipes from the command and from what the command leaves running", async () => {
    const p = pool();
    try {
      const r = await p.run("echo x >&3 || echo x >&4 || echo 'no fd 3 or 4' >&2; exit 0", Buffer.alloc(0), 5000);
      expect(r.stderr).toMatch(/no fd 3 or 4/);
      // A process left running with its output elsewhere does not hold the answer back (else: a timeout).
      const left = await p.run("sleep 60 > /dev/null 2>&1 & echo $! && echo started", Buffer.alloc(0), 15_000);
      expect(left.stdout).toMatch(/^\d+\nstarted\n$/);
      process.kill(Number.parseInt(left.stdout, 10), "SIGKILL");
    } finally {
      await p.close();
    }
  });

  it("ignores what the login shell prints before the agent starts", async () => {
    const noisy = [sh, "-c", 'echo "Welcome!"; printf "no newline"; echo gantry-agent-ready 0 >&2; exec sh -c "$1"', "sh", AGENT];
    const p = pool(4, noisy);
    try {
      expect(await p.run("echo ok", Buffer.alloc(0), 5000)).toEqual({ code: 0, stdout: "ok\n", stderr: "" });
    } finally {
      await p.close();
    }
  });

  it("serves concurrent callers, at most `max` shells at once", async () => {
    const p = pool(2);
    try {
      const rs = await Promise.all([1, 2, 3, 4, 5].map((n) => p.run(`sleep 0.2; echo ${n}`, Buffer.alloc(0), 10_000)));
      expect(rs.map((r) => r.stdout)).toEqual(["1\n", "2\n", "3\n", "4\n", "5\n"]);
      expect(p.started).toBe(2);
    } finally {
      await p.close();
    }
  });

  it("a hung command times out without wedging the others; the next command gets a new shell", async () => {
    const p = pool(2);
    try {
      const hung = p.run("sleep 10", Buffer.alloc(0), 300);
      const other = p.run("echo alive", Buffer.alloc(0), 5000);
      await expect(hung).rejects.toMatchObject({ name: "AgentLost", timedOut: true, acked: true });
      expect((await other).stdout).toBe("alive\n");
      expect((await p.run("echo again", Buffer.alloc(0), 5000)).stdout).toBe("again\n");
    } finally {
      await p.close();
    }
  });

  it("says whether a shell that died had taken the command", async () => {
    const p = pool();
    try {
      // $$ in a subshell is the agent itself.
      const died = await p.run("kill -9 $$", Buffer.alloc(0), 5000).catch((e) => e);
      expect(died).toBeInstanceOf(AgentLost);
      expect(died).toMatchObject({ acked: true, timedOut: false });
      const bare = new AgentPool(() => ["env", "PATH=/nonexistent", `/bin/${sh}`, "-c", AGENT]);
      const unusable = await bare.run("echo hi", Buffer.alloc(0), 5000).catch((e) => e);
      expect(unusable).toMatchObject({ acked: false, exitCode: AGENT_UNUSABLE, stderr: expect.stringMatching(/od is missing/) });
      const never = new AgentPool(() => [sh, "-c", "echo 'ssh: connect to host web-1 port 22: Connection refused' >&2; exit 255"]);
      const refused = await never.run("echo hi", Buffer.alloc(0), 5000).catch((e) => e);
      expect(refused).toMatchObject({ acked: false, exitCode: 255, stderr: expect.stringMatching(/Connection refused/) });
    } finally {
      await p.close();
    }
  });
});
