/**
 * A RemoteShell that runs SshHost's command lines locally: each in a bash of its own, as sshd would
 * hand them to a login shell, or (longLived) through one long-lived `sh` running the agent as
 * SshSession does (issue 10), with the same rule for what takes a channel of its own.
 */
import { type ExecResult, GantryError, exec } from "@gantry/core";
import { AGENT, AgentPool } from "../../src/hosts/ssh/agent.js";
import { AGENT_MAX_INPUT, type RemoteShell, type RunOptions } from "../../src/hosts/ssh/session.js";

export class LocalShell implements RemoteShell {
  readonly label = "deploy@local-shell";
  /** Every command line run, to check what would have crossed the wire. */
  readonly lines: string[] = [];
  /** Stdin of every command, in order. */
  readonly inputs: string[] = [];
  readonly agents = new AgentPool(() => ["sh", "-c", AGENT]);

  constructor(readonly longLived = false) {}

  async run(command: string, o: RunOptions = {}): Promise<ExecResult> {
    if (o.sshArgs?.length) throw new GantryError("LocalShell cannot pass ssh arguments");
    this.lines.push(command);
    this.inputs.push(String(o.input ?? ""));
    const input = typeof o.input === "string" ? Buffer.from(o.input) : (o.input ?? Buffer.alloc(0));
    const shared = this.longLived && !o.ownChannel && !o.inputFile && input.length <= AGENT_MAX_INPUT && !input.includes(0);
    const r: ExecResult = shared
      ? { command: ["sh", command], signal: null, durationMs: 0, timedOut: false, ...(await this.agents.run(command, input, o.timeoutMs ?? 30_000)) }
      : await exec("/bin/bash", ["-c", command], { input, inputFile: o.inputFile, timeoutMs: o.timeoutMs ?? 30_000, allowFailure: true });
    if (r.code !== 0 && !o.allowFailure) throw new GantryError(`${this.label}: ${o.what ?? "a command"} failed (exit ${r.code}): ${r.stderr}`);
    return r;
  }

  async forwardSocket(remotePath: string): Promise<string> {
    return remotePath;
  }

  dropForward(): void {}

  closeShells(): Promise<void> {
    return this.agents.close();
  }
}
