import { describe, expect, it } from "vitest";
import { parseHost } from "../../src/hosts/ssh/hosts.js";
import { SshSession, classifySshFailure } from "../../src/hosts/ssh/session.js";

/** stderr of OpenSSH 9.2p1 (Debian bookworm), captured from a real sshd on loopback. */
const CHANGED = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
Someone could be eavesdropping on you right now (man-in-the-middle attack)!
It is also possible that a host key has just been changed.
The fingerprint for the ED25519 key sent by the remote host is
SHA256:27bb0woi7oFdwyV4wsh93GxxTlCbS7GkCmSxFnm5vyQ.
Please contact your system administrator.
Add correct host key in /tmp/sshx/kh-wrong to get rid of this message.
Offending ED25519 key in /tmp/sshx/kh-wrong:1
  remove with:
  ssh-keygen -f "/tmp/sshx/kh-wrong" -R "[127.0.0.1]:2299"
Host key for [127.0.0.1]:2299 has changed and you have requested strict checking.
Host key verification failed.
`;
const UNKNOWN = "No ED25519 host key is known for [127.0.0.1]:2299 and you have requested strict checking.\nHost key verification failed.\n";

describe("classifySshFailure", () => {
  it("reads ssh's own messages", () => {
    expect(classifySshFailure(CHANGED)).toEqual({ kind: "host-key-changed", detail: "ED25519 SHA256:27bb0woi7oFdwyV4wsh93GxxTlCbS7GkCmSxFnm5vyQ" });
    expect(classifySshFailure(UNKNOWN)).toEqual({ kind: "host-key-unknown", detail: "ED25519" });
    expect(classifySshFailure("root@127.0.0.1: Permission denied (publickey).\n")?.kind).toBe("auth");
    expect(classifySshFailure("ssh: connect to host 127.0.0.1 port 1: Connection refused\n")).toEqual({
      kind: "unreachable",
      detail: "ssh: connect to host 127.0.0.1 port 1: Connection refused",
    });
    expect(classifySshFailure("Connection timed out during banner exchange\nConnection to 10.213.250.2 port 22 timed out\n")?.kind).toBe("unreachable");
    expect(classifySshFailure("ssh: Could not resolve hostname nonexistent.invalid: Name or service not known\n")?.kind).toBe("unreachable");
    expect(classifySshFailure("mux_client_request_session: read from master failed: Broken pipe\n")?.kind).toBe("master-lost");
    expect(classifySshFailure("Timeout, server 10.213.250.2 not responding.\n")?.kind).toBe("unreachable");
  });

  it("leaves the remote command's own failures alone", () => {
    expect(classifySshFailure("")).toBeUndefined();
    expect(classifySshFailure("nginx: [emerg] unknown directive\n")).toBeUndefined();
    // A probe through `ssh -W` to a port nobody listens on yet: the connection is fine.
    expect(classifySshFailure("channel 0: open failed: connect failed: Connection refused\nstdio forwarding failed\n")).toBeUndefined();
  });
});

describe("SshSession", () => {
  const cfg = {
    controlDir: "/tmp/gantry-ssh-x",
    keyFile: "/tmp/gantry-ssh-x/key",
    knownHostsFile: "/tmp/gantry-ssh-x/known_hosts",
    insecure: false,
    options: ["ConnectTimeout=3"],
  };
  const opt = (args: string[], name: string) => args.filter((a, i) => args[i - 1] === "-o" && a.startsWith(`${name}=`));

  it("checks host keys against known-hosts only, never prompts, and reuses one master per host", () => {
    const args = new SshSession(parseHost("deploy@web-1:2222"), cfg).baseArgs();
    expect(args.slice(0, 4)).toEqual(["-F", "none", "-o", "ConnectTimeout=3"]);
    expect(opt(args, "ConnectTimeout")).toEqual(["ConnectTimeout=3"]);
    expect(opt(args, "StrictHostKeyChecking")).toEqual(["StrictHostKeyChecking=yes"]);
    expect(opt(args, "UserKnownHostsFile")).toEqual(["UserKnownHostsFile=/tmp/gantry-ssh-x/known_hosts"]);
    expect(opt(args, "GlobalKnownHostsFile")).toEqual(["GlobalKnownHostsFile=/dev/null"]);
    expect(opt(args, "BatchMode")).toEqual(["BatchMode=yes"]);
    expect(opt(args, "ControlMaster")).toEqual(["ControlMaster=auto"]);
    expect(opt(args, "ControlPath")).toEqual(["ControlPath=/tmp/gantry-ssh-x/%C"]);
    expect(opt(args, "ControlPersist")).toEqual(["ControlPersist=60"]);
    expect(args.slice(-4)).toEqual(["-l", "deploy", "-p", "2222"]);
    expect(args).toContain("/tmp/gantry-ssh-x/key");
  });

  it("skips the host key check only when told to", () => {
    const args = new SshSession(parseHost("deploy@web-1"), { ...cfg, knownHostsFile: undefined, insecure: true }).baseArgs();
    expect(opt(args, "StrictHostKeyChecking")).toEqual(["StrictHostKeyChecking=no"]);
    expect(opt(args, "UserKnownHostsFile")).toEqual(["UserKnownHostsFile=/dev/null"]);
  });
});
