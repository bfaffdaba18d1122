import { join } from "node:path";
import { GantryError, InputError, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { ACCEPTED_APP, APP_NAME, COLORS, type Color, type Release, type Slot, checkName } from "../model/model.js";
import type { Runtime, StopResult } from "./runtime.js";

/** `unix:///path` or `tcp://127.0.0.1:port` (a daemon on the host itself). */
export const DOCKER_HOST = /^(unix:\/\/\/[^\0\s]+|tcp:\/\/127\.0\.0\.1(:\d{1,5})?)$/;

/** `[registry/]name[:tag][@sha256:…]`, or an image ID (`sha256:…`); nothing starts with `-` (issue 10: never an option). */
const IMAGE_REF =
  /^(sha256:[a-f0-9]{64}|(?:[a-zA-Z0-9][a-zA-Z0-9.-]*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?)$/;

export function isImageReference(ref: string): boolean {
  return ref.length <= 512 && IMAGE_REF.test(ref);
}

/**
 * Checks the `artifact` input of runtime: docker, in parse and again before docker sees it: a
 * reference beginning with `-` would be read as an option (issue 10).
 */
export function checkImageReference(ref: string): string {
  if (ref.startsWith("-"))
    throw new InputError(
      "artifact",
      ref,
      "an image reference cannot begin with '-' (docker would read it as an option); accepted: e.g. ghcr.io/acme/hello:v1.2.3",
    );
  if (!isImageReference(ref)) throw new InputError("artifact", ref, "accepted: an image reference, e.g. ghcr.io/acme/hello:v1.2.3 or hello@sha256:…");
  return ref;
}

/** The `docker` argv prefix, with `-H` when a daemon was named. */
export function dockerArgv(dockerHost: string): string[] {
  return dockerHost ? ["docker", "-H", dockerHost] : ["docker"];
}

interface ContainerState {
  running: boolean;
  pid: number;
  exitCode: number;
  app: string;
  version: string;
  image: string;
}

/**
 * `runtime: docker`: the release's image run as the container `<app>-<color>` with host
 * networking, labelled with the app and the version. Every command goes through the Host, so
 * the same runtime drives a daemon over SSH. A container without this app's label is never
 * stopped or removed.
 */
export class DockerRuntime implements Runtime {
  readonly name = "docker";
  constructor(
    private readonly host: Host,
    private readonly stateDir: string,
    private readonly app: string,
    private readonly dockerHost: string,
    private readonly stopTimeoutMs: number,
  ) {}

  /** `<app>-<color>`; the app is checked like the app input, so the name never starts with `-`. */
  containerName(color: Color): string {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}`;
  }
  envFile(color: Color): string {
    return join(this.stateDir, "run", `${color}.env`);
  }

  /** Before anything changes: the daemon answers (locally, or on the SSH host; issue 12). */
  async preflight(): Promise<void> {
    const r = await this.docker(["version", "--format", "{{.Server.Version}}"], true);
    // 127: the shell (over SSH) found no such command; locally exec throws its own "not found".
    if (r.code === 127) throw new GantryError(`\`docker\` is not installed on ${this.host.name}; runtime: docker runs the docker CLI on the host`);
    if (r.code !== 0 || !r.stdout.trim())
      throw new GantryError(
        `docker-host: docker cannot reach the daemon${this.dockerHost ? ` at ${this.dockerHost}` : ""} on ${this.host.name}: ${lastLines(`${r.stderr}${r.stdout}`.trim(), 3) || `exit code ${r.code}`}; is dockerd running, and may this user use its socket?`,
      );
  }

  private docker(args: string[], allowFailure = false) {
    return this.host.exec([...dockerArgv(this.dockerHost), ...args], { allowFailure, timeoutMs: 60_000 });
  }

  /** The container of a color, or undefined when there is none. */
  private async inspect(color: Color): Promise<ContainerState | undefined> {
    const format =
      '{{json .State.Running}} {{json .State.Pid}} {{json .State.ExitCode}} {{json (index .Config.Labels "gantry.app")}} {{json (index .Config.Labels "gantry.version")}} {{json .Image}}';
    const r = await this.docker(["container", "inspect", "-f", format, "--", this.containerName(color)], true);
    if (r.code !== 0) {
      if (/no such (container|object)/i.test(r.stderr)) return undefined;
      throw new GantryError(`docker container inspect ${this.containerName(color)} failed on ${this.host.name}: ${lastLines(r.stderr.trim(), 5)}`);
    }
    const [running, pid, exitCode, app, version, image] = r.stdout
      .trim()
      .split(" ")
      .map((v) => JSON.parse(v) as unknown);
    return {
      running: running === true,
      pid: Number(pid) || 0,
      exitCode: Number(exitCode) || 0,
      app: typeof app === "string" ? app : "",
      version: typeof version === "string" ? version : "",
      image: typeof image === "string" ? image : "",
    };
  }

  private async ours(color: Color): Promise<ContainerState | undefined> {
    const c = await this.inspect(color);
    return c && c.app === this.app ? c : undefined;
  }

  async start(slot: Slot, release: Release, env: Record<string, string>): Promise<number> {
    if (!release.image)
      throw new GantryError(`release ${release.version} was staged for runtime: process (it has no image); deploy it again with runtime: docker`);
    const name = this.containerName(slot.color);
    const existing = await this.inspect(slot.color);
    if (existing && existing.app !== this.app)
      throw new GantryError(`a container named ${name} that is not gantry's ${this.app} exists on ${this.host.name}; rename or remove it`);
    if (existing?.running) throw new GantryError(`the container ${name} (pid ${existing.pid}) still runs on the ${slot.color} slot; stop it first`);
    if (existing) await this.docker(["rm", "--", name]);
    for (const [k, v] of Object.entries(env))
      if (/[\r\n]/.test(v)) throw new InputError("env", `${k}=…`, "runtime: docker passes env through an env file: a value cannot span lines");
    await this.host.mkdirp(join(this.stateDir, "run"), 0o750);
    await this.host.writeFile(
      this.envFile(slot.color),
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(""),
      0o600,
    );
    const seconds = String(Math.ceil(this.stopTimeoutMs / 1000));
    const run = await this.docker(
      [
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "host",
        "--label",
        `gantry.app=${this.app}`,
        "--label",
        `gantry.version=${release.version}`,
        "--env-file",
        this.envFile(slot.color),
        "--stop-timeout",
        seconds,
        "--",
        release.image,
      ],
      true,
    );
    if (run.code !== 0) throw new GantryError(`docker run ${name} failed on ${this.host.name}: ${lastLines(`${run.stderr}${run.stdout}`.trim(), 5)}`);
    return (await this.inspect(slot.color))?.pid ?? 0;
  }

  async alive(slot: Slot): Promise<boolean> {
    const c = await this.ours(slot.color);
    return Boolean(c?.running && (slot.pid === undefined || c.pid === slot.pid));
  }

  async running(color: Color): Promise<number | undefined> {
    const c = await this.ours(color);
    return c?.running && c.pid > 0 ? c.pid : undefined;
  }

  async runsRelease(pid: number, release: Release): Promise<boolean> {
    for (const color of COLORS) {
      const c = await this.ours(color);
      if (c?.running && c.pid === pid) return c.version === release.version && (!release.image || c.image === release.image);
    }
    return false;
  }

  async stop(slot: Slot, stopTimeoutMs: number): Promise<StopResult> {
    const started = performance.now();
    const c = await this.ours(slot.color);
    if (!c?.running) return { signal: "none", ms: 0 };
    const seconds = Math.ceil(stopTimeoutMs / 1000);
    const r = await this.docker(["stop", "-t", String(seconds), "--", this.containerName(slot.color)], true);
    const ms = performance.now() - started;
    if (r.code !== 0) throw new GantryError(`docker stop ${this.containerName(slot.color)} failed on ${this.host.name}: ${lastLines(r.stderr.trim(), 5)}`);
    const after = await this.inspect(slot.color);
    // 137 = 128 + SIGKILL: docker stop gave up waiting after the timeout.
    return { signal: after?.exitCode === 137 || ms >= seconds * 1000 ? "SIGKILL" : "SIGTERM", ms };
  }

  async logTail(color: Color, lines: number): Promise<string> {
    const r = await this.docker(["logs", "--tail", String(lines), "--", this.containerName(color)], true);
    return r.code === 0 ? lastLines(`${r.stdout}${r.stderr}`, lines) : "";
  }
}
