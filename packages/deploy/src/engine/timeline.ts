/** One phase of a run as the `timeline` output reports it. */
export interface TimelineEntry {
  phase: string;
  /** ISO time the phase started. */
  start: string;
  /** Milliseconds, rounded. */
  ms: number;
  figures: Record<string, string | number | boolean>;
}

/** Records phases with their start, duration and figures, in order. */
export class Timeline {
  readonly entries: TimelineEntry[] = [];

  /** Runs fn as a phase; fn may add figures to the entry it is given. */
  async span<T>(phase: string, fn: (figures: TimelineEntry["figures"]) => Promise<T>): Promise<T> {
    const entry: TimelineEntry = { phase, start: new Date().toISOString(), ms: 0, figures: {} };
    this.entries.push(entry);
    const started = performance.now();
    try {
      return await fn(entry.figures);
    } finally {
      entry.ms = Math.round(performance.now() - started);
    }
  }

  /** Adds a phase that was measured elsewhere. */
  add(phase: string, startedAt: number, figures: TimelineEntry["figures"] = {}): void {
    const ms = performance.now() - startedAt;
    this.entries.push({ phase, start: new Date(Date.now() - ms).toISOString(), ms: Math.round(ms), figures });
  }

  find(phase: string): TimelineEntry | undefined {
    return this.entries.find((e) => e.phase === phase);
  }
}
