/**
 * Measured figures in hand-written README prose: a number with a unit of time, size, rate, a
 * percentage or a ratio outside the generated blocks (which bench/results.json fills) is a figure
 * copied by hand, and goes stale the day the code changes. Settings stay allowed where they read
 * as settings: in code (`timeout` default `5m`, `max-size: 8MB`), in tables of inputs or
 * defaults, or right after a word that makes them one (default, every, limit, target, at most …).
 */

/** A number with one of the units a measurement is given in. */
const FIGURE =
  /(?<![\w.\-/])[−+\-~≈]?\d+(?:[.,]\d+)*\s?(?:ms|µs|ns|s|sec|seconds?|min|minutes?|h|hours?|B|bytes|KB|kB|KiB|MB|MiB|GB|GiB|%|×|x|req\/s|rps|events\/s)(?![\w])/g;
/** Words after which a figure is a setting, a limit or a target, not a measurement. */
const SETTING_BEFORE =
  /(?:\bdefaults?(?: to| of| is)?|\bevery|\btimeout(?: of)?|\bwindows? of|\blimit(?: of)?|\btarget:?|\bstarting at|\bless than|\bmore than|\bat most|\bat least|\bup to|[≥≤<>])\s*(?:about\s*)?$/i;
/** Words before which a figure is one: `30 s default`, `GitHub's 1 MiB limit`, `the ≥ 5× target`. */
const SETTING_AFTER = /^\s*(?:default|limit|target|timeout)\b/i;
/** HTTP statuses in the plural (`502s`, `401s`) are not seconds. */
const HTTP_STATUSES = /^[1-5]\d\ds$/;

export interface ProseFigure {
  line: number;
  figure: string;
  text: string;
}

/** Blanks generated blocks (`<!-- x:start … -->` … `<!-- x:end -->`) and fenced code, keeping line numbers. */
function withoutBlocks(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, "");
  return markdown.replace(/<!-- ([\w-]+)(?::[^\s>]*)?:start\b[\s\S]*?<!-- \1(?::[^\s>]*)?:end -->/g, blank).replace(/^(```|~~~)[\s\S]*?^\1/gm, blank);
}

/** Every measured-looking figure in the hand-written prose of a Markdown text. */
export function proseFigures(markdown: string): ProseFigure[] {
  const found: ProseFigure[] = [];
  let settingsTable = false;
  withoutBlocks(markdown)
    .split("\n")
    .forEach((raw, i) => {
      if (!raw.trimStart().startsWith("|")) settingsTable = false;
      // A table whose header names inputs or defaults lists settings (`timeout` | `30s`).
      else if (!settingsTable && /^\s*\|.*\b(input|default|setting|variable)s?\b/i.test(raw)) settingsTable = true;
      if (settingsTable) return;
      const text = raw.replace(/`[^`]*`/g, (code) => " ".repeat(code.length));
      for (const m of text.matchAll(FIGURE)) {
        const at = m.index ?? 0;
        const figure = m[0].trim();
        if (HTTP_STATUSES.test(figure)) continue;
        if (SETTING_BEFORE.test(text.slice(Math.max(0, at - 40), at)) || SETTING_AFTER.test(text.slice(at + m[0].length))) continue;
        found.push({ line: i + 1, figure, text: raw.trim() });
      }
    });
  return found;
}
