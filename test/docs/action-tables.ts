// The Inputs and Outputs tables of actions/<stage>/README.md, read back so a test can hold them to
// action.yml (issue 11: the tables had drifted from the metadata).

export interface TableRow {
  /** Every `name` in the row's first cell (one row may cover `go-version`, `go-version-file`). */
  names: string[];
  /** The second cell, trimmed. */
  second: string;
  line: number;
}

/** The first table under `## <heading>`, up to the next `## `; undefined when the section has none. */
export function sectionTable(markdown: string, heading: string): TableRow[] | undefined {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return undefined;
  const rows: TableRow[] = [];
  for (let i = start + 1; i < lines.length && !(lines[i] as string).startsWith("## "); i++) {
    const line = (lines[i] as string).trim();
    if (!line.startsWith("|")) {
      if (rows.length) break; // the table ended
      continue;
    }
    const cells = line
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((c) => c.trim());
    const first = cells[0] ?? "";
    if (/^-+$/.test(first.replace(/:/g, "")) || !first.includes("`")) continue; // separator or header
    rows.push({ names: [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string), second: cells[1] ?? "", line: i + 1 });
  }
  return rows.length ? rows : undefined;
}

/**
 * What a Default cell says: a value in one code span, "" for an empty cell, or undefined for prose
 * (which may only describe an empty default, e.g. "manifest's project").
 */
export function defaultCell(cell: string): string | undefined {
  if (cell === "") return "";
  const m = /^`([^`]*)`$/.exec(cell);
  return m ? (m[1] as string) : undefined;
}

/** Differences between a README's table and action.yml's names and defaults; none when they agree. */
export function tableProblems(
  file: string,
  kind: "input" | "output",
  rows: TableRow[] | undefined,
  declared: Record<string, { default?: unknown } | null>,
): string[] {
  if (!rows) return [`${file}: no table of ${kind}s`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of row.names) {
      if (seen.has(name)) problems.push(`${file}:${row.line}: ${kind} ${name} is listed twice`);
      seen.add(name);
      if (!(name in declared)) {
        problems.push(`${file}:${row.line}: ${kind} ${name} is not in action.yml`);
        continue;
      }
      if (kind !== "input") continue;
      const want = String(declared[name]?.default ?? "");
      const said = defaultCell(row.second);
      if (said === undefined ? want !== "" : said !== want) {
        problems.push(`${file}:${row.line}: ${name}'s default is ${JSON.stringify(want)} in action.yml, ${JSON.stringify(row.second)} in the table`);
      }
    }
  }
  for (const name of Object.keys(declared)) if (!seen.has(name)) problems.push(`${file}: ${kind} ${name} of action.yml is not in the table`);
  return problems;
}
