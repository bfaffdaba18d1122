import { isAbsolute, resolve } from "node:path";
import { InputError, type InputReader, type SecretInput } from "@gantry/core";
import { ANALYSIS_INPUTS, ANALYSIS_SECRETS, type AnalysisInputs, parseAnalysisInputs } from "./analysis/inputs.js";
import { DOCKER_HOST, checkImageReference } from "./runtimes/docker.js";
import { RUNTIME_ROLES } from "./runtimes/inputs.js";
import { type RouterInputs, parseRouterInputs } from "./routers/inputs.js";
import { ROUTER_ROLES } from "./routers/routers.js";
import { ACCEPTED_APP, ACCEPTED_VERSION, APP_NAME, type Command, type InputRoles, RELEASE_VERSION, rolesWithin } from "./model/model.js";
import { USER_NAME, unquotable, unwritable } from "./runtimes/supervisor-conf.js";
import { type UnitLine, parseUnitLines, unitUnfit } from "./runtimes/systemd-unit.js";
import { REMOTE_INPUTS, REMOTE_ROLES, type RemoteInputs, parseRemoteInputs } from "./hosts/ssh/inputs.js";

/** Every deploy input with its default: the same table as actions/deploy/action.yml. */
export const DEPLOY_INPUTS = {
  command: "deploy",
  app: "",
  manifest: "dist/artifacts.json",
  artifact: "",
  version: "",
  env: "",
  ports: "8081,8082",
  runtime: "process",
  "docker-host": "",
  "image-archive": "",
  "supervisor-conf-dir": "/etc/supervisor/conf.d",
  "supervisor-config": "/etc/supervisor/supervisord.conf",
  user: "",
  "systemd-unit": "",
  router: "haproxy",
  "haproxy-socket": "/run/haproxy/admin.sock",
  "haproxy-backend": "app",
  "haproxy-server-state-file": "",
  "nginx-upstream-file": "",
  "nginx-reload-command": "nginx -s reload",
  "nginx-pid-file": "/run/nginx.pid",
  "nginx-access-log": "",
  "nginx-mode": "reload",
  "nginx-lua-include": "",
  "nginx-admin-socket": "/run/gantry/{app}-nginx.sock",
  "nginx-admin-token": "",
  strategy: "blue-green",
  "canary-steps": "5,25,50,100",
  "step-pause": "0s",
  "health-path": "/healthz",
  "health-successes": "3",
  "health-timeout": "60s",
  "health-interval": "500ms",
  "verify-window": "30s",
  "max-error-rate": "1%",
  "max-p95": "",
  "drain-timeout": "30s",
  "stop-timeout": "30s",
  "state-dir": "/var/lib/gantry/{app}",
  "keep-releases": "5",
  "lock-timeout": "2m",
  ...ANALYSIS_INPUTS,
  ...REMOTE_INPUTS,
} as const;

/** The stage's own: state-dir on the host, the manifest and the binary on the runner, and env (which may hold secrets). */
const STAGE_ROLES: InputRoles = { serverPaths: ["state-dir"], runnerPaths: ["manifest", "artifact"], secrets: [{ input: "env", at: ["env"] }] };

/** Every part's declared inputs, with each secret's place within DeployInputs: the one list the generic code reads. */
export const DEPLOY_ROLES: readonly InputRoles[] = [
  STAGE_ROLES,
  ...Object.values(RUNTIME_ROLES),
  ...Object.values(ROUTER_ROLES).map((r) => rolesWithin("router", r)),
  rolesWithin("remote", REMOTE_ROLES),
  rolesWithin("analysis", { serverPaths: [], secrets: ANALYSIS_SECRETS }),
];

/** Inputs that name a path on the host the service runs on (with hosts: absolute paths on the servers). */
export const SERVER_PATHS: readonly string[] = DEPLOY_ROLES.flatMap((r) => r.serverPaths);

/** The secret inputs: masked as read (Stage.secrets), blanked in the post step's state (savePostState). */
export const DEPLOY_SECRETS: readonly SecretInput[] = DEPLOY_ROLES.flatMap((r) => r.secrets);

export interface DeployInputs {
  command: Command;
  /** "" = the manifest's project name (resolved in run). */
  app: string;
  manifest: string;
  artifact: string;
  /** "" = the manifest's version, else the binary's sha256 prefix. */
  version: string;
  env: Record<string, string>;
  ports: { blue: number; green: number };
  runtime: "process" | "docker" | "supervisor" | "systemd";
  /** runtime: docker: the daemon's address for `docker -H`; "" = DOCKER_HOST or the default socket. */
  dockerHost: string;
  /** runtime: docker (issue 12): the image stage's docker-archive, `docker load`ed on a host that lacks the image; "" = none. */
  imageArchive: string;
  /** runtime: supervisor: the include folder, supervisord's config for `supervisorctl -c`, and `user=` ("" = the dedicated `gantry-<app>`). */
  supervisor: { confDir: string; config: string; user: string };
  /** runtime: systemd (issue 12): the `systemd-unit` input's directives (`user` is `supervisor.user`). */
  systemd: { overrides: UnitLine[] };
  router: RouterInputs;
  strategy: "blue-green" | "canary";
  /** Percentages, increasing, ending at 100; [100] for blue-green. */
  steps: number[];
  stepPauseMs: number;
  health: { path: string; successes: number; timeoutMs: number; intervalMs: number };
  verifyWindowMs: number;
  maxErrorRate: number;
  maxP95Ms?: number;
  /** Prometheus queries judged beside the router (issue 13); no queries = the router alone. */
  analysis: AnalysisInputs;
  drainTimeoutMs: number;
  stopTimeoutMs: number;
  /** May hold `{app}`, filled in run. */
  stateDir: string;
  keepReleases: number;
  lockTimeoutMs: number;
  /** Where to deploy and how (issue 7); no hosts = this machine. */
  remote: RemoteInputs;
}

/** `5,25,50,100`: whole percentages from 1 to 100, strictly increasing, ending at 100. */
export function parseSteps(text: string, input = "canary-steps"): number[] {
  const parts = text
    .split(/[,\s]+/)
    .map((s) => s.trim().replace(/%$/, ""))
    .filter(Boolean);
  const accepted = "accepted: increasing whole percentages that end at 100, e.g. 5,25,50,100";
  if (parts.length === 0) throw new InputError(input, text, accepted);
  const steps = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  if (steps.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) throw new InputError(input, text, `each step is a whole number from 1 to 100; ${accepted}`);
  for (let i = 1; i < steps.length; i++)
    if ((steps[i] as number) <= (steps[i - 1] as number))
      throw new InputError(input, text, `steps must increase (${steps[i - 1]} then ${steps[i]}); ${accepted}`);
  if (steps[steps.length - 1] !== 100) throw new InputError(input, text, `the last step must be 100 so the new version ends with all traffic; ${accepted}`);
  return steps;
}

/** `8081,8082`: two different ports from 1 to 65535, blue's first. */
export function parsePorts(text: string): { blue: number; green: number } {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const accepted = "accepted: two different ports, blue's then green's, e.g. 8081,8082";
  if (parts.length !== 2 || !parts.every((p) => /^\d{1,5}$/.test(p))) throw new InputError("ports", text, accepted);
  const [blue, green] = parts.map(Number) as [number, number];
  if (blue < 1 || blue > 65535 || green < 1 || green > 65535 || blue === green) throw new InputError("ports", text, accepted);
  return { blue, green };
}

/** runtime: docker's artifact: empty (required only by command: deploy, at run) or an image reference. */
function imageArtifact(read: InputReader): string {
  const ref = read.string("artifact");
  return ref ? checkImageReference(ref) : ref;
}

/** runtime: supervisor's folder, config and user (issue 12); `user` is refused with the runtimes that have no such setting. */
function supervisorInputs(read: InputReader, cwd: string, runtime: string): DeployInputs["supervisor"] {
  const user = read.string("user");
  if (user && runtime !== "supervisor" && runtime !== "systemd")
    throw new InputError("user", user, "it applies to runtime: supervisor and systemd only; leave it empty");
  if (user && !USER_NAME.test(user))
    throw new InputError(
      "user",
      user,
      "accepted: a user name (lowercase letters, digits, _ and -; root only when stated), or empty for the dedicated user gantry-<app>",
    );
  const confDir = read.path("supervisor-conf-dir", cwd);
  if (!confDir) throw new InputError("supervisor-conf-dir", "", "accepted: the folder supervisord's [include] files reads, e.g. /etc/supervisor/conf.d");
  const config = read.path("supervisor-config", cwd);
  if (!config) throw new InputError("supervisor-config", "", "accepted: supervisord's config file, e.g. /etc/supervisor/supervisord.conf");
  return { confDir, config, user };
}

/** Every value must survive supervisor's `environment=` option; a value is never shown (it may be a secret). */
function checkSupervisorEnv(env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) {
    const why = unquotable(v);
    if (why) throw new InputError("env", `${k}=…`, `runtime: supervisor passes env in its program file, and ${why}; accepted: a value without that`);
  }
}

/** runtime: systemd's `systemd-unit` lines (refused with the other runtimes) and a state-dir a unit can name. */
function systemdInputs(read: InputReader, runtime: string, stateDir: string): DeployInputs["systemd"] {
  const lines = read.lines("systemd-unit");
  if (lines.length && runtime !== "systemd") throw new InputError("systemd-unit", lines[0] ?? "", "it applies to runtime: systemd only; leave it empty");
  if (runtime !== "systemd") return { overrides: [] };
  const why = unitUnfit(stateDir) ?? (/[\s"'\\]/.test(stateDir) ? "it holds a space, a quote or a backslash" : undefined);
  if (why) throw new InputError("state-dir", stateDir, `runtime: systemd names it in its units, and ${why}; accepted: a plain folder path`);
  return { overrides: parseUnitLines(lines) };
}

function duration(read: InputReader, name: string, min: number): number {
  const ms = read.duration(name);
  if (ms < min) throw new InputError(name, read.string(name), `it must be at least ${min} ms`);
  return ms;
}

/** Parses and checks every input; nothing on the host changes before this passes. */
export function parseDeployInputs(read: InputReader, cwd: string): DeployInputs {
  const command = read.choice("command", ["deploy", "rollback", "status"] as const);
  const app = read.string("app");
  if (app && !APP_NAME.test(app)) throw new InputError("app", app, `accepted: ${ACCEPTED_APP}`);
  const version = read.string("version");
  if (version && !RELEASE_VERSION.test(version)) throw new InputError("version", version, `accepted: ${ACCEPTED_VERSION}`);
  const runtime = read.string("runtime");
  if (runtime !== "process" && runtime !== "docker" && runtime !== "supervisor" && runtime !== "systemd")
    throw new InputError("runtime", runtime, "accepted: process, docker, supervisor or systemd");
  const dockerHost = read.string("docker-host");
  if (dockerHost && !DOCKER_HOST.test(dockerHost))
    throw new InputError(
      "docker-host",
      dockerHost,
      "accepted: unix:///path/to/docker.sock or tcp://127.0.0.1:port (a daemon on the host), or empty for DOCKER_HOST",
    );
  const remote = parseRemoteInputs(read, cwd, SERVER_PATHS);
  const imageArchive = read.path("image-archive", cwd);
  if (imageArchive && runtime !== "docker") throw new InputError("image-archive", imageArchive, "it applies to runtime: docker only; leave it empty");
  const env = read.keyValues("env");
  if ("PORT" in env) throw new InputError("env", "PORT=…", "PORT is set by gantry to the slot's port (see ports); remove it from env");
  const supervisor = supervisorInputs(read, cwd, runtime);
  if (runtime === "supervisor") checkSupervisorEnv(env);
  const strategy = read.choice("strategy", ["blue-green", "canary"] as const);
  const steps = strategy === "canary" ? parseSteps(read.string("canary-steps")) : [100];
  const healthPath = read.string("health-path");
  if (!/^\/[\x21-\x7e]*$/.test(healthPath))
    throw new InputError("health-path", healthPath, "accepted: a URL path starting with /, without spaces, e.g. /healthz");
  const maxErrorRate = read.percent("max-error-rate");
  if (maxErrorRate === undefined) throw new InputError("max-error-rate", "", "it is required; accepted: a percentage, e.g. 1%");
  const maxP95 = read.string("max-p95") ? duration(read, "max-p95", 1) : undefined;
  const stateDir = read.string("state-dir");
  if (!stateDir || /[\0\r\n]/.test(stateDir)) throw new InputError("state-dir", stateDir, "accepted: a folder path, e.g. /var/lib/gantry/{app}");
  const unfit = runtime === "supervisor" ? unwritable(stateDir) : undefined;
  if (unfit) throw new InputError("state-dir", stateDir, `runtime: supervisor names it in its program files, and ${unfit}; accepted: a plain folder path`);
  return {
    command,
    app,
    manifest: read.path("manifest", cwd),
    // runtime: docker takes an image reference, not a path.
    artifact: runtime === "docker" ? imageArtifact(read) : read.path("artifact", cwd),
    version,
    env,
    ports: parsePorts(read.string("ports")),
    runtime,
    dockerHost,
    imageArchive,
    supervisor,
    systemd: systemdInputs(read, runtime, stateDir),
    router: parseRouterInputs(read, cwd),
    strategy,
    steps,
    stepPauseMs: duration(read, "step-pause", 0),
    health: {
      path: healthPath,
      successes: read.int("health-successes", 1, 100),
      timeoutMs: duration(read, "health-timeout", 1),
      intervalMs: duration(read, "health-interval", 10),
    },
    verifyWindowMs: duration(read, "verify-window", 0),
    maxErrorRate,
    maxP95Ms: maxP95,
    analysis: parseAnalysisInputs(read),
    drainTimeoutMs: duration(read, "drain-timeout", 0),
    stopTimeoutMs: duration(read, "stop-timeout", 0),
    stateDir: isAbsolute(stateDir) ? stateDir : resolve(cwd, stateDir),
    keepReleases: read.int("keep-releases", 1, 1000),
    lockTimeoutMs: duration(read, "lock-timeout", 0),
    remote,
  };
}
