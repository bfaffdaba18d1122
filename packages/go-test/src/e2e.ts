import { constants } from "node:fs";
import { access, chmod, stat } from "node:fs/promises";
import { basename } from "node:path";
import { GantryError, formatDuration, formatTarget, hostTarget, readManifest, resolveInManifest, freePort, sha256File } from "@gantry/core";
import { type RunningProcess, howExited, logTail, startProcess, waitExit } from "./processes.js";
import { awaitReady } from "./services.js";

/**
 * The binary the e2e layer starts: `e2e-binary`, else the artifact go-build wrote for the runner's
 * own os/arch in the manifest (issue 5: "default: the runner's own target from dist/artifacts.json").
 */
export async function resolveE2eBinary(e2eBinary: string, manifestPath: string): Promise<string> {
  let path = e2eBinary;
  if (!path) {
    const manifest = await readManifest(manifestPath);
    const host = hostTarget();
    const own = manifest.artifacts.filter((a) => a.os === host.os && a.arch === host.arch);
    // amd64 without a variant (or v1) runs on every amd64 machine; a v3 build might not.
    const pick = own.find((a) => !a.variant || a.variant === "v1" || a.variant === "v8") ?? own[0];
    if (!pick) {
      throw new GantryError(
        `the e2e layer needs a ${formatTarget(host)} binary to run on this runner, and ${manifestPath} lists only ${manifest.artifacts.map((a) => a.target).join(", ") || "nothing"}; add ${formatTarget(host)} to go-build's targets or set e2e-binary`,
      );
    }
    path = resolveInManifest(manifestPath, pick.path);
    await restoreExecutable(path, pick.sha256);
  }
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new GantryError(`the e2e binary ${path} ${e2eBinary ? "(e2e-binary)" : `(from ${manifestPath})`} does not exist or is not executable`);
  }
  return path;
}

/**
 * actions/upload-artifact does not keep file permissions ("Permission Loss" in its README), so a
 * dist/ passed to a later job arrives with its binaries not executable (found running
 * examples/workflows/pipeline.yml under act, issue 11). The manifest's own artifact, checked
 * against its sha256, gets its exec bits back; any other file is left as it is.
 */
async function restoreExecutable(path: string, sha256: string): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode,
    () => undefined,
  );
  if (mode === undefined || (mode & 0o111) !== 0) return;
  if ((await sha256File(path)) !== sha256) return;
  await chmod(path, (mode & 0o7777) | 0o111);
}

/** A free TCP port on the loopback interface, as the OS hands one out. */

export interface E2eOptions {
  binary: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  port: number;
  health: string;
  startTimeoutMs: number;
  logDir: string;
}

export interface E2eService {
  proc: RunningProcess;
  port: number;
  baseUrl: string;
}

/** Starts the binary with PORT and waits until `GET <health>` answers 2xx/3xx; throws with its log when it does not. */
export async function startE2e(o: E2eOptions): Promise<E2eService> {
  const port = o.port || (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = startProcess(`e2e binary ${basename(o.binary)}`, o.binary, o.args, {
    cwd: o.cwd,
    env: { ...o.env, PORT: String(port) },
    logDir: o.logDir,
    logName: "e2e-binary.log",
  });
  const health = `${baseUrl}${o.health}`;
  const outcome = await awaitReady(proc, { kind: "http", url: health, text: health }, o.startTimeoutMs);
  if (outcome !== "ready") {
    if (!proc.exited) {
      process.kill(-proc.pid, "SIGKILL");
      await waitExit(proc, 5000);
    }
    const why =
      outcome === "exited" ? `${howExited(proc)} before ${health} answered` : `did not answer ${health} with 2xx within ${formatDuration(o.startTimeoutMs)}`;
    throw new E2eError(`${basename(o.binary)} (PORT=${port}) ${why}`, logTail(proc));
  }
  return { proc, port, baseUrl };
}

/** The e2e layer's own failure (start or shutdown), with the binary's last log lines. */
export class E2eError extends GantryError {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(message);
  }
}

/**
 * SIGTERM to the binary alone (not its group: the binary must pass it on), then it must exit 0
 * within `timeoutMs` (issue 5: "graceful shutdown is part of what is tested"). Dying of the signal
 * itself means it has no handler and would cut in-flight requests off.
 */
export async function shutdownE2e(s: E2eService, timeoutMs: number): Promise<{ ok: boolean; reason?: string; ms: number }> {
  const began = performance.now();
  if (s.proc.exited) return { ok: false, reason: `the binary ${howExited(s.proc)} while the e2e tests ran`, ms: 0 };
  process.kill(s.proc.pid, "SIGTERM");
  const exited = await waitExit(s.proc, timeoutMs);
  const ms = performance.now() - began;
  if (!exited) {
    process.kill(-s.proc.pid, "SIGKILL");
    await waitExit(s.proc, 5000);
    return { ok: false, reason: `the binary did not exit within e2e-shutdown-timeout (${formatDuration(timeoutMs)}) after SIGTERM; it was killed`, ms };
  }
  const { code, signal } = s.proc.exited ?? { code: null, signal: null };
  if (signal) return { ok: false, reason: `the binary was killed by ${signal}: it does not handle SIGTERM, so in-flight requests would be cut off`, ms };
  if (code !== 0) return { ok: false, reason: `the binary exited with code ${code} after SIGTERM (a graceful shutdown exits 0)`, ms };
  return { ok: true, ms };
}
