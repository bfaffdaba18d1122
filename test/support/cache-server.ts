/**
 * Stand-ins for the two cache services @actions/cache speaks, on loopback, so tests exercise the
 * real @actions/cache client end to end:
 *
 * - `v1`, the legacy `_apis/artifactcache` REST protocol, used when ACTIONS_CACHE_URL is set and
 *   ACTIONS_CACHE_SERVICE_V2 is not: what act's built-in cache server implements.
 * - `v2`, the cache service github.com's runners use since 2025 (ACTIONS_CACHE_SERVICE_V2 set,
 *   ACTIONS_RESULTS_URL): Twirp JSON calls to `github.actions.results.api.v1.CacheService`
 *   (GetCacheEntryDownloadURL, CreateCacheEntry, FinalizeCacheEntryUpload, as
 *   @actions/cache/lib/internal/shared/cacheTwirpClient.js sends them), which hand out signed blob
 *   URLs. The stand-in's blob URLs point back at itself: it takes the upload the Azure storage
 *   client makes (Put Blob in one request, or Put Block then Put Block List for an archive over
 *   128 MiB) and serves the download as a plain GET, as @actions/cache fetches a URL that is not on
 *   `*.blob.core.windows.net`.
 *
 * Lookup, for both: each key in order (the key, then the restore keys), an exact match first, then
 * the newest entry whose key starts with it; only entries of the same version (the hash of the paths
 * and compression) that were committed (v1) or finalized (v2).
 */
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type CacheProtocol = "v1" | "v2";

interface Entry {
  id: number;
  key: string;
  version: string;
  file: string;
  committed: boolean;
  created: number;
}

export interface CacheServer {
  protocol: CacheProtocol;
  url: string;
  /** The variables that point @actions/cache at this server (with a runtime token). */
  env: Record<string, string>;
  entries: Entry[];
  /** Requests seen, as "METHOD path". */
  log: string[];
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Answers with JSON; true, for a route handler to return. */
function json(res: ServerResponse, status: number, value: unknown): true {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
  return true;
}

/** The entries and the lookup both protocols share. */
class Store {
  readonly entries: Entry[] = [];
  constructor(readonly dir: string) {}

  find(keys: readonly string[], version: string | null): Entry | undefined {
    const usable = this.entries.filter((e) => e.committed && e.version === version).sort((a, b) => b.created - a.created);
    for (const k of keys) {
      const hit = usable.find((e) => e.key === k) ?? usable.find((e) => e.key.startsWith(k));
      if (hit) return hit;
    }
    return undefined;
  }

  /** A new, empty entry; undefined when the key and version exist already. */
  reserve(key: string, version: string): Entry | undefined {
    if (this.entries.some((e) => e.key === key && e.version === version)) return undefined;
    const id = this.entries.length + 1;
    const file = join(this.dir, String(id));
    closeSync(openSync(file, "w"));
    const entry = { id, key, version, file, committed: false, created: Date.now() + id };
    this.entries.push(entry);
    return entry;
  }

  byId(id: string | undefined): Entry | undefined {
    return this.entries.find((e) => e.id === Number(id));
  }
}

/** Serves a stored archive whole, with its length (the client checks it). */
function sendFile(res: ServerResponse, entry: Entry | undefined): true {
  if (!entry) return json(res, 404, {});
  res.writeHead(200, { "content-length": statSync(entry.file).size });
  createReadStream(entry.file).pipe(res);
  return true;
}

/** The legacy `_apis/artifactcache` protocol; true when it answered. */
async function v1(store: Store, base: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const api = "/_apis/artifactcache/";
  if (req.method === "GET" && url.pathname === `${api}cache`) {
    const hit = store.find((url.searchParams.get("keys") ?? "").split(","), url.searchParams.get("version"));
    if (hit) return json(res, 200, { result: "hit", cacheKey: hit.key, archiveLocation: `${base}artifacts/${hit.id}` });
    res.writeHead(204).end();
  } else if (req.method === "POST" && url.pathname === `${api}caches`) {
    const { key, version } = JSON.parse((await body(req)).toString());
    const entry = store.reserve(key, version);
    if (!entry) json(res, 409, { message: `cache ${key} already exists` });
    else json(res, 200, { cacheId: entry.id });
  } else if (req.method === "PATCH" && url.pathname.startsWith(`${api}caches/`)) {
    const entry = store.byId(url.pathname.split("/").pop());
    const start = Number(/bytes (\d+)-/.exec(req.headers["content-range"] ?? "")?.[1]);
    const data = await body(req);
    if (!entry || Number.isNaN(start)) return json(res, 400, { message: "bad upload" });
    const fd = openSync(entry.file, "r+");
    writeSync(fd, data, 0, data.length, start);
    closeSync(fd);
    res.writeHead(200).end();
  } else if (req.method === "POST" && url.pathname.startsWith(`${api}caches/`)) {
    const entry = store.byId(url.pathname.split("/").pop());
    const { size } = JSON.parse((await body(req)).toString());
    if (!entry || statSync(entry.file).size !== size) return json(res, 400, { message: "size mismatch" });
    entry.committed = true;
    res.writeHead(200).end();
  } else if (req.method === "GET" && url.pathname.startsWith("/artifacts/")) {
    sendFile(res, store.byId(url.pathname.split("/").pop()));
  } else return false;
  return true;
}

const TWIRP = "/twirp/github.actions.results.api.v1.CacheService/";
/** What the stand-in puts in its signed URLs; a blob request without it is refused, as Azure refuses an unsigned one. */
const SIGNATURE = "sig=stand-in";

/** The v2 Twirp service and the blob store behind its signed URLs; true when it answered. */
async function v2(store: Store, base: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method === "POST" && url.pathname.startsWith(TWIRP)) {
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) return json(res, 401, { code: "unauthenticated", msg: "no runtime token" });
    const call = JSON.parse((await body(req)).toString() || "{}") as Record<string, unknown>;
    const blobUrl = (e: Entry) => `${base}blob/devstoreaccount1/cache/${e.id}?${SIGNATURE}`;
    switch (url.pathname.slice(TWIRP.length)) {
      case "GetCacheEntryDownloadURL": {
        const hit = store.find([String(call.key), ...((call.restore_keys as string[] | undefined) ?? [])], String(call.version));
        json(res, 200, hit ? { ok: true, signed_download_url: blobUrl(hit), matched_key: hit.key } : { ok: false });
        return true;
      }
      case "CreateCacheEntry": {
        const entry = store.reserve(String(call.key), String(call.version));
        json(res, 200, entry ? { ok: true, signed_upload_url: blobUrl(entry) } : { ok: false, message: `cache ${call.key} already exists` });
        return true;
      }
      case "FinalizeCacheEntryUpload": {
        const entry = store.entries.find((e) => e.key === call.key && e.version === call.version && !e.committed);
        if (!entry || statSync(entry.file).size !== Number(call.size_bytes)) return json(res, 200, { ok: false, message: "no such upload, or size mismatch" });
        entry.committed = true;
        json(res, 200, { ok: true, entry_id: String(entry.id) });
        return true;
      }
      default:
        json(res, 404, { code: "bad_route", msg: `no method ${url.pathname}` });
        return true;
    }
  }
  if (!url.pathname.startsWith("/blob/devstoreaccount1/cache/")) return false;
  if (!url.search.includes(SIGNATURE)) return json(res, 403, { message: "not signed" });
  const entry = store.byId(url.pathname.split("/").pop());
  if (!entry) return json(res, 404, {});
  if (req.method === "GET") return sendFile(res, entry);
  if (req.method !== "PUT") return false;
  const comp = url.searchParams.get("comp");
  const data = await body(req);
  if (comp === "block") {
    // One block of a large upload, kept beside the entry until the block list names it.
    writeFileSync(`${entry.file}.block-${Buffer.from(url.searchParams.get("blockid") ?? "", "base64").toString("hex")}`, data);
  } else if (comp === "blocklist") {
    const ids = [...data.toString().matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map((m) =>
      Buffer.from(m[1] as string, "base64").toString("hex"),
    );
    writeFileSync(entry.file, Buffer.concat(ids.map((id) => readFileSync(`${entry.file}.block-${id}`))));
    for (const id of ids) rmSync(`${entry.file}.block-${id}`, { force: true });
  } else if (req.headers["x-ms-blob-type"] === "BlockBlob") {
    writeFileSync(entry.file, data);
  } else return json(res, 400, { message: `unexpected blob request ${url.search}` });
  res.writeHead(201, {
    etag: `"${entry.id}-${Date.now()}"`,
    "last-modified": new Date().toUTCString(),
    "x-ms-request-id": String(entry.id),
    "x-ms-version": "2025-01-05",
  });
  res.end();
  return true;
}

/** A cache server for `protocol` on 127.0.0.1, its files in a temp folder removed by close(). */
export async function startCacheServer(protocol: CacheProtocol = "v1"): Promise<CacheServer> {
  const store = new Store(mkdtempSync(join(tmpdir(), "gantry-cache-server-")));
  const log: string[] = [];
  let base = "";
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    log.push(`${req.method} ${url.pathname}`);
    try {
      const answered = protocol === "v1" ? await v1(store, base, req, res, url) : await v2(store, base, req, res, url);
      if (!answered) json(res, 404, { message: `no route ${req.method} ${url.pathname}` });
    } catch (err) {
      json(res, 500, { message: String(err) });
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(store.dir, { recursive: true, force: true });
  };
  const env: Record<string, string> =
    protocol === "v1"
      ? { ACTIONS_CACHE_URL: base, ACTIONS_RUNTIME_TOKEN: "test-token" }
      : { ACTIONS_RESULTS_URL: base, ACTIONS_CACHE_SERVICE_V2: "true", ACTIONS_RUNTIME_TOKEN: "test-token" };
  return { protocol, url: base, env, entries: store.entries, log, close };
}
