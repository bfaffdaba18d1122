/**
 * Splits a command input (`nginx -p /srv/nginx -s reload`) into an argument array. Single and
 * double quotes group words; nothing is expanded and no shell ever sees the text. Returns an
 * error message instead of throwing, so the input parser can name the input.
 */
export function splitCommandLine(text: string): string[] | { error: string } {
  const args: string[] = [];
  let current = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `a ${quote} quote is not closed` };
  if (inWord) args.push(current);
  if (args.length === 0) return { error: "it is empty" };
  if (/[\0\r\n]/.test(args.join(""))) return { error: "it holds control characters" };
  return args;
}

/**
 * The `nginx -t` that goes with a reload command: the same binary and options without
 * `-s reload`; for any other reload command (e.g. `systemctl reload nginx`), plain `nginx -t`.
 */
export function nginxTestCommand(reload: readonly string[]): string[] {
  const i = reload.findIndex((a, k) => a === "-s" && reload[k + 1] === "reload");
  if (i >= 0 && /(^|\/)nginx$/.test(reload[0] ?? "")) return [...reload.slice(0, i), ...reload.slice(i + 2), "-t"];
  return ["nginx", "-t"];
}
