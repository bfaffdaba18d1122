/** The registry client against an in-process fake registry on 127.0.0.1 with Bearer token auth. */
import { createHash } from "node:crypto";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GantryError, MemoryReporter } from "@gantry/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { assembleIndex, assemblePlatform } from "../src/assemble.js";
import { dockerConfigCredentials, parseChallenge } from "../src/auth.js";
import { buildLayer } from "../src/layer.js";
import { pullBase } from "../src/pull.js";
import { pushImage } from "../src/push.js";
import { RegistryClient } from "../src/registry.js";

const USER = "alice";
const PASSWORD = "pa55-w0rd-secret";
const blobs = new Map<string, Buffer>();
const manifests = new Map<string, { type: string; body: Buffer }>();
let log: string[] = [];
let failManifestPut: string | undefined;
let server: Server;
let host: string;

const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${host}`);
  log.push(`${req.method} ${url.pathname}`);
  const challenge = `Bearer realm="http://${host}/token",service="fake"`;
  if (url.pathname === "/token") {
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;
    if (req.headers.authorization !== expected) return void res.writeHead(401).end();
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ token: `tok ${url.searchParams.get("scope")}` }));
    return;
  }
  if (!req.headers.authorization?.startsWith("Bearer tok repository:")) return void res.writeHead(401, { "WWW-Authenticate": challenge }).end();
  if (url.pathname === "/v2/") return void res.writeHead(200).end();
  const m = /^\/v2\/(.+)\/(blobs|manifests)\/(uploads\/)?(.*)$/.exec(url.pathname);
  if (!m) return void res.writeHead(404).end();
  const [, , kind, upload, ref = ""] = m;
  const data = await body(req);
  if (kind === "blobs" && upload && req.method === "POST") return void res.writeHead(202, { Location: `/v2/x/blobs/uploads/u1?_state=abc%3D` }).end();
  if (kind === "blobs" && upload && req.method === "PUT") {
    const digest = url.searchParams.get("digest") ?? "";
    if (url.searchParams.get("_state") !== "abc=" || sha(data) !== digest) return void res.writeHead(400).end("DIGEST_INVALID");
    blobs.set(digest, data);
    return void res.writeHead(201).end();
  }
  if (kind === "blobs") {
    const b = blobs.get(ref);
    if (!b) return void res.writeHead(404).end();
    return void res.writeHead(200, { "Content-Length": b.length }).end(req.method === "HEAD" ? undefined : b);
  }
  if (req.method === "PUT") {
    if (failManifestPut && ref === failManifestPut) return void res.writeHead(400).end("MANIFEST_INVALID");
    manifests.set(ref, { type: req.headers["content-type"] ?? "", body: data });
    manifests.set(sha(data), { type: req.headers["content-type"] ?? "", body: data });
    return void res.writeHead(201, { "Docker-Content-Digest": sha(data) }).end();
  }
  const found = manifests.get(ref);
  if (!found) return void res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": found.type }).end(found.body);
}

async function sampleImage() {
  const spec = { name: "hello", created: "2025-01-01T00:00:00Z", epoch: 0, user: "65532", env: {}, ports: [], workdir: "", labels: {}, annotations: {} };
  const shared = [await buildLayer([{ path: "etc/passwd", mode: 0o644, data: Buffer.from("root:x:0:0::/:/x\n") }], 0, "accounts")];
  const images = await Promise.all(
    (["amd64", "arm64"] as const).map((arch) =>
      assemblePlatform({ ...spec, sharedLayers: shared }, { os: "linux", architecture: arch }, Buffer.from(`binary ${arch}`), undefined),
    ),
  );
  return assembleIndex(images, {});
}

const client = (creds = true, repo = "team/api") =>
  new RegistryClient(host, repo, {
    http: true,
    actions: "pull,push",
    reporter: new MemoryReporter(),
    credentials: creds ? { username: USER, password: PASSWORD, source: "the test" } : undefined,
    retryDelaysMs: [10, 20],
  });

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  log = [];
  failManifestPut = undefined;
});

describe("push", () => {
  it("gets a Bearer token for the repository's scope, uploads blobs, then manifests, the index by tag last", async () => {
    const image = await sampleImage();
    const r = await pushImage(client(), image, ["v1", "latest"], new MemoryReporter());
    expect(r).toMatchObject({ uploaded: 5, skipped: 0 });
    const puts = log.filter((l) => l.startsWith("PUT /v2/team/api/manifests/"));
    expect(puts.slice(-2)).toEqual(["PUT /v2/team/api/manifests/v1", "PUT /v2/team/api/manifests/latest"]);
    const lastBlob = Math.max(...log.map((l, i) => (l.includes("/blobs/") ? i : -1)));
    expect(lastBlob).toBeLessThan(log.indexOf(puts[0] as string));
    expect(manifests.get("v1")?.body.equals(Buffer.from(image.index.bytes))).toBe(true);
  });

  it("an unchanged image uploads no blob again", async () => {
    const r = await pushImage(client(), await sampleImage(), ["v1"], new MemoryReporter());
    expect(r).toMatchObject({ uploaded: 0, skipped: 5 });
    expect(log.filter((l) => l.startsWith("POST"))).toEqual([]);
  });

  it("a failed manifest push leaves no tag pointing at the half-pushed image", async () => {
    const image = await sampleImage();
    failManifestPut = image.images[1]?.manifest.descriptor.digest;
    manifests.delete("v2");
    await expect(pushImage(client(), image, ["v2"], new MemoryReporter())).rejects.toThrow(/PUT manifest sha256:.*HTTP 400/);
    expect(manifests.has("v2")).toBe(false);
    expect(log).not.toContain("PUT /v2/team/api/manifests/v2");
  });

  it("a refused token names the registry and scope, never the password", async () => {
    const c = new RegistryClient(host, "team/api", {
      http: true,
      actions: "pull,push",
      reporter: new MemoryReporter(),
      credentials: { username: USER, password: "wrong-one", source: "the test" },
    });
    const err = (await c.hasBlob(`sha256:${"0".repeat(64)}`).catch((e) => e)) as Error;
    expect(err).toBeInstanceOf(GantryError);
    expect(err.message).toContain(`registry ${host} denied access to scope repository:team/api:pull,push`);
    expect(err.message).not.toContain("wrong-one");
    await expect(client(false).hasBlob(`sha256:${"0".repeat(64)}`)).rejects.toThrow(/refused anonymous access/);
  });

  it("a registry that is down is retried with backoff, then a clear error", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const reporter = new MemoryReporter();
    const c = new RegistryClient(`127.0.0.1:${port}`, "api", { http: true, actions: "pull,push", reporter, retryDelaysMs: [10, 20] });
    await expect(c.hasBlob(`sha256:${"0".repeat(64)}`)).rejects.toThrow(
      new RegExp(`registry 127.0.0.1:${port} did not answer GET /v2/ \\(ECONNREFUSED.*after 3 attempts`),
    );
    expect(reporter.lines.filter((l) => l.includes("retrying"))).toHaveLength(2);
  });
});

describe("pull", () => {
  it("pulls a base by pinned digest for each platform and verifies it", async () => {
    const image = await sampleImage();
    await pushImage(client(), image, ["base"], new MemoryReporter());
    const digest = image.index.descriptor.digest;
    const base = await pullBase({ registry: host, repository: "team/api", digest }, [{ os: "linux", architecture: "arm64" }], client());
    expect(base.digest).toBe(digest);
    expect(base.parts[0]?.layers.map((l) => l.blob.descriptor.digest)).toEqual(image.images[1]?.layers.map((l) => l.blob.descriptor.digest));
    await expect(pullBase({ registry: host, repository: "team/api", tag: "base" }, [{ os: "linux", architecture: "s390x" }], client())).rejects.toThrow(
      /has no linux\/s390x \(it has linux\/amd64, linux\/arm64\)/,
    );
    const wrong = `sha256:${"1".repeat(64)}`;
    manifests.set(wrong, manifests.get("base") as { type: string; body: Buffer });
    await expect(pullBase({ registry: host, repository: "team/api", digest: wrong }, [{ os: "linux", architecture: "amd64" }], client())).rejects.toThrow(
      /refusing to use it/,
    );
  });
});

describe("credentials", () => {
  it("reads docker login's base64 auth from config.json, Docker Hub's URL key included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-dockercfg-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(dir, { recursive: true });
    const auth = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString("base64");
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ auths: { "https://ghcr.io": { auth: auth("bob", "p:w") }, "https://index.docker.io/v1/": { auth: auth("hub", "x") } } }),
    );
    expect(await dockerConfigCredentials("ghcr.io", { DOCKER_CONFIG: dir })).toMatchObject({ username: "bob", password: "p:w" });
    expect(await dockerConfigCredentials("docker.io", { DOCKER_CONFIG: dir })).toMatchObject({ username: "hub" });
    expect(await dockerConfigCredentials("quay.io", { DOCKER_CONFIG: dir })).toBeUndefined();
    expect(await dockerConfigCredentials("quay.io", { DOCKER_CONFIG: join(dir, "none") })).toBeUndefined();
  });

  it("parses Basic and Bearer challenges", () => {
    expect(parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"')).toEqual({
      scheme: "bearer",
      params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:a/b:pull" },
    });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: "basic", params: { realm: "Registry Realm" } });
    expect(parseChallenge(null)).toBeUndefined();
  });
});
