/**
 * A proxy of the test's own in front of HAProxy's admin socket, for killing the deployer inside
 * an action (issue 10): every command passes through, except the one a trap matches, which is
 * held there — before HAProxy got it, or after HAProxy applied it but before the deployer read
 * the answer — while the test SIGKILLs the deployer. Observed from outside: the engine is not
 * told it is being tested.
 */
import { rmSync } from "node:fs";
import net from "node:net";
import { LocalHost, parseShowStat, serverCounters } from "@gantry/deploy";

export interface Trap {
  /** Tested against the command line the deployer sent (HAProxy commands joined by "; "). */
  command: RegExp;
  /** `before`: held before HAProxy sees it; `after`: HAProxy applied it, its answer is held. */
  at: "before" | "after";
  /** A further condition, checked when the command arrives (with HAProxy's answer when `at: after`). */
  when?: (answer: string | undefined) => boolean;
}

export interface Held {
  command: string;
  /** HAProxy's answer (`at: after`). */
  answer?: string;
  /** `pass`: forward it (`before`) and answer the deployer; `drop`: close the connection, HAProxy never gets a `before` command. */
  release(how: "pass" | "drop"): void;
}

const host = new LocalHost();
const forward = (socket: string, command: string) => host.socketRequest(socket, command, 5000);

export class AdminProxy {
  private readonly traps: { trap: Trap; fire: (h: Held) => void }[] = [];

  private constructor(
    /** Give this to the deployer as `haproxy-socket`. */
    readonly path: string,
    private readonly upstream: string,
    private readonly server: net.Server,
  ) {}

  /** Listens on `path` and forwards to HAProxy's admin socket `upstream`. */
  static async start(path: string, upstream: string): Promise<AdminProxy> {
    rmSync(path, { force: true });
    // Half-open: the deployer half-closes after its command and reads the answer afterwards.
    const server = net.createServer({ allowHalfOpen: true });
    const proxy = new AdminProxy(path, upstream, server);
    server.on("connection", (client) => {
      let text = "";
      client.setEncoding("utf8");
      // The deployer may be dead by the time the answer comes: its socket errors are expected.
      client.on("error", () => {});
      client.on("data", (d: string) => (text += d));
      client.on("end", () => void proxy.handle(client, text.trim()).catch(() => client.destroy()));
    });
    await new Promise<void>((res) => server.listen(path, res));
    return proxy;
  }

  /** Resolves once the next command matching the trap is held. */
  trap(trap: Trap): Promise<Held> {
    return new Promise((fire) => this.traps.push({ trap, fire }));
  }

  /** Forgets traps that did not fire (a test that failed before they did). */
  disarm(): void {
    this.traps.length = 0;
  }

  close(): Promise<void> {
    return new Promise((res) => this.server.close(() => res()));
  }

  private async handle(client: net.Socket, command: string): Promise<void> {
    let answer: string | undefined;
    for (const t of [...this.traps]) {
      if (!t.trap.command.test(command) || (t.trap.at === "before" && answer !== undefined)) continue;
      if (t.trap.at === "after") answer ??= await forward(this.upstream, command);
      if (t.trap.when && !t.trap.when(answer)) continue;
      this.traps.splice(this.traps.indexOf(t), 1);
      const how = await new Promise<"pass" | "drop">((release) => t.fire({ command, answer, release }));
      if (how === "drop") return void client.destroy();
      break;
    }
    client.end(answer ?? (await forward(this.upstream, command)));
  }
}

/** Status, weight and requests in flight of each server of `backend` in a `show stat` answer. */
export function serverStates(showStat: string, backend = "app"): Record<string, { status: string; weight: number; inFlight: number }> {
  const out: Record<string, { status: string; weight: number; inFlight: number }> = {};
  for (const [name, row] of parseShowStat(showStat, backend))
    if (name !== "BACKEND") out[name] = { status: row.status ?? "", weight: Number(row.weight), inFlight: serverCounters(row).inFlight };
  return out;
}

/** The servers as HAProxy has them now, asked on its own admin socket (not through the proxy). */
export async function haproxyServers(socket: string): Promise<ReturnType<typeof serverStates>> {
  return serverStates(await forward(socket, "show stat"));
}
