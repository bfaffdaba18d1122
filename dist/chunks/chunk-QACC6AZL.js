import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  CA_BUNDLE_SOURCE
} from "./chunk-HVVX2CWE.js";
import {
  COMPRESSOR,
  compress,
  ownedBuffers
} from "./chunk-7AM7GE7Y.js";
import {
  ExecError,
  GANTRY_VERSION,
  GantryError,
  HttpTimeoutError,
  InputError,
  MANIFEST_FILE,
  REPRODUCIBLE_TAR_FORMAT,
  commonJsExports,
  digestFile,
  discardBody,
  exec,
  exists,
  fetchWithTimeout,
  formatBytes,
  formatDuration,
  gantryBuildType,
  gantryCacheDir,
  hostTarget,
  isSecretName,
  lastLines,
  provenanceStatement,
  readBodyLimited,
  readErrorBody,
  readManifest,
  readWholeFile,
  redactUrl,
  reproducibleTar,
  resolveInManifest,
  sha256,
  table,
  which,
  withParents,
  writeFileAtomic,
  writeProvenance
} from "./chunk-FZKQP3XX.js";

// packages/image/src/oci.ts
import { createHash } from "node:crypto";
var MediaType = {
  index: "application/vnd.oci.image.index.v1+json",
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  layer: "application/vnd.oci.image.layer.v1.tar",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  /** The empty descriptor's type (image-spec manifest.md "Guidance for an Empty Descriptor"): an artifact's config. */
  empty: "application/vnd.oci.empty.v1+json",
  spdx: "application/spdx+json",
  cyclonedx: "application/vnd.cyclonedx+json"
}, MANIFEST_ACCEPT = [MediaType.index, MediaType.manifest, MediaType.dockerList, MediaType.dockerManifest].join(", ");
function blobBytes(blob) {
  return blob.bytes ? Promise.resolve(blob.bytes) : blob.read();
}
function digestOf(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
function jsonBlob(mediaType, value) {
  let bytes = Buffer.from(JSON.stringify(value), "utf8");
  return { descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}
function verifyDigest(bytes, digest, what) {
  if (!digest.startsWith("sha256:")) throw new GantryError(`${what}: digest ${digest} uses an algorithm gantry does not verify (only sha256)`);
  let actual = digestOf(bytes);
  if (actual !== digest) throw new GantryError(`${what}: content has digest ${actual}, expected ${digest}; refusing to use it`);
}
function goBefore122(version) {
  let m = /(\d{1,16})(?:\.(\d{1,16}))?/.exec(version);
  if (!m) return !1;
  let [major, minor] = [Number(m[1]), Number(m[2] ?? 0)];
  return major < 1 || major === 1 && minor < 22;
}
function platformOfTarget(t, goVersion) {
  let p = { architecture: t.arch, os: t.os }, variant = t.variant;
  return t.arch === "arm" && !variant && (variant = goBefore122(goVersion ?? "") ? "v5" : "v7"), t.arch === "arm64" && variant === "v8" && (variant = ""), variant && (p.variant = variant), p;
}
function formatPlatform(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
function parsePlatform(text) {
  let parts = text.trim().split("/");
  if (!(parts.length < 2 || parts.length > 3 || !parts.every((p) => /^[a-z0-9][a-z0-9._-]*$/.test(p))))
    return parts[2] ? { os: parts[0], architecture: parts[1], variant: parts[2] } : { os: parts[0], architecture: parts[1] };
}
function normalVariant(p) {
  return p.architecture === "arm64" ? p.variant && p.variant !== "v8" ? p.variant : "" : p.architecture === "arm" ? p.variant || "v7" : p.variant ?? "";
}
function samePlatform(a, b) {
  return a.os === b.os && a.architecture === b.architecture && normalVariant(a) === normalVariant(b);
}

// packages/image/src/layer-key.ts
import { createHash as createHash2 } from "node:crypto";
function diffIdOf(tar) {
  return `sha256:${createHash2("sha256").update(tar).digest("hex")}`;
}
function tarKey(diffId) {
  return sha256(`layer tar ${diffId}`);
}
function entriesKey(entries, mtimeSeconds) {
  let files = withParents(entries).map((e) => {
    let { data, sha256: known, size } = e, digest = data === void 0 ? known ?? null : known ?? sha256(data);
    return [e.path, e.mode, digest, data?.length ?? size ?? null];
  });
  return sha256(JSON.stringify({ format: REPRODUCIBLE_TAR_FORMAT, mtime: mtimeSeconds, files }));
}

// packages/image/src/workers.ts
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var WORKER_MIN_BYTES = 1 << 20;
function bundledWorker() {
  if (!import.meta.url.endsWith(".js")) return;
  let file = fileURLToPath(new URL("../image/layer-worker.js", import.meta.url));
  return existsSync(file) ? file : void 0;
}
function layerThreads(env) {
  let setting = env.GANTRY_LAYER_THREADS?.trim();
  if (setting) {
    if (!/^\d{1,3}$/.test(setting)) throw new InputError("GANTRY_LAYER_THREADS", setting, "a whole number of worker threads (0 for none)");
    return Number(setting);
  }
}
async function drain(script, queue, tars, out, stop) {
  let worker = new Worker(script);
  stop.push(worker);
  try {
    for (let id = queue.shift(); id !== void 0; id = queue.shift()) out[id] = await runJob(worker, id, tars[id]);
  } finally {
    await worker.terminate();
  }
}
function runJob(worker, id, tar) {
  return new Promise((resolve4, reject) => {
    let fail = (why) => reject(new GantryError(`compressing a layer of ${tar.length} bytes in a worker thread failed: ${why}`)), onError = (err) => fail(err.message), onExit = (code) => fail(`the thread exited with code ${code}`);
    worker.once("error", onError), worker.once("exit", onExit), worker.once("message", (m) => {
      worker.off("error", onError), worker.off("exit", onExit), m.id === id ? resolve4({ gz: m.gz, digest: m.digest }) : fail(`it answered job ${m.id}`);
    }), worker.postMessage({ id, tar: ownedBuffers(tar).length > 0 ? tar : new Uint8Array(tar) });
  });
}
async function compressAll(tars, options = {}) {
  let out = [], large = tars.flatMap((t, i) => t.length >= WORKER_MIN_BYTES ? [i] : []), threads = Math.min(options.threads ?? availableParallelism() - 1, large.length - 1), queue = options.script && threads > 0 ? large.slice(1) : [], offloaded = new Set(queue), started = [], running = Array.from({ length: queue.length > 0 ? threads : 0 }, () => drain(options.script, queue, tars, out, started)), settled = Promise.allSettled(running);
  try {
    for (let [i, tar] of tars.entries()) offloaded.has(i) || (out[i] = await compress(tar));
    for (let id = queue.shift(); id !== void 0; id = queue.shift()) out[id] = await compress(tars[id]);
    let failed = (await settled).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
  return out;
}

// packages/image/src/layer.ts
function layerTar(entries, mtimeSeconds) {
  return reproducibleTar(entries, mtimeSeconds);
}
function entriesSource(entries, mtimeSeconds, role) {
  return { key: entriesKey(entries, mtimeSeconds), role, tar: () => layerTar(entries, mtimeSeconds) };
}
function lazySource(entries, mtimeSeconds, role) {
  let read = (e) => "read" in e ? e.read().then((data) => ({ path: e.path, mode: e.mode, data, sha256: e.sha256 })) : Promise.resolve(e);
  return { key: entriesKey(entries, mtimeSeconds), role, tar: async () => layerTar(await Promise.all(entries.map(read)), mtimeSeconds) };
}
function tarSource({ tar, role }) {
  let diffId = diffIdOf(tar);
  return { key: tarKey(diffId), role, diffId, tar: async () => tar };
}
async function makeLayers(sources, options) {
  let tars = await Promise.all(sources.map((s) => s.tar())), compressed = await compressAll(tars, options);
  return tars.map((tar, i) => ({ ...compressed[i], diffId: sources[i]?.diffId ?? diffIdOf(tar), uncompressedSize: tar.length }));
}
function layerOf(c, role) {
  let descriptor = { mediaType: MediaType.layerGzip, digest: c.digest, size: "gz" in c ? c.gz.length : c.size };
  return { blob: "gz" in c ? { descriptor, bytes: c.gz } : { descriptor, file: c.file, read: c.read }, diffId: c.diffId, uncompressedSize: c.uncompressedSize, role };
}
async function layersFromSources(sources, options = {}) {
  let unique = [...new Map(sources.map((s) => [s.key, s])).values()], hits = await Promise.all(unique.map((s) => options.cache?.get(s.key))), found = /* @__PURE__ */ new Map();
  for (let [i, hit] of hits.entries()) hit && found.set(unique[i].key, hit);
  let missing = unique.filter((s) => !found.has(s.key)), made = await makeLayers(missing, options);
  for (let [i, layer] of made.entries()) found.set(missing[i].key, layer);
  return await Promise.all(missing.map((s, i) => options.cache?.put(s.key, made[i]))), sources.map((s) => layerOf(found.get(s.key), s.role));
}
function layersFromTars(tars, options = {}) {
  return layersFromSources(tars.map(tarSource), options);
}
async function buildLayer(entries, mtimeSeconds, role, cache) {
  return (await layersFromSources([entriesSource(entries, mtimeSeconds, role)], cache ? { cache } : {}))[0];
}

// packages/image/src/assemble.ts
var DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", BINARY_DIR = "usr/local/bin", BINARY_MODE = 493, CA_BUNDLE_PATH = "etc/ssl/certs/ca-certificates.crt";
function scratchAccounts(user) {
  let [u = "65532", g] = user.split(":"), uid = u === "root" ? "0" : u === "nonroot" ? "65532" : u, gid = g === void 0 ? uid : g === "root" ? "0" : g === "nonroot" ? "65532" : g, passwd = ["root:x:0:0:root:/root:/sbin/nologin"], group = ["root:x:0:"];
  return uid !== "0" && passwd.push(`nonroot:x:${uid}:${gid}:nonroot:/home/nonroot:/sbin/nologin`), gid !== "0" && group.push(`nonroot:x:${gid}:`), { passwd: `${passwd.join(`
`)}
`, group: `${group.join(`
`)}
` };
}
function scratchEntries(user, caBundle) {
  let { passwd, group } = scratchAccounts(user), entries = [
    { path: "etc/passwd", mode: 420, data: Buffer.from(passwd) },
    { path: "etc/group", mode: 420, data: Buffer.from(group) },
    { path: "tmp/", mode: 1023 }
  ];
  return caBundle && entries.push({ path: CA_BUNDLE_PATH, mode: 420, data: caBundle }), entries;
}
function mergeEnv(base, ours) {
  let out = [...base];
  for (let [k, v] of Object.entries(ours)) {
    let i = out.findIndex((e) => e.startsWith(`${k}=`));
    i >= 0 ? out[i] = `${k}=${v}` : out.push(`${k}=${v}`);
  }
  return out;
}
function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function containerConfig(spec, base) {
  let entrypoint = spec.entrypoint ?? [`/${BINARY_DIR}/${spec.name}`], ports = { ...base?.ExposedPorts ?? {} };
  for (let p of spec.ports) ports[p] = {};
  let labels = sorted({ ...base?.Labels ?? {}, ...spec.labels }), c = { User: spec.user, Env: mergeEnv(base?.Env ?? [DEFAULT_PATH], spec.env), Entrypoint: entrypoint };
  spec.cmd && (c.Cmd = spec.cmd), Object.keys(ports).length > 0 && (c.ExposedPorts = Object.fromEntries(
    Object.keys(ports).sort().map((p) => [p, {}])
  ));
  let workdir = spec.workdir || base?.WorkingDir;
  return workdir && (c.WorkingDir = workdir), Object.keys(labels).length > 0 && (c.Labels = labels), base?.StopSignal && (c.StopSignal = base.StopSignal), c;
}
function binarySource(name, binary, epoch) {
  let file = { path: `${BINARY_DIR}/${name}`, mode: BINARY_MODE, sha256: binary.artifact.sha256, size: binary.size, read: binary.read };
  return lazySource([file], epoch, "binary");
}
function binaryEntries(name, binary, sha2562) {
  return [{ path: `${BINARY_DIR}/${name}`, mode: BINARY_MODE, data: binary, ...sha2562 ? { sha256: sha2562 } : {} }];
}
async function assemblePlatform(spec, platform, binary, base, cache) {
  return platformImage(spec, platform, await buildLayer(binaryEntries(spec.name, binary), spec.epoch, "binary", cache), base);
}
function platformImage(spec, platform, binaryLayer, base) {
  let layers = [...base?.layers ?? [], ...spec.sharedLayers, binaryLayer], ours = [...spec.sharedLayers, binaryLayer].map((l) => ({
    created: spec.created,
    created_by: `gantry image: ${l.role} layer`,
    comment: "gantry"
  })), config = {
    created: spec.created,
    architecture: platform.architecture,
    os: platform.os,
    ...platform.variant ? { variant: platform.variant } : {},
    config: containerConfig(spec, base?.config.config),
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
    history: [...base?.config.history ?? [], ...ours]
  }, configBlob = jsonBlob(MediaType.config, config), annotations = { ...spec.annotations };
  spec.base && (annotations["org.opencontainers.image.base.name"] = spec.base.name, annotations["org.opencontainers.image.base.digest"] = spec.base.digest);
  let manifest = {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.blob.descriptor),
    ...Object.keys(annotations).length > 0 ? { annotations: sorted(annotations) } : {}
  };
  return { platform, manifest: jsonBlob(MediaType.manifest, manifest), config: configBlob, layers };
}
function assembleIndex(images, annotations) {
  let index = {
    schemaVersion: 2,
    mediaType: MediaType.index,
    manifests: images.map((i) => ({ ...i.manifest.descriptor, platform: i.platform })),
    ...Object.keys(annotations).length > 0 ? { annotations: sorted(annotations) } : {}
  }, blobs = /* @__PURE__ */ new Map();
  for (let i of images) {
    for (let l of i.layers) blobs.set(l.blob.descriptor.digest, l.blob);
    blobs.set(i.config.descriptor.digest, i.config), blobs.set(i.manifest.descriptor.digest, i.manifest);
  }
  let indexBlob = jsonBlob(MediaType.index, index);
  return blobs.set(indexBlob.descriptor.digest, indexBlob), { index: indexBlob, images: [...images], blobs };
}

// packages/image/src/push.ts
async function pool(items, limit, fn) {
  let next = 0, workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (; next < items.length; ) await fn(items[next++]);
  });
  await Promise.all(workers);
}
async function pushImage(client2, image, tags, reporter) {
  let blobs = /* @__PURE__ */ new Map();
  for (let i of image.images) {
    for (let l of i.layers)
      blobs.set(l.blob.descriptor.digest, { blob: l.blob, base: l.role === "base" || !!blobs.get(l.blob.descriptor.digest)?.base });
    blobs.set(i.config.descriptor.digest, { blob: i.config, base: !1 });
  }
  await pool([...blobs.values()], 4, async ({ blob: b, base }) => {
    let sent = await client2.pushBlob(b, base);
    reporter.debug(`${sent ? "uploaded" : "already there"}: ${b.descriptor.digest} (${b.descriptor.size} bytes)`);
  });
  for (let i of image.images) await client2.putManifest(i.manifest.descriptor.digest, i.manifest);
  tags.length === 0 && await client2.putManifest(image.index.descriptor.digest, image.index);
  for (let t of tags) await client2.putManifest(t, image.index);
  return { ...client2.stats };
}

// packages/image/src/referrers.ts
import { basename } from "node:path";
var SBOM_ARTIFACT_TYPES = { spdx: MediaType.spdx, cyclonedx: MediaType.cyclonedx }, EMPTY_JSON = Buffer.from("{}"), EMPTY_CONFIG = {
  descriptor: { mediaType: MediaType.empty, digest: digestOf(EMPTY_JSON), size: EMPTY_JSON.length, data: EMPTY_JSON.toString("base64") },
  bytes: EMPTY_JSON
};
function sbomReferrer(image, sbom, created) {
  let artifactType = SBOM_ARTIFACT_TYPES[sbom.format], layer = {
    descriptor: {
      mediaType: artifactType,
      digest: digestOf(sbom.bytes),
      size: sbom.bytes.length,
      annotations: { "org.opencontainers.image.title": basename(sbom.path) }
    },
    bytes: sbom.bytes
  }, manifest = {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    artifactType,
    config: EMPTY_CONFIG.descriptor,
    layers: [layer.descriptor],
    subject: image.manifest.descriptor,
    annotations: { "org.opencontainers.image.created": created }
  };
  return {
    platform: image.platform,
    format: sbom.format,
    subject: image.manifest.descriptor,
    manifest: jsonBlob(MediaType.manifest, manifest),
    blobs: [EMPTY_CONFIG, layer]
  };
}
function referrerDescriptor(r) {
  let m = JSON.parse(Buffer.from(r.manifest.bytes).toString("utf8"));
  return { ...r.manifest.descriptor, ...m.artifactType ? { artifactType: m.artifactType } : {}, ...m.annotations ? { annotations: m.annotations } : {} };
}
function referrersTag(subjectDigest) {
  let [alg = "", hex = ""] = subjectDigest.split(":");
  return `${alg.slice(0, 32)}-${hex.slice(0, 64)}`;
}
function parseReferrersIndex(bytes, mediaType, where) {
  let index;
  try {
    index = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
  }
  if (mediaType !== MediaType.index || !Array.isArray(index?.manifests))
    throw new GantryError(`${where} holds ${mediaType || "something"} that is not an OCI image index of referrers; refusing to overwrite it`);
  return index;
}
function addReferrers(existing, descriptors) {
  let manifests = [...existing?.manifests ?? []], added = 0;
  for (let d of descriptors)
    manifests.some((m) => m.digest === d.digest) || (manifests.push(d), added++);
  let index = { ...existing ?? {}, schemaVersion: 2, mediaType: MediaType.index, manifests };
  return { index: jsonBlob(MediaType.index, index), added };
}

// packages/image/src/attach.ts
async function listReferrers(client2, subject) {
  let res = await client2.request("GET", `/v2/${client2.repository}/referrers/${subject}`, { headers: { Accept: MediaType.index } }), type = (res.headers.get("content-type") ?? "").split(";")[0]?.trim();
  if (res.status !== 200 || type !== MediaType.index) {
    await discardBody(res);
    return;
  }
  let bytes = await readBodyLimited(res, 4 * 1024 * 1024, `the referrers of ${subject} in ${client2.registry}/${client2.repository}`);
  try {
    return parseReferrersIndex(bytes, type, "the referrers API's answer");
  } catch {
    return;
  }
}
async function registryListsReferrers(client2, pushed, ociSubject, reporter) {
  return ociSubject === pushed.subject.digest ? !0 : !!(await listReferrers(client2, pushed.subject.digest).catch((err) => {
    reporter.debug(`referrers API of ${client2.registry}: ${err.message}; using the tag schema`);
  }))?.manifests.some((m) => m.digest === pushed.manifest.descriptor.digest);
}
async function updateReferrersTag(client2, subject, descriptors) {
  let tag = referrersTag(subject), found = await client2.findManifest(tag), existing = found ? parseReferrersIndex(found.bytes, found.mediaType, `${client2.registry}/${client2.repository}:${tag}`) : void 0, { index, added } = addReferrers(existing, descriptors);
  if (added !== 0)
    return await client2.putManifest(tag, index), tag;
}
async function pushReferrers(client2, referrers, reporter) {
  let blobs = /* @__PURE__ */ new Map();
  for (let r of referrers) for (let b of r.blobs) blobs.set(b.descriptor.digest, b);
  await pool([...blobs.values()], 4, async (b) => {
    await client2.pushBlob(b);
  });
  let ociSubject;
  for (let r of referrers)
    ociSubject = (await client2.putManifest(r.manifest.descriptor.digest, r.manifest)).ociSubject, reporter.debug(`referrer ${r.format} of ${r.subject.digest}: ${r.manifest.descriptor.digest}`);
  let last = referrers.at(-1);
  if (!last) return { scheme: "tag-schema", artifacts: 0, tags: [] };
  if (await registryListsReferrers(client2, last, ociSubject, reporter)) return { scheme: "referrers-api", artifacts: referrers.length, tags: [] };
  let bySubject = /* @__PURE__ */ new Map();
  for (let r of referrers) bySubject.set(r.subject.digest, [...bySubject.get(r.subject.digest) ?? [], referrerDescriptor(r)]);
  let tags = [];
  for (let [subject, descriptors] of bySubject) {
    let tag = await updateReferrersTag(client2, subject, descriptors);
    tag && tags.push(tag);
  }
  return { scheme: "tag-schema", artifacts: referrers.length, tags };
}

// packages/image/src/auth.ts
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

// packages/image/src/reference.ts
var COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/, DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/, TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, DIGEST = /^sha256:[a-f0-9]{64}$/, DOCKER_HUB = "docker.io", ACCEPTED_REPO = "accepted: [registry[:port]/]path in lower case, e.g. ghcr.io/acme/api or 127.0.0.1:5000/api";
function parseReference(text, input, allow) {
  let fail = (why) => {
    throw new InputError(input, text, `${why}; ${ACCEPTED_REPO}${allow.tag ? ", optionally :tag" : ""}${allow.digest ? " and @sha256:<64 hex>" : ""}`);
  }, rest = text.trim();
  (rest === "" || /\s/.test(rest)) && fail("it is empty or has spaces"), rest.startsWith("-") && fail('it begins with "-", which a command would read as an option');
  let digest, at = rest.indexOf("@");
  at >= 0 && (digest = rest.slice(at + 1), rest = rest.slice(0, at), allow.digest || fail("a digest is not accepted here"), DIGEST.test(digest) || fail(`the digest ${JSON.stringify(digest)} is not sha256: followed by 64 lower-case hex digits`));
  let tag, lastSlash = rest.lastIndexOf("/"), colon = rest.lastIndexOf(":");
  colon > lastSlash && (tag = rest.slice(colon + 1), rest = rest.slice(0, colon), allow.tag || fail("a tag is not accepted here (give tags in the tags input)"), TAG.test(tag) || fail(`the tag ${JSON.stringify(tag)} is not valid (letters, digits, _ . -, up to 128, not starting with . or -)`));
  let parts = rest.split("/"), registry = DOCKER_HUB, first = parts[0];
  parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost") && (DOMAIN.test(first) || fail(`the registry ${JSON.stringify(first)} is not a host[:port]`), registry = first, parts.shift()), (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) && fail("the repository path must be lower-case letters, digits and single . _ - between them"), registry === DOCKER_HUB && parts.length === 1 && parts.unshift("library");
  let repository = parts.join("/");
  return registry.length + repository.length + 1 > 255 && fail("the name is longer than 255 characters"), { registry, repository, ...tag ? { tag } : {}, ...digest ? { digest } : {} };
}
function formatReference(r) {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest}` : ""}`;
}
function apiHost(registry) {
  return registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
}
function isLoopback(registry) {
  let host = registry.startsWith("[") ? registry.slice(1, registry.indexOf("]")) : registry.replace(/:\d+$/, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function sanitizeTag(text) {
  let t = text.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 128);
  return /^[.-]/.test(t) && (t = `v${t}`.slice(0, 128)), t;
}

// packages/image/src/auth.ts
function parseChallenge(header) {
  if (!header) return;
  let found = [];
  for (let m of header.matchAll(/(Basic|Bearer)\s*((?:[a-zA-Z_]+=(?:"[^"]*"|[^,\s]*)\s*,?\s*)*)/gi)) {
    let params = {};
    for (let p of (m[2] ?? "").matchAll(/([a-zA-Z_]+)=(?:"([^"]*)"|([^,\s]*))/g)) params[p[1].toLowerCase()] = p[2] ?? p[3] ?? "";
    found.push({ scheme: m[1].toLowerCase(), params });
  }
  return found.find((c) => c.scheme === "bearer") ?? found[0];
}
function realmMayGetCredentials(registryBase, realm) {
  return realm.origin === registryBase.origin ? !0 : registryBase.origin === "https://registry-1.docker.io" && realm.origin === "https://auth.docker.io";
}
async function fetchToken(t) {
  let url = new URL(t.realm);
  t.service && url.searchParams.set("service", t.service);
  for (let s of t.scopes) url.searchParams.append("scope", s);
  let headers = { "User-Agent": "gantry-image" }, creds = t.credentials;
  creds && (headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`);
  let res = await fetchWithTimeout(url, { headers, redirect: "manual" }, t.timeoutMs);
  if (!res.ok) return { status: res.status, body: await readErrorBody(res, 300) };
  let body = {};
  try {
    body = JSON.parse((await readBodyLimited(res, 1024 * 1024, "the token answer")).toString("utf8"));
  } catch (err) {
    if (err instanceof GantryError) throw err;
  }
  let token = body.token ?? body.access_token;
  return token ? { token } : { status: res.status, body: "no token in the answer" };
}
async function bearerAuthorization(b) {
  let realm;
  try {
    realm = new URL(b.challenge.params.realm ?? "");
  } catch {
    throw new GantryError(`registry ${b.registry} sent a Bearer challenge without a usable realm`);
  }
  let creds = b.credentials, trusted = realmMayGetCredentials(b.base, realm), withheldFrom = creds && !trusted && !b.authForce ? redactUrl(realm) : void 0;
  withheldFrom && b.reporter.warning(
    `registry ${b.registry} sends gantry to the token service ${withheldFrom}, ${realm.protocol === "http:" && b.base.protocol === "https:" ? "over plain HTTP" : "on another origin"}: the credentials from ${creds?.source} were not sent there (set auth-force: true if you trust it); asking for an anonymous token`
  );
  let send = withheldFrom ? void 0 : creds, service = b.challenge.params.service, answer;
  try {
    answer = await fetchToken({ realm, ...service ? { service } : {}, scopes: b.scopes, credentials: send, timeoutMs: b.timeoutMs });
  } catch (err) {
    throw new GantryError(`the token service ${realm.origin} of registry ${b.registry} did not answer: ${err.message}`);
  }
  let w = withheldFrom ? { withheldFrom } : {};
  if ("token" in answer) return { authorization: `Bearer ${answer.token}`, ...w };
  if (answer.status === 401 || answer.status === 403)
    return {
      denied: `its token service ${realm.origin} refused ${send ? `the credentials from ${send.source}` : "anonymous access"} (HTTP ${answer.status})`,
      ...w
    };
  throw new GantryError(
    `the token service ${realm.origin} of registry ${b.registry} answered HTTP ${answer.status} for scope ${b.scopes[0]}${answer.body ? `: ${answer.body}` : ""}`
  );
}
function configKeys(registry) {
  return registry === DOCKER_HUB ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"] : [registry];
}
function hostOfKey(key) {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}
function dockerConfigPath(env) {
  return join(env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker"), "config.json");
}
async function dockerConfigCredentials(registry, env) {
  let path = dockerConfigPath(env), config;
  try {
    config = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    if (err.code === "ENOENT") return;
    throw new GantryError(`${path} cannot be read as JSON (${err.message}); fix or remove it, or set username and password`);
  }
  let keys = configKeys(registry);
  for (let [key, entry] of Object.entries(config.auths ?? {}))
    if (!(!keys.includes(key) && !keys.includes(hostOfKey(key)))) {
      if (entry.auth) {
        let decoded = Buffer.from(entry.auth, "base64").toString("utf8"), colon = decoded.indexOf(":");
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: `${path} (auths.${key})` };
      }
      if (entry.username && entry.password) return { username: entry.username, password: entry.password, source: `${path} (auths.${key})` };
    }
  let helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
  if (!helper) return;
  let server = registry === DOCKER_HUB ? "https://index.docker.io/v1/" : registry, r = await exec(`docker-credential-${helper}`, ["get"], { input: server, allowFailure: !0, timeoutMs: 3e4, env }).catch(() => {
  });
  if (!(r?.code !== 0 || !r))
    try {
      let out = JSON.parse(r.stdout);
      if (out.Username && out.Secret && out.Username !== "<token>")
        return { username: out.Username, password: out.Secret, source: `docker-credential-${helper}` };
    } catch {
    }
}

// packages/image/src/binaries.ts
import { readFile as readFile2, readdir, stat } from "node:fs/promises";
import { isAbsolute, join as join2, relative, resolve } from "node:path";
var GLOB = /[*?[]/;
function globRegex(segment) {
  let body = segment.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${body}$`);
}
async function listDir(dir) {
  try {
    return (await readdir(dir, { withFileTypes: !0 })).map((d) => ({ name: d.name, dir: d.isDirectory() }));
  } catch {
    return [];
  }
}
async function glob(pattern) {
  let segments = pattern.split("/"), firstGlob = segments.findIndex((s) => GLOB.test(s)), root = segments.slice(0, firstGlob).join("/") || "/", found = [], walk = async (dir, rest) => {
    let [seg, ...tail] = rest;
    if (seg === void 0) return;
    if (seg === "**") {
      await walk(dir, tail);
      for (let e of await listDir(dir)) e.dir && !e.name.startsWith(".") && e.name !== "node_modules" && await walk(join2(dir, e.name), rest);
      return;
    }
    let re = globRegex(seg);
    for (let e of await listDir(dir))
      re.test(e.name) && (tail.length === 0 && !e.dir ? found.push(join2(dir, e.name)) : e.dir && await walk(join2(dir, e.name), tail));
  };
  return await walk(root, segments.slice(firstGlob)), [...new Set(found)].sort();
}
async function manifestsUnder(dir, depth = 4) {
  let out = [];
  for (let e of await listDir(dir))
    !e.dir && e.name === MANIFEST_FILE ? out.push(join2(dir, e.name)) : e.dir && depth > 0 && !e.name.startsWith(".") && e.name !== "node_modules" && out.push(...await manifestsUnder(join2(dir, e.name), depth - 1));
  return out.sort();
}
async function findManifests(spec, cwd) {
  let path = isAbsolute(spec) ? spec : resolve(cwd, spec), files;
  if (GLOB.test(spec)) files = await glob(path);
  else {
    let s = await stat(path).catch(() => {
    });
    if (!s)
      throw new InputError(
        "manifest",
        spec,
        `${path} does not exist; run go-build first, or give the manifest's path, a folder of downloaded artifacts or a glob`
      );
    files = s.isDirectory() ? await manifestsUnder(path) : [path];
  }
  if (files.length === 0)
    throw new InputError(
      "manifest",
      spec,
      `no ${MANIFEST_FILE} found there; give go-build's manifest, a folder holding them or a glob such as artifacts/*/${MANIFEST_FILE}`
    );
  return files;
}
function epochOf(date) {
  let ms = Date.parse(date);
  return Number.isFinite(ms) ? Math.floor(ms / 1e3) : 0;
}
function sbomPaths(a) {
  let sbom = a.sbom, out = {};
  for (let format of ["spdx", "cyclonedx"]) typeof sbom?.[format] == "string" && (out[format] = sbom[format]);
  return out;
}
function resolveArtifact(manifest, a) {
  let sbom = Object.fromEntries(Object.entries(sbomPaths(a)).map(([f, p]) => [f, resolveInManifest(manifest, p)]));
  return { ...a, path: resolveInManifest(manifest, a.path), ...Object.keys(sbom).length > 0 ? { sbom } : {} };
}
async function readSboms(b) {
  let files = [];
  for (let [format, path] of Object.entries(sbomPaths(b.artifact))) {
    let bytes = await readFile2(path).catch(() => {
      throw new GantryError(
        `the ${b.artifact.target} ${format} SBOM ${path} named in the manifest cannot be read; download it with the binary, or set sbom-attach: false`
      );
    });
    files.push({ format, path, bytes });
  }
  return files;
}
async function loadBuildSet(files, cwd) {
  let first, firstPath = "", byTarget = /* @__PURE__ */ new Map(), others = /* @__PURE__ */ new Set();
  for (let file of files) {
    let m2 = await readManifest(file);
    if (!first)
      first = m2, firstPath = file;
    else
      for (let key of ["project", "version", "commit"])
        if (m2[key] !== first[key])
          throw new GantryError(
            `manifests ${relative(cwd, firstPath)} and ${relative(cwd, file)} are from different builds (${key} ${JSON.stringify(first[key])} vs ${JSON.stringify(m2[key])}); merge only the matrix jobs of one build`
          );
    for (let a of m2.artifacts) {
      if (a.os !== "linux") {
        others.add(a.target);
        continue;
      }
      let seen = byTarget.get(a.target);
      if (seen && seen.a.sha256 !== a.sha256)
        throw new GantryError(
          `${a.target} is in ${relative(cwd, seen.manifest)} and ${relative(cwd, file)} with different binaries (sha256 ${seen.a.sha256.slice(0, 12)} vs ${a.sha256.slice(0, 12)})`
        );
      seen || byTarget.set(a.target, { a: resolveArtifact(file, a), manifest: file, go: typeof m2.go == "string" ? m2.go : "" });
    }
  }
  let m = first, binaries = [];
  for (let { a, go } of byTarget.values())
    binaries.push({ artifact: a, path: a.path, platform: platformOfTarget({ os: a.os, arch: a.arch, variant: a.variant ?? "" }, go) });
  return binaries.sort((x, y) => formatPlatform(x.platform) < formatPlatform(y.platform) ? -1 : 1), {
    project: m.project,
    version: m.version,
    commit: m.commit,
    date: m.date,
    epoch: epochOf(m.date),
    binaries,
    others: [...others].sort(),
    manifests: [...files]
  };
}
function checkDigest(b, sha2562) {
  if (sha2562 !== b.artifact.sha256)
    throw new GantryError(
      `${b.path} does not match the manifest (sha256 ${sha2562.slice(0, 12)}, manifest says ${b.artifact.sha256.slice(0, 12)}): it changed after go-build; rebuild`
    );
}
function unreadable(b) {
  return new GantryError(
    `the ${b.artifact.target} binary ${b.path} named in the manifest cannot be read; download every build artifact next to its artifacts.json`
  );
}
function notLinux(target, inManifest) {
  return `${target} ${inManifest ? "is in the manifest but " : ""}is not a Linux target; images hold linux/* binaries`;
}
async function selectBinaries(set, wanted) {
  let have = set.binaries.map((b) => formatPlatform(b.platform));
  if (set.binaries.length === 0) {
    let targets = set.others.length > 0 ? `only ${set.others.join(", ")}` : "no artifacts";
    throw new GantryError(`${set.manifests.join(", ")} has no Linux binaries (${targets}); add linux targets to go-build's targets`);
  }
  let chosen = wanted.length === 0 ? set.binaries : wanted.map((p) => {
    let b = set.binaries.find((x) => samePlatform(x.platform, p));
    if (b) return b;
    let asked = formatPlatform(p);
    throw p.os !== "linux" ? new InputError("platforms", asked, `${notLinux(asked, set.others.includes(asked))} (the manifest's Linux ones: ${have.join(", ")})`) : new InputError("platforms", asked, `it is not in the manifest, which has ${have.join(", ")}`);
  });
  return Promise.all(
    chosen.map(async (b) => {
      let { sha256: digest, size } = await digestFile(b.path).catch(() => {
        throw unreadable(b);
      });
      return checkDigest(b, digest), { ...b, size, read: async () => {
        let data = await readWholeFile(b.path).catch(() => {
          throw unreadable(b);
        });
        return checkDigest(b, sha256(data)), data;
      } };
    })
  );
}

// packages/image/src/cache.ts
import { createHash as createHash3 } from "node:crypto";
import { mkdir, readdir as readdir2, rm, stat as stat2, utimes } from "node:fs/promises";
import { join as join3 } from "node:path";
var MAX_ENTRIES = 64, FIELDS = /^([0-9a-f]{64})\.([0-9a-f]{64})\.(\d{1,15})\.(\d{1,15})$/, LAYER_CACHE_VERIFY_ENV = "GANTRY_LAYER_CACHE_VERIFY";
function parseName(rest) {
  let m = FIELDS.exec(rest);
  return m ? { digest: `sha256:${m[1]}`, diffId: `sha256:${m[2]}`, uncompressedSize: Number(m[3]), size: Number(m[4]) } : void 0;
}
async function readChecked(file, size, digest) {
  let gz = await readWholeFile(file).catch((err) => {
    throw new GantryError(`layer cache entry ${file} cannot be read (${err.message}); run again, and it is made anew`);
  }), actual = `sha256:${createHash3("sha256").update(gz).digest("hex")}`;
  if (gz.length === size && actual === digest) return gz;
  throw await rm(file, { force: !0 }), new GantryError(
    `layer cache entry ${file} holds ${gz.length} bytes of ${actual}, not the ${size} of ${digest} its name gives; it was removed, run again and the layer is made anew`
  );
}
async function openEntry(file, rest, verify) {
  let named = parseName(rest);
  if (named)
    try {
      if (verify) await readChecked(file, named.size, named.digest);
      else if ((await stat2(file)).size !== named.size) {
        await rm(file, { force: !0 });
        return;
      }
      let now = /* @__PURE__ */ new Date();
      return await utimes(file, now, now).catch(() => {
      }), { ...named, file, read: () => readChecked(file, named.size, named.digest) };
    } catch {
      return;
    }
}
async function prune(dir) {
  let names = await readdir2(dir);
  if (names.length <= MAX_ENTRIES) return;
  let aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat2(join3(dir, n)).catch(() => {
  }))?.mtimeMs ?? 0 })));
  aged.sort((a, b) => a.t - b.t);
  for (let { n } of aged.slice(0, names.length - MAX_ENTRIES)) await rm(join3(dir, n), { force: !0 });
}
function verifySetting(env) {
  let setting = env[LAYER_CACHE_VERIFY_ENV]?.trim().toLowerCase() ?? "";
  if (setting === "" || setting === "0" || setting === "false") return !1;
  if (setting === "1" || setting === "true") return !0;
  throw new InputError(LAYER_CACHE_VERIFY_ENV, env[LAYER_CACHE_VERIFY_ENV] ?? "", "1 or true (hash every cached layer when it is used), 0 or false");
}
function diskLayerCache(env) {
  let setting = env.GANTRY_LAYER_CACHE?.trim();
  if (setting === "off") return;
  let dir = setting || join3(gantryCacheDir(env), "layers"), verify = verifySetting(env), prefix = (key) => `${key}.${COMPRESSOR}.`;
  return {
    async get(key) {
      let rest = (await readdir2(dir).catch(() => [])).find((n) => n.startsWith(prefix(key)) && parseName(n.slice(prefix(key).length)))?.slice(prefix(key).length);
      return rest === void 0 ? void 0 : openEntry(join3(dir, `${prefix(key)}${rest}`), rest, verify);
    },
    async put(key, { gz, digest, diffId, uncompressedSize }) {
      try {
        await mkdir(dir, { recursive: !0 });
        let hex = (d) => d.replace("sha256:", "");
        await writeFileAtomic(join3(dir, `${prefix(key)}${hex(digest)}.${hex(diffId)}.${uncompressedSize}.${gz.length}`), gz), await prune(dir);
      } catch {
      }
    }
  };
}

// packages/image/src/docker.ts
import { mkdir as mkdir2, mkdtemp, readFile as readFile3, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join4 } from "node:path";
async function dockerServer(env) {
  if (!await which("docker", env)) return { problem: "the docker CLI is not installed (no docker on PATH; Debian and Ubuntu: apt-get install docker.io)" };
  let r = await exec("docker", ["version", "--format", "{{.Server.Version}}"], { env, allowFailure: !0, timeoutMs: 15e3 }).catch(() => {
  }), v = r?.stdout.trim();
  return r?.code === 0 && v ? { version: v } : { problem: `no Docker daemon answers the docker CLI (DOCKER_HOST=${env.DOCKER_HOST ?? "unset"}; docker version failed)` };
}
async function dockerLoad(file, env) {
  return [...(await exec("docker", ["load", "--input", file], { env, timeoutMs: 3e5 })).stdout.matchAll(/^Loaded image(?: ID)?: (\S+)$/gm)].map((m) => m[1]);
}
async function readTar(bytes) {
  let files = /* @__PURE__ */ new Map(), { extract } = commonJsExports(await import("./tar-stream-3EDDGGEL.js")), ex = extract(), done = new Promise((res, rej) => {
    ex.on("entry", (header, stream, next) => {
      let chunks = [];
      stream.on("data", (c) => chunks.push(c)), stream.on("end", () => {
        header.type === "file" && files.set(header.name.replace(/^\.\//, ""), Buffer.concat(chunks)), next();
      }), stream.resume();
    }), ex.on("finish", res), ex.on("error", rej);
  });
  return ex.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), await done, files;
}
var MIN_MASKED = 4;
function dockerBuildCommand(o, iidfile) {
  let args = ["build", "--iidfile", iidfile, "--file", o.dockerfile];
  for (let k of Object.keys(o.buildArgs)) args.push("--build-arg", k);
  for (let [k, v] of Object.entries(o.labels)) args.push("--label", `${k}=${v}`);
  return o.target && args.push("--target", o.target), args.push("--", o.context), { args, extraEnv: { ...o.buildArgs } };
}
async function dockerBuild(o) {
  let server = await dockerServer(o.env);
  if ("problem" in server)
    throw new GantryError(`engine: docker needs the docker CLI and a daemon, and ${server.problem}; use engine: oci, which needs neither`);
  let parent = o.env.RUNNER_TEMP || tmpdir();
  await mkdir2(parent, { recursive: !0 });
  let tmp = await mkdtemp(join4(parent, "gantry-docker-"));
  try {
    let iid = join4(tmp, "iid"), { args, extraEnv } = dockerBuildCommand(o, iid);
    for (let v of Object.values(o.buildArgs)) v.length >= MIN_MASKED && o.reporter.mask(v);
    try {
      await exec("docker", args, {
        env: o.env,
        extraEnv,
        timeoutMs: 36e5,
        onStdoutLine: (l) => o.reporter.info(l),
        onStderrLine: (l) => o.reporter.info(l)
      });
    } catch (err) {
      throw err instanceof ExecError ? new GantryError(`docker build of ${o.dockerfile} failed (exit ${err.code}):
${lastLines(err.result.stdout + err.result.stderr, 15)}`) : err;
    }
    let id = (await readFile3(iid, "utf8")).trim(), saved = join4(tmp, "image.tar");
    await exec("docker", ["save", "--output", saved, "--", id], { env: o.env, timeoutMs: 6e5 });
    let files = await readTar(await readFile3(saved)), entry = JSON.parse(files.get("manifest.json")?.toString("utf8") ?? "[]")[0], configBytes = entry && files.get(entry.Config);
    if (!entry || !configBytes) throw new GantryError(`docker save of ${id} has no manifest.json entry or config gantry can read`);
    let config = JSON.parse(configBytes.toString("utf8")), tars = entry.Layers.map((path) => {
      let tar = files.get(path);
      if (!tar) throw new GantryError(`docker save of ${id} lacks its layer ${path}`);
      return { tar, role: "dockerfile" };
    }), layers = await layersFromTars(tars, o.layers);
    for (let [i, layer] of layers.entries())
      if (layer.diffId !== config.rootfs.diff_ids[i])
        throw new GantryError(`docker save of ${id}: layer ${entry.Layers[i]} is ${layer.diffId}, the config says ${config.rootfs.diff_ids[i]}`);
    let configBlob = { descriptor: { mediaType: MediaType.config, digest: digestOf(configBytes), size: configBytes.length }, bytes: configBytes }, manifest = {
      schemaVersion: 2,
      mediaType: MediaType.manifest,
      config: configBlob.descriptor,
      layers: layers.map((l) => l.blob.descriptor),
      ...Object.keys(o.annotations).length > 0 ? { annotations: o.annotations } : {}
    };
    return { image: { platform: { architecture: config.architecture, os: config.os, ...config.variant ? { variant: config.variant } : {} }, manifest: jsonBlob(MediaType.manifest, manifest), config: configBlob, layers }, id };
  } finally {
    await rm2(tmp, { recursive: !0, force: !0 });
  }
}
async function dockerTag(id, names, env) {
  for (let n of names) {
    if (n.startsWith("-") || id.startsWith("-")) throw new GantryError(`docker tag ${id} ${n}: a reference cannot begin with "-"`);
    await exec("docker", ["tag", "--", id, n], { env, timeoutMs: 6e4 });
  }
}

// packages/image/src/image.ts
import { readFile as readFile4, readdir as readdir4, rm as rm4, stat as stat4 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join6, resolve as resolve3 } from "node:path";

// packages/image/src/inputs.ts
import { isAbsolute as isAbsolute2, posix, resolve as resolve2 } from "node:path";
var IMAGE_INPUTS = {
  manifest: "dist/artifacts.json",
  platforms: "",
  repository: "",
  tags: "",
  base: "scratch",
  "ca-certificates": "true",
  user: "65532:65532",
  entrypoint: "",
  cmd: "",
  env: "",
  ports: "",
  workdir: "",
  labels: "",
  annotations: "",
  files: "",
  push: "false",
  "sbom-attach": "true",
  "oci-layout": "",
  "docker-archive": "",
  provenance: "true",
  "load-platform": "",
  load: "false",
  username: "",
  password: "",
  insecure: "false",
  force: "false",
  "auth-force": "false",
  engine: "oci",
  dockerfile: "Dockerfile",
  context: ".",
  "build-args": "",
  target: ""
}, DOCKER_CLIENT_ENV = /^(PATH|HOME|TMPDIR|DOCKER_.*|BUILDX_.*|LD_.*|SSL_CERT_.*|XDG_.*|GODEBUG|GOGC|GOMAXPROCS|GOMEMLIMIT|GOTRACEBACK)$/i, KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
function pairs(read, name) {
  let out = {};
  for (let line of read.lines(name)) {
    let eq = line.indexOf("="), key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!KEY.test(key)) throw new InputError(name, line, "accepted: one key=value per line, e.g. org.opencontainers.image.title=api");
    out[key] = line.slice(eq + 1).trim();
  }
  return out;
}
function parseArgv(text, name) {
  if (text !== "") {
    if (text.startsWith("[")) {
      let v;
      try {
        v = JSON.parse(text);
      } catch {
        v = void 0;
      }
      if (!Array.isArray(v) || !v.every((s) => typeof s == "string"))
        throw new InputError(name, text, 'accepted: a JSON array of strings, e.g. ["/app", "serve"], or words separated by spaces');
      return v;
    }
    return text.split(/\s+/).filter(Boolean);
  }
}
function parsePort(text) {
  let m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) throw new InputError("ports", text, "accepted: port[/tcp|udp|sctp] from 1 to 65535, e.g. 8080/tcp");
  return `${Number(m[1])}/${m[2] ?? "tcp"}`;
}
function parseFileSpec(line, abs) {
  let accepted = "accepted: src:dest[:mode] per line, dest an absolute path in the image, mode octal, e.g. config/app.yaml:/etc/app/app.yaml:0644", parts = line.split(":"), mode;
  if (parts.length >= 3 && /^0?[0-7]{3,4}$/.test(parts[parts.length - 1]) && (mode = Number.parseInt(parts.pop(), 8)), parts.length < 2) throw new InputError("files", line, accepted);
  let dest = parts.pop(), source = parts.join(":");
  if (!source || !dest.startsWith("/")) throw new InputError("files", line, accepted);
  let normal = posix.normalize(dest).replace(/^\/+/, "").replace(/\/+$/, "");
  if (normal === "" || normal.split("/").includes("..")) throw new InputError("files", line, `the destination must name a path below /; ${accepted}`);
  return { source: abs(source), dest: normal, ...mode === void 0 ? {} : { mode } };
}
function parseImageInputs(read, cwd) {
  let abs = (p) => isAbsolute2(p) ? p : resolve2(cwd, p), absOrEmpty = (name) => read.string(name) ? abs(read.string(name)) : "", platforms = read.list("platforms", "platforms").map((p) => {
    let parsed = parsePlatform(p);
    if (!parsed) throw new InputError("platforms", p, "accepted: os/arch[/variant] separated by commas, e.g. linux/amd64,linux/arm64");
    return parsed;
  }), repoText = read.string("repository"), repository = repoText ? parseReference(repoText, "repository", { tag: !1, digest: !1 }) : void 0, tags = read.list("tags", "tags");
  for (let t of tags)
    if (!TAG.test(t)) throw new InputError("tags", t, "accepted: tags of letters, digits, _ . - (up to 128, not starting with . or -), separated by commas");
  let baseText = read.string("base") || "scratch", base = baseText === "scratch" ? "scratch" : parseReference(baseText, "base", { tag: !0, digest: !0 }), user = read.string("user");
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user))
    throw new InputError("user", user, "accepted: uid[:gid] or name[:group], e.g. 65532:65532");
  if (base === "scratch" && !/^(\d+|root|nonroot)(:(\d+|root|nonroot))?$/.test(user))
    throw new InputError(
      "user",
      user,
      "a scratch image has no user names but root and nonroot: give uid[:gid], e.g. 65532:65532, or use a base image that has the user"
    );
  let workdir = read.string("workdir");
  if (workdir && !workdir.startsWith("/")) throw new InputError("workdir", workdir, "accepted: an absolute path in the image, e.g. /app");
  let push = read.bool("push");
  if (push && !repository) throw new InputError("repository", "", "it is required when push is true; e.g. ghcr.io/acme/api");
  let insecure = read.bool("insecure"), force = read.bool("force");
  if (insecure && repository && !isLoopback(repository.registry) && !force)
    throw new InputError(
      "insecure",
      "true",
      `${repository.registry} is not on loopback (127.0.0.1, ::1, localhost): plain HTTP would send credentials and layers in the clear; set force: true to allow it anyway`
    );
  let username = read.string("username"), password = read.string("password");
  if (!!username != !!password)
    throw new InputError(username ? "password" : "username", "", "username and password are given together, or neither (then ~/.docker/config.json is used)");
  let loadPlatformText = read.string("load-platform"), loadPlatform = loadPlatformText ? parsePlatform(loadPlatformText) : void 0;
  if (loadPlatformText && !loadPlatform) throw new InputError("load-platform", loadPlatformText, "accepted: os/arch[/variant], e.g. linux/amd64");
  let buildArgs = read.keyValues("build-args");
  for (let k of Object.keys(buildArgs))
    if (DOCKER_CLIENT_ENV.test(k))
      throw new InputError(
        "build-args",
        k,
        "PATH, HOME, TMPDIR, DOCKER_*, BUILDX_*, LD_*, SSL_CERT_*, XDG_* and the Go runtime's GODEBUG, GOGC, GOMAXPROCS, GOMEMLIMIT, GOTRACEBACK set how the docker client itself runs; accepted: other KEY=value lines (HTTP_PROXY, HTTPS_PROXY, NO_PROXY are allowed)"
      );
  let target = read.string("target");
  if (target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(target))
    throw new InputError("target", target, "accepted: a stage name of the Dockerfile (letters, digits, _ . -)");
  return {
    manifest: read.string("manifest") || IMAGE_INPUTS.manifest,
    cwd,
    platforms,
    ...repository ? { repository } : {},
    tags,
    base,
    caCertificates: read.bool("ca-certificates"),
    user,
    entrypoint: parseArgv(read.string("entrypoint"), "entrypoint"),
    cmd: parseArgv(read.string("cmd"), "cmd"),
    env: read.keyValues("env"),
    ports: read.list("ports", "ports").map(parsePort),
    workdir,
    labels: pairs(read, "labels"),
    annotations: pairs(read, "annotations"),
    files: read.lines("files").map((l) => parseFileSpec(l, abs)),
    push,
    sbomAttach: read.bool("sbom-attach"),
    ociLayout: absOrEmpty("oci-layout"),
    dockerArchive: absOrEmpty("docker-archive"),
    provenance: read.bool("provenance"),
    ...loadPlatform ? { loadPlatform } : {},
    load: read.bool("load"),
    username,
    password,
    insecure,
    force,
    authForce: read.bool("auth-force"),
    engine: read.choice("engine", ["oci", "docker"]),
    dockerfile: abs(read.string("dockerfile") || "Dockerfile"),
    context: abs(read.string("context") || "."),
    buildArgs,
    target
  };
}
function usesHttp(inputs, registry) {
  return inputs.insecure && (isLoopback(registry) || inputs.force);
}

// packages/image/src/layout.ts
import { link, mkdir as mkdir3, readdir as readdir3, rename, rm as rm3, stat as stat3, writeFile } from "node:fs/promises";
import { basename as basename2, dirname, join as join5 } from "node:path";
var LAYOUT_FILE = JSON.stringify({ imageLayoutVersion: "1.0.0" });
function layoutIndex(target, tags, referrers = []) {
  let named = tags.length === 0 ? [target] : tags.map((t) => ({ ...target, annotations: { "org.opencontainers.image.ref.name": t } })), index = { schemaVersion: 2, mediaType: MediaType.index, manifests: [...named, ...referrers] };
  return JSON.stringify(index);
}
async function writeBlob(target, blob) {
  if (blob.bytes === void 0)
    try {
      if (await link(blob.file, target), (await stat3(target)).size === blob.descriptor.size) return;
      await rm3(target, { force: !0 });
    } catch {
    }
  await writeFile(target, await blobBytes(blob));
}
async function writeOciLayout(dir, image, tags, referrers = []) {
  let s = await stat3(dir).catch(() => {
  });
  if (s) {
    let names = s.isDirectory() ? await readdir3(dir) : ["(a file)"];
    if (names.length > 0 && !names.includes("oci-layout"))
      throw new GantryError(`oci-layout: ${dir} exists and is not an OCI layout (it holds ${names.slice(0, 3).join(", ")}); give a new or empty folder`);
  }
  await mkdir3(dirname(dir), { recursive: !0 });
  let staging = join5(dirname(dir), `.${basename2(dir)}.gantry-${process.pid}-${Date.now()}`);
  try {
    await mkdir3(join5(staging, "blobs", "sha256"), { recursive: !0 });
    let blobs = new Map(image.blobs);
    for (let r of referrers) for (let b of [r.manifest, ...r.blobs]) blobs.set(b.descriptor.digest, b);
    for (let [digest, blob] of blobs) await writeBlob(join5(staging, "blobs", "sha256", digest.slice(7)), blob);
    await writeFile(join5(staging, "oci-layout"), LAYOUT_FILE), await writeFile(join5(staging, "index.json"), layoutIndex(image.index.descriptor, tags, referrers.map(referrerDescriptor)));
    let old = `${staging}.old`;
    s && await rename(dir, old), await rename(staging, dir), s && await rm3(old, { recursive: !0, force: !0 });
  } catch (err) {
    throw await rm3(staging, { recursive: !0, force: !0 }), err;
  }
}
async function dockerArchive(image, repoTags, epoch) {
  let blobPath = (d) => `blobs/sha256/${d.digest.slice(7)}`, files = /* @__PURE__ */ new Map();
  for (let l of image.layers) files.set(blobPath(l.blob.descriptor), await blobBytes(l.blob));
  files.set(blobPath(image.config.descriptor), image.config.bytes), files.set(blobPath(image.manifest.descriptor), image.manifest.bytes), files.set("oci-layout", Buffer.from(LAYOUT_FILE)), files.set("index.json", Buffer.from(layoutIndex({ ...image.manifest.descriptor, platform: image.platform }, [])));
  let manifest = [{ Config: blobPath(image.config.descriptor), RepoTags: [...repoTags], Layers: image.layers.map((l) => blobPath(l.blob.descriptor)) }];
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  let { pack } = commonJsExports(await import("./tar-stream-3EDDGGEL.js")), tar = pack(), chunks = [];
  tar.on("data", (c) => chunks.push(c));
  let done = new Promise((res, rej) => {
    tar.on("end", res), tar.on("error", rej);
  }), header = { mtime: new Date(epoch * 1e3), uid: 0, gid: 0, uname: "", gname: "" };
  for (let d of ["blobs/", "blobs/sha256/"]) tar.entry({ ...header, name: d, type: "directory", mode: 493 });
  for (let name of [...files.keys()].sort()) {
    let data = files.get(name);
    tar.entry({ ...header, name, type: "file", mode: 420, size: data.length }, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  return tar.finalize(), await done, Buffer.concat(chunks);
}
async function writeDockerArchive(file, image, repoTags, epoch) {
  if (await exists(file) && (await stat3(file)).isDirectory())
    throw new GantryError(`docker-archive: ${file} is a folder; give a file path such as dist/image.tar`);
  let bytes = await dockerArchive(image, repoTags, epoch);
  return await writeFileAtomic(file, bytes), bytes.length;
}

// packages/image/src/pull.ts
var INDEX_TYPES = [MediaType.index, MediaType.dockerList];
function parseJson(bytes, what) {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    throw new GantryError(`${what} is not valid JSON`);
  }
}
async function pullBase(ref, platforms, client2) {
  let name = formatReference(ref), top = await client2.getManifest(ref.digest ?? ref.tag ?? "latest"), isIndex = INDEX_TYPES.includes(top.mediaType) || Array.isArray(parseJson(top.bytes, name).manifests), blobs = /* @__PURE__ */ new Map(), blob = (d) => {
    let key = `${d.digest} ${d.size}`;
    return blobs.has(key) || blobs.set(key, client2.getBlob(d)), blobs.get(key);
  }, parts = [];
  for (let platform of platforms) {
    let manifestBytes = top.bytes;
    if (isIndex) {
      let index = parseJson(top.bytes, name), entry = index.manifests.find((m) => m.platform && samePlatform(m.platform, platform));
      if (!entry) {
        let has = index.manifests.filter((m) => m.platform).map((m) => formatPlatform(m.platform));
        throw new GantryError(
          `base image ${name} has no ${formatPlatform(platform)} (it has ${has.join(", ") || "no platforms"}); pick a multi-arch base or narrow platforms`
        );
      }
      if (manifestBytes = (await client2.getManifest(entry.digest)).bytes, manifestBytes.length !== entry.size)
        throw new GantryError(`base image ${name}: manifest ${entry.digest} is ${manifestBytes.length} bytes, the index says ${entry.size}`);
    }
    let manifest = parseJson(manifestBytes, `${name} (${formatPlatform(platform)})`);
    if (!manifest.config?.digest || !Array.isArray(manifest.layers))
      throw new GantryError(`base image ${name} has a manifest gantry cannot read (no config or layers)`);
    let config = parseJson(await blob(manifest.config), `the config of ${name}`), own = { os: config.os, architecture: config.architecture, ...config.variant ? { variant: config.variant } : {} };
    if (!samePlatform(own, platform))
      throw new GantryError(`base image ${name} is ${formatPlatform(own)} only, not ${formatPlatform(platform)}; pick a multi-arch base or narrow platforms`);
    let diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== manifest.layers.length)
      throw new GantryError(`base image ${name}: its config lists ${diffIds.length} diff_ids for ${manifest.layers.length} layers`);
    let layers = await Promise.all(
      manifest.layers.map(async (d, i) => ({
        blob: { descriptor: { mediaType: d.mediaType === MediaType.dockerLayerGzip ? MediaType.layerGzip : d.mediaType, digest: d.digest, size: d.size }, bytes: await blob(d) },
        diffId: diffIds[i],
        uncompressedSize: 0,
        role: "base"
      }))
    );
    parts.push({ platform, config, layers });
  }
  return { ref, digest: top.digest, parts };
}

// packages/image/src/transfer.ts
import { createHash as createHash4 } from "node:crypto";
import { constants } from "node:buffer";
async function readBlob(res, d, what) {
  if (!d.digest.startsWith("sha256:")) throw new GantryError(`${what}: digest ${d.digest} uses an algorithm gantry does not verify (only sha256)`);
  if (!Number.isSafeInteger(d.size) || d.size < 0 || d.size > constants.MAX_LENGTH)
    throw new GantryError(`${what}: its descriptor's size ${d.size} is not a size gantry can hold (0 to ${constants.MAX_LENGTH} bytes)`);
  let declared = res.headers.get("content-length");
  if (declared !== null && Number(declared) !== d.size)
    throw new GantryError(`${what}: the registry announces ${declared} bytes, the descriptor says ${d.size}; refusing to use it`);
  let out = Buffer.allocUnsafe(d.size), hash = createHash4("sha256"), received = 0;
  for await (let chunk of res.body ?? []) {
    if (received + chunk.length > d.size) throw new GantryError(`${what}: the registry sent more than the descriptor's ${d.size} bytes; refusing to use it`);
    out.set(chunk, received), hash.update(chunk), received += chunk.length;
  }
  if (received !== d.size) throw new GantryError(`${what}: the registry sent ${received} of the descriptor's ${d.size} bytes; refusing to use it`);
  let actual = `sha256:${hash.digest("hex")}`;
  if (actual !== d.digest) throw new GantryError(`${what}: content has digest ${actual}, expected ${d.digest}; refusing to use it`);
  return out;
}
function uploadUrl(location, base, what) {
  let origin = new URL(base), url;
  try {
    url = new URL(location, origin);
  } catch {
    throw new GantryError(`${what} with a Location that is not a URL`);
  }
  if (url.origin !== origin.origin) {
    let how = url.protocol !== origin.protocol ? `over ${url.protocol === "http:" ? "plain HTTP" : url.protocol}` : "on another origin";
    throw new GantryError(`${what} at ${redactUrl(url)}, ${how} than ${origin.origin}; refusing to send the blob there`);
  }
  return url.toString();
}

// packages/image/src/registry.ts
var sleep = (ms) => new Promise((r) => setTimeout(r, ms)), MAX_MANIFEST = 4 * 1024 * 1024, MAX_REDIRECTS = 5, RegistryClient = class {
  constructor(registry, repository, options) {
    this.registry = registry;
    this.repository = repository;
    this.options = options;
    this.base = `${options.http ? "http" : "https"}://${apiHost(registry)}`, this.origin = new URL(this.base).origin, this.timeoutMs = options.timeoutMs ?? 6e4, this.scope = `repository:${repository}:${options.actions}`;
  }
  registry;
  repository;
  options;
  authorization;
  /** The first challenge is answered once, even when four uploads start at the same moment. */
  firstAuth;
  base;
  origin;
  timeoutMs;
  /** The token service the credentials were withheld from, for the hint when access is then denied. */
  withheldFrom;
  scope;
  /** Counters for the summary and the metadata output. */
  stats = { uploaded: 0, skipped: 0, mounted: 0, uploadedBytes: 0 };
  /** One HTTP request with retries on connection errors, 5xx and 429; a timeout is not retried. */
  async send(method, url, init = {}) {
    let delays = this.options.retryDelaysMs ?? [500, 1e3, 2e3], started = performance.now(), lastError = "";
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      attempt > 0 && await sleep(delays[attempt - 1]);
      try {
        let res = await this.follow(method, new URL(url), init);
        if (res.status < 500 && res.status !== 429) return res;
        lastError = `HTTP ${res.status} ${await readErrorBody(res, 300)}`.trim();
      } catch (err) {
        if (err instanceof GantryError) throw new GantryError(`registry ${this.registry}: ${err.message}`);
        let cause = err.cause;
        lastError = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ""}` : err.message;
      }
      attempt < delays.length && this.options.reporter.info(`registry ${this.registry}: ${method} failed (${lastError}); retrying in ${formatDuration(delays[attempt])}`);
    }
    throw new GantryError(
      `registry ${this.registry} did not answer ${method} ${new URL(url).pathname} (${lastError}) after ${delays.length + 1} attempts over ${formatDuration(performance.now() - started)}; is it up${this.options.http ? "" : ", and does it speak HTTPS (set insecure for a plain-HTTP registry on loopback)"}?`
    );
  }
  /**
   * Follows redirects itself: the Authorization header goes only to the registry's own origin
   * (a blob redirect to a CDN gets none), and an HTTPS request is never redirected to plain HTTP.
   */
  async follow(method, start, init) {
    let target = start;
    for (let hop = 0; ; hop++) {
      let headers = { "User-Agent": "gantry-image", ...init.headers };
      this.authorization && target.origin === this.origin && (headers.Authorization = this.authorization);
      let res = await fetchWithTimeout(target, { method, headers, ...init.body ? { body: init.body } : {} }, this.timeoutMs), location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
      if (!location) return res;
      await discardBody(res);
      let next = new URL(location, target);
      if (target.protocol === "https:" && next.protocol !== "https:")
        throw new GantryError(`${method} ${redactUrl(target)} was redirected to plain HTTP (${redactUrl(next)}); refusing to follow it`);
      if (hop >= MAX_REDIRECTS) throw new GantryError(`${method} ${redactUrl(start)} was redirected more than ${MAX_REDIRECTS} times`);
      target = next;
    }
  }
  /** Answers the registry's challenge from `GET /v2/` once: Basic, or a Bearer token for this repository's scope. */
  async authenticate(challenge) {
    let c = challenge;
    if (!c) {
      let res = await this.send("GET", `${this.base}/v2/`);
      if (await discardBody(res), res.status !== 401) return;
      if (c = parseChallenge(res.headers.get("www-authenticate")), !c) throw new GantryError(`registry ${this.registry} answered 401 without a WWW-Authenticate challenge gantry understands`);
    }
    let creds = this.options.credentials;
    if (c.scheme === "basic") {
      if (!creds) throw this.unauthorized("it asks for a username and password (Basic) and none were given");
      this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
      let check = await this.send("GET", `${this.base}/v2/`);
      if (await discardBody(check), check.status === 401) throw this.unauthorized(`it refused the credentials from ${creds.source} (HTTP 401)`);
      return;
    }
    let scopes = [this.scope, ...this.options.mountFrom ? [`repository:${this.options.mountFrom}:pull`] : []], o = this.options, r = await bearerAuthorization({ registry: this.registry, base: new URL(this.base), challenge: c, scopes, timeoutMs: this.timeoutMs, ...o });
    if (r.withheldFrom && (this.withheldFrom = r.withheldFrom), r.denied) throw this.unauthorized(r.denied);
    this.authorization = r.authorization;
  }
  unauthorized(why) {
    let creds = this.options.credentials, hint = this.withheldFrom ? `the credentials from ${creds?.source} were not sent to its token service ${this.withheldFrom} (another origin, or plain HTTP); set auth-force: true if you trust it` : creds ? `check the credentials from ${creds.source} and that they may ${this.options.actions.replace(",", " and ")} ${this.repository}` : "set username and password, or log in (docker/login-action) first";
    return new GantryError(`registry ${this.registry} denied access to scope ${this.scope}: ${why}; ${hint}`);
  }
  /** A request with auth: authenticates first, and once more on a 401 (an expired or narrower token). */
  async request(method, path, init = {}) {
    this.firstAuth ??= this.authenticate(), await this.firstAuth;
    let url = path.startsWith("http") ? path : `${this.base}${path}`, res = await this.send(method, url, init);
    if (res.status === 401) {
      await discardBody(res);
      let hadAuth = !!this.authorization, c = parseChallenge(res.headers.get("www-authenticate"));
      if (!c || hadAuth && c.scheme === "basic") throw this.unauthorized(`HTTP 401 on ${method} ${new URL(url).pathname}`);
      if (await this.authenticate(c), res = await this.send(method, url, init), res.status === 401) throw this.unauthorized(`HTTP 401 on ${method} ${new URL(url).pathname}`);
    }
    if (res.status === 403)
      throw await discardBody(res), this.unauthorized(`HTTP 403 on ${method} ${new URL(url).pathname}`);
    return res;
  }
  /** An unexpected answer: its status and at most a few hundred bytes of its body, as safe text. */
  async fail(res, what) {
    let text = await readErrorBody(res, 500);
    throw new GantryError(`registry ${this.registry}: ${what} failed with HTTP ${res.status}${text ? `: ${text}` : ""}`);
  }
  /** HEAD first: true when the registry already has the blob. */
  async hasBlob(digest) {
    let res = await this.request("HEAD", `/v2/${this.repository}/blobs/${digest}`);
    return res.status === 200 ? !0 : res.status === 404 ? !1 : this.fail(res, `HEAD blob ${digest}`);
  }
  /**
   * Uploads a blob unless the registry has it: POST an upload, then one PUT with `&digest=`.
   * With `mount`, asks first to mount it from the base's repository (distribution-spec
   * "Mounting a blob from another repository": 201 mounted, 202 an ordinary upload instead).
   */
  async pushBlob(blob, mount = !1) {
    let { digest, size } = blob.descriptor;
    if (await this.hasBlob(digest))
      return this.stats.skipped++, !1;
    let from = mount && this.options.mountFrom, query = from ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` : "", start = await this.request("POST", `/v2/${this.repository}/blobs/uploads/${query}`, { headers: { "Content-Length": "0" } });
    if (from && start.status === 201)
      return await discardBody(start), this.stats.mounted++, !1;
    if (start.status !== 202) return this.fail(start, `starting the upload of ${digest}`);
    await discardBody(start);
    let location = start.headers.get("location");
    if (!location) throw new GantryError(`registry ${this.registry} started an upload without a Location header`);
    let url = uploadUrl(location, this.base, `registry ${this.registry} started the upload of ${digest}`), put = await this.request("PUT", `${url}${url.includes("?") ? "&" : "?"}digest=${encodeURIComponent(digest)}`, {
      headers: { "Content-Type": "application/octet-stream", "Content-Length": String(size) },
      // A cached layer's file is read (and checked against its digest) only now that it must be sent.
      body: await blobBytes(blob)
    });
    return put.status !== 201 ? this.fail(put, `uploading ${digest} (${size} bytes)`) : (await discardBody(put), this.stats.uploaded++, this.stats.uploadedBytes += size, !0);
  }
  /**
   * PUT a manifest or index by digest or tag; checks the digest the registry computed. Returns
   * the `OCI-Subject` header, which a registry with the referrers API sets for a manifest with a subject.
   */
  async putManifest(reference, blob) {
    let res = await this.request("PUT", `/v2/${this.repository}/manifests/${reference}`, {
      headers: { "Content-Type": blob.descriptor.mediaType },
      body: blob.bytes
    });
    if (res.status !== 201 && res.status !== 200) return this.fail(res, `PUT manifest ${reference}`);
    await discardBody(res);
    let echoed = res.headers.get("docker-content-digest");
    if (echoed && echoed !== blob.descriptor.digest)
      throw new GantryError(`registry ${this.registry} stored ${reference} as ${echoed}, not ${blob.descriptor.digest}`);
    let ociSubject = res.headers.get("oci-subject");
    return ociSubject ? { ociSubject } : {};
  }
  /** GET a manifest or index (OCI and Docker types in Accept); verified when fetched by digest. */
  async getManifest(reference) {
    let found = await this.findManifest(reference);
    if (!found) throw new GantryError(`${this.registry}/${this.repository}:${reference} was not found in the registry`);
    return found;
  }
  /** Like getManifest, but undefined when the registry has no such manifest (404). */
  async findManifest(reference) {
    let res = await this.request("GET", `/v2/${this.repository}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) {
      await discardBody(res);
      return;
    }
    if (!res.ok) return this.fail(res, `GET manifest ${reference}`);
    let bytes = await this.readBody(res, () => readBodyLimited(res, MAX_MANIFEST, `manifest ${reference} of ${this.registry}/${this.repository}`)), digest = digestOf(bytes);
    reference.startsWith("sha256:") && verifyDigest(bytes, reference, `${this.registry}/${this.repository}@${reference}`);
    let mediaType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!mediaType || mediaType === "application/json")
      try {
        mediaType = JSON.parse(Buffer.from(bytes).toString("utf8")).mediaType ?? "";
      } catch {
      }
    return { mediaType, bytes, digest };
  }
  /**
   * GET a blob, streamed and checked as it arrives against its descriptor: more bytes than its
   * size fail at once, fewer or other bytes fail at the end, each naming the digest.
   */
  async getBlob(descriptor) {
    let { digest } = descriptor, res = await this.request("GET", `/v2/${this.repository}/blobs/${digest}`);
    return res.ok ? this.readBody(res, () => readBlob(res, descriptor, `blob ${digest} of ${this.registry}/${this.repository}`)) : this.fail(res, `GET blob ${digest}`);
  }
  /** Reads a body; a stalled one fails naming the registry. */
  async readBody(res, read) {
    try {
      return await read();
    } catch (err) {
      throw await discardBody(res), err instanceof HttpTimeoutError ? new GantryError(`registry ${this.registry}: ${err.message}`) : err;
    }
  }
};

// packages/image/src/image.ts
async function onDefaultBranch(env) {
  let ref = env.GITHUB_REF ?? "";
  if (!ref.startsWith("refs/heads/") || !env.GITHUB_EVENT_PATH) return !1;
  try {
    return JSON.parse(await readFile4(env.GITHUB_EVENT_PATH, "utf8")).repository?.default_branch === ref.slice(11);
  } catch {
    return !1;
  }
}
async function resolveTags(inputs, set, env) {
  if (inputs.tags.length > 0) return [...new Set(inputs.tags)];
  let tags = set ? [sanitizeTag(set.version)] : [];
  return await onDefaultBranch(env) && tags.push("latest"), [...new Set(tags)];
}
function defaultLabels(set, env) {
  let labels = {};
  env.GITHUB_REPOSITORY && (labels["org.opencontainers.image.source"] = `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}`);
  let revision = set?.commit && set.commit !== "none" ? set.commit : env.GITHUB_SHA;
  return revision && (labels["org.opencontainers.image.revision"] = revision), set && (labels["org.opencontainers.image.version"] = set.version, labels["org.opencontainers.image.created"] = set.date), labels;
}
async function credentialsFor(registry, inputs, ctx) {
  if (inputs.username && (!inputs.repository || inputs.repository.registry === registry))
    return { username: inputs.username, password: inputs.password, source: "the username and password inputs" };
  let found = await dockerConfigCredentials(registry, ctx.env);
  return found && ctx.reporter.mask(found.password), found;
}
async function client(ref, actions, inputs, ctx) {
  let base = inputs.base === "scratch" ? void 0 : inputs.base, mountFrom = actions === "pull,push" && base?.registry === ref.registry && base.repository !== ref.repository ? base.repository : void 0;
  return new RegistryClient(ref.registry, ref.repository, {
    http: usesHttp(inputs, ref.registry),
    authForce: inputs.authForce,
    credentials: await credentialsFor(ref.registry, inputs, ctx),
    actions,
    reporter: ctx.reporter,
    ...mountFrom ? { mountFrom } : {}
  });
}
async function extraEntries(inputs) {
  let entries = [], add = async (source, dest, mode, spec) => {
    let s = await stat4(source).catch(() => {
    });
    if (!s) throw new InputError("files", spec, `${source} does not exist`);
    if (s.isDirectory())
      for (let name of (await readdir4(source)).sort()) await add(join6(source, name), `${dest}/${name}`, mode, spec);
    else s.isFile() && entries.push({ path: dest, mode: mode ?? (s.mode & 73 ? 493 : 420), data: await readFile4(source) });
  };
  for (let f of inputs.files) await add(f.source, f.dest, f.mode, `${f.source}:/${f.dest}`);
  return entries;
}
function scratchLayer(inputs, epoch, ctx) {
  if (!inputs.caCertificates) return entriesSource(scratchEntries(inputs.user), epoch, "accounts");
  let ca = { path: CA_BUNDLE_PATH, mode: 420, sha256: CA_BUNDLE_SOURCE.sha256, size: CA_BUNDLE_SOURCE.bytes, read: readCaBundle };
  return ctx.reporter.info(`ca-certificates: ${CA_BUNDLE_SOURCE.name}, ${CA_BUNDLE_SOURCE.date}, ${CA_BUNDLE_SOURCE.certificates} roots`), lazySource([...scratchEntries(inputs.user), ca], epoch, "ca-certificates");
}
async function readCaBundle() {
  let bytes = Buffer.from((await import("./cabundle-KMZND2KG.js")).CA_BUNDLE_PEM);
  if (sha256(bytes) !== CA_BUNDLE_SOURCE.sha256)
    throw new GantryError("gantry's CA bundle does not have the sha256 cabundle-source.ts gives; this gantry build is broken");
  return bytes;
}
async function sbomReferrers(images, binaries, created) {
  let out = [];
  for (let [i, b] of binaries.entries()) for (let sbom of await readSboms(b)) out.push(sbomReferrer(images[i], sbom, created));
  return out;
}
async function ociImages(inputs, set, labels, ctx, layerOptions) {
  let binaries = await selectBinaries(set, inputs.platforms);
  if (inputs.platforms.length === 0) for (let t of set.others) ctx.reporter.info(`${notLinux(t, !0)}: left out`);
  let platforms = binaries.map((b) => b.platform), shared = [], base;
  inputs.base === "scratch" ? shared.push(scratchLayer(inputs, set.epoch, ctx)) : (ctx.reporter.info(`pulling base ${formatReference(inputs.base)} for ${platforms.map(formatPlatform).join(", ")}`), base = await pullBase(inputs.base, platforms, await client(inputs.base, "pull", inputs, ctx)), inputs.base.digest || ctx.reporter.notice(`base ${formatReference(inputs.base)} is not pinned by digest; pin it (@${base.digest}) for reproducible images`));
  let files = await extraEntries(inputs);
  files.length > 0 && shared.push(entriesSource(files, set.epoch, "files"));
  let name = binaries[0]?.artifact.name || set.project, binaryLayers = binaries.map((b) => binarySource(name, b, set.epoch)), layers = await layersFromSources([...shared, ...binaryLayers], layerOptions), spec = {
    name,
    created: set.date,
    epoch: set.epoch,
    user: inputs.user,
    entrypoint: inputs.entrypoint,
    cmd: inputs.cmd,
    env: inputs.env,
    ports: inputs.ports,
    workdir: inputs.workdir,
    labels,
    annotations: inputs.annotations,
    sharedLayers: layers.slice(0, shared.length),
    ...base ? { base: { name: formatReference({ ...base.ref, digest: void 0 }), digest: base.digest } } : {}
  }, images = binaries.map((b, i) => platformImage(spec, b.platform, layers[shared.length + i], base?.parts[i])), referrers = inputs.sbomAttach ? await sbomReferrers(images, binaries, set.date) : [];
  return inputs.sbomAttach && referrers.length === 0 && ctx.reporter.info("sbom-attach: the manifest names no SBOMs (go-build's sbom input was none); nothing to attach"), { images, base, referrers };
}
function archivePlatform(image, wanted) {
  let have = image.images.map((i) => formatPlatform(i.platform)).join(", ");
  if (wanted) {
    let found2 = image.images.find((i) => samePlatform(i.platform, wanted));
    if (!found2) throw new InputError("load-platform", formatPlatform(wanted), `the image has ${have}`);
    return found2;
  }
  let host = platformOfTarget(hostTarget()), found = image.images.find((i) => samePlatform(i.platform, host)) ?? (image.images.length === 1 ? image.images[0] : void 0);
  if (!found) throw new InputError("load-platform", "", `the runner is ${formatPlatform(host)}, which the image does not have (it has ${have}); choose one`);
  return found;
}
async function attach(c, referrers, reporter) {
  let started = performance.now(), a = await pushReferrers(c, referrers, reporter), how = a.scheme === "referrers-api" ? "listed by the registry's referrers API" : `referrers tag schema: ${a.tags.join(", ") || "tags already up to date"}`;
  return reporter.info(`sbom-attach: ${a.artifacts} SBOM artifact(s) pushed in ${formatDuration(performance.now() - started)}, ${how}`), a;
}
async function buildImage(inputs, ctx) {
  let { reporter, env } = ctx, threads = layerThreads(env), cache = diskLayerCache(env), layerOptions = { script: bundledWorker(), ...cache ? { cache } : {}, ...threads === void 0 ? {} : { threads } }, set;
  (inputs.engine === "oci" || await exists(resolve3(inputs.cwd, inputs.manifest))) && (set = await loadBuildSet(await findManifests(inputs.manifest, inputs.cwd), inputs.cwd));
  let tags = await resolveTags(inputs, set, env), labels = { ...defaultLabels(set, env), ...inputs.labels }, images, base = "scratch", dockerId, referrers = [];
  if (inputs.engine === "docker") {
    if (inputs.platforms.length > 1 || inputs.platforms[0] && !samePlatform(inputs.platforms[0], platformOfTarget(hostTarget())))
      throw new InputError(
        "platforms",
        inputs.platforms.map(formatPlatform).join(","),
        "engine: docker builds the daemon's own platform only (no QEMU emulation); use engine: oci for several platforms"
      );
    let built = await dockerBuild({
      dockerfile: inputs.dockerfile,
      context: inputs.context,
      buildArgs: inputs.buildArgs,
      target: inputs.target,
      labels,
      annotations: inputs.annotations,
      env,
      reporter,
      layers: layerOptions
    });
    images = [built.image], dockerId = built.id, base = `Dockerfile ${inputs.dockerfile}`;
  } else {
    let r = await ociImages(inputs, set, labels, ctx, layerOptions);
    images = r.images, referrers = r.referrers, r.base && (base = `${formatReference({ ...r.base.ref, digest: void 0 })}@${r.base.digest}`);
  }
  let image = assembleIndex(images, inputs.annotations), repository = inputs.repository ? formatReference(inputs.repository) : "", digest = image.index.descriptor.digest, reference = repository ? `${repository}@${digest}` : digest, result = { image, engine: inputs.engine, repository, tags, digest, reference, base, referrers, ...set ? { set } : {} }, localName = repository || sanitizeTag(set?.project ?? "image").toLowerCase(), repoTags = (tags.length > 0 ? tags : ["latest"]).map((t) => `${localName}:${t}`);
  if (inputs.ociLayout && (await writeOciLayout(inputs.ociLayout, image, tags, referrers), result.ociLayout = inputs.ociLayout, reporter.info(`oci-layout: wrote ${inputs.ociLayout} (${image.blobs.size} blobs)`)), inputs.dockerArchive || inputs.load) {
    let chosen = archivePlatform(image, inputs.loadPlatform), server = inputs.load ? await dockerServer(env) : void 0, daemon = server && "version" in server ? server.version : void 0;
    server && "problem" in server && reporter.warning(`load: ${server.problem}; the image was not loaded`);
    let path = inputs.dockerArchive || join6(env.RUNNER_TEMP || tmpdir2(), `gantry-image-${process.pid}.tar`);
    if (inputs.dockerArchive || daemon) {
      let size = await writeDockerArchive(path, chosen, repoTags, set?.epoch ?? 0);
      inputs.dockerArchive && (result.dockerArchive = { path, platform: formatPlatform(chosen.platform), size }), daemon && dockerId ? (await dockerTag(dockerId, repoTags, env), result.loaded = repoTags) : daemon && (result.loaded = await dockerLoad(path, env), reporter.info(`load: docker ${daemon} loaded ${result.loaded.join(", ")} (${formatPlatform(chosen.platform)})`)), inputs.dockerArchive || await rm4(path, { force: !0 });
    }
  } else dockerId && repoTags.length > 0 && await dockerTag(dockerId, repoTags, env);
  if (inputs.push && inputs.repository) {
    let c = await client(inputs.repository, "pull,push", inputs, ctx);
    result.push = await pushImage(c, image, tags, reporter), referrers.length > 0 && (result.attached = await attach(c, referrers, reporter));
    let mounted = result.push.mounted > 0 ? `, ${result.push.mounted} mounted from the base` : "";
    reporter.info(
      `push: ${repository} ${tags.join(", ") || "(by digest)"}: ${result.push.uploaded} blob(s) uploaded, ${result.push.skipped} already there${mounted}`
    );
  }
  return !inputs.ociLayout && !inputs.dockerArchive && !inputs.load && !inputs.push && inputs.engine === "oci" && reporter.notice("no output asked for (push, oci-layout, docker-archive, load): the image was assembled and its digest computed only"), result;
}

// packages/image/src/provenance.ts
import { dirname as dirname2, join as join7, relative as relative2 } from "node:path";
var IMAGE_PROVENANCE_FILE = "image.provenance.intoto.json";
async function writeImageProvenance(r, inputs, env, startedOn) {
  let hex = (digest) => digest.replace(/^sha256:/, ""), subjects = [
    { name: r.repository || "index", sha256: hex(r.digest) },
    ...r.image.images.map((i) => ({ name: formatPlatform(i.platform), sha256: hex(i.manifest.descriptor.digest) }))
  ], commit = r.set?.commit ?? "", statement = provenanceStatement({
    buildType: gantryBuildType("image"),
    subjects,
    inputs: imageByteInputs(inputs),
    source: env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && /^[0-9a-f]{40}$/.test(commit) ? { uri: `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`, commit } : void 0,
    internal: { gantry: GANTRY_VERSION, ...r.set ? { version: r.set.version, sourceDate: r.set.date } : {} },
    dependencies: imageDependencies(r, inputs.cwd),
    env,
    startedOn,
    finishedOn: /* @__PURE__ */ new Date()
  }), first = r.set?.manifests[0], path = join7(first ? dirname2(first) : inputs.cwd, IMAGE_PROVENANCE_FILE);
  return await writeProvenance(path, statement), path;
}
function imageDependencies(r, cwd) {
  let deps = [], base = /^(.+)@sha256:([0-9a-f]{64})$/.exec(r.base);
  base && deps.push({ uri: `docker://${base[1]}`, digest: { sha256: base[2] } });
  let imaged = new Set(r.image.images.map((i) => formatPlatform(i.platform)));
  for (let b of (r.set?.binaries ?? []).filter((x) => imaged.has(formatPlatform(x.platform))))
    deps.push({ name: relative2(cwd, b.path).split("\\").join("/"), digest: { sha256: b.artifact.sha256 } });
  return deps;
}
function imageByteInputs(inputs) {
  let rel = (p) => relative2(inputs.cwd, p).split("\\").join("/") || ".", lines = (kv) => Object.entries(kv).map(([k, v]) => `${k}=${isSecretName(k) ? "<redacted>" : v}`).join(`
`), common = { engine: inputs.engine, labels: lines(inputs.labels), annotations: lines(inputs.annotations) };
  return inputs.engine === "docker" ? { ...common, dockerfile: rel(inputs.dockerfile), context: rel(inputs.context), "build-args": lines(inputs.buildArgs), target: inputs.target } : {
    ...common,
    platforms: inputs.platforms.map(formatPlatform).join(","),
    base: inputs.base === "scratch" ? "scratch" : formatReference(inputs.base),
    "ca-certificates": String(inputs.caCertificates),
    user: inputs.user,
    entrypoint: inputs.entrypoint ? JSON.stringify(inputs.entrypoint) : "",
    cmd: inputs.cmd ? JSON.stringify(inputs.cmd) : "",
    env: lines(inputs.env),
    ports: inputs.ports.join(","),
    workdir: inputs.workdir,
    files: inputs.files.map((f) => `${rel(f.source)}:${f.dest}${f.mode !== void 0 ? `:${f.mode.toString(8).padStart(4, "0")}` : ""}`).join(`
`)
  };
}

// packages/image/src/stage.ts
function referrersMetadata(r) {
  return { artifacts: r.referrers.map((a) => ({
    platform: formatPlatform(a.platform),
    "artifact-type": SBOM_ARTIFACT_TYPES[a.format],
    digest: a.manifest.descriptor.digest,
    subject: a.subject.digest
  })), ...r.attached ? { scheme: r.attached.scheme, tags: r.attached.tags } : {} };
}
function imageMetadata(r) {
  let platforms = {};
  for (let i of r.image.images) {
    let size = i.layers.reduce((s, l) => s + l.blob.descriptor.size, 0) + i.config.descriptor.size + i.manifest.descriptor.size;
    platforms[formatPlatform(i.platform)] = {
      digest: i.manifest.descriptor.digest,
      config: i.config.descriptor.digest,
      size,
      layers: i.layers.map((l) => ({
        role: l.role,
        digest: l.blob.descriptor.digest,
        size: l.blob.descriptor.size,
        "diff-id": l.diffId,
        "uncompressed-size": l.uncompressedSize
      }))
    };
  }
  return {
    digest: r.digest,
    "media-type": r.image.index.descriptor.mediaType,
    size: r.image.index.descriptor.size,
    repository: r.repository,
    tags: r.tags,
    engine: r.engine,
    base: r.base,
    platforms,
    ...r.push ? { push: { uploaded: r.push.uploaded, skipped: r.push.skipped, mounted: r.push.mounted, "uploaded-bytes": r.push.uploadedBytes } } : {},
    ...r.referrers.length > 0 ? { referrers: referrersMetadata(r) } : {},
    ...r.ociLayout ? { "oci-layout": r.ociLayout } : {},
    ...r.dockerArchive ? { "docker-archive": r.dockerArchive } : {},
    ...r.loaded ? { loaded: r.loaded } : {}
  };
}
function imageSummary(r) {
  let rows = r.image.images.map((i) => [
    `\`${formatPlatform(i.platform)}\``,
    `\`${i.manifest.descriptor.digest.slice(0, 19)}\``,
    formatBytes(i.layers.reduce((s, l) => s + l.blob.descriptor.size, 0) + i.config.descriptor.size),
    i.layers.map((l) => `${l.role} ${formatBytes(l.blob.descriptor.size)}`).join(" · ")
  ]), where = [
    r.push ? `pushed (${r.push.uploaded} blob(s) uploaded, ${r.push.skipped} already there${r.push.mounted ? `, ${r.push.mounted} mounted` : ""})` : "",
    r.referrers.length > 0 ? `${r.referrers.length} SBOM artifact(s) attached${r.attached ? ` (${r.attached.scheme})` : ""}` : "",
    r.ociLayout ? `OCI layout \`${r.ociLayout}\`` : "",
    r.dockerArchive ? `docker archive \`${r.dockerArchive.path}\` (${r.dockerArchive.platform})` : "",
    r.loaded ? `loaded into docker as ${r.loaded.map((n) => `\`${n}\``).join(", ")}` : ""
  ].filter(Boolean);
  return [
    `### image: ${r.repository ? `\`${r.reference}\`` : `\`${r.digest}\``}`,
    "",
    `digest \`${r.digest}\` · tags ${r.tags.map((t) => `\`${t}\``).join(", ") || "none"} · base ${r.base} · engine ${r.engine}`,
    "",
    where.length > 0 ? `${where.join(" · ")}
` : "",
    table(["Platform", "Manifest", "Size (compressed)", "Layers"], rows),
    ""
  ].join(`
`);
}
function setImageOutputs(r, ctx) {
  ctx.setOutput("digest", r.digest), ctx.setOutput("image", r.reference), ctx.setOutput("platforms", Object.fromEntries(r.image.images.map((i) => [formatPlatform(i.platform), i.manifest.descriptor.digest]))), ctx.setOutput("tags", r.tags.join(",")), ctx.setOutput("metadata", imageMetadata(r)), ctx.setOutput("provenance", r.provenance ?? "");
}
var imageStage = {
  name: "image",
  description: "Assemble multi-arch OCI images from go-build's binaries without a daemon, and push them.",
  inputs: IMAGE_INPUTS,
  secrets: ["password"],
  parse: (read, ctx) => parseImageInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    let started = performance.now(), startedOn = /* @__PURE__ */ new Date(), r = await buildImage(inputs, ctx);
    inputs.provenance && (r.provenance = await writeImageProvenance(r, inputs, ctx.env, startedOn)), ctx.reporter.debug(`image timing: ${Math.round(performance.now() - started)} ms in the stage`), setImageOutputs(r, ctx), ctx.summary(imageSummary(r)), ctx.reporter.info(`image: ${r.reference}`);
  }
};

export {
  MediaType,
  MANIFEST_ACCEPT,
  blobBytes,
  digestOf,
  jsonBlob,
  verifyDigest,
  goBefore122,
  platformOfTarget,
  formatPlatform,
  parsePlatform,
  samePlatform,
  layerTar,
  entriesSource,
  lazySource,
  tarSource,
  layersFromSources,
  layersFromTars,
  buildLayer,
  DEFAULT_PATH,
  BINARY_DIR,
  CA_BUNDLE_PATH,
  scratchAccounts,
  scratchEntries,
  containerConfig,
  binarySource,
  binaryEntries,
  assemblePlatform,
  platformImage,
  assembleIndex,
  pool,
  pushImage,
  SBOM_ARTIFACT_TYPES,
  EMPTY_CONFIG,
  sbomReferrer,
  referrerDescriptor,
  referrersTag,
  parseReferrersIndex,
  addReferrers,
  pushReferrers,
  TAG,
  DOCKER_HUB,
  parseReference,
  formatReference,
  apiHost,
  isLoopback,
  sanitizeTag,
  parseChallenge,
  realmMayGetCredentials,
  fetchToken,
  bearerAuthorization,
  dockerConfigPath,
  dockerConfigCredentials,
  findManifests,
  epochOf,
  readSboms,
  loadBuildSet,
  notLinux,
  selectBinaries,
  LAYER_CACHE_VERIFY_ENV,
  diskLayerCache,
  dockerServer,
  dockerLoad,
  readTar,
  dockerBuildCommand,
  dockerBuild,
  dockerTag,
  IMAGE_INPUTS,
  parseArgv,
  parsePort,
  parseFileSpec,
  parseImageInputs,
  usesHttp,
  writeOciLayout,
  dockerArchive,
  writeDockerArchive,
  pullBase,
  RegistryClient,
  resolveTags,
  defaultLabels,
  archivePlatform,
  buildImage,
  IMAGE_PROVENANCE_FILE,
  writeImageProvenance,
  imageByteInputs,
  imageMetadata,
  imageSummary,
  setImageOutputs,
  imageStage
};
