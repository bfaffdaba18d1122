import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  awaitReady,
  howExited,
  logTail,
  startProcess,
  waitExit
} from "./chunk-ZLD2BBMP.js";
import {
  GantryError,
  formatDuration,
  formatTarget,
  freePort,
  hostTarget,
  readManifest,
  resolveInManifest,
  sha256File
} from "./chunk-FZKQP3XX.js";
import "./chunk-3VH2S33U.js";
import "./chunk-6LYVYBIT.js";

// packages/go-test/src/e2e.ts
import { constants } from "node:fs";
import { access, chmod, stat } from "node:fs/promises";
import { basename } from "node:path";
async function resolveE2eBinary(e2eBinary, manifestPath) {
  let path = e2eBinary;
  if (!path) {
    let manifest = await readManifest(manifestPath), host = hostTarget(), own = manifest.artifacts.filter((a) => a.os === host.os && a.arch === host.arch), pick = own.find((a) => !a.variant || a.variant === "v1" || a.variant === "v8") ?? own[0];
    if (!pick)
      throw new GantryError(
        `the e2e layer needs a ${formatTarget(host)} binary to run on this runner, and ${manifestPath} lists only ${manifest.artifacts.map((a) => a.target).join(", ") || "nothing"}; add ${formatTarget(host)} to go-build's targets or set e2e-binary`
      );
    path = resolveInManifest(manifestPath, pick.path), await restoreExecutable(path, pick.sha256);
  }
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new GantryError(`the e2e binary ${path} ${e2eBinary ? "(e2e-binary)" : `(from ${manifestPath})`} does not exist or is not executable`);
  }
  return path;
}
async function restoreExecutable(path, sha256) {
  let mode = await stat(path).then(
    (s) => s.mode,
    () => {
    }
  );
  mode === void 0 || (mode & 73) !== 0 || await sha256File(path) === sha256 && await chmod(path, mode & 4095 | 73);
}
async function startE2e(o) {
  let port = o.port || await freePort(), baseUrl = `http://127.0.0.1:${port}`, proc = startProcess(`e2e binary ${basename(o.binary)}`, o.binary, o.args, {
    cwd: o.cwd,
    env: { ...o.env, PORT: String(port) },
    logDir: o.logDir,
    logName: "e2e-binary.log"
  }), health = `${baseUrl}${o.health}`, outcome = await awaitReady(proc, { kind: "http", url: health, text: health }, o.startTimeoutMs);
  if (outcome !== "ready") {
    proc.exited || (process.kill(-proc.pid, "SIGKILL"), await waitExit(proc, 5e3));
    let why = outcome === "exited" ? `${howExited(proc)} before ${health} answered` : `did not answer ${health} with 2xx within ${formatDuration(o.startTimeoutMs)}`;
    throw new E2eError(`${basename(o.binary)} (PORT=${port}) ${why}`, logTail(proc));
  }
  return { proc, port, baseUrl };
}
var E2eError = class extends GantryError {
  constructor(message, logTail2) {
    super(message);
    this.logTail = logTail2;
  }
  logTail;
};
async function shutdownE2e(s, timeoutMs) {
  let began = performance.now();
  if (s.proc.exited) return { ok: !1, reason: `the binary ${howExited(s.proc)} while the e2e tests ran`, ms: 0 };
  process.kill(s.proc.pid, "SIGTERM");
  let exited = await waitExit(s.proc, timeoutMs), ms = performance.now() - began;
  if (!exited)
    return process.kill(-s.proc.pid, "SIGKILL"), await waitExit(s.proc, 5e3), { ok: !1, reason: `the binary did not exit within e2e-shutdown-timeout (${formatDuration(timeoutMs)}) after SIGTERM; it was killed`, ms };
  let { code, signal } = s.proc.exited ?? { code: null, signal: null };
  return signal ? { ok: !1, reason: `the binary was killed by ${signal}: it does not handle SIGTERM, so in-flight requests would be cut off`, ms } : code !== 0 ? { ok: !1, reason: `the binary exited with code ${code} after SIGTERM (a graceful shutdown exits 0)`, ms } : { ok: !0, ms };
}
export {
  E2eError,
  resolveE2eBinary,
  shutdownE2e,
  startE2e
};
