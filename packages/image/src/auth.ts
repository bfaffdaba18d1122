import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { GantryError, exec } from "@gantry/core";
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
