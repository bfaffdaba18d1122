/**
 * One remote shell per host for a whole run (issue 10): every SSH exec request starts the login
 * user's shell, and its rc files can take seconds (a `.bashrc` of 1 s left a 5 s health gate one
 * probe). So a session starts `sh` once (`exec sh -c AGENT`, the way Mitogen and Ansible's
 * pipelining keep one interpreter) and sends each command through its stdin; the command runs in
 * a subshell of that `sh`.
 *
 * Framing. A request is a header line `<id> <command lines> <stdin lines>`, then the command line
 * and its stdin as lines of printf escapes: bytes outside a safe set are written `\ooo` (three
 * octal digits, POSIX.1-2017 XCU printf: "\ddd … a zero, one, two, or three-digit octal
 * number"), so a line never holds a newline, a `%` or a bare backslash, and `printf "$line"`
 * gives the bytes back exactly. The agent reads its input only with `read`, which takes one byte
 * at a time from a pipe, so nothing it runs ever reads ahead into the next request (dash and most
 * tools read pipes in blocks), and the command's stdin is a pipe of its own. The answer streams
 * back as `gantry-ack <id>`, the command's stdout as `o` + od hex lines while it runs, its stderr
 * (ending in `\0gantry-rc <exit code>`) as `e` lines, then `gantry-done <id>`. Nothing touches
 * the host's disk: the service's environment read or written through it stays in pipes.
 * The command line is the same quoted `sh -c SCRIPT sh "$1" …` line ssh would hand the login
 * shell (shell.ts): values still arrive quoted, secrets still only on stdin.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/**
 * The remote loop, for any POSIX sh (od and sed are POSIX utilities). fd 3 is the answer stream;
 * the command gets neither fd 3 nor fd 4, so a process it leaves behind holds no pipe of the agent.
 */
export const AGENT = `for t in od sed; do command -v $t >/dev/null 2>&1 || { echo "gantry-agent: $t is missing" >&2; exit 97; }; done
dec() { i=0; while [ "$i" -lt "$1" ]; do IFS= read -r l || exit 1; printf "$l"; i=$((i + 1)); done; }
exec 3>&1
echo "gantry-agent-ready 1"
while IFS=' ' read -r id nc ni; do
  case "$id:$nc:$ni" in *[!0-9:]*|*::*|:*|*:) echo "gantry-agent: bad request header" >&2; exit 1 ;; esac
  c=$(dec "$nc" && echo .) || exit 1
  in=$(dec "$ni" && echo .) || exit 1
  echo "gantry-ack $id"
  e=$( { printf '%s' "\${in%.}" | { (eval "\${c%.}") 2>&4 3>&- 4>&-; printf '\\000gantry-rc %s\\n' "$?" >&4; } | od -An -v -tx1 | sed 's/^/o/' >&3; } 4>&1 | od -An -v -tx1 )
  printf '%s\\n' "$e" | sed 's/^/e/'
  echo "gantry-done $id"
done`;

const READY = Buffer.from("gantry-agent-ready 1\n");
/** The agent's exit code when the host lacks a tool it needs (the session then runs commands one exec each). */
export const AGENT_UNUSABLE = 97;
/** Raw bytes per encoded line: lines stay a few KiB, so `read` never holds much. */
const LINE_BYTES = 1024;

/** Bytes that printf's format passes through as they are (no `%`, `\`, `-`, quotes or newlines). */
const SAFE = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,./:=@_+") SAFE[c.charCodeAt(0)] = 1;

/** Data as lines for `printf "$line"`: each byte outside SAFE as a three-digit octal escape. */
export function printfLines(data: Buffer): string[] {
  const lines: string[] = [];
  for (let at = 0; at < data.length; at += LINE_BYTES) {
    let line = "";
    for (const b of data.subarray(at, at + LINE_BYTES)) line += SAFE[b] ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, "0")}`;
    lines.push(line);
  }
  return lines;
}

/** One request as the agent reads it. */
export function frameRequest(id: number, command: string, input: Buffer): string {
  const c = printfLines(Buffer.from(command));
  const i = printfLines(input);
  return `${id} ${c.length} ${i.length}\n${[...c, ...i].map((l) => `${l}\n`).join("")}`;
}

export interface AgentReply {
  code: number;
  stdout: string;
  stderr: string;
}

/** The agent stopped before it answered: its process ended, timed out, or broke the framing. */
export class AgentLost extends Error {
  override name = "AgentLost";
  constructor(
    /** Whether the agent had taken the request (it may have run, in part or whole). */
    readonly acked: boolean,
    /** The tail of the process's stderr (ssh's own messages). */
    readonly stderr: string,
    readonly exitCode: number | null,
    readonly timedOut = false,
  ) {
    super(timedOut ? "the remote shell did not answer in time" : `the remote shell stopped (exit ${exitCode ?? "by signal"})`);
  }
}

interface Pending {
  id: number;
  acked: boolean;
  out: Buffer[];
  err: Buffer[];
  resolve(r: AgentReply): void;
  reject(e: AgentLost): void;
  timer: NodeJS.Timeout;
}

/** One long-lived remote shell: one request at a time. */
class Agent {
  private readonly child: ChildProcessWithoutNullStreams;
  private buf: Buffer = Buffer.alloc(0);
  private ready = false;
  private errTail = "";
  private pending?: Pending;
  private nextId = 1;
  ended = false;
  /** Settles when the process has exited. */
  readonly exited: Promise<void>;
  hasExited = false;

  constructor(argv: readonly string[]) {
    this.child = spawn(argv[0] as string, argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (d: Buffer) => this.onData(d));
    this.child.stderr.on("data", (d: Buffer) => {
      this.errTail = (this.errTail + d.toString("utf8")).slice(-8192);
    });
    this.child.stdin.on("error", () => {});
    this.child.on("error", (e) => {
      this.errTail += `${e.message}\n`;
      this.stop(null);
    });
    this.exited = new Promise((r) =>
      this.child.on("close", (code) => {
        this.hasExited = true;
        r(this.stop(code));
      }),
    );
    this.idle(true);
  }

  /** An idle agent does not keep the deployer's process alive (the action's main must be able to end). */
  private idle(yes: boolean): void {
    const { child } = this;
    for (const h of [child, child.stdin, child.stdout, child.stderr] as unknown as { ref(): void; unref(): void }[]) yes ? h.unref() : h.ref();
  }

  request(command: string, input: Buffer, timeoutMs: number): Promise<AgentReply> {
    if (this.ended || this.pending) return Promise.reject(new AgentLost(false, this.errTail, null));
    this.idle(false);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.kill(true), timeoutMs);
      this.pending = { id, acked: false, out: [], err: [], resolve, reject, timer };
      this.child.stdin.write(frameRequest(id, command, input));
    });
  }

  /** Ends the agent; `timedOut`: its request is failed as a timeout. */
  kill(timedOut = false): void {
    this.settle(new AgentLost(this.pending?.acked ?? false, this.errTail, null, timedOut));
    this.ended = true;
    this.child.kill("SIGTERM");
    setTimeout(() => this.child.kill("SIGKILL"), 2000).unref();
  }

  /** Lets the agent finish: it reads the end of its input after its current command, and exits. */
  close(): void {
    this.ended = true;
    this.child.stdin.end();
  }

  private stop(code: number | null): void {
    this.ended = true;
    this.settle(new AgentLost(this.pending?.acked ?? false, this.errTail, code));
  }

  private settle(result: AgentReply | AgentLost): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    if (!this.ended) this.idle(true);
    result instanceof AgentLost ? p.reject(result) : p.resolve(result);
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    if (!this.ready) {
      // Whatever the login shell's rc files print comes before the marker and is dropped.
      const at = this.buf.indexOf(READY);
      if (at < 0) return;
      this.ready = true;
      this.buf = this.buf.subarray(at + READY.length);
    }
    for (;;) {
      const nl = this.buf.indexOf(0x0a);
      if (nl < 0) return;
      const line = this.buf.subarray(0, nl).toString("latin1");
      this.buf = this.buf.subarray(nl + 1);
      if (!this.onLine(line)) {
        this.errTail += `gantry-agent: unexpected output ${JSON.stringify(line.slice(0, 200))}\n`;
        this.kill();
        return;
      }
    }
  }

  /** One line of the answer stream; false when it breaks the framing. */
  private onLine(line: string): boolean {
    const p = this.pending;
    if (!p) return false;
    const tag = line[0];
    if (tag === "o" || tag === "e") {
      const hex = line.slice(1).replace(/ /g, "");
      if (!/^([0-9a-f]{2})*$/.test(hex)) return false;
      (tag === "o" ? p.out : p.err).push(Buffer.from(hex, "hex"));
      return true;
    }
    const [word, id] = line.split(" ");
    if (id !== String(p.id)) return false;
    if (word === "gantry-ack") p.acked = true;
    else if (word === "gantry-done") {
      // stderr ends with the exit code the agent appended: `\0gantry-rc <n>\n`.
      const err = Buffer.concat(p.err).toString("latin1");
      const m = /\0gantry-rc (\d+)\n$/.exec(err);
      if (!m) return false;
      const stderr = Buffer.from(err.slice(0, m.index), "latin1").toString("utf8");
      this.settle({ code: Number(m[1]), stdout: Buffer.concat(p.out).toString("utf8"), stderr });
    } else return false;
    return true;
  }
}

/**
 * The remote shells of one host: an idle one takes the next command; concurrent callers get a
 * shell each, up to `max`, then wait their turn. A shell that timed out or stopped is dropped,
 * and the next command starts a new one.
 */
export class AgentPool {
  private readonly idle: Agent[] = [];
  private readonly all = new Set<Agent>();
  private readonly waiting: ((a: Agent | undefined) => void)[] = [];
  /** How many agents were started (each one is one remote login). */
  started = 0;

  constructor(
    /** The command that starts one agent (ssh … 'exec sh -c AGENT', or a local sh in tests). */
    private readonly argv: () => readonly string[],
    private readonly max = 4,
  ) {}

  async run(command: string, input: Buffer, timeoutMs: number): Promise<AgentReply> {
    const agent = await this.acquire();
    try {
      return await agent.request(command, input, timeoutMs);
    } finally {
      this.release(agent);
    }
  }

  private async acquire(): Promise<Agent> {
    for (let a = this.idle.pop(); a; a = this.idle.pop()) {
      if (!a.ended) return a;
      this.all.delete(a);
    }
    if (this.all.size < this.max) return this.spawn();
    return (await new Promise<Agent | undefined>((r) => this.waiting.push(r))) ?? this.spawn();
  }

  private spawn(): Agent {
    const a = new Agent(this.argv());
    this.all.add(a);
    this.started++;
    return a;
  }

  private release(agent: Agent): void {
    const next = this.waiting.shift();
    if (agent.ended) {
      this.all.delete(agent);
      // The waiter starts a shell of its own in the place this one left.
      next?.(undefined);
    } else if (next) next(agent);
    else this.idle.push(agent);
  }

  /**
   * Ends every agent and waits until they have exited: idle ones at once, busy ones after their
   * command, or killed after `graceMs`.
   */
  async close(graceMs = 3000): Promise<void> {
    const agents = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(
      agents.map(async (a) => {
        a.close();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([a.exited, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
        if (!a.hasExited) a.kill();
      }),
    );
  }
}
