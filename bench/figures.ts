/**
 * A bench row's raw measurements and the code that turns them into the figures the tables show.
 * bench/results.json holds numbers only; every ratio, percentage, median and ✓/✗ is computed here,
 * when a table is rendered, so a figure can never say more than the numbers it comes from.
 */

/** Units a measurement may be recorded in. Time and bytes convert within their kind; the others are their own kind. */
export type Unit = "ms" | "s" | "B" | "KB" | "MB" | "KiB" | "MiB" | "req/s" | "events/s" | "";

/** One raw measurement: a number (or every run's number) in a unit. */
export interface Measure {
  value: number | number[];
  unit: Unit;
}

/**
 * What a row promises, as a comparison over its measures (by name). `peer` is what the measure is
 * compared with; a measure recorded as runs is judged by its median, except where `worst` says
 * to judge the run furthest from the target.
 */
export type Target =
  /** measure ≤ ratioAtMost × peer (+ slack): "≤ 1.0×". */
  | { measure: string; peer: string; ratioAtMost: number; slack?: Measure }
  /** peer ÷ measure ≥ fasterAtLeast: "≥ 5× faster". */
  | { measure: string; peer: string; fasterAtLeast: number }
  /** measure ÷ peer − 1 ≤ overheadAtMost %: "≤ 5% slower". */
  | { measure: string; peer: string; overheadAtMost: number }
  /** measure ÷ peer ≤ shareAtMost %: "≤ 5% of …" (measure is itself a difference). */
  | { measure: string; peer: string; shareAtMost: number }
  /** measure ÷ peer − 1 within [low, high] %: "−35% to −25%". */
  | { measure: string; peer: string; changeWithin: [number, number] }
  /** measure < below: "< 300 ms". */
  | { measure: string; below: Measure; worst?: boolean }
  /** measure ≥ atLeast: "≥ 200000 events/s". */
  | { measure: string; atLeast: Measure }
  /** measure = equals: "0". */
  | { measure: string; equals: number };

const TIME: Partial<Record<Unit, number>> = { ms: 1, s: 1000 };
const BYTES: Partial<Record<Unit, number>> = { B: 1, KB: 1e3, MB: 1e6, KiB: 1024, MiB: 2 ** 20 };

/** A measure in its kind's base unit (ms, bytes), so two measures in different units compare. */
function base(m: Measure, n: number): { n: number; kind: string } {
  const t = TIME[m.unit];
  if (t !== undefined) return { n: n * t, kind: "time" };
  const b = BYTES[m.unit];
  if (b !== undefined) return { n: n * b, kind: "bytes" };
  return { n, kind: m.unit };
}

const values = (m: Measure): number[] => (Array.isArray(m.value) ? m.value : [m.value]);

/** The median of a list; the middle pair's mean when the list is even. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of no value");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The number a measure stands for in a comparison: itself, or its runs' median. */
const central = (m: Measure) => median(values(m));

/** A number as a table shows it: up to `digits` decimals, trailing zeros dropped, a real minus sign. */
export function num(n: number, digits = 2): string {
  const s = String(Number(Math.abs(n).toFixed(digits)));
  return n < 0 && Number(s) !== 0 ? `−${s}` : s;
}

const withUnit = (n: number, unit: Unit, sign = false) => `${sign && n >= 0 ? "+" : ""}${num(n)}${unit ? ` ${unit}` : ""}`;

/** A ratio: two decimals below 10, one below 100, none above. */
export const times = (r: number) => `${r.toFixed(r < 10 ? 2 : r < 100 ? 1 : 0)}×`;

function lookup(measures: Record<string, Measure>, name: string, where: string): Measure {
  const m = measures[name];
  if (!m) throw new Error(`${where}: no measure named "${name}" (recorded: ${Object.keys(measures).join(", ") || "none"})`);
  return m;
}

/** a ÷ b over their base units; throws when they measure different things. */
export function ratioOf(a: Measure, b: Measure, where = "a bench row"): number {
  const x = base(a, central(a));
  const y = base(b, central(b));
  if (x.kind !== y.kind) throw new Error(`${where}: cannot compare ${a.unit || "a count"} with ${b.unit || "a count"}`);
  return x.n / y.n;
}

/**
 * A template with its placeholders filled from the measures:
 * `{a}` the measure (runs listed), `{a:+}` signed, `{a:median}`, `{a:min}`, `{a:max}`, `{a:range}` (min–max),
 * `{a/b}` the ratio (1.03×), `{a/b:%}` a as a percentage of b, `{a/b:+%}` a's change from b (−31.1%).
 */
export function fill(template: string, measures: Record<string, Measure> = {}, where = "a bench row"): string {
  return template.replace(/\{([\w-]+)(?:\/([\w-]+))?(?::([+%a-z]+))?\}/g, (_all, a: string, b: string | undefined, how: string | undefined) => {
    const m = lookup(measures, a, where);
    if (b !== undefined) {
      const r = ratioOf(m, lookup(measures, b, where), where);
      if (how === "%") return `${num(r * 100, 1)}%`;
      if (how === "+%") return `${r >= 1 ? "+" : ""}${num((r - 1) * 100, 1)}%`;
      if (how === undefined) return times(r);
      throw new Error(`${where}: unknown ratio format "${how}" in ${template}`);
    }
    const xs = values(m);
    switch (how) {
      case undefined:
        return Array.isArray(m.value) ? `${xs.map((x) => num(x)).join(", ")}${m.unit ? ` ${m.unit}` : ""}` : withUnit(m.value, m.unit);
      case "+":
        return withUnit(central(m), m.unit, true);
      case "median":
        return withUnit(median(xs), m.unit);
      case "min":
        return withUnit(Math.min(...xs), m.unit);
      case "max":
        return withUnit(Math.max(...xs), m.unit);
      case "range":
        return `${num(Math.min(...xs))}–${withUnit(Math.max(...xs), m.unit)}`;
      default:
        throw new Error(`${where}: unknown format "${how}" in ${template}`);
    }
  });
}

/** The target as the table states it: "≤ 1.0×", "≥ 5× faster", "< 300 ms" … */
export function describeTarget(t: Target): string {
  // One decimal at least ("≤ 1.0×"), and every decimal the target has ("≤ 1.03×", not "≤ 1.0×").
  if ("ratioAtMost" in t)
    return `≤ ${Number.isInteger(t.ratioAtMost * 10) ? t.ratioAtMost.toFixed(1) : num(t.ratioAtMost, 3)}×${t.slack ? ` + ${fill("{s}", { s: t.slack })}` : ""}`;
  if ("fasterAtLeast" in t) return `≥ ${num(t.fasterAtLeast)}× faster`;
  if ("overheadAtMost" in t) return `≤ +${num(t.overheadAtMost)}%`;
  if ("shareAtMost" in t) return `≤ ${num(t.shareAtMost)}%`;
  if ("changeWithin" in t) return `${num(t.changeWithin[0])}% to ${num(t.changeWithin[1])}%`;
  if ("below" in t) return `< ${fill("{b}", { b: t.below })}`;
  if ("atLeast" in t) return `≥ ${fill("{b}", { b: t.atLeast })}`;
  return num(t.equals);
}

/** Whether the measures meet the target; computed every time, never read from a file. */
export function meets(t: Target, measures: Record<string, Measure>, where = "a bench row"): boolean {
  const m = lookup(measures, t.measure, where);
  const peer = () => lookup(measures, (t as { peer: string }).peer, where);
  if ("ratioAtMost" in t) {
    const slack = t.slack ? ratioOf(t.slack, peer(), where) : 0;
    return ratioOf(m, peer(), where) <= t.ratioAtMost + slack;
  }
  if ("fasterAtLeast" in t) return 1 / ratioOf(m, peer(), where) >= t.fasterAtLeast;
  if ("overheadAtMost" in t) return (ratioOf(m, peer(), where) - 1) * 100 <= t.overheadAtMost;
  if ("shareAtMost" in t) return ratioOf(m, peer(), where) * 100 <= t.shareAtMost;
  if ("changeWithin" in t) {
    const change = (ratioOf(m, peer(), where) - 1) * 100;
    return change >= t.changeWithin[0] && change <= t.changeWithin[1];
  }
  if ("below" in t) {
    const judged: Measure = t.worst ? { value: Math.max(...values(m)), unit: m.unit } : m;
    return ratioOf(judged, t.below, where) < 1;
  }
  if ("atLeast" in t) return ratioOf(m, t.atLeast, where) >= 1;
  const xs = values(m);
  return xs.length > 0 && xs.every((x) => x === t.equals);
}

/** A measurement rounded to the digits a bench records it with (the rest is noise at this scale). */
export const round = (n: number, digits = 0) => Number(n.toFixed(digits));
