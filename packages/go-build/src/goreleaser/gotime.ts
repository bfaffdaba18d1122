/**
 * Go's time.Format for goreleaser's `time` function, always in UTC (goreleaser formats
 * `time.Now().UTC()`). The layout's reference parts (2006, 01, Jan, 15, 04, 05, MST …) are
 * replaced; everything else is copied, as Go does.
 */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Longest first, so `2006` wins over `2` and `January` over `Jan`. */
const PARTS: [string, (d: Date) => string][] = [
  ["January", (d) => MONTHS[d.getUTCMonth()] as string],
  ["Monday", (d) => DAYS[d.getUTCDay()] as string],
  ["Z07:00", () => "Z"],
  ["-07:00", () => "+00:00"],
  ["-0700", () => "+0000"],
  ["Z0700", () => "Z"],
  ["2006", (d) => pad(d.getUTCFullYear(), 4)],
  [".000", (d) => `.${pad(d.getUTCMilliseconds(), 3)}`],
  ["Jan", (d) => (MONTHS[d.getUTCMonth()] as string).slice(0, 3)],
  ["Mon", (d) => (DAYS[d.getUTCDay()] as string).slice(0, 3)],
  ["MST", () => "UTC"],
  ["002", (d) => pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3)],
  ["_2", (d) => String(d.getUTCDate()).padStart(2, " ")],
  ["01", (d) => pad(d.getUTCMonth() + 1)],
  ["02", (d) => pad(d.getUTCDate())],
  ["03", (d) => pad(d.getUTCHours() % 12 || 12)],
  ["04", (d) => pad(d.getUTCMinutes())],
  ["05", (d) => pad(d.getUTCSeconds())],
  ["06", (d) => pad(d.getUTCFullYear() % 100)],
  ["15", (d) => pad(d.getUTCHours())],
  ["PM", (d) => (d.getUTCHours() < 12 ? "AM" : "PM")],
  ["pm", (d) => (d.getUTCHours() < 12 ? "am" : "pm")],
  ["1", (d) => String(d.getUTCMonth() + 1)],
  ["2", (d) => String(d.getUTCDate())],
  ["3", (d) => String(d.getUTCHours() % 12 || 12)],
  ["4", (d) => String(d.getUTCMinutes())],
  ["5", (d) => String(d.getUTCSeconds())],
];

/** Formats `d` with a Go reference layout (e.g. `2006-01-02`), in UTC. */
export function formatGoTime(d: Date, layout: string): string {
  let out = "";
  let i = 0;
  while (i < layout.length) {
    const part = PARTS.find(([p]) => layout.startsWith(p, i));
    if (part) {
      out += part[1](d);
      i += part[0].length;
    } else {
      out += layout[i];
      i++;
    }
  }
  return out;
}
