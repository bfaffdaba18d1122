import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { sha256 } from "@gantry/core";
import { isKept, keepMarker } from "./linkcache.js";

/**
 * `go mod verify` hashes every module the build uses (2.2 s of a 5 s warm rebuild of the Gin
 * service, issue 14), though nothing changed since the last run verified them. Its passed verdict
 * is kept in GOCACHE (linkcache.ts) under a key of everything it depends on: go.mod, go.sum, the
 * Go version, the environment that changes what go reads, and the module cache's own copies —
 * size, inode and change time (ctime, which no restore or tar can set back) of each module's zip
 * and extracted folder. A module cache restored from the cache service gets new ctimes, so a
 * restored (possibly tampered) cache is always verified again; so is a module added, removed or
 * downloaded again. Not seen: a file edited in place inside an extracted module (Go makes them
 * read-only), which `go build` itself never checks either.
 */
export interface VerdictInput {
  goVersion: string;
  moduleDir: string;
  gomodcache: string;
  env: NodeJS.ProcessEnv;
}

/** The environment that changes what `go mod verify` reads. */
const ENV_KEYS = ["GOFLAGS", "GOWORK", "GOPRIVATE", "GONOSUMDB", "GONOSUMCHECK", "GOSUMDB", "GOINSECURE", "GOPROXY", "GOTOOLCHAIN"];

/** Go's case-encoding of module paths and versions in the module cache: `Azure` → `!azure`. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** The modules whose code go.sum pins (`path version h1:…`, not the `/go.mod` lines). */
export function sumModules(goSum: string): [string, string][] {
  const found: [string, string][] = [];
  for (const line of goSum.split("\n")) {
    const [path, version] = line.trim().split(/\s+/);
    if (path && version && !version.endsWith("/go.mod")) found.push([path, version]);
  }
  return found;
}

async function fingerprint(path: string): Promise<string> {
  const s = await stat(path, { bigint: true }).catch(() => undefined);
  return s ? `${s.ino}:${s.size}:${s.ctimeNs}` : "-";
}

const readOr = (path: string) => readFile(path, "utf8").catch(() => "");

/** The verdict's key: sha256 of the inputs above. */
export async function verdictKey(v: VerdictInput): Promise<string> {
  const [goMod, goSum] = await Promise.all([readOr(join(v.moduleDir, "go.mod")), readOr(join(v.moduleDir, "go.sum"))]);
  const copies = await Promise.all(
    sumModules(goSum).map(async ([path, version]) => {
      const [p, ver] = [escapeModulePath(path), escapeModulePath(version)];
      const zip = join(v.gomodcache, "cache", "download", p, "@v", `${ver}.zip`);
      return `${path}@${version} ${await fingerprint(zip)} ${await fingerprint(join(v.gomodcache, `${p}@${ver}`))}`;
    }),
  );
  const env = ENV_KEYS.map((k) => `${k}=${v.env[k] ?? ""}`);
  return sha256(JSON.stringify({ go: v.goVersion, dir: v.moduleDir, modcache: v.gomodcache, env, goMod, goSum, copies }));
}

/** True when `go mod verify` passed for exactly this key before. */
export const verifiedBefore = (kept: string, key: string) => isKept(kept, "verdict", key);

/** Records a passed `go mod verify` for the key. */
export const recordVerified = (kept: string, key: string) => keepMarker(kept, "verdict", key);
