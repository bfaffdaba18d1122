/**
 * Splits command text into words the way a user expects from a shell, without a shell: spaces
 * separate, '…' and "…" quote, a backslash escapes the next character. Nothing is expanded, so
 * an input never becomes code (issue 5, "inputs never reach a shell").
 */

/** One word, and whether any part of it was quoted (a quoted `|` is not a separator). */
export interface Word {
  text: string;
  quoted: boolean;
}

/** Thrown for an unterminated quote; callers turn it into an InputError naming their input. */
export class WordsError extends Error {}

/** Splits `text` into words; throws WordsError on an unterminated quote or a trailing backslash. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let current = "";
  let quoted = false;
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && (text[i + 1] === '"' || text[i + 1] === "\\")) current += text[++i];
      else current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      quoted = true;
      inWord = true;
    } else if (c === "\\") {
      if (i + 1 >= text.length) throw new WordsError("it ends with a lone backslash");
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push({ text: current, quoted });
      current = "";
      quoted = false;
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) throw new WordsError(`a ${quote} quote is not closed`);
  if (inWord) words.push({ text: current, quoted });
  return words;
}

/** Unquoted words that only mean something to a shell, which gantry never uses. */
const SHELL_ONLY = /^(&&|\|\||;|&|>|>>|<|<<|2>&1|2>)$|^[<>]|[`]|\$\(/;

/** The first unquoted word that needs a shell to mean what it says, if any. */
export function shellOnlyWord(words: readonly Word[]): string | undefined {
  return words.find((w) => !w.quoted && SHELL_ONLY.test(w.text))?.text;
}
