import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeNeeding } from "../../../../test/tools.js";
import { SshHost } from "../../src/hosts/ssh/sshhost.js";
import { LocalShell } from "./localshell.js";

/**
 * Issue 10: health probes on a host run curl with `-g`, so a health-path holding `[`, `]`, `{`
 * or `}` (health-path accepts any printable path) is sent as it is instead of being read as a
 * curl URL range or set. Run with the real curl and wget, in a local shell for the host.
 */
let srv: http.Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  srv = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    res.statusCode = req.url?.startsWith("/healthz") ? 200 : 404;
    res.end();
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  port = (srv.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => srv.close(() => r())));

for (const probe of ["curl", "wget"] as const)
  describeNeeding([probe], `health probes with ${probe}`, () => {
    it("send a path with brackets and braces as it is", async () => {
      const host = new SshHost(new LocalShell(), { probe });
      for (const path of ["/healthz?ids=[1,2]", "/healthz/{a,b}", "/healthz?r=[1-3]"]) {
        seen.length = 0;
        expect(await host.httpGet(port, path, 3000), path).toMatchObject({ ok: true, status: 200 });
        // One request for that path (wget percent-encodes braces; curl without -g made several, or none).
        expect(seen.map((u) => decodeURI(u))).toEqual([path]);
      }
    });
  });
