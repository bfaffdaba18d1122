import * as core from "@actions/core";

export type AnnotationLevel = "error" | "warning" | "notice";

/** A message pinned to a place in the user's repository. */
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  col?: number;
}

/** GitHub drops annotations past 50 per step; keep the most important ones. */
export const MAX_ANNOTATIONS = 50;

/** How a stage talks to the person running it. Packages get one passed in; they never touch runner globals. */
export interface Reporter {
  info(message: string): void;
  debug(message: string): void;
  /** Queued; flush() emits errors first, then warnings, then notices, at most 50. */
  annotate(annotation: Annotation): void;
  warning(message: string, where?: Omit<Annotation, "level" | "message">): void;
  notice(message: string, where?: Omit<Annotation, "level" | "message">): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Replaces the value with *** wherever it would be printed. */
  mask(secret: string): void;
  flush(): void;
}

const RANK: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };

/** Shared queueing of annotations; subclasses say how one is printed. */
abstract class QueueingReporter implements Reporter {
  protected readonly queued: Annotation[] = [];
  abstract info(message: string): void;
  abstract debug(message: string): void;
  abstract group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  abstract mask(secret: string): void;
  protected abstract emit(annotation: Annotation): void;

  annotate(annotation: Annotation): void {
    this.queued.push(annotation);
  }
  warning(message: string, where: Omit<Annotation, "level" | "message"> = {}): void {
    this.annotate({ level: "warning", message, ...where });
  }
  notice(message: string, where: Omit<Annotation, "level" | "message"> = {}): void {
    this.annotate({ level: "notice", message, ...where });
  }
  flush(): void {
    const ordered = this.queued.splice(0).map((a, i) => ({ a, i }));
    ordered.sort((x, y) => RANK[x.a.level] - RANK[y.a.level] || x.i - y.i);
    for (const { a } of ordered.slice(0, MAX_ANNOTATIONS)) this.emit(a);
    const dropped = ordered.length - MAX_ANNOTATIONS;
    if (dropped > 0) {
      this.info(`${dropped} more annotation(s) not shown (GitHub keeps ${MAX_ANNOTATIONS} per step):`);
      for (const { a } of ordered.slice(MAX_ANNOTATIONS)) this.info(`  ${a.level}: ${where(a)}${a.message}`);
    }
  }
}

function where(a: Annotation): string {
  return a.file ? `${a.file}${a.line ? `:${a.line}${a.col ? `:${a.col}` : ""}` : ""}: ` : "";
}

/** Writes workflow commands through @actions/core. */
export class ActionsReporter extends QueueingReporter {
  info(message: string): void {
    core.info(message);
  }
  debug(message: string): void {
    core.debug(message);
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn);
  }
  mask(secret: string): void {
    if (secret) core.setSecret(secret);
  }
  protected emit(a: Annotation): void {
    // Only the properties that are set: given an undefined one, @actions/core writes `::warning ::msg`,
    // which GitHub's runner reads as an annotation but act (0.2.89) prints as plain text (issue 11).
    const all = { title: a.title, file: a.file, startLine: a.line, startColumn: a.col };
    const props: core.AnnotationProperties = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
    const emit = { error: core.error, warning: core.warning, notice: core.notice }[a.level];
    emit(a.message, props);
  }
}

/** Plain terminal output for the CLI, with secrets masked. */
export class TerminalReporter extends QueueingReporter {
  private readonly secrets: string[] = [];
  constructor(
    private readonly out: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
    private readonly verbose = false,
  ) {
    super();
  }
  private clean(text: string): string {
    return this.secrets.reduce((t, s) => t.split(s).join("***"), text);
  }
  info(message: string): void {
    this.out(this.clean(message));
  }
  debug(message: string): void {
    if (this.verbose) this.out(this.clean(`debug: ${message}`));
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.out(this.clean(`▸ ${title}`));
    return fn();
  }
  mask(secret: string): void {
    if (secret) this.secrets.push(secret);
  }
  protected emit(a: Annotation): void {
    this.out(this.clean(`${a.level}: ${where(a)}${a.title ? `${a.title}: ` : ""}${a.message}`));
  }
}

/** Keeps everything in memory: for unit tests of packages. */
export class MemoryReporter extends QueueingReporter {
  readonly lines: string[] = [];
  readonly annotations: Annotation[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  debug(): void {}
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`[group] ${title}`);
    return fn();
  }
  mask(_secret: string): void {}
  protected emit(a: Annotation): void {
    this.annotations.push(a);
  }
  override annotate(a: Annotation): void {
    super.annotate(a);
  }
  /** Annotations queued or emitted so far. */
  all(): Annotation[] {
    return [...this.annotations, ...this.queued];
  }
}
