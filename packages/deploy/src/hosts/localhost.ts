import { spawn } from "node:child_process";
import { closeSync, constants, createReadStream, fchmodSync, openSync } from "node:fs";
import { mkdir, open, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { GantryError, exec, exists, hostTarget, sha256File, tempPathBeside, writeFileAtomic } from "@gantry/core";
import type { DeployerId, Host, HostExecOptions, HttpProbe, SpawnSpec } from "./host.js";
import { localProcessInfo } from "./proc.js";

/**
 * The wrapper every detached process starts through: it writes its own pid ($$) to the pid file
 * (temp name, then rename) and execs the program, so the pid file exists before the program runs.
 * The pid file path and the program come in as positional parameters: no input is part of the script.
 * `set -C` (noclobber) creates the temp name exclusively, so a symlink planted there is not followed (issue 10).
 */
export const PIDFILE_WRAPPER = 'rm -f "$0.tmp" && set -C && echo $$ > "$0.tmp" && set +C && mv -f "$0.tmp" "$0" && exec "$@"';

/** Service logs are readable by the owner and its group only (issue 10: they may print secrets). */
export const LOG_MODE = 0o640;

/** The machine the deployer runs on, as a Host. */
export class LocalHost implements Host {
  readonly name = "local";

  async platform() {
    return hostTarget();
  }

  exec(argv: readonly string[], options: HostExecOptions = {}) {
    const [file, ...args] = argv;
    if (!file) throw new GantryError("internal: empty command");
    return exec(file, args, { timeoutMs: options.timeoutMs, allowFailure: options.allowFailure, input: options.input, inputFile: options.inputFile });
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  async readFrom(path: string, offset: number, maxBytes: number): Promise<{ text: string; size: number } | undefined> {
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(path, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    try {
      const { size } = await fh.stat();
      const start = Math.min(offset, size);
      const length = Math.min(size - start, maxBytes);
      const buf = Buffer.alloc(length);
      await fh.read(buf, 0, length, start);
      return { text: buf.toString("utf8"), size };
    } finally {
      await fh.close();
    }
  }

  async fileSize(path: string): Promise<number | undefined> {
    try {
      return (await stat(path)).size;
    } catch {
      return undefined;
    }
  }

  /** The temp name a write goes through (a method so a test can plant a symlink at it). */
  protected tempFor(path: string): string {
    return tempPathBeside(path);
  }

  /** Exclusive, no-follow temp file and a rename (core's writeFileAtomic; it makes the folder only when missing). */
  writeFile(path: string, data: string, mode?: number): Promise<void> {
    return writeFileAtomic(path, data, mode, this.tempFor(path));
  }

  rename(from: string, to: string) {
    return rename(from, to);
  }

  async mkdirp(path: string, mode?: number): Promise<void> {
    await mkdir(path, { recursive: true, mode });
  }

  remove(path: string) {
    return rm(path, { recursive: true, force: true });
  }

  async list(dir: string): Promise<string[]> {
    try {
      return await readdir(dir);
    } catch {
      return [];
    }
  }

  exists(path: string) {
    return exists(path);
  }

  async sha256(path: string): Promise<string | undefined> {
    return (await exists(path)) ? sha256File(path) : undefined;
  }

  async upload(localPath: string, hostPath: string, mode: number): Promise<string> {
    // Opened only once the temp file is made, so a failed create leaves no open stream behind.
    const chunks = (async function* () {
      yield* createReadStream(localPath);
    })();
    await writeFileAtomic(hostPath, chunks, mode, this.tempFor(hostPath));
    return sha256File(hostPath);
  }

  async spawnDetached(spec: SpawnSpec): Promise<number> {
    await mkdir(dirname(spec.logFile), { recursive: true });
    await mkdir(dirname(spec.pidFile), { recursive: true });
    // Appended to, never through a symlink, and not world-readable even when it existed before.
    const fd = openSync(spec.logFile, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, LOG_MODE);
    try {
      fchmodSync(fd, LOG_MODE);
      const child = spawn("/bin/sh", ["-c", PIDFILE_WRAPPER, spec.pidFile, ...spec.argv], {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: ["ignore", fd, fd],
      });
      const pid = await new Promise<number>((res, rej) => {
        child.once("error", (e) => rej(new GantryError(`could not start ${spec.argv[0]}: ${e.message}`)));
        child.once("spawn", () => res(child.pid as number));
      });
      child.unref();
      // The wrapper writes the pid file before exec; wait for it so callers can rely on it.
      for (let i = 0; i < 200 && (await this.readFile(spec.pidFile))?.trim() !== String(pid); i++) {
        if ((await localProcessInfo(pid)).state !== "running") break;
        await new Promise((r) => setTimeout(r, 5));
      }
      return pid;
    } finally {
      closeSync(fd);
    }
  }

  processInfo(pid: number) {
    return localProcessInfo(pid);
  }

  async signal(pid: number, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
    }
  }

  portFree(port: number): Promise<boolean> {
    return new Promise((res) => {
      const srv = net.createServer();
      srv.once("error", () => res(false));
      srv.listen({ port, host: "127.0.0.1", exclusive: true }, () => srv.close(() => res(true)));
    });
  }

  httpGet(port: number, path: string, timeoutMs: number): Promise<HttpProbe> {
    const started = performance.now();
    return new Promise((res) => {
      const req = http.get({ host: "127.0.0.1", port, path, agent: false, timeout: timeoutMs, headers: { "user-agent": "gantry-deploy" } }, (r) => {
        r.resume();
        r.on("end", () => {
          const status = r.statusCode ?? 0;
          res({ ok: status >= 200 && status < 300, status, ms: performance.now() - started });
        });
        r.on("error", (e) => res({ ok: false, status: 0, ms: performance.now() - started, error: e.message }));
      });
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("error", (e: NodeJS.ErrnoException) => res({ ok: false, status: 0, ms: performance.now() - started, error: e.code ?? e.message }));
    });
  }

  socketRequest(socketPath: string, text: string, timeoutMs: number): Promise<string> {
    return new Promise((res, rej) => {
      const sock = net.connect(socketPath);
      let out = "";
      const timer = setTimeout(() => sock.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      sock.setEncoding("utf8");
      sock.on("connect", () => sock.end(text.endsWith("\n") ? text : `${text}\n`));
      sock.on("data", (d: string) => (out += d));
      sock.on("close", () => {
        clearTimeout(timer);
        res(out);
      });
      sock.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        rej(new GantryError(`${socketPath}: ${e.code ?? e.message}`));
      });
    });
  }

  deployer(): DeployerId {
    return { machine: hostname(), pid: process.pid };
  }
}
