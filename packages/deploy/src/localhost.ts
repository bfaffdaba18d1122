import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { chmod, copyFile, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { GantryError, exec, exists, hostTarget, sha256File } from "@gantry/core";
import type { DeployerId, Host, HostExecOptions, HttpProbe, ProcessInfo, SpawnSpec } from "./host.js";

/**
 * The wrapper every detached process starts through: it writes its own pid ($$) to the pid file
 * (temp name, then rename) and execs the program, so the pid file exists before the program runs.
 * The pid file path and the program come in as positional parameters: no input is part of the script.
 */
export const PIDFILE_WRAPPER = 'echo $$ > "$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"';

/** Reads /proc/<pid>/stat: a zombie counts as exited (this machine's PID 1 does not reap orphans). */
export async function localProcessInfo(pid: number): Promise<ProcessInfo> {
  if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    const command = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean).join(" ");
    return { state: state === "Z" || state === "X" ? "zombie" : "running", command };
  } catch {
    if (process.platform === "linux") return { state: "gone" };
    try {
      process.kill(pid, 0);
      return { state: "running" };
    } catch (err) {
      return { state: (err as NodeJS.ErrnoException).code === "EPERM" ? "running" : "gone" };
    }
  }
}

/** The machine the deployer runs on, as a Host. */
export class LocalHost implements Host {
  readonly name = "local";

  async platform() {
    return hostTarget();
  }

  exec(argv: readonly string[], options: HostExecOptions = {}) {
    const [file, ...args] = argv;
    if (!file) throw new GantryError("internal: empty command");
    return exec(file, args, { timeoutMs: options.timeoutMs, allowFailure: options.allowFailure, input: options.input });
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

  async writeFile(path: string, data: string, mode?: number): Promise<void> {
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    const options = mode === undefined ? undefined : { mode };
    try {
      // The folder nearly always exists (the journal is written on every transition): mkdir only when missing.
      await writeFile(tmp, data, options).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== "ENOENT") throw err;
        await mkdir(dirname(path), { recursive: true });
        await writeFile(tmp, data, options);
      });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  rename(from: string, to: string) {
    return rename(from, to);
  }

  async mkdirp(path: string, mode?: number): Promise<void> {
    await mkdir(path, { recursive: true, mode });
  }

  async mkdirExclusive(path: string): Promise<boolean> {
    try {
      await mkdir(path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    }
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
    await mkdir(dirname(hostPath), { recursive: true });
    const tmp = `${hostPath}.tmp-${process.pid}`;
    await copyFile(localPath, tmp);
    await chmod(tmp, mode);
    await rename(tmp, hostPath);
    return sha256File(hostPath);
  }

  async spawnDetached(spec: SpawnSpec): Promise<number> {
    await mkdir(dirname(spec.logFile), { recursive: true });
    await mkdir(dirname(spec.pidFile), { recursive: true });
    const fd = openSync(spec.logFile, "a");
    try {
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
