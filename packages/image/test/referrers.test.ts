/**
 * SBOM referrers (issue 15): the artifact manifests gantry builds, the referrer list it merges, and
 * how it pushes them, against a stub registry on 127.0.0.1 that either has the referrers API
 * (distribution-spec 1.1: `OCI-Subject` on PUT, `GET /v2/<name>/referrers/<digest>`) or not
 * (then the tag schema). The real registry without the API is test/image/referrers.test.ts.
 */
import { createHash } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GantryError, MemoryReporter } from "@gantry/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PlatformImage, assemblePlatform } from "../src/assemble.js";
import { pushReferrers } from "../src/attach.js";
import { type ImageIndex, type ImageManifest, MediaType } from "../src/oci.js";
import { EMPTY_CONFIG, type Referrer, addReferrers, parseReferrersIndex, referrerDescriptor, referrersTag, sbomReferrer } from "../src/referrers.js";
import { RegistryClient } from "../src/registry.js";

const CREATED = "2025-11-25T00:00:00Z";
const sha = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}`;
const json = <T>(b: Uint8Array) => JSON.parse(Buffer.from(b).toString("utf8")) as T;

async function platformImage(arch: string): Promise<PlatformImage> {
  const spec = { name: "hello", created: CREATED, epoch: 0, user: "65532", env: {}, ports: [], workdir: "", labels: {}, annotations: {}, sharedLayers: [] };
  return assemblePlatform(spec, { os: "linux", architecture: arch }, Buffer.from(`binary ${arch}`), undefined);
}

const spdx = (arch: string) => ({
  format: "spdx" as const,
  path: `/dist/hello_linux_${arch}/hello.spdx.json`,
  bytes: Buffer.from(`{"spdxVersion":"SPDX-2.3","name":"${arch}"}`),
});
const cdx = (arch: string) => ({
  format: "cyclonedx" as const,
  path: `/dist/hello_linux_${arch}/hello.cdx.json`,
  bytes: Buffer.from(`{"bomFormat":"CycloneDX","x":"${arch}"}`),
});

describe("the artifact manifests and the referrer list", () => {
  it("an SBOM artifact: artifactType, the empty config with e30=, the SBOM as its one layer, the platform manifest as subject, the commit time", async () => {
    const image = await platformImage("amd64");
    const r = sbomReferrer(image, spdx("amd64"), CREATED);
    const m = json<ImageManifest>(r.manifest.bytes);
    expect(Object.keys(m)).toEqual(["schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"]);
    expect(m.artifactType).toBe("application/spdx+json");
    expect(m.config).toEqual({ mediaType: "application/vnd.oci.empty.v1+json", digest: sha(Buffer.from("{}")), size: 2, data: "e30=" });
    expect(m.layers).toEqual([
      {
        mediaType: "application/spdx+json",
        digest: sha(spdx("amd64").bytes),
        size: spdx("amd64").bytes.length,
        annotations: { "org.opencontainers.image.title": "hello.spdx.json" },
      },
    ]);
    expect(m.subject).toEqual({ mediaType: MediaType.manifest, digest: image.manifest.descriptor.digest, size: image.manifest.descriptor.size });
    expect(m.annotations).toEqual({ "org.opencontainers.image.created": CREATED });
    expect(r.blobs.map((b) => b.descriptor.digest)).toEqual([EMPTY_CONFIG.descriptor.digest, sha(spdx("amd64").bytes)]);
    // Same inputs, same bytes: nothing in it depends on the clock or the machine.
    expect(sbomReferrer(await platformImage("amd64"), spdx("amd64"), CREATED).manifest.descriptor.digest).toBe(r.manifest.descriptor.digest);
    expect(referrerDescriptor(r)).toEqual({ ...r.manifest.descriptor, artifactType: "application/spdx+json", annotations: m.annotations });
  });

  it("the tag schema's tag is <alg>-<hex>", () => {
    expect(referrersTag(`sha256:${"ab".repeat(32)}`)).toBe(`sha256-${"ab".repeat(32)}`);
  });

  it("adding to a referrer list keeps what it had, adds only what it lacks, and a second add changes nothing", async () => {
    const image = await platformImage("amd64");
    const mine = [sbomReferrer(image, spdx("amd64"), CREATED), sbomReferrer(image, cdx("amd64"), CREATED)].map(referrerDescriptor);
    const foreign = {
      mediaType: MediaType.manifest,
      digest: `sha256:${"cd".repeat(32)}`,
      size: 9,
      artifactType: "application/vnd.dev.cosign.artifact.sig.v1+json",
    };
    const existing: ImageIndex = { schemaVersion: 2, mediaType: MediaType.index, manifests: [foreign, mine[0] as (typeof mine)[0]] };
    const { index, added } = addReferrers(existing, mine);
    expect(added).toBe(1);
    expect(json<ImageIndex>(index.bytes).manifests).toEqual([foreign, ...mine]);
    const again = addReferrers(json<ImageIndex>(index.bytes), mine);
    expect(again.added).toBe(0);
    expect(Buffer.from(again.index.bytes).equals(Buffer.from(index.bytes))).toBe(true);
    expect(json<ImageIndex>(addReferrers(undefined, mine).index.bytes)).toEqual({ schemaVersion: 2, mediaType: MediaType.index, manifests: mine });
  });

  it("a referrers tag that holds something else than an OCI index is refused, naming it", () => {
    expect(() => parseReferrersIndex(Buffer.from("{}"), MediaType.manifest, "r/x:sha256-ab")).toThrow(
      new GantryError(`r/x:sha256-ab holds ${MediaType.manifest} that is not an OCI image index of referrers; refusing to overwrite it`),
    );
    expect(() => parseReferrersIndex(Buffer.from("not json"), MediaType.index, "r/x:t")).toThrow(/not an OCI image index/);
  });
});

/** A stub registry (not a real one): blobs and manifests in memory; with `api`, the referrers API of distribution-spec 1.1. */
const stub = {
  api: false,
  /** With the API, whether a PUT answers OCI-Subject (a registry may list referrers yet not say so). */
  subjectHeader: true,
  /** Without the API, answer its route with 403 instead of 404, as some proxies in front of registries do. */
  forbidReferrers: false,
  blobs: new Map<string, Buffer>(),
  manifests: new Map<string, { type: string; body: Buffer }>(),
  log: [] as string[],
};
let server: Server;
let host: string;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The stub's referrers API answer: every stored manifest whose subject is the digest. */
function referrersOf(digest: string): ImageIndex {
  const manifests = [...stub.manifests]
    .filter(([ref, m]) => ref.startsWith("sha256:") && json<ImageManifest>(m.body).subject?.digest === digest)
    .map(([ref, m]) => ({ mediaType: m.type, digest: ref, size: m.body.length, artifactType: json<ImageManifest>(m.body).artifactType as string }));
  return { schemaVersion: 2, mediaType: MediaType.index, manifests };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${host}`);
  stub.log.push(`${req.method} ${url.pathname}`);
  const data = await body(req);
  if (url.pathname === "/v2/") return void res.writeHead(200).end();
  const referrers = /^\/v2\/.+\/referrers\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
  if (referrers) {
    if (stub.forbidReferrers) return void res.writeHead(403).end();
    if (!stub.api) return void res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found");
    return void res.writeHead(200, { "Content-Type": MediaType.index }).end(JSON.stringify(referrersOf(referrers[1] as string)));
  }
  const m = /^\/v2\/.+\/(blobs|manifests)\/(uploads\/)?(.*)$/.exec(url.pathname);
  if (!m) return void res.writeHead(404).end();
  const [, kind, upload, ref = ""] = m;
  if (kind === "blobs" && upload && req.method === "POST") return void res.writeHead(202, { Location: "/v2/x/blobs/uploads/u1" }).end();
  if (kind === "blobs" && upload && req.method === "PUT") {
    stub.blobs.set(url.searchParams.get("digest") ?? "", data);
    return void res.writeHead(201).end();
  }
  if (kind === "blobs") return void res.writeHead(stub.blobs.has(ref) ? 200 : 404).end();
  if (req.method === "PUT") {
    const type = req.headers["content-type"] ?? "";
    stub.manifests.set(ref, { type, body: data });
    stub.manifests.set(sha(data), { type, body: data });
    const subject = json<ImageManifest>(data).subject?.digest;
    const headers: Record<string, string> = { "Docker-Content-Digest": sha(data) };
    if (stub.api && stub.subjectHeader && subject) headers["OCI-Subject"] = subject;
    return void res.writeHead(201, headers).end();
  }
  const found = stub.manifests.get(ref);
  if (!found) return void res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": found.type }).end(found.body);
}

const client = () => new RegistryClient(host, "team/api", { http: true, actions: "pull,push", reporter: new MemoryReporter(), retryDelaysMs: [] });

describe("pushing referrers", () => {
  let images: PlatformImage[];
  let referrers: Referrer[];

  beforeAll(async () => {
    server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    images = [await platformImage("amd64"), await platformImage("arm64")];
    referrers = images.flatMap((i) => [sbomReferrer(i, spdx(i.platform.architecture), CREATED), sbomReferrer(i, cdx(i.platform.architecture), CREATED)]);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    stub.api = false;
    stub.subjectHeader = true;
    stub.forbidReferrers = false;
    stub.blobs.clear();
    stub.manifests.clear();
    stub.log = [];
  });

  it("with the referrers API (OCI-Subject on PUT): pushes the blobs and the artifact manifests, and writes no tag", async () => {
    stub.api = true;
    const r = await pushReferrers(client(), referrers, new MemoryReporter());
    expect(r).toEqual({ scheme: "referrers-api", artifacts: 4, tags: [] });
    expect([...stub.manifests.keys()].filter((k) => !k.startsWith("sha256:"))).toEqual([]);
    expect(stub.blobs.get(EMPTY_CONFIG.descriptor.digest)?.toString()).toBe("{}");
    expect(stub.log.filter((l) => l.includes("/referrers/"))).toEqual([]);
    const listed = referrersOf(images[0]?.manifest.descriptor.digest as string).manifests.map((d) => d.artifactType);
    expect(listed.sort()).toEqual(["application/spdx+json", "application/vnd.cyclonedx+json"]);
  });

  it("with the referrers API but no OCI-Subject header: the API's listing of the pushed artifact decides", async () => {
    stub.api = true;
    stub.subjectHeader = false;
    const r = await pushReferrers(client(), referrers, new MemoryReporter());
    expect(r.scheme).toBe("referrers-api");
    expect(stub.log.filter((l) => l.includes("/referrers/"))).toHaveLength(1);
  });

  it("without the API: one sha256-<hex> tag per platform manifest listing its two SBOMs; a foreign referrer already there is kept; a re-run writes no tag", async () => {
    const amd64 = images[0]?.manifest.descriptor.digest as string;
    const foreign = {
      mediaType: MediaType.manifest,
      digest: `sha256:${"cd".repeat(32)}`,
      size: 9,
      artifactType: "application/vnd.dev.cosign.artifact.sig.v1+json",
    };
    const before = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.index, manifests: [foreign] }));
    stub.manifests.set(referrersTag(amd64), { type: MediaType.index, body: before });
    const r = await pushReferrers(client(), referrers, new MemoryReporter());
    expect(r).toEqual({ scheme: "tag-schema", artifacts: 4, tags: images.map((i) => referrersTag(i.manifest.descriptor.digest)) });
    const listed = json<ImageIndex>(stub.manifests.get(referrersTag(amd64))?.body as Buffer).manifests;
    expect(listed).toEqual([foreign, ...referrers.slice(0, 2).map(referrerDescriptor)]);
    stub.log = [];
    const again = await pushReferrers(client(), referrers, new MemoryReporter());
    expect(again.tags).toEqual([]);
    expect(stub.log.filter((l) => l.startsWith("PUT") && l.includes("/manifests/sha256-"))).toEqual([]);
  });

  it("a 403 on the referrers route is no API: the tag schema is used", async () => {
    stub.forbidReferrers = true;
    const r = await pushReferrers(client(), referrers, new MemoryReporter());
    expect(r.scheme).toBe("tag-schema");
    expect(r.tags).toHaveLength(2);
  });

  it("without the API, a referrers tag that holds an image is not overwritten: the push fails naming the tag", async () => {
    const amd64 = images[0]?.manifest.descriptor.digest as string;
    stub.manifests.set(referrersTag(amd64), { type: MediaType.manifest, body: Buffer.from(images[0]?.manifest.bytes as Uint8Array) });
    await expect(pushReferrers(client(), referrers, new MemoryReporter())).rejects.toThrow(
      `${host}/team/api:${referrersTag(amd64)} holds ${MediaType.manifest} that is not an OCI image index of referrers`,
    );
    expect(stub.manifests.get(referrersTag(amd64))?.type).toBe(MediaType.manifest);
  });
});
