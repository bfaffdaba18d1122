import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { GantryError, type Reporter, exec, fetchWithTimeout, readBodyLimited, readErrorBody, redactUrl } from "@gantry/core";
import { DOCKER_HUB } from "./reference.js";

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for messages (never the values). */
  source: string;
}

/** A `WWW-Authenticate` challenge (RFC 7235; distribution's token auth). */
export interface Challenge {
  scheme: "basic" | "bearer";
  params: Record<string, string>;
}

/** Parses a `WWW-Authenticate` header; Bearer is preferred when both are offered. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const found: Challenge[] = [];
  for (const m of header.matchAll(/(Basic|Bearer)\s*((?:[a-zA-Z_]+=(?:"[^"]*"|[^,\s]*)\s*,?\s*)*)/gi)) {
    const params: Record<string, string> = {};
    for (const p of (m[2] ?? "").matchAll(/([a-zA-Z_]+)=(?:"([^"]*)"|([^,\s]*))/g)) params[(p[1] as string).toLowerCase()] = p[2] ?? p[3] ?? "";
    found.push({ scheme: (m[1] as string).toLowerCase() as Challenge["scheme"], params });
  }
  return found.find((c) => c.scheme === "bearer") ?? found[0];
}

/**
 * May a Bearer token service get the user's credentials? Only on the registry's own origin (so
 * never over plain HTTP from an HTTPS registry), and Docker Hub's own token service for Docker
 * Hub's registry; any other realm is named by whoever answers the challenge, and sending it the
 * password would hand it to them (issue 10). `auth-force` overrides this.
 */
export function realmMayGetCredentials(registryBase: URL, realm: URL): boolean {
  if (realm.origin === registryBase.origin) return true;
  return registryBase.origin === "https://registry-1.docker.io" && realm.origin === "https://auth.docker.io";
}

export interface TokenRequest {
  realm: URL;
  service?: string;
  scopes: readonly string[];
  /** Undefined: anonymous. */
  credentials?: Credentials;
  timeoutMs: number;
}

/** The token service's answer, or its refusal as an HTTP status. */
export type TokenAnswer = { token: string } | { status: number; body: string };

/** Asks a Bearer token service (distribution token spec) for a token; never follows a redirect with credentials. */
export async function fetchToken(t: TokenRequest): Promise<TokenAnswer> {
  const url = new URL(t.realm);
  if (t.service) url.searchParams.set("service", t.service);
  for (const s of t.scopes) url.searchParams.append("scope", s);
  const headers: Record<string, string> = { "User-Agent": "gantry-image" };
  const creds = t.credentials;
  if (creds) headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
  const res = await fetchWithTimeout(url, { headers, redirect: "manual" }, t.timeoutMs);
  if (!res.ok) return { status: res.status, body: await readErrorBody(res, 300) };
  let body: { token?: string; access_token?: string } = {};
  try {
    body = JSON.parse((await readBodyLimited(res, 1024 * 1024, "the token answer")).toString("utf8"));
  } catch (err) {
    if (err instanceof GantryError) throw err;
  }
  const token = body.token ?? body.access_token;
  return token ? { token } : { status: res.status, body: "no token in the answer" };
}

export interface BearerRequest {
  registry: string;
  /** The registry's API origin (`https://ghcr.io`). */
  base: URL;
  challenge: Challenge;
  scopes: string[];
  credentials?: Credentials;
  authForce?: boolean;
  timeoutMs: number;
  reporter: Reporter;
}

/** A token's Authorization header, or why the token service said no (and where credentials were withheld). */
export interface BearerResult {
  authorization?: string;
  denied?: string;
  withheldFrom?: string;
}

/** Answers a Bearer challenge; the credentials go only where {@link realmMayGetCredentials} allows, or when forced. */
export async function bearerAuthorization(b: BearerRequest): Promise<BearerResult> {
  let realm: URL;
  try {
    realm = new URL(b.challenge.params.realm ?? "");
  } catch {
    throw new GantryError(`registry ${b.registry} sent a Bearer challenge without a usable realm`);
  }
  const creds = b.credentials;
  const trusted = realmMayGetCredentials(b.base, realm);
  const withheldFrom = creds && !trusted && !b.authForce ? redactUrl(realm) : undefined;
  if (withheldFrom) {
    b.reporter.warning(
      `registry ${b.registry} sends gantry to the token service ${withheldFrom}, ${realm.protocol === "http:" && b.base.protocol === "https:" ? "over plain HTTP" : "on another origin"}: the credentials from ${creds?.source} were not sent there (set auth-force: true if you trust it); asking for an anonymous token`,
    );
  }
  const send = withheldFrom ? undefined : creds;
  const service = b.challenge.params.service;
  let answer: TokenAnswer;
  try {
    answer = await fetchToken({ realm, ...(service ? { service } : {}), scopes: b.scopes, credentials: send, timeoutMs: b.timeoutMs });
  } catch (err) {
    throw new GantryError(`the token service ${realm.origin} of registry ${b.registry} did not answer: ${(err as Error).message}`);
  }
  const w = withheldFrom ? { withheldFrom } : {};
  if ("token" in answer) return { authorization: `Bearer ${answer.token}`, ...w };
  if (answer.status === 401 || answer.status === 403)
    return {
      denied: `its token service ${realm.origin} refused ${send ? `the credentials from ${send.source}` : "anonymous access"} (HTTP ${answer.status})`,
      ...w,
    };
  throw new GantryError(
    `the token service ${realm.origin} of registry ${b.registry} answered HTTP ${answer.status} for scope ${b.scopes[0]}${answer.body ? `: ${answer.body}` : ""}`,
  );
}

/** The keys a registry may have in config.json's `auths` (login tools write a URL for Docker Hub). */
function configKeys(registry: string): string[] {
  if (registry === DOCKER_HUB) return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
  return [registry];
}

function hostOfKey(key: string): string {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (what docker login and docker/login-action write). */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker"), "config.json");
}

/**
 * Credentials for a registry from the user's Docker config: `auths` (base64 `auth`, or username
 * and password), then a credential helper (`credHelpers`, `credsStore`) run without a shell.
 */
export async function dockerConfigCredentials(registry: string, env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  const path = dockerConfigPath(env);
  let config: DockerConfig;
  try {
    config = JSON.parse(await readFile(path, "utf8")) as DockerConfig;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new GantryError(`${path} cannot be read as JSON (${(err as Error).message}); fix or remove it, or set username and password`);
  }
  const keys = configKeys(registry);
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!keys.includes(key) && !keys.includes(hostOfKey(key))) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: `${path} (auths.${key})` };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password, source: `${path} (auths.${key})` };
  }
  const helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
  if (!helper) return undefined;
  const server = registry === DOCKER_HUB ? "https://index.docker.io/v1/" : registry;
  const r = await exec(`docker-credential-${helper}`, ["get"], { input: server, allowFailure: true, timeoutMs: 30_000, env }).catch(() => undefined);
  if (r?.code !== 0 || !r) return undefined;
  try {
    const out = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
    if (out.Username && out.Secret && out.Username !== "<token>")
      return { username: out.Username, password: out.Secret, source: `docker-credential-${helper}` };
  } catch {}
  return undefined;
}
