/**
 * The `analysis` input: one `name: <PromQL> <op> <threshold>` per line, as Argo
 * Rollouts' AnalysisTemplate gives a query and its `successCondition`. The threshold is a number
 * or a multiple of `baseline`, the same query's value for the version being replaced.
 */
import { InputError } from "@gantry/core";

export type Comparison = "<" | "<=" | ">" | ">=";

export interface AnalysisQuery {
  name: string;
  /** The PromQL with its placeholders still in it. */
  query: string;
  op: Comparison;
  /** The number, or the factor of the baseline when `baseline` is set. */
  limit: number;
  /** `< 1.2 * baseline`: compared with the old version's value of the same query. */
  baseline: boolean;
  /** The line as written, for messages. */
  line: string;
}

/** The placeholders a query may hold, filled per step and host. */
export const PLACEHOLDERS = ["version", "previous_version", "color", "app", "host"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

export const ACCEPTED_ANALYSIS =
  "accepted: one `name: <PromQL> <op> <threshold>` per line, op one of < <= > >=, threshold a number (0.01, 256e6) or `baseline`, `1.2 * baseline`; placeholders {version} {previous_version} {color} {app} {host}";

const NAME = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\s*:\s*(.*)$/s;
const NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const TAIL = new RegExp(String.raw`^(.*\S)\s*(<=|>=|<|>)\s*(${NUM}|baseline|${NUM}\s*\*\s*baseline|baseline\s*\*\s*${NUM})\s*$`, "s");
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Parses every `analysis` line; a malformed one is refused naming the line and what is wrong. */
export function parseAnalysis(lines: readonly string[], input = "analysis"): AnalysisQuery[] {
  const out: AnalysisQuery[] = [];
  for (const line of lines) {
    const q = parseLine(line, input);
    if (out.some((o) => o.name === q.name)) throw new InputError(input, line, `the name ${q.name} is used twice; ${ACCEPTED_ANALYSIS}`);
    out.push(q);
  }
  return out;
}

function parseLine(line: string, input: string): AnalysisQuery {
  const refuse = (why: string) => new InputError(input, line, `${why}; ${ACCEPTED_ANALYSIS}`);
  const named = NAME.exec(line);
  if (!named) throw refuse("it does not start with a name (letters, digits, . _ -) and a colon");
  const [, name, rest] = named as unknown as [string, string, string];
  const tail = TAIL.exec(rest);
  if (!tail) throw refuse("it does not end with a comparison and a threshold, e.g. < 0.01");
  const [, query, op, threshold] = tail as unknown as [string, string, Comparison, string];
  const problem = queryProblem(query);
  if (problem) throw refuse(problem);
  const raw = placeholderSites(query).find((p) => p.context === "raw");
  if (raw)
    throw refuse(
      `the placeholder {${raw.key}} is inside a backtick raw string, which cannot escape a value; put it in a "…" string (a =~"…" matcher gets it regex-quoted)`,
    );
  const baseline = threshold.includes("baseline");
  const factor = threshold.replace("baseline", "").replace("*", "").trim();
  const limit = factor === "" ? 1 : Number(factor);
  if (!Number.isFinite(limit)) throw refuse(`the threshold ${threshold} is not a finite number`);
  if (baseline && !/\{(version|color)\}/.test(query))
    throw refuse("a baseline comparison needs {version} or {color} in the query (the baseline is the same query for the version being replaced)");
  return { name, query: query.trim(), op, limit, baseline, line };
}

/** What is wrong with a query's text, or undefined: unknown placeholders, unbalanced brackets or quotes. */
export function queryProblem(query: string): string | undefined {
  for (const m of query.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1] as string)) return `unknown placeholder {${m[1]}}`;
  }
  const closing: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const open: string[] = [];
  let quote = "";
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] as string;
    if (quote) {
      if (ch === "\\" && quote !== "`") i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (closing[ch]) open.push(closing[ch] as string);
    else if (ch === ")" || ch === "}" || ch === "]") {
      if (open.pop() !== ch) return `the query has an unmatched ${ch}`;
    }
  }
  if (quote) return `the query has an unclosed ${quote}`;
  if (open.length) return `the query has an unclosed ${Object.keys(closing).find((k) => closing[k] === open[open.length - 1])}`;
  return undefined;
}

/**
 * Where a placeholder stands: outside any string, in a "…" or '…' string, in the string of a
 * `=~` or `!~` matcher (a regular expression), or in a backtick raw string (no escapes possible).
 */
export interface PlaceholderSite {
  key: Placeholder;
  start: number;
  end: number;
  context: "plain" | "string" | "regex" | "raw";
  /** The quote the string it stands in opened with ("" outside a string). */
  quote: string;
}

/** Every known placeholder in `query`, with the kind of text around it. */
export function placeholderSites(query: string): PlaceholderSite[] {
  const sites: PlaceholderSite[] = [];
  let quote = "";
  let context: PlaceholderSite["context"] = "plain";
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] as string;
    if (quote && ch === "\\" && quote !== "`") {
      i++;
      continue;
    }
    if (quote && ch === quote) {
      quote = "";
      context = "plain";
      continue;
    }
    if (!quote && (ch === '"' || ch === "'" || ch === "`")) {
      quote = ch;
      context = ch === "`" ? "raw" : /[=!]~\s*$/.test(query.slice(0, i)) ? "regex" : "string";
      continue;
    }
    const m = ch === "{" ? /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(query.slice(i)) : null;
    if (m && (PLACEHOLDERS as readonly string[]).includes(m[1] as string)) {
      sites.push({ key: m[1] as Placeholder, start: i, end: i + m[0].length, context, quote });
      i += m[0].length - 1;
    }
  }
  return sites;
}

/** RE2's metacharacters, escaped as Go's regexp.QuoteMeta does: the value matches itself only. */
export function quoteRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

/**
 * A value as the inside of a PromQL string opened with `quote`: backslashes and that quote escaped
 * (PromQL's lexer knows no other quote's escape), control characters as \u escapes (a newline ends no string).
 */
export function escapeString(value: string, quote = '"'): string {
  return value.replace(/[\\"'\p{Cc}]/gu, (c) =>
    c === "\\" || c === quote ? `\\${c}` : c === '"' || c === "'" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The query with its placeholders filled: every value escaped for a PromQL string, and first
 * regex-quoted inside a `=~`/`!~` matcher (a version `v1.2` must not match `v1x2`, nor `.*` everything).
 */
export function fillQuery(query: string, values: PlaceholderValues): string {
  let out = "";
  let at = 0;
  for (const site of placeholderSites(query)) {
    const value = values[site.key];
    out += query.slice(at, site.start) + escapeString(site.context === "regex" ? quoteRegex(value) : value, site.quote || '"');
    at = site.end;
  }
  return out + query.slice(at);
}

/** The threshold as written: `0.01`, `1.2 × baseline`. */
export function describeThreshold(q: AnalysisQuery): string {
  return `${q.op} ${q.baseline ? (q.limit === 1 ? "baseline" : `${q.limit} × baseline`) : q.limit}`;
}

/** Whether `value` meets `op limit`. */
export function meets(value: number, op: Comparison, limit: number): boolean {
  switch (op) {
    case "<":
      return value < limit;
    case "<=":
      return value <= limit;
    case ">":
      return value > limit;
    case ">=":
      return value >= limit;
  }
}
