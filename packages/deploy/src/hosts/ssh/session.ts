/**
 * One SSH connection per host, reused by every command of a run: the system `ssh` client with
 * ControlMaster/ControlPersist sockets in the run's private folder (issue 7: "connections reused,
 * not one SSH connection per command"), and on it one long-lived remote shell that runs the
 * commands (agent.ts; issue 10: not one login shell per command). ssh is started with argument
 * arrays from argv.ts; the remote command line comes from shell.ts. A connection failure becomes an SshError that names
 * the host; once a host is unreachable, further commands fail at once instead of each waiting
 * for a connect timeout, and the fleet treats the host as lost for this run.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { type ExecResult, GantryError, exec, lastLines, sha256 } from "@gantry/core";
import { AGENT, AGENT_UNUSABLE, AgentLost, AgentPool, type AgentReply } from "./agent.js";
import { sshArgv, sshBaseArgs } from "./argv.js";
import type { SshConfig } from "./config.js";
import { localProcessInfo } from "../proc.js";
import type { HostSpec } from "./hosts.js";
import { shCommand } from "./shell.js";

// argv.ts builds ssh's command line from the same config, so the type lives beside both (config.ts).
export type { SshConfig } from "./config.js";

/** What went wrong with the connection itself. */
export type SshFailure = "host-key-unknown" | "host-key-changed" | "auth" | "unreachable" | "master-lost";

/** ssh itself failed (exit 255 with one of its own messages), not the remote command. */
export class SshError extends GantryError {
  override name = "SshError";
  constructor(
    readonly host: string,
    readonly kind: SshFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What ssh's own messages on stderr say went wrong, or undefined when the failure was the remote command's. */
export function classifySshFailure(stderr: string): { kind: SshFailure; detail: string } | undefined {
  const line = (re: RegExp) =>
    stderr
      .split("\n")
      .find((l) => re.test(l))
      ?.trim() ?? "";
  // `ssh -W` to a port nothing listens on, or a forward sshd refused: the connection itself is fine.
  if (/channel \d+: open failed|stdio forwarding failed|forwarding request failed|Port forwarding failed/.test(stderr)) return undefined;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/.test(stderr)) {
    const fp = /key sent by the remote host is\s*\n\s*(\S+?)\.?\s*$/m.exec(stderr)?.[1];
    const type = /The fingerprint for the (\S+) key sent/.exec(stderr)?.[1];
    return { kind: "host-key-changed", detail: fp ? `${type ?? ""} ${fp}`.trim() : "" };
  }
  if (/No \S+ host key is known for|Host key verification failed/.test(stderr))
    return { kind: "host-key-unknown", detail: /No (\S+) host key is known/.exec(stderr)?.[1] ?? "" };
  if (/Permission denied \(|Too many authentication failures|no mutual signature algorithm/.test(stderr))
    return { kind: "auth", detail: line(/Permission denied|Too many|no mutual/) };
  if (/mux_client_|Control socket connect|master failed|ControlSocket .* already exists/.test(stderr))
    return { kind: "master-lost", detail: line(/mux_client_|Control socket|master/) };
  if (
    /Connection timed out|Connection refused|No route to host|Network is unreachable|Could not resolve hostname|Connection closed by|Connection reset|kex_exchange_identification|Broken pipe|Timeout, server .* not responding|banner exchange|Host is down/.test(
      stderr,
    )
  )
    return { kind: "unreachable", detail: lastLines(stderr, 1).trim() };
  return undefined;
}

/** Options of one remote command. */
export interface RunOptions {
  input?: string | Buffer;
  /** A local file streamed as stdin instead of `input`; always on an exec channel of its own. */
  inputFile?: string;
  timeoutMs?: number;
  /** Resolve with the result on a non-zero exit of the remote command (ssh's own failures still throw). */
  allowFailure?: boolean;
  /** Extra ssh arguments before the destination (e.g. -W host:port). */
  sshArgs?: readonly string[];
  /** What the command does, for the error message ("writing /srv/app/journal.json"). */
  what?: string;
  /** A connection of its own instead of the shared one: only a direct client sees why sshd refused a channel. */
  ownConnection?: boolean;
  /** An exec channel of its own instead of the host's long-lived shell (uploads stream their bytes on it). */
  ownChannel?: boolean;
}

/** What SshHost runs its commands through: an SSH session, or a local shell in unit tests. */
export interface RemoteShell {
  readonly label: string;
  /** Set once the host is lost for this run. */
  readonly unreachable?: SshError;
  run(command: string, o?: RunOptions): Promise<ExecResult>;
  /** A local unix socket path that reaches the given socket on the host. */
  forwardSocket(remotePath: string): Promise<string>;
  dropForward(remotePath: string): void;
  /** Ends the long-lived shells on the host, if the transport keeps any. */
  closeShells?(): Promise<void>;
}

/** The default time a remote command may take; a health probe or an upload sets its own. */
export const COMMAND_TIMEOUT_MS = 60_000;
/**
 * Stdin larger than this, or holding a NUL byte, takes a channel of its own: the long-lived shell
 * reads its input a byte at a time and holds it in a shell variable, which cannot hold NUL.
 */
export const AGENT_MAX_INPUT = 64 * 1024;

/** One host's SSH connection: every command of a run goes through its master. */
export class SshSession implements RemoteShell {
  private down?: SshError;
  private readonly forwards = new Map<string, string>();
  private forwardCount = 0;
  /** Set when the host cannot run the long-lived shell. */
  private noAgent = false;
  /** The host's long-lived shells; each started with one exec request (and one login shell). */
  readonly agents = new AgentPool(() => ["ssh", ...sshArgv(this.spec, this.cfg, { command: shCommand(["exec", "sh", "-c", AGENT]) })]);
  constructor(
    readonly spec: HostSpec,
    readonly cfg: SshConfig,
  ) {}

  get label(): string {
    return this.spec.label;
  }

  /** Why the host is considered lost for this run, if it is. */
  get unreachable(): SshError | undefined {
    return this.down;
  }

  /** The ssh options every command shares (argv.ts). */
  baseArgs(): string[] {
    return sshBaseArgs(this.spec, this.cfg);
  }

  /**
   * Runs one remote command line (built by shell.ts). Plain commands go through the host's
   * long-lived shell (agent.ts); ssh-level requests (-W, -O), a connection of its own, and large
   * stdin (an upload) take an exec channel of their own on the shared master.
   */
  async run(command: string, o: RunOptions = {}): Promise<ExecResult> {
    if (this.down) throw this.down;
    const input = typeof o.input === "string" ? Buffer.from(o.input) : (o.input ?? Buffer.alloc(0));
    const own =
      this.noAgent || !command || o.sshArgs?.length || o.ownConnection || o.ownChannel || o.inputFile || input.length > AGENT_MAX_INPUT || input.includes(0);
    return own ? this.runOwn(command, o) : this.runShared(command, input, o);
  }

  private async runOwn(command: string, o: RunOptions): Promise<ExecResult> {
    const args = sshArgv(this.spec, this.cfg, { ownConnection: o.ownConnection, sshArgs: o.sshArgs, command });
    for (let attempt = 0; ; attempt++) {
      const r = await exec("ssh", args, { input: o.input ?? "", inputFile: o.inputFile, timeoutMs: o.timeoutMs ?? COMMAND_TIMEOUT_MS, allowFailure: true });
      if (r.timedOut) throw this.timeout(o);
      if (r.code === 0 || (r.code !== 255 && o.allowFailure)) return r;
      const failure = r.code === 255 ? classifySshFailure(r.stderr) : undefined;
      // The master went away (ControlPersist ran out, or it saw the link die): one retry makes a new one or shows why not.
      if (failure?.kind === "master-lost" && attempt === 0) continue;
      if (failure) throw await this.failure(failure.kind, failure.detail);
      if (o.allowFailure) return r;
      throw this.commandFailed(o, r.code, r.stderr || r.stdout);
    }
  }

  /** One command through the host's long-lived shell: no login shell started per command (issue 10). */
  private async runShared(command: string, input: Buffer, o: RunOptions): Promise<ExecResult> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      let r: AgentReply;
      try {
        r = await this.agents.run(command, input, o.timeoutMs ?? COMMAND_TIMEOUT_MS);
      } catch (err) {
        if (!(err instanceof AgentLost)) throw err;
        if (err.timedOut) throw this.timeout(o);
        const failure = classifySshFailure(err.stderr);
        if (failure && failure.kind !== "master-lost") throw await this.failure(failure.kind, failure.detail);
        if (!err.acked && err.exitCode === AGENT_UNUSABLE) {
          // A host without od or sed: every command pays its own login, as before issue 10.
          this.noAgent = true;
          return this.runOwn(command, o);
        }
        // Not taken by the shell, so not run: once more, on a new shell (and a new master if it went away).
        if (!err.acked && attempt === 0) continue;
        throw await this.lostDuring(o, err);
      }
      const result = { command: ["ssh", this.label, command], code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false };
      if (r.code === 0 || o.allowFailure) return { ...result, durationMs: performance.now() - started };
      throw this.commandFailed(o, r.code, r.stderr || r.stdout);
    }
  }

  /** The shell stopped while a command ran: an unreachable host says so; otherwise the command's outcome is unknown. */
  private async lostDuring(o: RunOptions, err: AgentLost): Promise<Error> {
    await this.runOwn("true", { what: "reconnecting", timeoutMs: 30_000 });
    const why = lastLines(err.stderr, 2).trim();
    return new GantryError(
      `${this.label}: the remote shell stopped while ${o.what ?? "running a command"}${why ? ` (${why})` : ""}; it may or may not have finished`,
    );
  }

  private timeout(o: RunOptions): GantryError {
    return new GantryError(`${this.label}: ${o.what ?? "a command"} did not finish within ${Math.round((o.timeoutMs ?? COMMAND_TIMEOUT_MS) / 1000)} s`);
  }

  private commandFailed(o: RunOptions, code: number | null, text: string): GantryError {
    const tail = lastLines(text, 5);
    return new GantryError(`${this.label}: ${o.what ?? "a command"} failed (exit ${code})${tail ? `: ${tail}` : ""}`);
  }

  private async failure(kind: SshFailure, detail: string): Promise<SshError> {
    const { label } = this;
    if (kind === "host-key-changed")
      return new SshError(
        label,
        kind,
        `${label}: the host key does not match known-hosts: the host offered ${detail || "a different key"}. If the server was reinstalled, update known-hosts; otherwise someone may be intercepting the connection. Nothing was changed on it.`,
      );
    if (kind === "host-key-unknown") {
      const offered = await this.offeredKeys(detail);
      return new SshError(
        label,
        kind,
        `${label}: no key for this host in known-hosts${offered ? `; it offers ${offered}` : ""}. Check the fingerprint with the server's owner, then add its line (ssh-keyscan -p ${this.spec.port} ${this.spec.host}) to known-hosts. Nothing was changed on it.`,
      );
    }
    if (kind === "auth") {
      detail = detail.replace(/^\S+@\S+: /, "").replace(/\.$/, "");
      return new SshError(
        label,
        kind,
        `${label}: the server refused the key (${detail}); add the public key of ssh-key to ~${this.spec.user}/.ssh/authorized_keys there. Nothing was changed on it.`,
      );
    }
    this.down = new SshError(label, "unreachable", `${label} is unreachable: ${detail || "the connection failed"}`);
    return this.down;
  }

  /** The fingerprints the host offers, from ssh-keyscan (only to explain a host key failure). */
  private async offeredKeys(type: string): Promise<string> {
    try {
      const t = type.toLowerCase();
      const scan = await exec("ssh-keyscan", ["-T", "5", "-p", String(this.spec.port), ...(t ? ["-t", t] : []), "--", this.spec.host], {
        timeoutMs: 10_000,
        allowFailure: true,
      });
      if (!scan.stdout.trim()) return "";
      const fp = await exec("ssh-keygen", ["-l", "-f", "-"], { input: scan.stdout, timeoutMs: 10_000, allowFailure: true });
      return fp.stdout
        .trim()
        .split("\n")
        .map((l) => {
          const [, hash, , kind] = l.split(/\s+/);
          return `${kind?.replace(/[()]/g, "") ?? ""} ${hash ?? ""}`.trim();
        })
        .filter(Boolean)
        .join(", ");
    } catch {
      return "";
    }
  }

  /**
   * A local unix socket forwarded through the master to a socket on the host (stream-local
   * forwarding, OpenSSH ≥ 6.7): one request to HAProxy's admin socket costs a channel on the
   * open connection, no process on either side, and nothing needs to be installed on the host.
   */
  async forwardSocket(remotePath: string): Promise<string> {
    const known = this.forwards.get(remotePath);
    if (known) return known;
    await this.run("true", { what: "opening the connection" });
    // A name of its own per host, socket, process and attempt: every host's master listens in the
    // same folder, and a master kept from main (ControlPersist) still holds main's forwards in post.
    const id = sha256(`${this.label}\n${remotePath}\n${process.pid}\n${this.forwardCount++}`).slice(0, 16);
    const local = join(this.cfg.controlDir, `fwd-${id}.sock`);
    await rm(local, { force: true });
    await this.run("", { sshArgs: ["-O", "forward", "-L", `${local}:${remotePath}`], what: `forwarding ${remotePath}` });
    this.forwards.set(remotePath, local);
    return local;
  }

  /** Forgets a forward whose local socket stopped answering (its master was replaced). */
  dropForward(remotePath: string): void {
    this.forwards.delete(remotePath);
  }

  /** Ends the host's long-lived shells; the master stays (for the post step). */
  closeShells(): Promise<void> {
    return this.agents.close();
  }

  /**
   * Closes the master connection (the post step; also at the end of a CLI run) and waits for it
   * to exit: `ssh -O exit` answers before the master has gone, and the post step then removes
   * the folder holding its socket.
   */
  async close(): Promise<void> {
    this.forwards.clear();
    await this.closeShells();
    const check = await exec("ssh", sshArgv(this.spec, this.cfg, { sshArgs: ["-O", "check"] }), { timeoutMs: 10_000, allowFailure: true });
    const pid = Number(/\(pid=(\d+)\)/.exec(check.stderr)?.[1]);
    await exec("ssh", sshArgv(this.spec, this.cfg, { sshArgs: ["-O", "exit"] }), { timeoutMs: 10_000, allowFailure: true });
    for (const until = Date.now() + 5000; pid && Date.now() < until && (await localProcessInfo(pid)).state === "running"; )
      await new Promise((r) => setTimeout(r, 50));
  }
}
