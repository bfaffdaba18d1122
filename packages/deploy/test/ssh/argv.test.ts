import { describe, expect, it } from "vitest";
import { AGENT } from "../../src/hosts/ssh/agent.js";
import { type SshUse, sshArgv } from "../../src/hosts/ssh/argv.js";
import { parseHost } from "../../src/hosts/ssh/hosts.js";
import { parseSshOptions } from "../../src/hosts/ssh/options.js";
import type { SshConfig } from "../../src/hosts/ssh/session.js";
import { shCommand, shScript } from "../../src/hosts/ssh/shell.js";

/**
 * Issue 10: no code path turns host-key checking off unless the user set the insecure switch.
 * Every kind of ssh invocation the deploy makes is built by sshArgv; each is built here with
 * every configuration a run can have without the switch.
 */
const USES: [string, SshUse][] = [
  ["a command on the shared master", { command: shScript("true") }],
  ["the host's long-lived shell", { command: shCommand(["exec", "sh", "-c", AGENT]) }],
  ["a connection of its own", { ownConnection: true, sshArgs: ["-W", "127.0.0.1:8080"] }],
  ["a TCP channel", { sshArgs: ["-W", "127.0.0.1:8080"] }],
  ["a socket forward", { sshArgs: ["-O", "forward", "-L", "/tmp/gantry-ssh-x/fwd.sock:/run/haproxy.sock"] }],
  ["closing the master", { sshArgs: ["-O", "exit"] }],
];
const allOptions = parseSshOptions([
  "ConnectTimeout=5",
  "ConnectionAttempts=2",
  "ServerAliveInterval=10",
  "ServerAliveCountMax=2",
  "TCPKeepAlive=yes",
  "Compression=yes",
  "AddressFamily=inet",
  "IPQoS=lowdelay",
  "RekeyLimit=1G 1h",
  "Ciphers=aes256-gcm@openssh.com",
  "MACs=hmac-sha2-256",
  "KexAlgorithms=curve25519-sha256",
  "HostKeyAlgorithms=ssh-ed25519",
  "PubkeyAcceptedAlgorithms=ssh-ed25519",
]);
const CONFIGS: [string, SshConfig][] = [
  [
    "a key and known-hosts",
    { controlDir: "/tmp/gantry-ssh-x", keyFile: "/tmp/gantry-ssh-x/key", knownHostsFile: "/tmp/gantry-ssh-x/known_hosts", insecure: false, options: [] },
  ],
  ["the agent's keys", { controlDir: "/tmp/gantry-ssh-x", knownHostsFile: "/tmp/gantry-ssh-x/known_hosts", insecure: false, options: [] }],
  [
    "every allowed option",
    { controlDir: "/tmp/gantry-ssh-x", knownHostsFile: "/tmp/gantry-ssh-x/known_hosts", insecure: false, options: allOptions, persistSeconds: 5 },
  ],
];
const HOSTS = ["deploy@web-1", "root@10.0.0.5:2222", "deploy@[2001:db8::1]:22"].map((h) => parseHost(h));

/** Every -o option as [lower-case name, value]. */
const options = (argv: string[]) =>
  argv.flatMap((a, i) => (argv[i - 1] === "-o" ? [[a.slice(0, a.indexOf("=")).toLowerCase(), a.slice(a.indexOf("=") + 1)] as const] : []));

describe("ssh command lines", () => {
  for (const [configName, cfg] of CONFIGS)
    for (const [useName, use] of USES)
      it(`${useName}, with ${configName}: host keys are checked against known-hosts only`, () => {
        for (const spec of HOSTS) {
          const argv = sshArgv(spec, cfg, use);
          const o = options(argv);
          // ssh takes the first value given for an option: the only one must be `yes`.
          expect(o.filter(([k]) => k === "stricthostkeychecking")).toEqual([["stricthostkeychecking", "yes"]]);
          expect(o.filter(([k]) => k === "userknownhostsfile")).toEqual([["userknownhostsfile", cfg.knownHostsFile]]);
          expect(o.filter(([k]) => k === "globalknownhostsfile")).toEqual([["globalknownhostsfile", "/dev/null"]]);
          for (const [k, v] of o) {
            expect(k, `${k}=${v}`).not.toMatch(
              /^(checkhostip|knownhostscommand|proxycommand|proxyjump|localcommand|permitlocalcommand|verifyhostkeydns|updatehostkeys)$/,
            );
            if (k !== "globalknownhostsfile") expect(v, `${k}=${v}`).not.toBe("/dev/null");
          }
          // No config file can change any of it, and no option rides in as a `-oName=value` word.
          expect(argv.slice(0, 2)).toEqual(["-F", "none"]);
          expect(argv.filter((a) => /^-o./i.test(a))).toEqual([]);
          expect(argv[argv.indexOf("--") + 1]).toBe(spec.host);
        }
      });

  it("refuses to build a command line with neither known-hosts nor the insecure switch", () => {
    const cfg: SshConfig = { controlDir: "/tmp/gantry-ssh-x", insecure: false, options: [] };
    for (const [, use] of USES) expect(() => sshArgv(parseHost("deploy@web-1"), cfg, use)).toThrow(/host key checking is not switched off/);
  });

  it("turns the check off only with the insecure switch", () => {
    const cfg: SshConfig = { controlDir: "/tmp/gantry-ssh-x", insecure: true, options: [] };
    const o = options(sshArgv(parseHost("deploy@web-1"), cfg, USES[0]?.[1]));
    expect(o.filter(([k]) => k === "stricthostkeychecking")).toEqual([["stricthostkeychecking", "no"]]);
  });
});
