/** In-memory stand-ins for the host, the runtime and the router, recording every action in order. */
import { type ExecResult, type Reporter, MemoryReporter } from "@gantry/core";
import type { EngineDeps } from "../src/engine/cutover.js";
import type { DeployerId, Host, HostExecOptions, HttpProbe, ProcessInfo, SpawnSpec } from "../src/hosts/host.js";
import { Journal, type JournalDoc } from "../src/engine/journal.js";
import type { Color, Release, Slot, Traffic, Weights } from "../src/model/model.js";
import type { DrainResult, Ports, Router, TrafficMark } from "../src/routers/router.js";
import type { Runtime, StopResult } from "../src/runtimes/runtime.js";
import { Timeline } from "../src/engine/timeline.js";

export type Event = string;

export class MemoryHost implements Host {
  readonly name = "memory";
  readonly files = new Map<string, string>();
  /** Health answers per port; default 200. */
  health = new Map<number, number>();
  constructor(readonly events: Event[]) {}
  async platform() {
    return { os: "linux", arch: "amd64", variant: "" };
  }
  async exec(_argv: readonly string[]): Promise<ExecResult> {
    throw new Error("exec is not used by the engine");
  }
  async readFile(path: string) {
    return this.files.get(path);
  }
  async readFrom(path: string, offset: number) {
    const t = this.files.get(path);
    return t === undefined ? undefined : { text: t.slice(offset), size: t.length };
  }
  async fileSize(path: string) {
    return this.files.get(path)?.length;
  }
  async writeFile(path: string, data: string) {
    this.files.set(path, data);
    if (path.endsWith("journal.json")) {
      const doc = JSON.parse(data) as JournalDoc;
      this.events.push(doc.cutover ? `journal:${doc.cutover.phase}` : "journal:settled");
    }
  }
  async rename(from: string, to: string) {
    const v = this.files.get(from);
    if (v !== undefined) this.files.set(to, v);
    this.files.delete(from);
  }
  async mkdirp() {}
  async remove(path: string) {
    this.files.delete(path);
  }
  async list() {
    return [];
  }
  async exists(path: string) {
    return this.files.has(path);
  }
  async sha256() {
    return undefined;
  }
  async upload(): Promise<string> {
    return "x";
  }
  async spawnDetached(_spec: SpawnSpec): Promise<number> {
    throw new Error("not used");
  }
  async processInfo(_pid: number): Promise<ProcessInfo> {
    return { state: "gone" };
  }
  async signal() {}
  async portFree() {
    return true;
  }
  async httpGet(port: number): Promise<HttpProbe> {
    const status = this.health.get(port) ?? 200;
    return { ok: status >= 200 && status < 300, status, ms: 1 };
  }
  async socketRequest(): Promise<string> {
    return "";
  }
  deployer(): DeployerId {
    return { machine: "test", pid: 4242 };
  }
}

export class FakeRuntime implements Runtime {
  readonly name = "fake";
  private next = 1000;
  readonly procs = new Map<Color, { pid: number; version: string }>();
  /** Versions whose process dies right after the start. */
  crashes = new Set<string>();
  constructor(readonly events: Event[]) {}
  async start(slot: Slot, release: Release): Promise<number> {
    const pid = this.next++;
    this.events.push(`start:${slot.color}:${release.version}`);
    if (!this.crashes.has(release.version)) this.procs.set(slot.color, { pid, version: release.version });
    return pid;
  }
  async alive(slot: Slot) {
    return slot.pid !== undefined && this.procs.get(slot.color)?.pid === slot.pid;
  }
  async running(color: Color) {
    return this.procs.get(color)?.pid;
  }
  async runsRelease() {
    return false;
  }
  async stop(slot: Slot): Promise<StopResult> {
    this.events.push(`stop:${slot.color}`);
    this.procs.delete(slot.color);
    return { signal: "SIGTERM", ms: 1 };
  }
  async logTail() {
    return "";
  }
  /** The process on a color dies (a crash after the switch). */
  kill(color: Color): void {
    this.procs.delete(color);
  }
}

export class FakeRouter implements Router {
  readonly name = "haproxy";
  weights: Weights = { blue: 0, green: 0 };
  /** The traffic each verify window sees for the new color. */
  traffic: Traffic = { requests: 100, errors: 0 };
  /** Weights the router refuses. */
  refuse?: (w: Weights) => boolean;
  constructor(readonly events: Event[]) {}
  async preflight() {}
  async isolate(color: Color) {
    this.weights[color] = 0;
    this.events.push(`isolate:${color}`);
  }
  async route(w: Weights): Promise<number> {
    if (this.refuse?.(w)) throw new Error("refused by the fake");
    this.weights = { ...w };
    this.events.push(`route:blue=${w.blue},green=${w.green}`);
    return performance.now();
  }
  async drain(color: Color): Promise<DrainResult> {
    this.events.push(`drain:${color}`);
    return { drained: true, ms: 1 };
  }
  async retire(color: Color) {
    this.events.push(`retire:${color}`);
  }
  async mark(color: Color, ports: Ports): Promise<TrafficMark> {
    return { color, port: ports[color], data: {} };
  }
  async trafficSince(): Promise<Traffic> {
    return this.traffic;
  }
  async describe() {
    return JSON.stringify(this.weights);
  }
}

export interface Rig {
  events: Event[];
  host: MemoryHost;
  runtime: FakeRuntime;
  router: FakeRouter;
  journal: Journal;
  reporter: MemoryReporter;
  deps: EngineDeps;
}

export function rig(overrides: Partial<EngineDeps> = {}): Rig {
  const events: Event[] = [];
  const host = new MemoryHost(events);
  const runtime = new FakeRuntime(events);
  const router = new FakeRouter(events);
  const journal = new Journal(host, "/state");
  const reporter = new MemoryReporter();
  const deps: EngineDeps = {
    host,
    runtime,
    router,
    journal,
    reporter: reporter as Reporter,
    timeline: new Timeline(),
    ports: { blue: 8081, green: 8082 },
    gate: { path: "/healthz", successes: 2, timeoutMs: 200, intervalMs: 5 },
    verify: { windowMs: 30, maxErrorRate: 1, tickMs: 5, probeEveryMs: 5 },
    drainTimeoutMs: 10,
    stopTimeoutMs: 10,
    stepPauseMs: 0,
    runId: "run-1",
    ...overrides,
  };
  return { events, host, runtime, router, journal, reporter, deps };
}

export function release(version: string): Release {
  return { version, dir: `/state/releases/${version}`, binary: `/state/releases/${version}/hello`, sha256: "x" };
}

/** A host whose docker answers from a script, recording every argv. */
export class DockerHost extends MemoryHost {
  readonly argv: string[][] = [];
  readonly options: HostExecOptions[] = [];
  constructor(private readonly answer: (argv: readonly string[]) => Partial<ExecResult>) {
    super([]);
  }
  override async exec(argv: readonly string[], o: HostExecOptions = {}): Promise<ExecResult> {
    this.argv.push([...argv]);
    this.options.push(o);
    return { command: argv, code: 0, stdout: "", stderr: "", ...this.answer(argv) } as ExecResult;
  }
}
