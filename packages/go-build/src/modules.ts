import { join } from "node:path";
import { ExecError, GantryError, type Reporter, exec, exists, formatDuration, lastLines, redactUrl } from "@gantry/core";

/** Go's own defaults, for messages when the environment leaves them unset. */
const DEFAULT_GOPROXY = "https://proxy.golang.org,direct";
const DEFAULT_GOSUMDB = "sum.golang.org";

const NETWORK = /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|network is unreachable|Client\.Timeout/;

/** GOPROXY as a message may show it: each URL without credentials or query (`off`, `direct` as they are). */
function shownProxy(value: string): string {
  return value
    .split(/([,|])/)
    .map((p) => (/^[a-z]+:\/\//i.test(p) ? redactUrl(p).replace(/\/$/, p.endsWith("/") ? "/" : "") : p))
    .join("");
}

/** The module a go error is about (`github.com/x/y@v1.2.3`), or undefined. */
function moduleIn(output: string): string | undefined {
  return /([\w.~-]+\.[\w.~-]+(?:\/[\w.~-]+)*)@(v[\w.+-]+)/.exec(output)?.slice(1, 3).join("@");
}

/**
 * Says what to set when a go command failed for want of the network (issue 11: offline runners):
 * the checksum database (a module go.sum does not list could not be checked) or the module proxy
 * (a module is in no cache). Undefined for any other failure.
 */
export function explainModuleFailure(output: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!NETWORK.test(output)) return undefined;
  const module = moduleIn(output);
  const tail = lastLines(output, 3);
  if (/verifying (module|go\.mod)|sumdb|checksum database/.test(output)) {
    const prefix = module?.split("/").slice(0, 2).join("/") ?? "example.com/private";
    return [
      `the checksum database (GOSUMDB=${env.GOSUMDB || DEFAULT_GOSUMDB}) could not be reached to check ${module ?? "a module"}, whose checksum go.sum does not hold:`,
      tail,
      "go.sum is missing checksums: run `go mod tidy` where the database is reachable and commit go.sum (a complete go.sum needs no database).",
      `For private modules set GONOSUMDB (or GOPRIVATE) to their path patterns, e.g. GONOSUMDB=${prefix}; GOSUMDB=off turns the check off for every module.`,
      "GOFLAGS=-mod=mod does not help: it lets go change go.mod, it does not skip the checksum.",
    ].join("\n");
  }
  return [
    `the module proxy (GOPROXY=${shownProxy(env.GOPROXY || DEFAULT_GOPROXY)}) could not be reached to download ${module ?? "a module"}:`,
    tail,
    "On a runner without the network: restore GOMODCACHE first (go-build's cache: true does, keyed by go.sum), vendor the modules (`go mod vendor`, then GOFLAGS=-mod=vendor), or set GOPROXY to a mirror this runner reaches.",
  ].join("\n");
}

/** An ExecError of a go module command as a GantryError that says what failed and, when it can, what to set. */
export function moduleCommandError(what: string, err: unknown, env: NodeJS.ProcessEnv): unknown {
  if (!(err instanceof ExecError)) return err;
  const output = `${err.result.stderr}\n${err.result.stdout}`.trim();
  const why = explainModuleFailure(output, env);
  return new GantryError(`${what} failed: ${why ?? lastLines(output, 15)}`);
}

/** True when the build reads modules from vendor/ and needs no download. */
async function vendored(moduleDir: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (/(^|\s)-mod=vendor\b/.test(env.GOFLAGS ?? "")) return true;
  return !/(^|\s)-mod=mod\b/.test(env.GOFLAGS ?? "") && (await exists(join(moduleDir, "vendor", "modules.txt")));
}

/**
 * `go mod download`, once, before the parallel builds: each build would otherwise fetch the
 * same modules at the same time (issue 11). Read-only for the user's files: -mod=readonly is the
 * default, and go.sum is only read. Nothing to do for a vendored module or one without go.sum.
 */
export async function downloadModules(go: string, moduleDir: string, env: NodeJS.ProcessEnv, reporter: Reporter): Promise<void> {
  if (!(await exists(join(moduleDir, "go.sum")))) return reporter.info("modules: no go.sum, so no module to download");
  if (await vendored(moduleDir, env)) return reporter.info("modules: vendored (vendor/modules.txt); nothing to download");
  const started = performance.now();
  try {
    await exec(go, ["mod", "download"], { cwd: moduleDir, env, timeoutMs: 600_000 });
  } catch (err) {
    throw moduleCommandError("go mod download", err, env);
  }
  reporter.info(`modules: go mod download, once for every target, took ${formatDuration(performance.now() - started)}`);
}
