import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "@gantry/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY_SHOWN_AS, checkKnownHosts, checkPrivateKey, normalizeKey, verifyKeyFile, writePrivateFile } from "../../src/hosts/ssh/keys.js";

let dir: string;
const key = (name: string) => readFileSync(join(dir, name), "utf8");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gantry-keys-"));
  const gen = (name: string, ...args: string[]) => execFileSync("ssh-keygen", ["-q", "-N", "", "-C", "test", "-f", join(dir, name), ...args]);
  gen("ed25519", "-t", "ed25519");
  gen("rsa-pem", "-t", "rsa", "-b", "2048", "-m", "PEM");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "hunter2", "-f", join(dir, "locked")]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a check throws, which must never show the key. */
function keyError(text: string): InputError {
  try {
    checkPrivateKey(text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.value).toBe(KEY_SHOWN_AS);
    for (const line of text.split("\n")) if (line.length > 20) expect(e.message).not.toContain(line);
    return e;
  }
  throw new Error("expected the key to be refused");
}

describe("ssh-key", () => {
  it("accepts OpenSSH and PEM keys, fixing CRLF and a lost final newline", () => {
    const k = key("ed25519");
    expect(checkPrivateKey(k)).toBe(k);
    expect(checkPrivateKey(k.trimEnd().replace(/\n/g, "\r\n"))).toBe(k);
    expect(checkPrivateKey(`  \n${key("rsa-pem")}\n\n`)).toBe(key("rsa-pem"));
  });

  it("refuses a public key, a passphrase, a cut or mangled key, without showing it", () => {
    expect(keyError(key("ed25519.pub")).message).toMatch(/this is a public key/);
    expect(keyError(key("locked")).message).toMatch(/protected by a passphrase \(cipher aes256-ctr\)/);
    expect(keyError(key("ed25519").split("\n").slice(0, 3).join("\n")).message).toMatch(/cut short/);
    expect(keyError(key("ed25519").replace(/\n(.)/, "\n*$1")).message).toMatch(/not base64/);
    expect(keyError("ghp_abcdefghijklmnopqrstuvwxyz0123456789").message).toMatch(/accepted: a private key in OpenSSH or PEM format/);
    expect(keyError("PuTTY-User-Key-File-3: ssh-ed25519\n").message).toMatch(/puttygen/);
  });

  it("gives the key or a clear InputError for any text (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constant(key("ed25519")).map((k) => k.slice(0, 120)),
        ),
        (s) => {
          try {
            expect(checkPrivateKey(s)).toBe(normalizeKey(s));
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as InputError).value).toBe(KEY_SHOWN_AS);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes it 0600 and lets ssh-keygen confirm ssh can read it", async () => {
    const out = mkdtempSync(join(tmpdir(), "gantry-keyfile-"));
    try {
      const path = await writePrivateFile(out, "key", checkPrivateKey(key("ed25519")));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(await verifyKeyFile(path)).toBe(key("ed25519.pub").trim());
      // The format check passes a key with a damaged body; ssh-keygen does not.
      const lines = key("ed25519").split("\n");
      lines[2] = (lines[2] as string).replace(/[A-Za-z]/, (c) => (c === "A" ? "B" : "A"));
      const bad = await writePrivateFile(out, "bad", checkPrivateKey(lines.join("\n")));
      const err = await verifyKeyFile(bad).catch((e: unknown) => e as InputError);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toMatch(/ssh-keygen cannot read it/);
      expect((err as InputError).message).not.toContain(lines[2]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("known-hosts", () => {
  it("accepts ssh-keyscan lines, hashed names, markers and comments", () => {
    const [type, b64] = key("ed25519.pub").split(" ") as [string, string];
    const text = `# web servers\n\nweb-1,10.0.0.5 ${type} ${b64}\n[web-2]:2222 ${type} ${b64} comment\n|1|c2FsdA==|aGFzaA== ${type} ${b64}\n@cert-authority *.example.com ${type} ${b64}\n`;
    expect(checkKnownHosts(text).map((k) => k.patterns)).toEqual(["web-1,10.0.0.5", "[web-2]:2222", "|1|c2FsdA==|aGFzaA==", "*.example.com"]);
  });

  it.each([
    ["", /holds no host key/],
    ["# only a comment", /holds no host key/],
    ["web-1 ssh-ed25519", /fewer than three fields/],
    ["web-1 ssh-foo AAAA", /ssh-foo is not an SSH key type/],
    ["web-1 ssh-ed25519 not-base64!", /not a base64 ssh-ed25519 key/],
    ["@trusted web-1 ssh-ed25519 AAAA", /unknown marker @trusted/],
  ])("refuses %j", (text, why) => {
    expect(() => checkKnownHosts(text)).toThrow(why);
  });

  it("refuses a key whose blob is of another type", () => {
    const rsa = key("rsa-pem.pub").split(" ")[1];
    expect(() => checkKnownHosts(`web-1 ssh-ed25519 ${rsa}`)).toThrow(/line 1: the key is not a base64 ssh-ed25519 key/);
  });

  it("gives keys or a clear InputError for any text (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          expect(checkKnownHosts(s).length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
