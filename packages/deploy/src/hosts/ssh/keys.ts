/**
 * The `ssh-key` and `known-hosts` inputs: checked for their format before any host is contacted,
 * written to 0600 files in the run's private folder (removed in the post step). The key's text
 * never appears in a message: errors name the input and say what is wrong with it.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ExecError, GantryError, InputError, exec, lastLines } from "@gantry/core";

/** How an error names the key's value: never the key itself. */
export const KEY_SHOWN_AS = "(the key, not shown)";

const BEGIN = /^-----BEGIN ((?:OPENSSH|RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----$/;
const PUBLIC_TYPES = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;

/** The text of a private key as ssh reads it: LF line ends and one final newline (secrets often lose it, and ssh then says "invalid format"). */
export function normalizeKey(text: string): string {
  return `${text.replace(/\r\n?/g, "\n").trim()}\n`;
}

/** Reads the `string` fields of the SSH wire format (RFC 4251 §5) from a buffer. */
function wireStrings(buf: Buffer, from: number, count: number): string[] | undefined {
  const out: string[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    if (at + 4 > buf.length) return undefined;
    const len = buf.readUInt32BE(at);
    if (at + 4 + len > buf.length) return undefined;
    out.push(buf.subarray(at + 4, at + 4 + len).toString("latin1"));
    at += 4 + len;
  }
  return out;
}

/**
 * Checks a private key's format without running anything: a PEM or OpenSSH block, not a public
 * key, not protected by a passphrase (nobody can type one on a runner: ssh runs with BatchMode).
 * Returns the normalized text; throws an InputError that never shows the key.
 */
export function checkPrivateKey(raw: string, input = "ssh-key"): string {
  const text = normalizeKey(raw);
  const fail = (why: string): never => {
    throw new InputError(input, KEY_SHOWN_AS, why);
  };
  const lines = text.trimEnd().split("\n");
  const first = lines[0] ?? "";
  if (PUBLIC_TYPES.test(first.split(/\s+/)[0] ?? ""))
    fail("this is a public key (the .pub file); give the private key, the file that starts with -----BEGIN OPENSSH PRIVATE KEY-----");
  if (first.startsWith("PuTTY-User-Key-File"))
    fail("this is a PuTTY key; convert it with `puttygen key.ppk -O private-openssh -o id_ed25519` and give that file");
  const begin = BEGIN.exec(first);
  if (!begin)
    fail("accepted: a private key in OpenSSH or PEM format, starting with -----BEGIN OPENSSH PRIVATE KEY----- (the whole file, with its BEGIN and END lines)");
  const kind = (begin as RegExpExecArray)[1] ?? "";
  const end = `-----END ${kind}PRIVATE KEY-----`;
  if (lines[lines.length - 1] !== end) fail(`the key is cut short: its last line must be ${end} (was the secret pasted whole?)`);
  if (kind === "ENCRYPTED " || text.includes("Proc-Type: 4,ENCRYPTED"))
    fail("the key is protected by a passphrase, which nobody can type on a runner; use a deploy key without one (ssh-keygen -t ed25519 -N '')");
  const body = lines.slice(1, -1).filter((l) => !l.includes(":"));
  const b64 = body.join("");
  if (!/^[A-Za-z0-9+/]+=*$/.test(b64) || b64.length % 4 !== 0) fail("the lines between BEGIN and END are not base64 (was the key changed when it was pasted?)");
  if (kind === "OPENSSH ") {
    const blob = Buffer.from(b64, "base64");
    const magic = "openssh-key-v1\0";
    if (blob.subarray(0, magic.length).toString("latin1") !== magic) fail("the OpenSSH key block does not start with openssh-key-v1");
    const [cipher] = wireStrings(blob, magic.length, 1) ?? [];
    if (cipher === undefined) fail("the OpenSSH key block is truncated");
    if (cipher !== "none")
      fail(
        `the key is protected by a passphrase (cipher ${cipher}), which nobody can type on a runner; use a deploy key without one (ssh-keygen -t ed25519 -N '')`,
      );
  }
  return text;
}

/** One checked line of a known_hosts file. */
export interface KnownHost {
  patterns: string;
  keyType: string;
  key: string;
}

/**
 * Checks known_hosts text (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): each line names hosts, a key
 * type and a base64 key whose wire blob starts with that type. Comments and blank lines are kept out.
 */
export function checkKnownHosts(text: string, input = "known-hosts"): KnownHost[] {
  const found: KnownHost[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    if (fields[0]?.startsWith("@")) {
      if (fields[0] !== "@cert-authority" && fields[0] !== "@revoked")
        throw new InputError(input, line, `line ${i + 1}: unknown marker ${fields[0]}; accepted: @cert-authority or @revoked`);
      fields.shift();
    }
    const [patterns, keyType, key] = fields;
    const accepted = "accepted: known_hosts lines such as `web-1.example.com ssh-ed25519 AAAAC3Nza…` (the output of ssh-keyscan)";
    if (!patterns || !keyType || !key) throw new InputError(input, line, `line ${i + 1} has fewer than three fields; ${accepted}`);
    if (!PUBLIC_TYPES.test(keyType)) throw new InputError(input, line, `line ${i + 1}: ${keyType} is not an SSH key type; ${accepted}`);
    const blob = Buffer.from(key, "base64");
    const [type] = /^[A-Za-z0-9+/]+=*$/.test(key) ? (wireStrings(blob, 0, 1) ?? []) : [];
    if (type !== keyType) throw new InputError(input, line, `line ${i + 1}: the key is not a base64 ${keyType} key; ${accepted}`);
    found.push({ patterns, keyType, key });
  }
  if (found.length === 0)
    throw new InputError(input, text.slice(0, 80), "it holds no host key; accepted: known_hosts lines, e.g. the output of `ssh-keyscan -t ed25519 web-1`");
  return found;
}

/** Writes a file only its owner can read, created with that mode (never readable, even for an instant, by others). */
export async function writePrivateFile(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, { mode: 0o600, flag: "wx" });
  return path;
}

/**
 * Asks ssh-keygen to derive the public key: the definitive check that ssh can use the key file
 * (a damaged key passes the format check but not this). Returns the public key line.
 */
export async function verifyKeyFile(path: string, input = "ssh-key"): Promise<string> {
  try {
    const r = await exec("ssh-keygen", ["-y", "-P", "", "-f", path], { timeoutMs: 10_000 });
    return r.stdout.trim();
  } catch (err) {
    if (err instanceof ExecError) {
      const why = lastLines(err.result.stderr, 2).replace(path, "the key") || `exit ${err.code}`;
      throw new InputError(input, KEY_SHOWN_AS, `ssh-keygen cannot read it: ${why}`);
    }
    throw new GantryError(`ssh-keygen is needed to check ssh-key and was not found: ${(err as Error).message}`);
  }
}
