/**
 * SshHost against a real sshd (issue 7, issue 10): the login as the test's own user, a host whose
 * sshd refuses forwarding and has no curl, wget or socat, and probes through sshd's TCP channel
 * that survive a lost master. The sshd and HAProxy are testhost.ts's, on loopback.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SshHost } from "@gantry/deploy";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Haproxy } from "../deploy/support.js";
import { scratchDir } from "../harness.js";
import { describeNeeding, lacking } from "../tools.js";
import { HOST_USER, type KeyPair, type Sshd, startSshd } from "./servers.js";
import { type TestHost, sessionTo, startTestHost } from "./testhost.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "unshare", "mount", "root"];
const HAVE = !lacking(NEEDS).length;
const dir = scratchDir("gantry-sshhost-");
let testHost: TestHost;
let sshd: Sshd;
let hp: Haproxy;
let user: KeyPair;
let ports: { blue: number; green: number };

beforeAll(async () => {
  if (!HAVE) return;
  testHost = await startTestHost(dir);
  ({ sshd, hp, user, ports } = testHost);
});

afterAll(() => testHost?.stop());

describeNeeding(NEEDS, "SshHost against the real sshd", () => {
  it("logs in as the test's own user with its own home and /bin/sh, never as this machine's root (issue 10)", async () => {
    const session = sessionTo(sshd, user);
    const asRoot = sessionTo(sshd, user, { as: "root" });
    try {
      const r = await session.run('id -u; id -g; printf "%s\\n" "$HOME" "$SHELL"; ls -A "$HOME"');
      expect(r.stdout.trim().split("\n")).toEqual([String(HOST_USER.uid), String(HOST_USER.gid), sshd.home, "/bin/sh"]);
      await expect(asRoot.run("true")).rejects.toThrow(/Permission denied/);
    } finally {
      await session.close();
      await asRoot.close();
    }
  });

  it("says clearly when a host's sshd refuses forwarding and it has no curl, wget or socat", async () => {
    const locked = await startSshd({
      dir,
      userKey: user,
      config: ["AllowTcpForwarding no", "AllowStreamLocalForwarding no"],
      without: ["curl", "wget", "socat"],
    });
    const session = sessionTo(locked, user);
    try {
      const host = new SshHost(session, { probe: "channel" });
      expect(await host.channelAllowed(ports.blue)).toBe(false);
      // The host has no socat (hidden in its mount namespace): the error says what to change on the host.
      await expect(host.checkSocket(hp.socket, "show cli level")).rejects.toThrow(/refuse stream-local forwarding and there is no socat on the host/);
    } finally {
      await session.close();
      await locked.stop();
    }
  });

  it("probes through sshd's TCP channel when the host has no curl or wget, and survives a lost master", async () => {
    const session = sessionTo(sshd, user);
    const host = new SshHost(session, { probe: "channel" });
    const srv = http.createServer((req, res) => {
      res.statusCode = req.url === "/healthz" ? 200 : 503;
      res.end();
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const port = (srv.address() as AddressInfo).port;
    try {
      expect(await host.httpGet(port, "/healthz", 3000)).toMatchObject({ ok: true, status: 200 });
      expect(await host.httpGet(port, "/nope", 3000)).toMatchObject({ ok: false, status: 503 });
      await new Promise<void>((r) => srv.close(() => r()));
      // Nothing listens: the channel is refused, the connection itself is fine.
      expect(await host.httpGet(port, "/healthz", 3000)).toMatchObject({
        ok: false,
        status: 0,
        error: expect.stringMatching(/refused/),
      });
      expect(await host.channelAllowed(port)).toBe(true);
      expect(session.unreachable).toBeUndefined();
      expect((await host.checkSocket(hp.socket, "show cli level")).trim()).toBe("admin");
      // The master goes away (ControlPersist ran out, say): the next request forwards again on a new one.
      await session.close();
      expect((await host.socketRequest(hp.socket, "show cli level", 3000)).trim()).toBe("admin");
    } finally {
      srv.close();
      await session.close();
    }
  });
});
