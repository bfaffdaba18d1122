/**
 * Text that keeps its first `head` and last `tail` characters and counts what it dropped in
 * between: a test's output stays bounded however much it prints, so memory stays flat on long
 * streams (issue 5, "Parsing") while the start (the first failure) and the end (the panic, the
 * `--- FAIL` line) survive.
 */
export class CappedText {
  private headText = "";
  private tailParts: string[] = [];
  private tailSize = 0;
  private dropped = 0;
  private full = false;

  constructor(
    private readonly head = 16 * 1024,
    private readonly tail = 48 * 1024,
  ) {}

  append(text: string): void {
    if (!this.full) {
      const room = this.head - this.headText.length;
      if (text.length <= room) {
        this.headText += text;
        return;
      }
      // Keep whole lines in the head when there is a line end to cut at; the rest starts the tail.
      const nl = text.lastIndexOf("\n", room - 1);
      const cut = nl >= 0 ? nl + 1 : room;
      this.headText += text.slice(0, cut);
      text = text.slice(cut);
      this.full = true;
    }
    if (text.length > this.tail) {
      this.dropped += text.length - this.tail;
      text = text.slice(text.length - this.tail);
    }
    this.tailParts.push(text);
    this.tailSize += text.length;
    while (this.tailSize > this.tail && this.tailParts.length > 1) {
      const first = this.tailParts.shift() as string;
      this.tailSize -= first.length;
      this.dropped += first.length;
    }
  }

  /** Characters dropped from the middle. */
  get omitted(): number {
    return this.dropped;
  }

  get length(): number {
    return this.headText.length + this.tailSize;
  }

  toString(): string {
    const tail = this.tailParts.join("");
    if (this.dropped === 0) return this.headText + tail;
    return `${this.headText}… ${this.dropped} characters of output omitted …\n${tail}`;
  }

  /** The text as lines, without a trailing empty line. */
  lines(): string[] {
    const text = this.toString();
    return (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  }
}

/** Shortens text to at most `max` characters, keeping its start and its end. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `\n… ${text.length - max} characters omitted …\n`;
  const keep = Math.max(0, max - marker.length);
  const head = Math.floor(keep / 3);
  return text.slice(0, head) + marker + text.slice(text.length - (keep - head));
}
