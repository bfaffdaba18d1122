/** Timeouts, bounded reads and safe error text for every fetch (issue 10), against a server of the test's own on 127.0.0.1. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveGo } from "../src/golang.js";
import { HttpTimeoutError, fetchWithTimeout, readBodyLimited, readErrorBody, safeText } from "../src/http.js";
import { MemoryReporter } from "../src/report.js";
import { installTool } from "../src/tools.js";

let server: Server;
let base: string;
/** Responses left hanging, ended in afterAll so the server can close. */
const hanging: ServerResponse[] = [];
const work = mkdtempSync(join(tmpdir(), "gantry-http-"));
const archive = join(work, "tool.tar.gz");
const GO_ARCH = ({ x64: "amd64", arm64: "arm64" } as Record<string, string>)[process.arch] ?? process.arch;

beforeAll(async () => {
  writeFileSync(join(work, "hello"), "hi\n");
  execFileSync("tar", ["-czf", archive, "-C", work, "hello"]);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path.startsWith("/silent")) return void hanging.push(res);
    if (path.startsWith("/stall")) {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.write("first bytes");
      return void hanging.push(res);
    }
    if (path === "/evil") {
      res.writeHead(500, { "Content-Type": "text/plain" });
      return void res.end(`oops\n::error::pwned\r\n::set-output name=x::y\u001b[31mred\u0007 100%\n${"z".repeat(100_000)}`);
    }
    if (path === "/big") return void res.end(Buffer.alloc(100_000));
    if (path === "/drip") {
      // One byte every 200 ms, well inside any idle limit, for a minute.
      res.writeHead(200, { "Content-Type": "application/json" });
      const drip = setInterval(() => res.write(" "), 200);
      res.on("close", () => clearInterval(drip));
      setTimeout(() => res.end("{}"), 60_000).unref();
      return void hanging.push(res);
    }
    if (path === "/tool.tar.gz") return void res.end(readFileSync(archive));
    if (path === "/chunked.tar.gz") {
      // No Content-Length: 2 MiB in chunks, more than any size the tests declare.
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, 1));
      return void res.end();
    }
    if (path === "/dl/") {
      const file = {
        filename: "go999.0.0.tar.gz",
        os: process.platform,
        arch: GO_ARCH,
        version: "go999.0.0",
        sha256: "0".repeat(64),
        size: 64,
        kind: "archive",
      };
      return void res.end(JSON.stringify([{ version: "go999.0.0", files: [file] }]));
    }
    if (path === "/dl/go999.0.0.tar.gz") {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      return void res.end(Buffer.alloc(100_000));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.RUNNER_TOOL_CACHE = join(work, "tool-cache");
  process.env.RUNNER_TEMP = join(work, "tmp");
});
afterAll(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(work, { recursive: true, force: true });
});

describe("fetchWithTimeout", () => {
  it("fails a server that never answers, naming the method, the URL without its query and the limit", async () => {
    const err = (await fetchWithTimeout(`${base}/silent?token=s3cret`, {}, 300).catch((e) => e)) as Error;
    expect(err).toBeInstanceOf(HttpTimeoutError);
    expect(err.message).toBe(`GET ${base}/silent got no answer within the 300 ms limit`);
    expect(err.message).not.toContain("s3cret");
  });

  it("fails a body that stops arriving, once the limit passes without a byte", async () => {
    const res = await fetchWithTimeout(`${base}/stall`, {}, 300);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow(`GET ${base}/stall sent no data within the 300 ms limit`);
  });

  it("stops a server that sends a byte just inside the idle limit at the overall deadline, naming the URL and the limit", async () => {
    const started = performance.now();
    const res = await fetchWithTimeout(`${base}/drip?token=s3cret`, { deadlineMs: 1000 }, 500);
    const err = (await readBodyLimited(res, 1 << 20, "the answer").catch((e) => e)) as HttpTimeoutError;
    const took = performance.now() - started;
    expect(err).toBeInstanceOf(HttpTimeoutError);
    expect(err.message).toBe(`GET ${base}/drip was not done within the 1.0 s overall limit`);
    expect(err.phase).toBe("deadline");
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(3000);
  });

  it("lets a quick request finish under a deadline, which then never fires", async () => {
    const res = await fetchWithTimeout(`${base}/big`, { deadlineMs: 300 }, 5000);
    expect((await readBodyLimited(res, 200_000, "it")).length).toBe(100_000);
  });

  it("reads a body up to a bound and no further", async () => {
    expect((await readBodyLimited(await fetchWithTimeout(`${base}/big`, {}, 5000), 200_000, "it")).length).toBe(100_000);
    await expect(readBodyLimited(await fetchWithTimeout(`${base}/big`, {}, 5000), 1000, "the index")).rejects.toThrow("the index is larger than 1000 bytes");
  });
});

describe("error bodies", () => {
  it("are read bounded, stripped of control characters, and cannot start a workflow command", async () => {
    const text = await readErrorBody(await fetchWithTimeout(`${base}/evil`, {}, 5000));
    expect(text.length).toBeLessThan(4200);
    expect(text.startsWith("oops%0A::error::pwned%0A::set-output name=x::y[31mred 100%25%0Azzz")).toBe(true);
    expect(text.endsWith(" …")).toBe(true);
    expect(text).not.toMatch(/\p{Cc}/u);
  });

  it("safeText keeps ordinary text and turns every line break into %0A", () => {
    expect(safeText("blob unknown to registry")).toBe("blob unknown to registry");
    expect(safeText("a\r\n::warning::b\rc\u202ed")).toBe("a%0A::warning::b%0Acd");
  });
});

describe("tool downloads", () => {
  const release = (path: string, sha256: string) =>
    ({ tool: `t-${path.replace(/\W/g, "")}`, version: "1.0.0", arch: "x64", url: `${base}${path}`, sha256, format: "tar.gz" }) as const;

  it("a stalled download fails naming the tool, the URL and the limit", async () => {
    const err = (await installTool(release("/stall/tool.tar.gz", "0".repeat(64)), new MemoryReporter(), 300).catch((e) => e)) as Error;
    expect(err.message).toBe(
      `t-stalltooltargz 1.0.0 could not be downloaded from ${base}/stall/tool.tar.gz: GET ${base}/stall/tool.tar.gz sent no data within the 300 ms limit`,
    );
    expect(readdirSync(process.env.RUNNER_TEMP as string).filter((f) => f.startsWith("gantry-download-"))).toEqual([]);
  });

  it("installs a download whose sha256 matches, and refuses one that does not", async () => {
    const sha = createHash("sha256").update(readFileSync(archive)).digest("hex");
    await expect(installTool(release("/tool.tar.gz", "1".repeat(64)), new MemoryReporter(), 5000)).rejects.toThrow(/has sha256 .*it was not installed/);
    const dir = await installTool(release("/tool.tar.gz", sha), new MemoryReporter(), 5000);
    expect(readFileSync(join(dir, "hello"), "utf8")).toBe("hi\n");
  });

  it("a download past the release's size is stopped, whether the server announces its length or not", async () => {
    const temp = () => readdirSync(process.env.RUNNER_TEMP as string).filter((f) => f.startsWith("gantry-download-"));
    const announced = { ...release("/big", "0".repeat(64)), size: 1000 };
    await expect(installTool(announced, new MemoryReporter(), 5000)).rejects.toThrow(
      "could not be downloaded from " +
        `${base}/big: the server announces 100000 bytes, more than the size the release list gives (1000 bytes); it was not downloaded`,
    );
    const chunked = { ...release("/chunked.tar.gz", "0".repeat(64)), size: 1000 };
    await expect(installTool(chunked, new MemoryReporter(), 5000)).rejects.toThrow(
      `${base}/chunked.tar.gz: the download is larger than the size the release list gives (1000 bytes); it was stopped`,
    );
    expect(temp()).toEqual([]);
  });

  it("go.dev/dl's size bounds the Go download", async () => {
    await expect(resolveGo(">=999.0", `${base}/dl`, new MemoryReporter(), 5000)).rejects.toThrow(
      /go 999\.0\.0 could not be downloaded from .*: the download is larger than the size the release list gives \(64 bytes\); it was stopped \(the mirror is go-download-base-url\)/,
    );
  });

  it("the Go release index that never answers fails naming its URL and the limit", async () => {
    await expect(resolveGo(">=999.0", `${base}/silent/dl`, new MemoryReporter(), 300)).rejects.toThrow(
      `the Go release index ${base}/silent/dl/ could not be read: GET ${base}/silent/dl/ got no answer within the 300 ms limit; set go-download-base-url to a mirror of go.dev/dl this runner can reach, or put a Go satisfying >=999.0 on PATH`,
    );
  });
});
