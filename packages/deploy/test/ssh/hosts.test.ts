import { InputError } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostLabel, parseHost, parseHosts } from "../../src/hosts/ssh/hosts.js";

describe("hosts", () => {
  it("reads user@host[:port], newline- or comma-separated", () => {
    expect(parseHosts("deploy@web-1.example.com, deploy@10.0.0.5:2222\n  ops@[2001:db8::5]:22\n")).toEqual([
      { user: "deploy", host: "web-1.example.com", port: 22, label: "deploy@web-1.example.com" },
      { user: "deploy", host: "10.0.0.5", port: 2222, label: "deploy@10.0.0.5:2222" },
      { user: "ops", host: "2001:db8::5", port: 22, label: "ops@[2001:db8::5]" },
    ]);
    expect(parseHosts("")).toEqual([]);
    expect(parseHosts(" \n , ")).toEqual([]);
    expect(hostLabel("a", "::1", 2200)).toBe("a@[::1]:2200");
  });

  it.each([
    ["web-1", /the user is missing/],
    ["@web-1", /is not a user name/],
    ["-oProxyCommand=x@web-1", /is not a user name/],
    ["deploy@-oProxyCommand=sh", /not a hostname/],
    ["deploy@web_1", /not a hostname/],
    ["deploy@web-1:0", /port "0" is not a number from 1 to 65535/],
    ["deploy@web-1:99999", /from 1 to 65535/],
    ["deploy@web-1:22x", /port "22x"/],
    ["deploy@2001:db8::5", /must be written in brackets/],
    ["deploy@[2001:db8::5", /is not closed/],
    ["deploy@[web-1]", /not an IPv6 address/],
    ["deploy@[::1]x", /only :port may follow/],
    ["deploy@300.1.1.1", /not a hostname or an IPv4 address/],
    ["deploy@web 1", /not a hostname/],
    ["deploy@web-1;reboot", /not a hostname/],
  ])("refuses %j, saying why", (entry, why) => {
    expect(() => parseHost(entry)).toThrow(InputError);
    expect(() => parseHost(entry)).toThrow(why);
    expect(() => parseHost(entry)).toThrow(/accepted: user@host/);
  });

  it("refuses a host listed twice", () => {
    expect(() => parseHosts("a@web-1, a@WEB-1:22")).toThrow(/a@WEB-1 is listed twice/);
    expect(parseHosts("a@web-1, b@web-1, a@web-1:2222")).toHaveLength(3);
  });

  it("gives hosts or a clear InputError for any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          const hosts = parseHosts(s);
          for (const h of hosts) {
            expect(h.user).toMatch(/^[A-Za-z_]/);
            expect(h.host.startsWith("-")).toBe(false);
            expect(h.port).toBeGreaterThanOrEqual(1);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).input).toBe("hosts");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("parses what it formats (property)", () => {
    const user = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
    const host = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9](\.[a-z]{2,5})?$/), fc.ipV4(), fc.constantFrom("::1", "2001:db8::5", "fe80::1"));
    fc.assert(
      fc.property(user, host, fc.integer({ min: 1, max: 65535 }), (u, h, p) => {
        const parsed = parseHost(hostLabel(u, h, p));
        expect(parsed).toEqual({ user: u, host: h, port: p, label: hostLabel(u, h, p) });
      }),
    );
  });
});
