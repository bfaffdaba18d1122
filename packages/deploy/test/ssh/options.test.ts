import { InputError } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { optionValue, parseSshOptions } from "../../src/hosts/ssh/options.js";

describe("ssh-options", () => {
  it("accepts connection tuning, in canonical spelling", () => {
    const o = parseSshOptions([
      "connecttimeout=5",
      "ServerAliveInterval 10",
      "Ciphers=aes256-gcm@openssh.com,chacha20-poly1305@openssh.com",
      "IPQoS lowdelay throughput",
    ]);
    expect(o).toEqual([
      "ConnectTimeout=5",
      "ServerAliveInterval=10",
      "Ciphers=aes256-gcm@openssh.com,chacha20-poly1305@openssh.com",
      "IPQoS=lowdelay throughput",
    ]);
    expect(optionValue(o, "ConnectTimeout")).toBe("5");
    expect(optionValue(o, "Compression")).toBeUndefined();
  });

  it.each([
    ["StrictHostKeyChecking=no", /cannot be set here: host keys are always checked/],
    ["ProxyCommand=nc %h %p", /it runs a local command/],
    ["LocalCommand=id", /it runs a local command/],
    ["KnownHostsCommand=/bin/true", /it runs a local command/],
    ["UserKnownHostsFile=/dev/null", /give the host keys in known-hosts/],
    ["IdentityFile=~/.ssh/id_rsa", /give the key in ssh-key/],
    ["ControlPath=/tmp/x", /one connection per host itself/],
    ["Port=2222", /user@host:port/],
    ["SendEnv=*", /not on gantry's list/],
    ["ConnectTimeout=0", /ConnectTimeout takes seconds from 1 to 600/],
    ["ConnectTimeout=5; id", /ConnectTimeout takes/],
    ["Compression=maybe", /yes or no/],
    ["Ciphers=aes128-ctr aes256-ctr", /list of algorithms/],
    ["just-text", /one Option=value per line/],
  ])("refuses %j, saying why", (line, why) => {
    expect(() => parseSshOptions([line])).toThrow(InputError);
    expect(() => parseSshOptions([line])).toThrow(why);
  });

  it("refuses an option given twice", () => {
    expect(() => parseSshOptions(["ConnectTimeout=5", "connecttimeout 6"])).toThrow(/given twice/);
  });

  it("gives options or a clear InputError for any lines (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }), (lines) => {
        try {
          for (const o of parseSshOptions(lines)) expect(o).toMatch(/^[A-Za-z]+=[^\n]+$/);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
