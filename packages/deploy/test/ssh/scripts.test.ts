import { describe, expect, it } from "vitest";
import { isListening, parseHttpProbe, parseProbe, parseProcess, parseSha } from "../../src/hosts/ssh/scripts.js";

describe("remote script output", () => {
  it("maps uname to Go's platforms", () => {
    expect(parseProbe("Linux\nx86_64\ndeploy\nhas curl\nhas setsid\nhas /proc\n")).toEqual({
      platform: { os: "linux", arch: "amd64", variant: "" },
      user: "deploy",
      has: new Set(["curl", "setsid", "/proc"]),
    });
    expect(parseProbe("Linux\naarch64\nroot\n").platform).toEqual({ os: "linux", arch: "arm64", variant: "" });
    expect(parseProbe("Linux\narmv7l\npi\n").platform).toEqual({ os: "linux", arch: "arm", variant: "v7" });
    expect(parseProbe("FreeBSD\namd64\nx\n").platform).toEqual({ os: "freebsd", arch: "amd64", variant: "" });
  });

  it("reads /proc and ps process states", () => {
    expect(parseProcess("proc S\n/srv/hello/releases/v1/hello\n--flag\n")).toEqual({ state: "running", command: "/srv/hello/releases/v1/hello --flag" });
    expect(parseProcess("proc Z\n")).toEqual({ state: "zombie", command: "" });
    expect(parseProcess("ps Ss   /usr/bin/hello -x\n")).toEqual({ state: "running", command: "/usr/bin/hello -x" });
    expect(parseProcess("ps Z+ [hello]\n").state).toBe("zombie");
    expect(parseProcess("gone\n")).toEqual({ state: "gone" });
  });

  it("finds listeners in /proc/net/tcp{,6} and ss output", () => {
    // Captured from this machine: 127.0.0.1:8081 (0x1F91) listening, :8082 only as a connection's local end.
    const proc = `proc
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 0100007F:1F92 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
`;
    expect(isListening(proc, 8081)).toBe(true);
    expect(isListening(proc, 8082)).toBe(false);
    expect(isListening(proc, 80)).toBe(true);
    const ss = "ss\nLISTEN 0      4096       127.0.0.1:8081      0.0.0.0:*\nLISTEN 0 511 [::]:80 [::]:*\n";
    expect(isListening(ss, 8081)).toBe(true);
    expect(isListening(ss, 80)).toBe(true);
    expect(isListening(ss, 808)).toBe(false);
  });

  it("reads probe answers and hashes", () => {
    expect(parseHttpProbe("code 200 0.004\n")).toEqual({ status: 200, ms: 4 });
    expect(parseHttpProbe("code 503\n")).toEqual({ status: 503 });
    expect(parseHttpProbe("error curl: (7) Failed to connect to 127.0.0.1 port 8082 after 0 ms: Couldn't connect to server\n")).toEqual({
      error: "Failed to connect to 127.0.0.1 port 8082 after 0 ms: Couldn't connect to server",
    });
    expect(parseHttpProbe("error \n")).toEqual({ error: "no answer" });
    const sha = "a".repeat(64);
    expect(parseSha(`${sha}  -\n`)).toBe(sha);
    expect(parseSha(`${sha} *stdin\n`)).toBe(sha);
    expect(parseSha("sha256sum: not found")).toBeUndefined();
  });
});
