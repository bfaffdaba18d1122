/**
 * A local server for the cache protocol @actions/cache speaks when ACTIONS_CACHE_URL is set and
 * ACTIONS_CACHE_SERVICE_V2 is not (`_apis/artifactcache`): the protocol act's built-in cache
 * server implements, so tests exercise the real @actions/cache client end to end.
 * Lookup follows the service: each key in order, an exact match first, then the newest entry
 * whose key starts with it.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Entry {
  id: number;
  key: string;
  version: string;
  file: string;
  committed: boolean;
  created: number;
}

export interface CacheServer {
  url: string;
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

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

export async function startCacheServer(): Promise<CacheServer> {
  const dir = mkdtempSync(join(tmpdir(), "gantry-cache-server-"));
  const entries: Entry[] = [];
  const log: string[] = [];
  let base = "";
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    log.push(`${req.method} ${url.pathname}`);
    const api = "/_apis/artifactcache/";
    try {
      if (req.method === "GET" && url.pathname === `${api}cache`) {
        const keys = (url.searchParams.get("keys") ?? "").split(",");
        const version = url.searchParams.get("version");
        const usable = entries.filter((e) => e.committed && e.version === version).sort((a, b) => b.created - a.created);
        for (const k of keys) {
          const hit = usable.find((e) => e.key === k) ?? usable.find((e) => e.key.startsWith(k));
          if (hit) return json(res, 200, { result: "hit", cacheKey: hit.key, archiveLocation: `${base}artifacts/${hit.id}` });
        }
        res.writeHead(204).end();
      } else if (req.method === "POST" && url.pathname === `${api}caches`) {
        const { key, version } = JSON.parse((await body(req)).toString());
        if (entries.some((e) => e.key === key && e.version === version)) return json(res, 409, { message: `cache ${key} already exists` });
        const id = entries.length + 1;
        const file = join(dir, String(id));
        closeSync(openSync(file, "w"));
        entries.push({ id, key, version, file, committed: false, created: Date.now() + id });
        json(res, 200, { cacheId: id });
      } else if (req.method === "PATCH" && url.pathname.startsWith(`${api}caches/`)) {
        const entry = entries.find((e) => e.id === Number(url.pathname.split("/").pop()));
        const start = Number(/bytes (\d+)-/.exec(req.headers["content-range"] ?? "")?.[1]);
        const data = await body(req);
        if (!entry || Number.isNaN(start)) return json(res, 400, { message: "bad upload" });
        const fd = openSync(entry.file, "r+");
        writeSync(fd, data, 0, data.length, start);
        closeSync(fd);
        res.writeHead(200).end();
      } else if (req.method === "POST" && url.pathname.startsWith(`${api}caches/`)) {
        const entry = entries.find((e) => e.id === Number(url.pathname.split("/").pop()));
        const { size } = JSON.parse((await body(req)).toString());
        if (!entry || statSync(entry.file).size !== size) return json(res, 400, { message: "size mismatch" });
        entry.committed = true;
        res.writeHead(200).end();
      } else if (req.method === "GET" && url.pathname.startsWith("/artifacts/")) {
        const entry = entries.find((e) => e.id === Number(url.pathname.split("/").pop()));
        if (!entry) return json(res, 404, {});
        res.writeHead(200, { "content-length": statSync(entry.file).size });
        createReadStream(entry.file).pipe(res);
      } else {
        json(res, 404, { message: `no route ${req.method} ${url.pathname}` });
      }
    } catch (err) {
      json(res, 500, { message: String(err) });
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: base, entries, log, close };
}
