import { type Annotation, type Reporter, isSecretName, urlPasswords } from "@gantry/core";

/**
 * The secrets a service definition or the e2e environment carries, so they are masked before
 * anything is printed and cut out of the summary, annotations and JUnit (issue 10, "security and
 * bad input"): a database's `POSTGRES_PASSWORD=…`, docker-style `-e`/`--env=KEY=…`, a flag such
 * as redis' `--requirepass …`, and the password of any `scheme://user:password@host` URL.
 */

/** Flag names whose value (`--flag=value` or the next word) is a secret: `--requirepass`, `--auth-token`. */
const SECRET_FLAG = /^--?[A-Za-z0-9_-]*(pass|secret|token|api-?key|auth|credential|private)[A-Za-z0-9_-]*$/i;

// Which names hold secrets, and the env-lines extraction, are core's (shared with deploy).
export { envSecrets } from "@gantry/core";

/** Secrets in a command's arguments: `KEY=value` (bare or after `-e`/`--env=`), secret flags' values, URL passwords. */
export function argSecrets(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const [i, arg] of args.entries()) {
    out.push(...urlPasswords(arg));
    const flag = /^(--?[A-Za-z0-9_-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (flag && SECRET_FLAG.test(flag[1] as string)) {
      const value = flag[2] ?? args[i + 1];
      if (value && (flag[2] !== undefined || !value.startsWith("-"))) out.push(value);
      continue;
    }
    // `POSTGRES_PASSWORD=x`, `--env=DB_PASSWORD=x`, `-eDB_PASSWORD=x`.
    const kv = /^(?:--?[A-Za-z0-9-]+=|-e)?([A-Za-z_][A-Za-z0-9_]*)=([\s\S]+)$/.exec(arg);
    if (kv && isSecretName(kv[1] as string)) out.push(kv[2] as string);
  }
  return unique(out);
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}

/** Replaces every secret in a text with `***` (longest first, so one secret inside another goes too). */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const sorted = unique([...secrets]).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => sorted.reduce((t, s) => t.split(s).join("***"), text);
}

/** A reporter that cuts the secrets out of everything it passes on, annotations included. */
export function redactingReporter(inner: Reporter, redact: (text: string) => string): Reporter {
  const where = (w: Omit<Annotation, "level" | "message"> | undefined) => (w?.title ? { ...w, title: redact(w.title) } : w);
  return {
    info: (m) => inner.info(redact(m)),
    debug: (m) => inner.debug(redact(m)),
    annotate: (a) => inner.annotate({ ...a, message: redact(a.message), ...(a.title ? { title: redact(a.title) } : {}) }),
    warning: (m, w) => inner.warning(redact(m), where(w)),
    notice: (m, w) => inner.notice(redact(m), where(w)),
    group: (title, fn) => inner.group(redact(title), fn),
    mask: (s) => inner.mask(s),
    flush: () => inner.flush(),
  };
}
