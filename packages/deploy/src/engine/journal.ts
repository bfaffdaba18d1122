import { join } from "node:path";
import { GantryError } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import {
  ACCEPTED_APP,
  ACCEPTED_VERSION,
  APP_NAME,
  COLORS,
  COMMITTED_PHASES,
  type Color,
  type Command,
  type Outcome,
  PHASES,
  type Phase,
  RELEASE_VERSION,
  type Slot,
  checkName,
} from "../model/model.js";

/** A cutover that has begun and not settled yet. */
export interface CutoverRecord {
  /** Unique per run: `<ISO time>-<random>`. */
  id: string;
  command: Exclude<Command, "status">;
  phase: Phase;
  /** The version that served before (absent on a first deploy). */
  from?: Slot;
  to: Slot;
  strategy: "blue-green" | "canary";
  steps: number[];
  /** The new version's share of traffic being applied or applied (switching, verifying). */
  weight?: number;
  /** Why a rollback started. */
  reason?: string;
  /** Every transition, in order. */
  transitions: { phase: Phase; at: string; note?: string }[];
  deployer: { machine: string; pid: number };
}

/** One settled deploy or rollback. */
export interface HistoryEntry {
  id: string;
  at: string;
  command: Exclude<Command, "status">;
  version: string;
  color: Color;
  fromVersion?: string;
  outcome: Outcome;
  reason?: string;
}

/** `state-dir/journal.json`: what serves now, what is in flight, what happened before. */
export interface JournalDoc {
  schema: 1;
  app: string;
  /** The version serving when no cutover is in flight. */
  active?: Slot;
  /** The version promoted before the active one (`command: rollback` goes back to it). */
  previous?: { version: string; color: Color };
  cutover?: CutoverRecord;
  /** Newest last, at most HISTORY_LIMIT entries. */
  history: HistoryEntry[];
}

export const HISTORY_LIMIT = 50;
export const JOURNAL_FILE = "journal.json";

export function emptyJournal(app: string): JournalDoc {
  return { schema: 1, app, history: [] };
}

/** Reads and writes the journal on the host. Every write replaces the whole file atomically. */
export class Journal {
  readonly path: string;
  constructor(
    private readonly host: Host,
    readonly stateDir: string,
  ) {
    this.path = join(stateDir, JOURNAL_FILE);
  }

  async read(app: string): Promise<JournalDoc> {
    const text = await this.host.readFile(this.path);
    if (text === undefined) return emptyJournal(app);
    let doc: JournalDoc;
    try {
      doc = JSON.parse(text) as JournalDoc;
    } catch (err) {
      // Never reset a journal we cannot read: it may be the only record of a running version.
      throw new GantryError(
        `the deploy journal ${this.path} on ${this.host.name} is not valid JSON (${(err as Error).message}); inspect it, and move it away only if no cutover is in flight`,
      );
    }
    if (doc === null || typeof doc !== "object" || doc.schema !== 1 || !Array.isArray(doc.history))
      throw new GantryError(`${this.path} on ${this.host.name} is not a gantry deploy journal (schema 1)`);
    if (doc.cutover && !PHASES.includes(doc.cutover.phase)) throw new GantryError(`${this.path}: unknown phase ${JSON.stringify(doc.cutover.phase)}`);
    checkJournal(doc, `${this.path} on ${this.host.name}:`);
    return doc;
  }

  async write(doc: JournalDoc): Promise<void> {
    if (doc.history.length > HISTORY_LIMIT) doc.history.splice(0, doc.history.length - HISTORY_LIMIT);
    await this.host.writeFile(this.path, `${JSON.stringify(doc, null, 2)}\n`, 0o600);
  }
}

/**
 * A journal is a file on a host anyone with access there could have written: its app name and
 * versions reach paths, nginx's Lua include and PromQL, so they pass the rules the `app` and
 * `version` inputs pass before gantry uses any of them.
 */
export function checkJournal(doc: JournalDoc, where: string): void {
  checkName(doc.app, APP_NAME, `${where} app`, ACCEPTED_APP);
  const version = (v: unknown, field: string) => checkName(v, RELEASE_VERSION, `${where} ${field}`, ACCEPTED_VERSION);
  const color = (c: unknown, field: string) => {
    if (!COLORS.includes(c as Color)) throw new GantryError(`${where} ${field} ${JSON.stringify(c)} is not valid; accepted: blue, green`);
  };
  const slot = (s: Slot | undefined, field: string) => {
    if (s === undefined) return;
    if (s === null || typeof s !== "object") throw new GantryError(`${where} ${field} is not a slot (color, port, version)`);
    version(s.version, `${field}.version`);
    color(s.color, `${field}.color`);
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535)
      throw new GantryError(`${where} ${field}.port ${JSON.stringify(s.port)} is not valid; accepted: a TCP port, 1-65535`);
  };
  slot(doc.active, "active");
  if (doc.previous !== undefined) {
    version(doc.previous?.version, "previous.version");
    color(doc.previous.color, "previous.color");
  }
  if (doc.cutover) {
    slot(doc.cutover.from, "cutover.from");
    if (doc.cutover.to === undefined) throw new GantryError(`${where} cutover.to is missing`);
    slot(doc.cutover.to, "cutover.to");
  }
  for (const [i, h] of doc.history.entries()) {
    version(h?.version, `history[${i}].version`);
    if (h.fromVersion !== undefined) version(h.fromVersion, `history[${i}].fromVersion`);
    color(h.color, `history[${i}].color`);
  }
}

/** What the next run does with a cutover a dead deployer left behind. */
export type RecoveryPlan = { kind: "complete"; why: string } | { kind: "roll-back"; why: string };

/**
 * A cutover interrupted before the new version proved itself is rolled back (the old version
 * never stopped); one interrupted after promotion began is completed (issue 6, step 6–7).
 */
export function planRecovery(c: CutoverRecord): RecoveryPlan {
  const who = `the deployer (pid ${c.deployer.pid} on ${c.deployer.machine}) stopped during ${c.phase}`;
  if (COMMITTED_PHASES.includes(c.phase)) return { kind: "complete", why: `${who}, after ${c.to.version} had passed its checks` };
  if (c.phase === "rolling-back") return { kind: "roll-back", why: `${who} (${c.reason ?? "no reason recorded"})` };
  return { kind: "roll-back", why: `${who}, before ${c.to.version} had passed its checks` };
}

/** A unique id for a run. */
export function runId(now = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, "")}-${Math.random().toString(36).slice(2, 8)}`;
}
