import {
  GantryError,
  HttpTimeoutError,
  type Reporter,
  discardBody,
  fetchWithTimeout,
  formatDuration,
  readBodyLimited,
  readErrorBody,
  redactUrl,
} from "@gantry/core";
import { type Challenge, type Credentials, bearerAuthorization, parseChallenge } from "./auth.js";
import { readBlob, uploadUrl } from "./transfer.js";
import { type Blob, type Descriptor, type LayerBlob, MANIFEST_ACCEPT, blobBytes, digestOf, verifyDigest } from "./oci.js";
import { apiHost } from "./reference.js";

export interface RegistryOptions {
  /** Plain HTTP (`insecure` on loopback). */
  http: boolean;
  credentials?: Credentials;
  /** `pull` for a base image, `pull,push` for the target. */
  actions: "pull" | "pull,push";
  reporter: Reporter;
  /** A repository of the same registry that blobs may be mounted from (the base image's). */
  mountFrom?: string;
  /** Delays between attempts when the registry is down or answers 5xx/429 (default 0.5 s, 1 s, 2 s). */
  retryDelaysMs?: readonly number[];
  /** How long a request may wait for an answer or for its next bytes (default 60 s). */
  timeoutMs?: number;
  /** Send the credentials to a token service on another origin or over plain HTTP (`auth-force`). */
  authForce?: boolean;
}

interface RequestInit2 {
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** A manifest or index as fetched. */
export interface FetchedManifest {
  mediaType: string;
  bytes: Uint8Array;
  digest: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** OCI image-spec: registries should accept manifests up to 4 MiB; gantry reads no more than that. */
const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/**
 * A client for one repository of an OCI distribution-spec registry (v1.1): auth by Basic or
 * Bearer token challenge, retries with backoff, blobs and manifests. Credentials never appear in
 * its messages.
 */
export class RegistryClient {
  private authorization?: string;
  /** The first challenge is answered once, even when four uploads start at the same moment. */
  private firstAuth?: Promise<void>;
  private readonly base: string;
  private readonly origin: string;
  private readonly timeoutMs: number;
  /** The token service the credentials were withheld from, for the hint when access is then denied. */
  private withheldFrom?: string;
  readonly scope: string;
  /** Counters for the summary and the metadata output. */
  readonly stats = { uploaded: 0, skipped: 0, mounted: 0, uploadedBytes: 0 };

  constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly options: RegistryOptions,
  ) {
    this.base = `${options.http ? "http" : "https"}://${apiHost(registry)}`;
    this.origin = new URL(this.base).origin;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.scope = `repository:${repository}:${options.actions}`;
  }

  /** One HTTP request with retries on connection errors, 5xx and 429; a timeout is not retried. */
  private async send(method: string, url: string, init: RequestInit2 = {}): Promise<Response> {
    const delays = this.options.retryDelaysMs ?? [500, 1000, 2000];
    const started = performance.now();
    let lastError = "";
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1] as number);
      try {
        const res = await this.follow(method, new URL(url), init);
        if (res.status < 500 && res.status !== 429) return res;
        lastError = `HTTP ${res.status} ${await readErrorBody(res, 300)}`.trim();
      } catch (err) {
        if (err instanceof GantryError) throw new GantryError(`registry ${this.registry}: ${err.message}`);
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        lastError = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ""}` : (err as Error).message;
      }
      if (attempt < delays.length)
        this.options.reporter.info(`registry ${this.registry}: ${method} failed (${lastError}); retrying in ${formatDuration(delays[attempt] as number)}`);
    }
    throw new GantryError(
      `registry ${this.registry} did not answer ${method} ${new URL(url).pathname} (${lastError}) after ${delays.length + 1} attempts over ${formatDuration(performance.now() - started)}; is it up${this.options.http ? "" : ", and does it speak HTTPS (set insecure for a plain-HTTP registry on loopback)"}?`,
    );
  }

  /**
   * Follows redirects itself: the Authorization header goes only to the registry's own origin
   * (a blob redirect to a CDN gets none), and an HTTPS request is never redirected to plain HTTP.
   */
  private async follow(method: string, start: URL, init: RequestInit2): Promise<Response> {
    let target = start;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { "User-Agent": "gantry-image", ...init.headers };
      if (this.authorization && target.origin === this.origin) headers.Authorization = this.authorization;
      const res = await fetchWithTimeout(target, { method, headers, ...(init.body ? { body: init.body } : {}) }, this.timeoutMs);
      const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
      if (!location) return res;
      await discardBody(res);
      const next = new URL(location, target);
      if (target.protocol === "https:" && next.protocol !== "https:")
        throw new GantryError(`${method} ${redactUrl(target)} was redirected to plain HTTP (${redactUrl(next)}); refusing to follow it`);
      if (hop >= MAX_REDIRECTS) throw new GantryError(`${method} ${redactUrl(start)} was redirected more than ${MAX_REDIRECTS} times`);
      target = next;
    }
  }

  /** Answers the registry's challenge from `GET /v2/` once: Basic, or a Bearer token for this repository's scope. */
  private async authenticate(challenge?: Challenge): Promise<void> {
    let c = challenge;
    if (!c) {
      const res = await this.send("GET", `${this.base}/v2/`);
      await discardBody(res);
      if (res.status !== 401) return;
      c = parseChallenge(res.headers.get("www-authenticate"));
      if (!c) throw new GantryError(`registry ${this.registry} answered 401 without a WWW-Authenticate challenge gantry understands`);
    }
    const creds = this.options.credentials;
    if (c.scheme === "basic") {
      if (!creds) throw this.unauthorized("it asks for a username and password (Basic) and none were given");
      this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
      const check = await this.send("GET", `${this.base}/v2/`);
      await discardBody(check);
      if (check.status === 401) throw this.unauthorized(`it refused the credentials from ${creds.source} (HTTP 401)`);
      return;
    }
    // A cross-repository mount needs pull on the source too (distribution token spec: scope repeats).
    const scopes = [this.scope, ...(this.options.mountFrom ? [`repository:${this.options.mountFrom}:pull`] : [])];
    const o = this.options;
    const r = await bearerAuthorization({ registry: this.registry, base: new URL(this.base), challenge: c, scopes, timeoutMs: this.timeoutMs, ...o });
    if (r.withheldFrom) this.withheldFrom = r.withheldFrom;
    if (r.denied) throw this.unauthorized(r.denied);
    this.authorization = r.authorization;
  }

  private unauthorized(why: string): GantryError {
    const creds = this.options.credentials;
    const hint = this.withheldFrom
      ? `the credentials from ${creds?.source} were not sent to its token service ${this.withheldFrom} (another origin, or plain HTTP); set auth-force: true if you trust it`
      : creds
        ? `check the credentials from ${creds.source} and that they may ${this.options.actions.replace(",", " and ")} ${this.repository}`
        : "set username and password, or log in (docker/login-action) first";
    return new GantryError(`registry ${this.registry} denied access to scope ${this.scope}: ${why}; ${hint}`);
  }

  /** A request with auth: authenticates first, and once more on a 401 (an expired or narrower token). */
  async request(method: string, path: string, init: RequestInit2 = {}): Promise<Response> {
    this.firstAuth ??= this.authenticate();
    await this.firstAuth;
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    let res = await this.send(method, url, init);
    if (res.status === 401) {
      await discardBody(res);
      const hadAuth = Boolean(this.authorization);
      const c = parseChallenge(res.headers.get("www-authenticate"));
      if (!c || (hadAuth && c.scheme === "basic")) throw this.unauthorized(`HTTP 401 on ${method} ${new URL(url).pathname}`);
      await this.authenticate(c);
      res = await this.send(method, url, init);
      if (res.status === 401) throw this.unauthorized(`HTTP 401 on ${method} ${new URL(url).pathname}`);
    }
    if (res.status === 403) {
      await discardBody(res);
      throw this.unauthorized(`HTTP 403 on ${method} ${new URL(url).pathname}`);
    }
    return res;
  }

  /** An unexpected answer: its status and at most a few hundred bytes of its body, as safe text. */
  private async fail(res: Response, what: string): Promise<never> {
    const text = await readErrorBody(res, 500);
    throw new GantryError(`registry ${this.registry}: ${what} failed with HTTP ${res.status}${text ? `: ${text}` : ""}`);
  }

  /** HEAD first: true when the registry already has the blob. */
  async hasBlob(digest: string): Promise<boolean> {
    const res = await this.request("HEAD", `/v2/${this.repository}/blobs/${digest}`);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    return this.fail(res, `HEAD blob ${digest}`);
  }

  /**
   * Uploads a blob unless the registry has it: POST an upload, then one PUT with `&digest=`.
   * With `mount`, asks first to mount it from the base's repository (distribution-spec
   * "Mounting a blob from another repository": 201 mounted, 202 an ordinary upload instead).
   */
  async pushBlob(blob: LayerBlob, mount = false): Promise<boolean> {
    const { digest, size } = blob.descriptor;
    if (await this.hasBlob(digest)) {
      this.stats.skipped++;
      return false;
    }
    const from = mount && this.options.mountFrom;
    const query = from ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` : "";
    const start = await this.request("POST", `/v2/${this.repository}/blobs/uploads/${query}`, { headers: { "Content-Length": "0" } });
    if (from && start.status === 201) {
      await discardBody(start);
      this.stats.mounted++;
      return false;
    }
    if (start.status !== 202) return this.fail(start, `starting the upload of ${digest}`);
    await discardBody(start);
    const location = start.headers.get("location");
    if (!location) throw new GantryError(`registry ${this.registry} started an upload without a Location header`);
    const url = uploadUrl(location, this.base, `registry ${this.registry} started the upload of ${digest}`);
    // Debian's registry puts ?_state=… in Location: append, never replace, the query.
    const put = await this.request("PUT", `${url}${url.includes("?") ? "&" : "?"}digest=${encodeURIComponent(digest)}`, {
      headers: { "Content-Type": "application/octet-stream", "Content-Length": String(size) },
      // A cached layer's file is read (and checked against its digest) only now that it must be sent.
      body: await blobBytes(blob),
    });
    if (put.status !== 201) return this.fail(put, `uploading ${digest} (${size} bytes)`);
    await discardBody(put);
    this.stats.uploaded++;
    this.stats.uploadedBytes += size;
    return true;
  }

  /**
   * PUT a manifest or index by digest or tag; checks the digest the registry computed. Returns
   * the `OCI-Subject` header, which a registry with the referrers API sets for a manifest with a subject.
   */
  async putManifest(reference: string, blob: Blob): Promise<{ ociSubject?: string }> {
    const res = await this.request("PUT", `/v2/${this.repository}/manifests/${reference}`, {
      headers: { "Content-Type": blob.descriptor.mediaType },
      body: blob.bytes,
    });
    if (res.status !== 201 && res.status !== 200) return this.fail(res, `PUT manifest ${reference}`);
    await discardBody(res);
    const echoed = res.headers.get("docker-content-digest");
    if (echoed && echoed !== blob.descriptor.digest)
      throw new GantryError(`registry ${this.registry} stored ${reference} as ${echoed}, not ${blob.descriptor.digest}`);
    const ociSubject = res.headers.get("oci-subject");
    return ociSubject ? { ociSubject } : {};
  }

  /** GET a manifest or index (OCI and Docker types in Accept); verified when fetched by digest. */
  async getManifest(reference: string): Promise<FetchedManifest> {
    const found = await this.findManifest(reference);
    if (!found) throw new GantryError(`${this.registry}/${this.repository}:${reference} was not found in the registry`);
    return found;
  }

  /** Like getManifest, but undefined when the registry has no such manifest (404). */
  async findManifest(reference: string): Promise<FetchedManifest | undefined> {
    const res = await this.request("GET", `/v2/${this.repository}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) {
      await discardBody(res);
      return undefined;
    }
    if (!res.ok) return this.fail(res, `GET manifest ${reference}`);
    const bytes = await this.readBody(res, () => readBodyLimited(res, MAX_MANIFEST, `manifest ${reference} of ${this.registry}/${this.repository}`));
    const digest = digestOf(bytes);
    if (reference.startsWith("sha256:")) verifyDigest(bytes, reference, `${this.registry}/${this.repository}@${reference}`);
    let mediaType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!mediaType || mediaType === "application/json") {
      try {
        mediaType = (JSON.parse(Buffer.from(bytes).toString("utf8")) as { mediaType?: string }).mediaType ?? "";
      } catch {}
    }
    return { mediaType, bytes, digest };
  }

  /**
   * GET a blob, streamed and checked as it arrives against its descriptor: more bytes than its
   * size fail at once, fewer or other bytes fail at the end, each naming the digest.
   */
  async getBlob(descriptor: Pick<Descriptor, "digest" | "size">): Promise<Uint8Array> {
    const { digest } = descriptor;
    const res = await this.request("GET", `/v2/${this.repository}/blobs/${digest}`);
    if (!res.ok) return this.fail(res, `GET blob ${digest}`);
    return this.readBody(res, () => readBlob(res, descriptor, `blob ${digest} of ${this.registry}/${this.repository}`));
  }

  /** Reads a body; a stalled one fails naming the registry. */
  private async readBody<T>(res: Response, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      await discardBody(res);
      if (err instanceof HttpTimeoutError) throw new GantryError(`registry ${this.registry}: ${err.message}`);
      throw err;
    }
  }
}
