import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { InputError, type InputReader, nearest, parseDuration } from "@gantry/core";
import { parseGoTestArgs } from "./flags.js";
import { argSecrets, envSecrets } from "./secrets.js";
import { type ServiceSpec, parseServices } from "./services.js";
import { parseVulnDb } from "./vulndb.js";
import { type WordsError, splitWords } from "./words.js";

/** Every go-test input with its default: the same table as actions/go-test/action.yml. */
export const GO_TEST_INPUTS = {
  "working-directory": ".",
  packages: "./...",
  layers: "vet,unit,race",
  "fail-fast": "true",
  services: "",
  "integration-tags": "integration",
  "e2e-tags": "e2e",
  manifest: "dist/artifacts.json",
  "e2e-binary": "",
  "e2e-args": "",
  "e2e-env": "",
  "e2e-port": "",
  "e2e-health": "/healthz",
  "e2e-start-timeout": "30s",
  "e2e-shutdown-timeout": "10s",
  coverage: "auto",
  "min-coverage": "",
  "coverage-profile": "",
  retries: "0",
  shuffle: "off",
  timeout: "",
  count: "",
  args: "",
  junit: "dist/test-results.xml",
  "vuln-db": "",
} as const;

export const LAYERS = ["vet", "unit", "race", "integration", "e2e", "vuln", "lint"] as const;
export type LayerName = (typeof LAYERS)[number];

export interface GoTestInputs {
  workingDirectory: string;
  packages: string[];
  layers: LayerName[];
  /** Layers skipped, with a warning, when their tool is missing; any other layer then fails the step. */
  optionalLayers: LayerName[];
  failFast: boolean;
  services: ServiceSpec[];
  integrationTags: string[];
  e2eTags: string[];
  manifest: string;
  e2eBinary: string;
  e2eArgs: string[];
  e2eEnv: Record<string, string>;
  /** 0 = pick a free port. */
  e2ePort: number;
  e2eHealth: string;
  e2eStartTimeoutMs: number;
  e2eShutdownTimeoutMs: number;
  coverage: boolean;
  minCoverage?: number;
  coverageProfile: string;
  retries: number;
  /** `off`, `on` or a seed. */
  shuffle: string;
  /** A Go duration for -timeout, or "" for go's default (10m). */
  timeout: string;
  /** 0 = not set. */
  count: number;
  args: string[];
  junit: string;
  /** govulncheck's `-db` (a URL; a folder as file://), or undefined for its default database. */
  vulnDb?: string;
  /** Every secret the services and the e2e settings carry (masked when parsed; cut from the summary, annotations and JUnit). */
  secrets: string[];
}

/**
 * The layers in their order, and those that may be skipped when their tool is missing (a C
 * compiler for race, govulncheck, staticcheck). A layer the user names must run, unless marked
 * optional with a trailing `?` (`race?`); the default list is all optional, as it is no one's ask.
 */
function parseLayers(read: InputReader): { layers: LayerName[]; optional: LayerName[] } {
  const text = read.string("layers");
  const given = read.list("layers", "layers");
  if (given.length === 0) throw new InputError("layers", "", `accepted: a comma-separated list from ${LAYERS.join(", ")}`);
  const raw = given.map((l) => l.replace(/\?$/, ""));
  const optional = text === GO_TEST_INPUTS.layers ? raw : raw.filter((_, i) => given[i]?.endsWith("?"));
  const seen = new Set<string>();
  for (const l of raw) {
    if (!(LAYERS as readonly string[]).includes(l)) {
      throw new InputError("layers", l, `it is not a layer; accepted: ${LAYERS.join(", ")} (nearest: ${nearest(l, LAYERS, 2).join(", ")})`);
    }
    if (seen.has(l)) throw new InputError("layers", l, "it is listed twice; list each layer once, in the order to run them");
    seen.add(l);
  }
  return { layers: raw as LayerName[], optional: optional as LayerName[] };
}

function parseTags(read: InputReader, name: string): string[] {
  const tags = read
    .string(name)
    .split(/[\s,]+/)
    .filter(Boolean);
  if (tags.length === 0) throw new InputError(name, "", "accepted: one or more build tags, e.g. integration");
  for (const t of tags) if (!/^[A-Za-z0-9_.]+$/.test(t)) throw new InputError(name, t, "accepted: build tags made of letters, digits, '_' and '.'");
  return tags;
}

function parseWordsInput(read: InputReader, name: string): string[] {
  try {
    return splitWords(read.string(name)).map((w) => w.text);
  } catch (err) {
    throw new InputError(
      name,
      read.string(name),
      `${(err as WordsError).message}; accepted: words separated by spaces, quoted with ' or " when they hold spaces`,
    );
  }
}

/** Parses and checks every input; no test runs before this passes (issue 5, "Bad input"). */
export async function parseGoTestInputs(read: InputReader, cwd: string, mask: (secret: string) => void = () => {}): Promise<GoTestInputs> {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const workingDirectory = abs(read.string("working-directory") || ".");
  try {
    if (!(await stat(workingDirectory)).isDirectory()) throw new Error("not a folder");
    await access(workingDirectory, constants.R_OK | constants.X_OK);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "the folder does not exist" : `the folder cannot be read (${(err as Error).message})`;
    throw new InputError("working-directory", read.string("working-directory"), `${why}; accepted: the folder of the Go module, relative to the workspace`);
  }
  const packages = read
    .string("packages")
    .split(/[\s,]+/)
    .filter(Boolean);
  if (packages.length === 0) throw new InputError("packages", "", "accepted: go package patterns such as ./... or ./cmd/... ./internal/...");
  for (const p of packages) if (p.startsWith("-")) throw new InputError("packages", p, "accepted: package patterns, not flags (flags go in args)");

  const { layers, optional: optionalLayers } = parseLayers(read);
  const minCoverage = read.percent("min-coverage");
  const profileText = read.string("coverage-profile");
  const coverageChoice = read.choice("coverage", ["auto", "true", "false"] as const);
  if (coverageChoice === "false" && minCoverage !== undefined) throw new InputError("min-coverage", String(minCoverage), "it needs coverage: true or auto");
  if (coverageChoice === "false" && profileText) throw new InputError("coverage-profile", profileText, "it needs coverage: true or auto");
  // Coverage costs every test binary its instrumentation: measured only when a gate or a profile asks (auto), or always (true).
  const coverage = coverageChoice === "true" || (coverageChoice === "auto" && (minCoverage !== undefined || profileText !== ""));

  const e2eHealth = read.string("e2e-health");
  if (!e2eHealth.startsWith("/") || /\s/.test(e2eHealth)) throw new InputError("e2e-health", e2eHealth, "accepted: a URL path starting with /, e.g. /healthz");
  const portText = read.string("e2e-port");
  const e2ePort = portText === "" ? 0 : read.int("e2e-port", 1, 65535);
  const e2eEnv = read.keyValues("e2e-env");
  for (const k of ["PORT", "BASE_URL"]) if (k in e2eEnv) throw new InputError("e2e-env", k, `${k} is set by the action (use e2e-port)`);

  const positiveDuration = (name: string) => {
    const ms = read.duration(name);
    if (ms <= 0) throw new InputError(name, read.string(name), "accepted: a duration above zero, e.g. 10s");
    return ms;
  };
  const shuffle = read.string("shuffle");
  if (!/^(on|off|\d+)$/.test(shuffle)) throw new InputError("shuffle", shuffle, "accepted: off, on, or a seed (a whole number) to replay an order");
  const timeout = read.string("timeout");
  if (timeout !== "" && (parseDuration(timeout) ?? 0) <= 0)
    throw new InputError("timeout", timeout, "accepted: a Go duration such as 10m or 90s (empty: go's default, 10m)");
  const count = read.string("count") === "" ? 0 : read.int("count", 1, 10_000);
  const services = parseServices(read.lines("services"));
  const e2eArgs = parseWordsInput(read, "e2e-args");
  // A password in a service's environment, arguments or URLs (`-e PGPASSWORD=…`, `--requirepass …`,
  // `postgres://u:p@…`) or in the e2e settings is masked before anything is printed (issue 10).
  const secrets = [...new Set([...services.flatMap((s) => s.secrets), ...envSecrets(e2eEnv), ...argSecrets(e2eArgs)])];
  for (const s of secrets) mask(s);

  return {
    workingDirectory,
    packages,
    layers,
    optionalLayers,
    failFast: read.bool("fail-fast"),
    services,
    integrationTags: parseTags(read, "integration-tags"),
    e2eTags: parseTags(read, "e2e-tags"),
    manifest: abs(read.string("manifest") || "dist/artifacts.json"),
    e2eBinary: read.string("e2e-binary") ? abs(read.string("e2e-binary")) : "",
    e2eArgs,
    e2eEnv,
    e2ePort,
    e2eHealth,
    e2eStartTimeoutMs: positiveDuration("e2e-start-timeout"),
    e2eShutdownTimeoutMs: positiveDuration("e2e-shutdown-timeout"),
    coverage,
    minCoverage,
    coverageProfile: abs(profileText || "dist/coverage.out"),
    retries: read.int("retries", 0, 10),
    shuffle,
    timeout,
    count,
    args: parseGoTestArgs(read.string("args")),
    junit: read.string("junit") ? abs(read.string("junit")) : "",
    vulnDb: await parseVulnDb(read.string("vuln-db"), cwd),
    secrets,
  };
}
