/**
 * SshHost against a real sshd (issue 7, issue 10): the login as the test's own user, a host whose
 * sshd refuses forwarding and has no curl, wget or socat, and probes through sshd's TCP channel
 * that survive a lost master. The sshd and HAProxy are servers.ts's and support.ts's, on loopback.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SshHost, SshSession, parseHost } from "@gantry/deploy";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Haproxy, freePort, startHaproxy } from "../deploy/support.js";
import { describeNeeding, lacking } from "../tools.js";
import { HOST_USER, type KeyPair, type Sshd, giveToHostUser, hostFolder, keyPair, removeDir, startSshd, tempDir } from "./servers.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "unshare", "mount", "root"];
const HAVE = !lacking(NEEDS).length;
const dir = tempDir("gantry-sshhost-");
let sshd: Sshd;
let hp: Haproxy;
let user: KeyPair;
let ports: { blue: number; green: number };

beforeAll(async () => {
  if (!HAVE) return;
  user = keyPair(dir, "deploy_key");
  ports = { blue: await freePort(), green: await freePort() };
  hp = await startHaproxy(hostFolder(join(dir, "srv")), ports);
  giveToHostUser(hp.socket);
  sshd = await startSshd({ dir, userKey: user });
});

afterAll(async () => {
  await sshd?.stop();
  await hp?.stop();
  removeDir(dir);
});

/** A session to a server as the deploy makes one, in a private folder of its own. */
function sessionTo(server: Sshd): { session: SshSession; control: string } {
  const control = tempDir("gantry-ssh-unit-");
  writeFileSync(join(control, "known_hosts"), `${server.knownHosts}\n`);
  const session = new SshSession(parseHost(server.target), {
    controlDir: control,
    keyFile: user.path,
    knownHostsFile: join(control, "known_hosts"),
    insecure: false,
    options: [],
  });
  return { session, control };
}

describeNeeding(NEEDS, "SshHost against the real sshd", () => {
  it("logs in as the test's own user with its own home and /bin/sh, never as this machine's root (issue 10)", async () => {
    const control = tempDir("gantry-ssh-unit-");
    writeFileSync(join(control, "known_hosts"), `${sshd.knownHosts}\n`);
    const cfg = { controlDir: control, keyFile: user.path, knownHostsFile: join(control, "known_hosts"), insecure: false, options: [] };
    const session = new SshSession(parseHost(sshd.target), cfg);
    const asRoot = new SshSession(parseHost(`root@127.0.0.1:${sshd.port}`), cfg);
    try {
      const r = await session.run('id -u; id -g; printf "%s\\n" "$HOME" "$SHELL"; ls -A "$HOME"');
      expect(r.stdout.trim().split("\n")).toEqual([String(HOST_USER.uid), String(HOST_USER.gid), sshd.home, "/bin/sh"]);
      await expect(asRoot.run("true")).rejects.toThrow(/Permission denied/);
    } finally {
      await session.close();
      await asRoot.close();
      removeDir(control);
    }
  });

  it("says clearly when a host's sshd refuses forwarding and it has no curl, wget or socat", async () => {
    const locked = await startSshd({
      dir,
      userKey: user,
      config: ["AllowTcpForwarding no", "AllowStreamLocalForwarding no"],
      without: ["curl", "wget", "socat"],
    });
    const { session, control } = sessionTo(locked);
    try {
      const host = new SshHost(session, { probe: "channel" });
      expect(await host.channelAllowed(ports.blue)).toBe(false);
      // The host has no socat (hidden in its mount namespace): the error says what to change on the host.
      await expect(host.checkSocket(hp.socket, "show cli level")).rejects.toThrow(/refuse stream-local forwarding and there is no socat on the host/);
    } finally {
      await session.close();
      await locked.stop();
      removeDir(control);
    }
  });

  it("probes through sshd's TCP channel when the host has no curl or wget, and survives a lost master", async () => {
    const { session, control } = sessionTo(sshd);
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
      removeDir(control);
    }
  });
});
