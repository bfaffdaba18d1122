/** A RemoteShell that runs SshHost's command lines in a local bash, as sshd would hand them to a login shell. */
import { type ExecResult, GantryError, exec } from "@gantry/core";
import type { RemoteShell, RunOptions } from "../../src/ssh/session.js";

export class LocalShell implements RemoteShell {
  readonly label = "deploy@local-shell";
  /** Every command line run, to check what would have crossed the wire. */
  readonly lines: string[] = [];
  /** Stdin of every command, in order. */
  readonly inputs: string[] = [];

  async run(command: string, o: RunOptions = {}): Promise<ExecResult> {
    if (o.sshArgs?.length) throw new GantryError("LocalShell cannot pass ssh arguments");
    this.lines.push(command);
    this.inputs.push(String(o.input ?? ""));
    const r = await exec("/bin/bash", ["-c", command], { input: o.input ?? "", timeoutMs: o.timeoutMs ?? 30_000, allowFailure: true });
    if (r.code !== 0 && !o.allowFailure) throw new GantryError(`${this.label}: ${o.what ?? "a command"} failed (exit ${r.code}): ${r.stderr}`);
    return r;
  }

  async forwardSocket(remotePath: string): Promise<string> {
    return remotePath;
  }

  dropForward(): void {}
}
