/**
 * The one rule for which environment names hold secrets, shared by deploy (masking `env`) and
 * go-test (services and the e2e environment), so the two cannot drift apart again (issue 10,
 * "security and bad input"): a name holding TOKEN, SECRET, PASSWORD, PASSPHRASE, a credential,
 * a private or API/access key, AUTH, a DSN or DATABASE_URL, or ending in `_KEY`.
 */
export const SECRET_NAME = /SECRET|TOKEN|PASSW|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|DSN|DATABASE_URL|_KEY$/i;

/** Whether an environment variable's name says its value is a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `scheme://user:password@`; the password is the first group. */
const URL_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@/g;

/** The password of each `scheme://user:password@` in a text, as written and URL-decoded. */
export function urlPasswords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_PASSWORD)) {
    const raw = m[1] as string;
    out.push(raw);
    try {
      const decoded = decodeURIComponent(raw);
      if (decoded !== raw) out.push(decoded);
    } catch {
      // Not valid percent-encoding: the raw form is what will be printed.
    }
  }
  return out;
}

/** Secrets in an environment: values of secret-looking names, and URL passwords in any value. */
export function envSecrets(env: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (isSecretName(k)) out.push(v);
    out.push(...urlPasswords(v));
  }
  return [...new Set(out.filter((v) => v.length > 0))];
}
