import type { ExecResult, Target } from "@gantry/core";

/**
 * The machine a release runs on. Every operation the cutover engine performs on it — files,
 * processes, the lock, the journal, router commands, health checks — goes through this
 * interface, so the same engine can drive a remote server over SSH (issue 7) where the far side
 * has only a POSIX shell. Nothing in the engine may assume it shares a machine with the host.
 */
export interface Host {
  /** Shown in messages: `local`, later `deploy@web-1`. */
  readonly name: string;
  /** The host's OS and architecture, to pick the artifact built for it. */
  platform(): Promise<Target>;
  /** Runs a program on the host with an argument array (never a shell line). */
  exec(argv: readonly string[], options?: HostExecOptions): Promise<ExecResult>;

  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Bytes from `offset` to the end (at most maxBytes), and the file's size; undefined when missing. */
  readFrom(path: string, offset: number, maxBytes: number): Promise<{ text: string; size: number } | undefined>;
  /** Size in bytes, or undefined when missing. */
  fileSize(path: string): Promise<number | undefined>;
  /** Writes through a temp file and a rename in the same folder: a reader never sees half a file. */
  writeFile(path: string, data: string, mode?: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdirp(path: string, mode?: number): Promise<void>;
  /** Removes a file or a folder tree; no error when missing. */
  remove(path: string): Promise<void>;
  /** Names in a folder ([] when missing). */
  list(dir: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** sha256 of a file on the host, or undefined when missing. */
  sha256(path: string): Promise<string | undefined>;
  /** Copies a file from the deployer's machine to the host (through a temp name); returns the sha256 found on the host. */
  upload(localPath: string, hostPath: string, mode: number): Promise<string>;

  /**
   * Starts a long-running process that outlives the deployer. Its pid file is written by the
   * process itself before it execs the program, so a deployer killed right after the start
   * still leaves a pid file behind for the next run.
   */
  spawnDetached(spec: SpawnSpec): Promise<number>;
  processInfo(pid: number): Promise<ProcessInfo>;
  signal(pid: number, signal: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** True when nothing listens on the port (on the host's loopback). */
  portFree(port: number): Promise<boolean>;
  /** One GET to http://127.0.0.1:port/path, made on the host (issue 7: curl there). */
  httpGet(port: number, path: string, timeoutMs: number): Promise<HttpProbe>;
  /** One request/response exchange on a unix socket on the host (HAProxy's runtime API). */
  socketRequest(socketPath: string, text: string, timeoutMs: number): Promise<string>;
  /** Who is deploying, for the lock's owner record (the deployer's machine and pid). */
  deployer(): DeployerId;
}

export interface HostExecOptions {
  timeoutMs?: number;
  allowFailure?: boolean;
  input?: string;
  /** A file on the deployer's machine streamed as stdin (issue 12: an image archive into `docker load`); over SSH on a channel of its own. */
  inputFile?: string;
}

export interface SpawnSpec {
  argv: readonly string[];
  /** The whole environment of the process (nothing is inherited from the deployer). */
  env: Record<string, string>;
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  pidFile: string;
}

export interface ProcessInfo {
  /** A zombie has exited but was not reaped yet (its parent may be a PID 1 that never reaps). */
  state: "running" | "zombie" | "gone";
  /** The command line, when known. */
  command?: string;
}

export type HttpProbe = { ok: boolean; status: number; ms: number; error?: undefined } | { ok: false; status: 0; ms: number; error: string };

export interface DeployerId {
  /** The machine the deployer runs on. */
  machine: string;
  pid: number;
}
