import { isAbsolute, resolve } from "node:path";
import { InputError } from "./errors.js";
import { DURATION_ACCEPTED, SIZE_ACCEPTED, parseDuration, parsePercent, parseSize } from "./units.js";

/** Where raw input text comes from: the runner's INPUT_* variables, or CLI flags. */
export type InputSource = (name: string) => string | undefined;

/** Reads the runner's `INPUT_<NAME>` variables the way @actions/core does. */
export function envInputSource(env: NodeJS.ProcessEnv = process.env): InputSource {
  return (name) => env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`];
}

/** Reads a plain map (the CLI's flags). */
export function mapInputSource(values: Record<string, string>): InputSource {
  return (name) => values[name];
}

/**
 * Typed access to a stage's inputs. Defaults come from one table per stage (the same
 * values as its action.yml, checked by a test), so the CLI and the action agree.
 */
export class InputReader {
  constructor(
    private readonly source: InputSource,
    private readonly defaults: Readonly<Record<string, string>> = {},
  ) {}

  /**
   * A reader over another stage's inputs: `prefix + name` from the same source (the pipeline's
   * `slim-max-size`), with that stage's defaults, and fixed values that win (the manifest).
   */
  scoped(prefix: string, defaults: Readonly<Record<string, string>>, fixed: Record<string, string> = {}): InputReader {
    return new InputReader((name) => fixed[name] ?? this.source(prefix + name), defaults);
  }

  /** Raw trimmed text, or the default, or "". */
  string(name: string): string {
    const raw = this.source(name);
    const value = raw === undefined || raw.trim() === "" ? (this.defaults[name] ?? "") : raw;
    return value.trim();
  }

  /** A file path on one line, resolved against `cwd`; "" when empty. */
  path(name: string, cwd: string): string {
    const v = this.string(name);
    if (v === "") return "";
    if (/[\0\r\n]/.test(v)) throw new InputError(name, v, "accepted: a file path on one line");
    return isAbsolute(v) ? v : resolve(cwd, v);
  }

  /** Like string() but fails when empty. */
  required(name: string, accepted: string): string {
    const v = this.string(name);
    if (v === "") throw new InputError(name, v, `it is required; ${accepted}`);
    return v;
  }

  /**
   * true or false, spelt as YAML 1.2 and @actions/core's getBooleanInput accept them (true, True,
   * TRUE …); `yes`, `on` or `1` are refused like any other text rather than guessed (issue 11).
   */
  bool(name: string): boolean {
    const v = this.string(name);
    if (/^(true|True|TRUE)$/.test(v)) return true;
    if (/^(false|False|FALSE|)$/.test(v)) return false;
    throw new InputError(name, v, "accepted: true or false");
  }

  choice<T extends string>(name: string, options: readonly T[]): T {
    const v = this.string(name);
    if ((options as readonly string[]).includes(v)) return v as T;
    throw new InputError(name, v, `accepted: ${options.join(", ")}`);
  }

  /**
   * Comma- or newline-separated values, trimmed, empty ones dropped. With `what` (the values'
   * name, e.g. "targets"), none of them may hold a space: `linux/amd64 linux/arm64` is two values
   * written the shell's way, and saying so beats a did-you-mean for one odd value.
   */
  list(name: string, what?: string): string[] {
    const values = splitList(this.string(name));
    const spaced = what === undefined ? undefined : values.find((v) => /\s/.test(v));
    if (spaced !== undefined) throw new InputError(name, spaced, `separate ${what} with commas (or new lines), not spaces`);
    return values;
  }

  /** Newline-separated values only (for values that may contain commas). */
  lines(name: string): string[] {
    return this.string(name)
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }

  int(name: string, min: number, max: number): number {
    const v = this.string(name);
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      throw new InputError(name, v, `accepted: a whole number from ${min} to ${max}`);
    }
    return Number(v);
  }

  /** Milliseconds; a unit is required. */
  duration(name: string): number {
    const v = this.string(name);
    const ms = parseDuration(v);
    if (ms === undefined) throw new InputError(name, v, DURATION_ACCEPTED);
    return ms;
  }

  /** Bytes, or undefined when empty. */
  size(name: string): number | undefined {
    const v = this.string(name);
    if (v === "") return undefined;
    const bytes = parseSize(v);
    if (bytes === undefined) throw new InputError(name, v, SIZE_ACCEPTED);
    return bytes;
  }

  /** A percentage from 0 to 100, or undefined when empty. */
  percent(name: string): number | undefined {
    const v = this.string(name);
    if (v === "") return undefined;
    const p = parsePercent(v) ?? (/^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
    if (p === undefined || p < 0 || p > 100) throw new InputError(name, v, "accepted: a percentage from 0 to 100, e.g. 80 or 1.5%");
    return p;
  }

  /** `KEY=value` lines; keys must be valid environment variable names. */
  keyValues(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of this.lines(name)) {
      const eq = line.indexOf("=");
      const key = eq > 0 ? line.slice(0, eq).trim() : "";
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        throw new InputError(name, line, "accepted: one KEY=value per line, KEY made of letters, digits and _");
      }
      out[key] = line.slice(eq + 1);
    }
    return out;
  }
}

export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
