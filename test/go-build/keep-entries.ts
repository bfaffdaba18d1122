import { createHash } from "node:crypto";
import type { ReuseKind } from "../../packages/go-build/src/linkcache.js";

export interface KeptEntry {
  kind: ReuseKind;
  key: string;
  content: string;
}

/**
 * A writer's entries: half shared with every other writer (two runs building the same targets),
 * half its own; every key starts with `55`, so all of them share one folder as in the failure of
 * issue 10. 64 KiB each, so copies overlap.
 */
export function entriesFor(writer: string, count: number): KeptEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const name = i % 2 === 0 ? `shared-${i}` : `${writer}-${i}`;
    const key = `55${createHash("sha256").update(name).digest("hex").slice(2)}`;
    return { kind: i % 3 === 0 ? "archive" : "link", key, content: `${name}\n`.repeat(Math.ceil(65536 / (name.length + 1))) };
  });
}
