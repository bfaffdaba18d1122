/**
 * The deploy action on one remote host over SSH (issue 7), through the harness: a real sshd on a
 * loopback port with its own host key and authorized_keys, HAProxy on loopback, the example
 * service. One SSH connection for a whole deploy, the engine's files on the host, the key removed
 * by the post step, secrets kept out of logs and command lines, and every bad input or broken
 * host refused with an error that names the host, before it is changed. SshHost against a real
 * sshd is in sshhost.test.ts; a login shell that is slow to start, in transport.test.ts.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "@gantry/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { type Haproxy, QUICK_GATES, buildReleases, freePort, runningServices, servedVersion, startLoad } from "../deploy/support.js";
import { describeNeeding, lacking } from "../tools.js";
import { HOST_USER, type KeyPair, type Sshd, fingerprint, keyPair } from "./servers.js";
import { type TestHost, startTestHost } from "./testhost.js";

const NEEDS = ["sshd", "ssh", "ssh-keygen", "haproxy", "unshare", "curl", "root"];
const HAVE = !lacking(NEEDS).length;
const ws = fixtureCopy("example-service");
const dir = scratchDir("gantry-deploy-ssh-");
const small = join(dir, "small");
let host: TestHost;
let sshd: Sshd;
let hp: Haproxy;
let user: KeyPair;
let stateDir: string;
let manifests: Record<string, string>;

beforeAll(async () => {
  if (!HAVE) return;
  manifests = await buildReleases(ws, [{ version: "v1" }, { version: "v2" }, { version: "v3-unhealthy", fault: "unhealthy" }]);
  // A 2 MiB disk inside the server's mount namespace, for the disk-full case.
  host = await startTestHost(dir, { setup: [`mkdir -p ${small}`, `mount -t tmpfs -o size=2m tmpfs ${small}`] });
  ({ sshd, hp, user, stateDir } = host);
});

afterAll(() => host?.stop());

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return { ...host.inputs, app: "hello", env: "HOST=127.0.0.1\nAPI_TOKEN=s3cret-token", ...QUICK_GATES, ...extra };
}

const visible = (log: string) => log.replace(/^::add-mask::.*$/gm, "");
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
const accepted = () => (sshd.log().match(/Accepted publickey/g) ?? []).length;
const hostsOut = (r: ActionRun) => JSON.parse(r.outputs.hosts ?? "[]") as Record<string, string>[];
/** The run's private SSH folder (key, known_hosts, control sockets), from the state main left for post. */
const sshDir = (r: ActionRun) => (JSON.parse(r.state["gantry-cleanup"] ?? "{}") as { dir?: string }).dir;
/** ssh processes (masters) still using a folder. */
const mastersIn = (folder: string) =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(folder);
      } catch {
        return false;
      }
    });
function expectCleanedUp(r: ActionRun) {
  const folder = sshDir(r);
  expect(folder, "main saves its SSH folder for post").toMatch(/gantry-ssh-/);
  expect(existsSync(folder as string), "the post step removes the key and the sockets").toBe(false);
  expect(mastersIn(folder as string), "the post step closes the master connections").toEqual([]);
}

describeNeeding(NEEDS, "deploy over SSH to one host", () => {
  it("refuses bad SSH inputs and unusable hosts before changing anything, naming the host", async () => {
    const other = keyPair(dir, "other_key");
    const wrongHostKey = `[127.0.0.1]:${sshd.port} ${other.public.split(" ").slice(0, 2).join(" ")}`;
    const before = accepted();
    const cases: [Record<string, string>, RegExp][] = [
      [{ hosts: "web-1" }, /input 'hosts': "web-1" is not valid; the user is missing/],
      [{ hosts: "root@web_1" }, /"web_1" is not a hostname/],
      [{ "known-hosts": "" }, /input 'known-hosts': "" is not valid; it is required with hosts: host keys are always checked/],
      [{ "ssh-key": user.public }, /input 'ssh-key': "\(the key, not shown\)" is not valid; this is a public key/],
      [{ "ssh-options": "ProxyCommand=sh -c id" }, /ProxyCommand cannot be set here: it runs a local command/],
      [{ "state-dir": "state" }, /input 'state-dir': "state" is not valid; with hosts it is a path on the servers and must be absolute/],
      [{ hosts: "", "ssh-key": user.private }, /input 'hosts': "" is not valid; it is empty but ssh-key and known-hosts are set/],
    ];
    for (const [extra, message] of cases) {
      const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, ...extra }), { workspace: ws });
      expect(r.code, r.log).toBe(1);
      expect(errorOf(r)).toMatch(message);
      expect(visible(r.log)).not.toContain(user.private.split("\n")[1]);
    }
    expect(accepted(), "no input error may contact the host").toBe(before);

    const hostCases: [Record<string, string>, RegExp][] = [
      [
        { "known-hosts": wrongHostKey },
        new RegExp(
          `${HOST_USER.name}@127\\.0\\.0\\.1:${sshd.port}: the host key does not match known-hosts: the host offered ED25519 ${fingerprint(sshd.hostKey.public).replace(/[+/]/g, "\\$&")}`,
        ),
      ],
      [
        { "known-hosts": `[127.0.0.1]:1 ${other.public}` },
        new RegExp(`no key for this host in known-hosts; it offers ED25519 ${fingerprint(sshd.hostKey.public).replace(/[+/]/g, "\\$&")}`),
      ],
      [{ "ssh-key": other.private }, /the server refused the key \(.*Permission denied \(publickey\)\)/],
      [
        { hosts: `${HOST_USER.name}@127.0.0.1:${await freePort()}`, "ssh-options": "ConnectTimeout=3" },
        new RegExp(`${HOST_USER.name}@127\\.0\\.0\\.1:\\d+ is unreachable: .*Connection refused`),
      ],
      [{ "state-dir": join(small, "state") }, new RegExp(`${HOST_USER.name}@127\\.0\\.0\\.1:\\d+: the disk is full: .* free in .*small, the release needs`)],
      [
        { router: "nginx", "nginx-upstream-file": join(host.srv, "u.conf"), "nginx-reload-command": "gantry-no-such-nginx -s reload" },
        /`gantry-no-such-nginx` is not installed, and nginx-reload-command needs it/,
      ],
      [{ "haproxy-socket": join(dir, "none.sock") }, new RegExp(`${HOST_USER.name}@127\\.0\\.0\\.1:\\d+: .*none\\.sock`)],
    ];
    for (const [extra, message] of hostCases) {
      const r = await runAction("deploy", inputs({ manifest: manifests.v1 as string, ...extra }), { workspace: ws });
      expect(r.code, r.log).toBe(1);
      expect(errorOf(r)).toMatch(message);
      expect(errorOf(r)).toMatch(/nothing was changed/i);
      expect(existsSync(stateDir), "state-dir must not be created").toBe(false);
      expectCleanedUp(r);
    }
  });

  let first: ActionRun;
  it("deploys v1 over one SSH connection; the engine's files live on the host", async () => {
    const before = accepted();
    first = await runAction("deploy", inputs({ manifest: manifests.v1 as string }), {
      workspace: ws,
      env: { GITHUB_ACTOR: "octocat", GITHUB_REPOSITORY: "acme/hello" },
    });
    expect(first.code, first.log).toBe(0);
    expect(first.outputs).toMatchObject({ outcome: "promoted", "active-color": "blue", version: "v1" });
    expect(hostsOut(first)).toEqual([{ host: sshd.target, outcome: "promoted", "active-color": "blue", version: "v1", "previous-version": "" }]);
    expect(await servedVersion(hp.url)).toBe("v1");
    // Every command of the deploy (well over a hundred) went through one connection.
    expect(accepted() - before).toBe(1);
    const bin = join(stateDir, "releases", "v1", "hello");
    expect(await sha256File(bin)).toBe(JSON.parse(readFileSync(manifests.v1 as string, "utf8")).artifacts[0].sha256);
    expect(statSync(join(stateDir, "releases", "v1", "service.env")).mode & 0o777).toBe(0o600);
    const audit = readFileSync(join(stateDir, "audit.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(audit).toEqual([expect.objectContaining({ who: "octocat (acme/hello)", command: "deploy", version: "v1", outcome: "promoted" })]);
    expect(first.post?.code).toBe(0);
    expectCleanedUp(first);
    expect(visible(first.log)).not.toContain("s3cret-token");
    expect(first.summary).not.toContain("s3cret-token");
  });

  it("moves to v2 under load without failing a request", async () => {
    const load = startLoad(`${hp.url}/api/hello`, { connections: 50, rate: 2000 });
    await new Promise((r) => setTimeout(r, 300));
    const r = await runAction("deploy", inputs({ manifest: manifests.v2 as string }), { workspace: ws });
    const l = await load.stop();
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "promoted", "active-color": "green", version: "v2", "previous-version": "v1" });
    console.info(`ssh, one host, v1 → v2 under load: ${l.failed} of ${l.total} requests failed`);
    expect(l.total).toBeGreaterThan(500);
    expect(l.failed).toBe(0);
    expect(runningServices(stateDir)).toEqual(["green"]);
  });

  it("rolls an unhealthy release back on the host; v2 keeps serving", async () => {
    const r = await runAction("deploy", inputs({ manifest: manifests["v3-unhealthy"] as string }), { workspace: ws });
    expect(r.code, r.log).toBe(1);
    expect(r.outputs.outcome).toBe("rolled-back");
    expect(errorOf(r)).toMatch(/health gate failed: \/healthz did not answer 2xx 3 times in a row/);
    expect(hostsOut(r)[0]).toMatchObject({ outcome: "rolled-back", "active-color": "green", version: "v2" });
    expect(await servedVersion(hp.url)).toBe("v2");
  });

  it("command: status and command: rollback work over SSH", async () => {
    const s = await runAction("deploy", inputs({ command: "status" }), { workspace: ws });
    expect(s.code, s.log).toBe(0);
    expect(s.outputs).toMatchObject({ outcome: "rolled-back", version: "v2", "active-color": "green" });
    expect(s.summary).toMatch(/All 1 host\(s\) serve v2/);
    expect(s.summary).toMatch(/Audit: .* deploy v3-unhealthy rolled-back/);
    const r = await runAction("deploy", inputs({ command: "rollback" }), { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: "rolled-back", version: "v1", "active-color": "blue" });
    expect(await servedVersion(hp.url)).toBe("v1");
  });
});
