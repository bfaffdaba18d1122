/** Parsers for sizes, durations and percentages, shared by every stage's inputs. */

const SIZE_UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
};

/** `8MB`, `512KiB`, `1200000B`, `1200000` → bytes; undefined when malformed. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] || "B").toUpperCase();
  const factor = SIZE_UNITS[unit];
  if (factor === undefined) return undefined;
  const bytes = Number(m[1]) * factor;
  return Number.isFinite(bytes) ? Math.round(bytes) : undefined;
}

export const SIZE_ACCEPTED = "accepted: a number with a unit and no space, e.g. 8MB, 512KiB, 1200000B";

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `5m30s`, `250ms`, `1h` → milliseconds; undefined when malformed or unitless. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

export const DURATION_ACCEPTED = "accepted: a number with a unit (ms, s, m, h), e.g. 30s, 5m30s, 250ms";

/** `5%`, `0.5%` → 5, 0.5; undefined when malformed. */
export function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** 10485760 → "10.0 MiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** 1234 → "1.2 s", 85 → "85 ms". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
