/**
 * What the kill tests watch from outside the deployer to kill it at a precise point (issue 10):
 * its journal, requests held in flight on a version, a service process in the middle of being
 * stopped, and a held admin-socket command raced against the deployer's exit.
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import type { Held } from "./admin-proxy.js";
import type { RunningAction } from "./spawn.js";

interface JournalView {
  active?: { color: "blue" | "green"; version: string; pid?: number };
  cutover?: { phase: string; to: { color: "blue" | "green"; pid?: number }; transitions: unknown[] };
}

/** The deploy journal as the deployer last wrote it (it writes each phase before acting). */
export function journal(stateDir: string): JournalView {
  return JSON.parse(readFileSync(join(stateDir, "journal.json"), "utf8")) as JournalView;
}

/** The phase of the cutover in flight, if any. */
export function phase(stateDir: string): string | undefined {
  return journal(stateDir).cutover?.phase;
}

/** How many phases the cutover in flight went through: a run that resumes it adds to them. */
export function transitions(stateDir: string): number {
  return journal(stateDir).cutover?.transitions.length ?? 0;
}

/** Resolves with the held command, or rejects (with its log) when the deployer exits first. */
export function heldOrExit(held: Promise<Held>, run: RunningAction): Promise<Held> {
  const exited = new Promise<never>((_, rej) =>
    run.child.once("exit", (code) => rej(new Error(`the deployer exited (${code}) before the trapped command; log:\n${run.log()}`))),
  );
  return Promise.race([held, exited]);
}

/** True when SIGTERM waits to be delivered to a process (one stopped with SIGSTOP keeps it pending). */
export function sigtermPending(pid: number): boolean {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  // The masks are 64-bit hex; SIGTERM (15) is bit 14, in the low 32 bits.
  const low = (field: string) => Number.parseInt(new RegExp(`^${field}:\\s*([0-9a-f]+)`, "m").exec(status)?.[1]?.slice(-8) ?? "0", 16);
  return ((low("SigPnd") | low("ShdPnd")) & (1 << 14)) !== 0;
}

export interface HeldRequests {
  /** Sends the last byte of every body: the service answers each. */
  finish(): void;
  /** The HTTP status of each (0: no answer), once every connection closed. */
  statuses(): Promise<number[]>;
  /** Closes every connection (cleanup after a failure). */
  destroy(): void;
}

/**
 * `count` POSTs through the proxy whose bodies lack their last byte: HAProxy has passed each to
 * a server, and Go's net/http answers only once it read the whole body, so they stay in flight
 * on the version serving now until finish() (a drain with requests in flight, on demand).
 */
export function holdRequests(url: string, count: number): HeldRequests {
  const { hostname, port } = new URL(url);
  const sockets = Array.from({ length: count }, () => net.connect(Number(port), hostname));
  const answers = sockets.map(
    (s) =>
      new Promise<number>((res) => {
        let head = "";
        s.setEncoding("utf8");
        s.on("data", (d: string) => (head += d));
        s.on("error", () => {});
        s.on("close", () => res(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
        s.write(`POST /api/hello HTTP/1.1\r\nHost: ${hostname}\r\nContent-Length: 2\r\nConnection: close\r\n\r\na`);
      }),
  );
  return {
    finish: () => {
      for (const s of sockets) s.write("b");
    },
    statuses: () => Promise.all(answers),
    destroy: () => {
      for (const s of sockets) s.destroy();
    },
  };
}
