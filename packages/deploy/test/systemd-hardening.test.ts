/**
 * The generated unit as `systemd-analyze security` rates it (the real tool, offline: it reads the
 * unit file, not a running systemd), and the checks that refuse a state dir the service could not
 * see or enter, on this machine's real folders.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { scratchDir } from "../../../test/support/scratch.js";
import { describeNeeding } from "../../../test/tools.js";
import { LocalHost } from "../src/hosts/localhost.js";
import { ServiceUser } from "../src/runtimes/service-user.js";
import { renderUnit } from "../src/runtimes/systemd-unit.js";

const dir = scratchDir("gantry-hardening-");
// mkdtemp makes it 0700; the folders under it are what the checks judge.
chmodSync(dir, 0o711);

const spec = {
  name: "hello-green",
  binary: "/var/lib/gantry/hello/releases/v2/hello",
  directory: "/var/lib/gantry/hello/releases/v2",
  envFile: "/var/lib/gantry/hello/run/green.env",
  stateDir: "/var/lib/gantry/hello",
  user: "gantry-hello",
  group: "gantry-hello",
  stopTimeoutMs: 30_000,
  overrides: [],
};

/** `systemd-analyze security --offline=true` of the unit: its overall exposure (0 best, 10 worst). */
function exposure(port: number): { score: number; report: string } {
  const file = join(dir, `hello-${port}.service`);
  writeFileSync(file, renderUnit({ ...spec, port }));
  const report = execFileSync("systemd-analyze", ["security", "--offline=true", "--no-pager", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const score = /Overall exposure level for hello-\d+\.service: (\d+\.\d+)/.exec(report)?.[1];
  expect(score, report).toBeDefined();
  return { score: Number(score), report };
}

describeNeeding(["systemd-analyze"], "the generated unit's hardening (systemd-analyze security --offline)", () => {
  it("rates at most 2.5 without a capability (port above 1024)", () => {
    const { score, report } = exposure(8082);
    console.info(`systemd-analyze security of the unit, port 8082: ${score}`);
    expect(score, report).toBeLessThanOrEqual(2.5);
  });

  it("rates at most 2.5 with CAP_NET_BIND_SERVICE only (port below 1024)", () => {
    const { score, report } = exposure(80);
    expect(report).toMatch(/CapabilityBoundingSet=~CAP_NET_\(BIND_SERVICE\|BROADCAST\|RAW\)\s+Service has elevated networking privileges/);
    console.info(`systemd-analyze security of the unit, port 80: ${score}`);
    expect(score, report).toBeLessThanOrEqual(2.5);
  });
});

describeNeeding(["root", "stat", "realpath", "id"], "a state dir the service's user cannot enter (this machine's folders)", () => {
  const host = new LocalHost();
  it("names the folder the user cannot enter, with its mode", async () => {
    const closed = join(dir, "closed");
    mkdirSync(join(closed, "inner"), { recursive: true });
    chmodSync(closed, 0o700);
    // nobody: a user that owns none of these folders and is in none of their groups.
    const user = new ServiceUser(host, "hello", "nobody");
    await expect(user.checkReaches(join(closed, "inner", "hello"))).rejects.toThrow(
      new RegExp(`state-dir: the service's user nobody cannot enter ${closed} on local \\(mode 0700, owner 0:0\\).*status=200/CHDIR`),
    );
    // A dedicated user that does not exist yet is judged like any stranger.
    await expect(new ServiceUser(host, "no-such-app-here", "").checkReaches(join(closed, "hello"))).rejects.toThrow(/gantry-no-such-app-here cannot enter/);
    chmodSync(closed, 0o711);
    await expect(user.checkReaches(join(closed, "inner", "hello"))).resolves.toBeUndefined();
  });

  it("names a given user that does not exist, and the default instead", async () => {
    await expect(new ServiceUser(host, "hello", "no-such-user-here").checkExists()).rejects.toThrow(
      "user: no-such-user-here does not exist on local; create it, or leave user empty for gantry's own gantry-hello",
    );
  });

  it("follows a symlink to the folder it names", async () => {
    const hidden = join(dir, "hidden");
    mkdirSync(join(hidden, "real"), { recursive: true });
    chmodSync(hidden, 0o700);
    execFileSync("ln", ["-s", join(hidden, "real"), join(dir, "link")]);
    await expect(new ServiceUser(host, "hello", "nobody").checkReaches(join(dir, "link", "hello"))).rejects.toThrow(`cannot enter ${hidden} `);
  });
});
