import { connect } from "node:net";
import { GantryError, InputError, type Reporter, formatDuration, parseDuration } from "@gantry/core";
import { type RunningProcess, howExited, logTail, startProcess, stopProcess, waitExit } from "./processes.js";
import { argSecrets, envSecrets, redactor } from "./secrets.js";
import { type WordsError, shellOnlyWord, splitWords } from "./words.js";

/** A `services` line: `[KEY=value …] command args… [| readiness URL] [| timeout]`. */
export interface ServiceSpec {
  /** `services[2] (go run ./cmd/kvd)`, for messages: never the env values, which may be secrets. */
  label: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  ready?: Readiness;
  timeoutMs: number;
  /** Passwords and tokens in its env, arguments and readiness URL: masked, and cut from its label. */
  secrets: string[];
}

export type Readiness = { kind: "tcp"; host: string; port: number; text: string } | { kind: "http"; url: string; text: string };

export const DEFAULT_SERVICE_TIMEOUT_MS = 30_000;
const ACCEPTED =
  "accepted: one service per line, `[KEY=value …] command args… | tcp://127.0.0.1:5432 | 30s` (readiness check and timeout optional; no shell: no pipes, &&, redirections or $VARS)";

/** Parses `tcp://host:port` or `http(s)://…`. */
export function parseReadiness(text: string, line: string): Readiness {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError("services", line, `readiness ${JSON.stringify(text)} is not a URL; ${ACCEPTED}`);
  }
  if (url.protocol === "tcp:") {
    const port = Number(url.port);
    if (!url.hostname || !url.port || !Number.isInteger(port) || port < 1 || port > 65535 || (url.pathname && url.pathname !== "/")) {
      throw new InputError("services", line, `readiness ${JSON.stringify(text)} needs a host and a port, e.g. tcp://127.0.0.1:5432`);
    }
    return { kind: "tcp", host: url.hostname.replace(/^\[|\]$/g, ""), port, text };
  }
  if (url.protocol === "http:" || url.protocol === "https:") return { kind: "http", url: url.toString(), text };
  throw new InputError("services", line, `readiness ${JSON.stringify(text)} has scheme ${url.protocol}; accepted: tcp://host:port, http://… or https://…`);
}

/** Parses the `services` input, one service per non-empty line. */
export function parseServices(lines: readonly string[]): ServiceSpec[] {
  return lines.map((line, i) => {
    try {
      return parseService(line, i);
    } catch (err) {
      // The error quotes the line: cut the secrets it seems to carry, as no mask is set yet (issue 10).
      if (!(err instanceof InputError)) throw err;
      const redact = redactor(argSecrets(line.split(/\s+/)));
      throw new InputError(err.input, redact(err.value), redact(err.accepted));
    }
  });
}

/** One `services` line (index i, for its label). */
function parseService(line: string, i: number): ServiceSpec {
  let words: ReturnType<typeof splitWords>;
  try {
    words = splitWords(line);
  } catch (err) {
    throw new InputError("services", line, `${(err as WordsError).message}; ${ACCEPTED}`);
  }
  const parts: (typeof words)[] = [[]];
  for (const w of words) {
    if (!w.quoted && w.text === "|") parts.push([]);
    else (parts[parts.length - 1] as typeof words).push(w);
  }
  if (parts.length > 3) throw new InputError("services", line, `it has more than two | separators; ${ACCEPTED}`);
  const [cmdWords = [], readyWords = [], timeoutWords = []] = parts;
  const shell = shellOnlyWord(cmdWords);
  if (shell) throw new InputError("services", line, `${JSON.stringify(shell)} needs a shell, and services start without one; ${ACCEPTED}`);
  const env: Record<string, string> = {};
  let k = 0;
  for (; k < cmdWords.length; k++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec((cmdWords[k] as { text: string }).text);
    if (!m) break;
    env[m[1] as string] = m[2] as string;
  }
  const [command, ...args] = cmdWords.slice(k).map((w) => w.text);
  if (!command) throw new InputError("services", line, `it names no command; ${ACCEPTED}`);
  if (readyWords.length > 1 || timeoutWords.length > 1) throw new InputError("services", line, ACCEPTED);
  const ready = readyWords[0] ? parseReadiness(readyWords[0].text, line) : undefined;
  let timeoutMs = DEFAULT_SERVICE_TIMEOUT_MS;
  if (timeoutWords[0]) {
    const ms = parseDuration(timeoutWords[0].text);
    if (ms === undefined || ms <= 0)
      throw new InputError("services", line, `timeout ${JSON.stringify(timeoutWords[0].text)} is not a duration such as 30s or 2m`);
    timeoutMs = ms;
  }
  const secrets = [...new Set([...envSecrets(env), ...argSecrets([command, ...args]), ...argSecrets(ready ? [ready.text] : [])])];
  const shown = redactor(secrets)([command, ...args].join(" "));
  return { label: `services[${i + 1}] (${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown})`, command, args, env, ready, timeoutMs, secrets };
}

/** One readiness probe: a TCP connect, or an HTTP GET answering 2xx/3xx. */
export async function probe(ready: Readiness): Promise<boolean> {
  if (ready.kind === "tcp") {
    return new Promise((res) => {
      const socket = connect({ host: ready.host, port: ready.port });
      const done = (ok: boolean) => {
        socket.destroy();
        res(ok);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once("connect", () => done(true));
      socket.once("error", () => done(false));
    });
  }
  try {
    const res = await fetch(ready.url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 400;
  } catch {
    return false;
  }
}

/** Polls until ready, the process exits, or the timeout passes. */
export async function awaitReady(p: RunningProcess, ready: Readiness | undefined, timeoutMs: number): Promise<"ready" | "exited" | "timeout"> {
  const deadline = Date.now() + timeoutMs;
  if (!ready) {
    // Without a check, only make sure it did not die at once.
    await waitExit(p, Math.min(500, timeoutMs));
    return p.exited ? "exited" : "ready";
  }
  while (Date.now() < deadline) {
    if (p.exited) return "exited";
    if (await probe(ready)) return p.exited ? "exited" : "ready";
    await new Promise((r) => setTimeout(r, 200));
  }
  return p.exited ? "exited" : "timeout";
}

/**
 * Starts every service in order, each awaited before the next; on a failure, stops the ones
 * already started and fails naming the service, its check and its last log lines.
 */
export async function startServices(
  specs: readonly ServiceSpec[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logDir: string },
  reporter: Reporter,
): Promise<RunningProcess[]> {
  const started: RunningProcess[] = [];
  for (const [i, s] of specs.entries()) {
    const began = performance.now();
    const p = startProcess(s.label, s.command, s.args, { cwd: opts.cwd, env: { ...opts.env, ...s.env }, logDir: opts.logDir, logName: `service-${i + 1}.log` });
    started.push(p);
    const outcome = await awaitReady(p, s.ready, s.timeoutMs);
    if (outcome !== "ready") {
      await Promise.all(started.map((q) => stopProcess(q)));
      const why =
        outcome === "exited"
          ? `${howExited(p)} before it was ready${s.ready ? ` (check: ${s.ready.text})` : ""}`
          : `was not ready at ${s.ready?.text} within ${formatDuration(s.timeoutMs)}`;
      const tail = logTail(p);
      throw new GantryError(`${s.label} ${why}; no test ran. Its last log lines:\n${tail || "(no output)"}`);
    }
    reporter.info(
      `${s.label}: ready${s.ready ? ` at ${s.ready.text}` : ""} after ${formatDuration(performance.now() - began)} (pid ${p.pid}, log ${p.logFile})`,
    );
  }
  return started;
}
