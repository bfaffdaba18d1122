/**
 * The registry client against hostile or broken servers of the test's own on 127.0.0.1 (issue 10):
 * where credentials may go, upload Locations, streamed and checked blobs, error bodies, timeouts.
 * Two servers on two ports are two origins, as a registry and a foreign host would be.
 */
import { createHash } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { MemoryReporter } from "@gantry/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { realmMayGetCredentials } from "../src/auth.js";
import { RegistryClient } from "../src/registry.js";
import { uploadUrl } from "../src/transfer.js";

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
const BASIC = `Basic ${Buffer.from("alice:pa55-secret").toString("base64")}`;
const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;
const BLOB = Buffer.from("the real layer bytes");
const DIGEST = sha(BLOB);

/** A server whose handler each test sets, logging `METHOD path auth=<Authorization>`. */
class TestServer {
  handler: Handler = (_q, res) => void res.writeHead(404).end();
  log: string[] = [];
  held: ServerResponse[] = [];
  private server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", this.origin);
    this.log.push(`${req.method} ${url.pathname} auth=${req.headers.authorization ?? "none"}`);
    req.resume();
    this.handler(req, res, url);
  });
  origin = "";
  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  get host(): string {
    return this.origin.slice("http://".length);
  }
  async stop(): Promise<void> {
    for (const r of this.held) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const registry = new TestServer();
const foreign = new TestServer();

/** The registry asks for a Bearer token from `realm` and accepts any token it issued. */
function bearerRegistry(realm: string, then: Handler): Handler {
  return (req, res, url) => {
    if (url.pathname === "/token") return void res.writeHead(200, { "Content-Type": "application/json" }).end('{"token":"tok"}');
    if (req.headers.authorization !== "Bearer tok") return void res.writeHead(401, { "WWW-Authenticate": `Bearer realm="${realm}",service="x"` }).end();
    if (url.pathname === "/v2/") return void res.writeHead(200).end();
    then(req, res, url);
  };
}

const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[2]> = {}) =>
  new RegistryClient(registry.host, "team/api", {
    http: true,
    actions: "pull,push",
    reporter: new MemoryReporter(),
    credentials: { username: "alice", password: "pa55-secret", source: "the test" },
    retryDelaysMs: [],
    timeoutMs: 5000,
    ...extra,
  });

beforeAll(async () => {
  await registry.start();
  await foreign.start();
});
afterAll(async () => {
  await registry.stop();
  await foreign.stop();
});
beforeEach(() => {
  registry.log = [];
  foreign.log = [];
});

describe("credentials go only to the registry's own origin", () => {
  it("a token realm on another host gets no credentials: a warning, an anonymous token, and a hint at auth-force when refused", async () => {
    registry.handler = bearerRegistry(`${foreign.origin}/token`, (_q, res) => void res.writeHead(404).end());
    foreign.handler = (req, res) =>
      req.headers.authorization ? void res.writeHead(200).end('{"token":"tok"}') : void res.writeHead(401).end("anonymous denied");
    const reporter = new MemoryReporter();
    const err = (await client({ reporter })
      .hasBlob(DIGEST)
      .catch((e) => e)) as Error;
    expect(foreign.log).toEqual(["GET /token auth=none"]);
    expect(err.message).toContain(`its token service ${foreign.origin} refused anonymous access (HTTP 401)`);
    expect(err.message).toContain(`were not sent to its token service ${foreign.origin}/token`);
    expect(err.message).toContain("set auth-force: true");
    expect(reporter.all().map((a) => a.message)).toEqual([expect.stringContaining(`the token service ${foreign.origin}/token, on another origin`)]);
  });

  it("auth-force sends them there", async () => {
    registry.handler = bearerRegistry(`${foreign.origin}/token`, (_q, res) => void res.writeHead(404).end());
    foreign.handler = (req, res) => void res.writeHead(req.headers.authorization === BASIC ? 200 : 401).end('{"token":"tok"}');
    expect(await client({ authForce: true }).hasBlob(DIGEST)).toBe(false);
    expect(foreign.log).toEqual([`GET /token auth=${BASIC}`]);
  });

  it("a realm on the registry's own origin gets them without forcing", async () => {
    registry.handler = (req, res, url) => {
      if (url.pathname === "/token") return void res.writeHead(req.headers.authorization === BASIC ? 200 : 401).end('{"token":"tok"}');
      return bearerRegistry(`${registry.origin}/token`, (_q, r) => void r.writeHead(404).end())(req, res, url);
    };
    expect(await client().hasBlob(DIGEST)).toBe(false);
    expect(registry.log).toContain(`GET /token auth=${BASIC}`);
  });

  it("the policy: same origin, or Docker Hub's own token service; never plain HTTP from an HTTPS registry", () => {
    const may = (base: string, realm: string) => realmMayGetCredentials(new URL(base), new URL(realm));
    expect(may("https://ghcr.io", "https://ghcr.io/token")).toBe(true);
    expect(may("http://127.0.0.1:5000", "http://127.0.0.1:5000/auth")).toBe(true);
    expect(may("https://registry-1.docker.io", "https://auth.docker.io/token")).toBe(true);
    expect(may("https://ghcr.io", "http://ghcr.io/token")).toBe(false);
    expect(may("https://ghcr.io", "https://evil.example/token")).toBe(false);
    expect(may("https://ghcr.io", "https://ghcr.io:8443/token")).toBe(false);
    expect(may("https://registry-1.docker.io", "http://auth.docker.io/token")).toBe(false);
  });

  it("a blob redirected to another origin is fetched without the Authorization header", async () => {
    registry.handler = bearerRegistry(`${registry.origin}/token`, (_q, res) => void res.writeHead(307, { Location: `${foreign.origin}/cdn/blob` }).end());
    foreign.handler = (_q, res) => void res.writeHead(200, { "Content-Length": BLOB.length }).end(BLOB);
    const bytes = await client().getBlob({ digest: DIGEST, size: BLOB.length });
    expect(Buffer.from(bytes).equals(BLOB)).toBe(true);
    expect(registry.log).toContain(`GET /v2/team/api/blobs/${DIGEST} auth=Bearer tok`);
    expect(foreign.log).toEqual(["GET /cdn/blob auth=none"]);
  });
});

describe("upload Location", () => {
  const pushTo = (location: string) => {
    registry.handler = bearerRegistry(`${registry.origin}/token`, (req, res) => {
      if (req.method === "HEAD") return void res.writeHead(404).end();
      if (req.method === "POST") return void res.writeHead(202, { Location: location }).end();
      res.writeHead(201).end();
    });
    return client().pushBlob({ descriptor: { mediaType: "application/octet-stream", digest: DIGEST, size: BLOB.length }, bytes: BLOB });
  };

  it("on another origin is refused, naming it, and nothing is sent there", async () => {
    foreign.handler = (_q, res) => void res.writeHead(201).end();
    await expect(pushTo(`${foreign.origin}/steal?_state=x`)).rejects.toThrow(
      `registry ${registry.host} started the upload of ${DIGEST} at ${foreign.origin}/steal, on another origin than ${registry.origin}; refusing to send the blob there`,
    );
    expect(foreign.log).toEqual([]);
  });

  it("on the registry's own origin, relative or absolute, is used", async () => {
    expect(await pushTo("/v2/team/api/blobs/uploads/u1?_state=x")).toBe(true);
    expect(registry.log.at(-1)).toBe("PUT /v2/team/api/blobs/uploads/u1 auth=Bearer tok");
  });

  it("over plain HTTP from an HTTPS registry is refused", () => {
    expect(() => uploadUrl("http://ghcr.io/v2/a/blobs/uploads/1", "https://ghcr.io", "upload")).toThrow(
      "upload at http://ghcr.io/v2/a/blobs/uploads/1, over plain HTTP than https://ghcr.io; refusing to send the blob there",
    );
    expect(uploadUrl("/v2/a/blobs/uploads/1?_state=s", "https://ghcr.io", "upload")).toBe("https://ghcr.io/v2/a/blobs/uploads/1?_state=s");
  });
});

describe("blobs are streamed and checked against their descriptor", () => {
  const serve = (write: (res: ServerResponse) => void) => {
    registry.handler = bearerRegistry(`${registry.origin}/token`, (_q, res) => write(res));
  };

  it("wrong bytes of the right size fail, naming the digest", async () => {
    serve((res) => void res.writeHead(200).end(Buffer.alloc(BLOB.length, 0x41)));
    await expect(client().getBlob({ digest: DIGEST, size: BLOB.length })).rejects.toThrow(
      new RegExp(`blob ${DIGEST} of .*: content has digest sha256:[0-9a-f]{64}, expected ${DIGEST}`),
    );
  });

  it("an endless body stops once it passes the descriptor's size", async () => {
    let sent = 0;
    serve((res) => {
      res.writeHead(200);
      const more = () => {
        while (sent < 64 * 1024 * 1024 && res.write(Buffer.alloc(64 * 1024))) sent += 64 * 1024;
        if (sent < 64 * 1024 * 1024 && !res.destroyed) res.once("drain", more);
      };
      more();
      registry.held.push(res);
    });
    await expect(client().getBlob({ digest: DIGEST, size: 1000 })).rejects.toThrow(
      `blob ${DIGEST} of ${registry.host}/team/api: the registry sent more than the descriptor's 1000 bytes`,
    );
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("a Content-Length other than the descriptor's size, or a short body, fails naming the digest", async () => {
    serve((res) => void res.writeHead(200, { "Content-Length": 5 }).end("hello"));
    await expect(client().getBlob({ digest: DIGEST, size: BLOB.length })).rejects.toThrow(`blob ${DIGEST}`);
    serve((res) => {
      res.writeHead(200);
      res.end(BLOB.subarray(0, 4));
    });
    await expect(client().getBlob({ digest: DIGEST, size: BLOB.length })).rejects.toThrow(`the registry sent 4 of the descriptor's ${BLOB.length} bytes`);
  });

  it("a manifest past 4 MiB is not read", async () => {
    serve((res) => void res.writeHead(200, { "Content-Type": "application/vnd.oci.image.manifest.v1+json" }).end(Buffer.alloc(5 * 1024 * 1024, 0x20)));
    await expect(client().getManifest("v1")).rejects.toThrow(`manifest v1 of ${registry.host}/team/api is larger than 4194304 bytes`);
  });
});

describe("what a registry says is printed safely", () => {
  it("an error body is bounded, one line, without control characters, and cannot start a workflow command", async () => {
    registry.handler = bearerRegistry(
      `${registry.origin}/token`,
      (_q, res) => void res.writeHead(400).end(`bad\n::error::injected\r\n::add-mask::x\u001b]8;;evil\u0007${"y".repeat(50_000)}`),
    );
    const err = (await client()
      .getManifest("v1")
      .catch((e) => e)) as Error;
    expect(err.message).toMatch(/^registry 127\.0\.0\.1:\d+: GET manifest v1 failed with HTTP 400: bad%0A::error::injected%0A::add-mask::x\]8;;evilyyy/);
    expect(err.message).not.toMatch(/[\n\r]|\p{Cc}/u);
    expect(err.message.length).toBeLessThan(700);
  });

  it("a registry that never answers fails naming the URL and the limit", async () => {
    registry.handler = (_q, res) => void registry.held.push(res);
    await expect(client({ timeoutMs: 300 }).hasBlob(DIGEST)).rejects.toThrow(
      `registry ${registry.host}: GET ${registry.origin}/v2/ got no answer within the 300 ms limit`,
    );
  });

  it("a blob that stalls midway fails naming the URL and the limit", async () => {
    registry.handler = bearerRegistry(`${registry.origin}/token`, (_q, res) => {
      res.writeHead(200);
      res.write("part");
      registry.held.push(res);
    });
    await expect(client({ timeoutMs: 300 }).getBlob({ digest: DIGEST, size: BLOB.length })).rejects.toThrow(
      `registry ${registry.host}: GET ${registry.origin}/v2/team/api/blobs/${DIGEST} sent no data within the 300 ms limit`,
    );
  });
});
