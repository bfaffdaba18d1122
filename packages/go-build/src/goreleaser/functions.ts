/** goreleaser's template functions that gantry evaluates (internal/tmpl's FuncMap), and Go's built-ins they use. */
import { formatGoTime } from "./gotime.js";

/** A refusal or a failure to evaluate: the message names the expression. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

export type Value = string | number | boolean | { readonly [key: string]: Value };

/** The functions goreleaser's templates offer that gantry evaluates, with their arity. */
export const FUNCTIONS: Record<string, number> = {
  tolower: 1,
  toupper: 1,
  replace: 3,
  trimprefix: 2,
  trimsuffix: 2,
  title: 1,
  time: 1,
  eq: -2,
  ne: 2,
  not: 1,
  and: -1,
  or: -1,
};

export const str = (v: Value, text: string): string => {
  if (typeof v === "object") throw new TemplateError(`${text} is a map, not a text value`);
  return String(v);
};

/** Go's truth: false, 0, "" and an empty map are false. */
export const truthy = (v: Value): boolean => (typeof v === "object" ? Object.keys(v).length > 0 : Boolean(v));

/** goreleaser's `title` (x/text cases.Title, English): each word's first letter upper, the rest lower. */
const title = (s: string): string => s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());

export function call(fn: string, args: Value[], text: string, now: Date): Value {
  const s = (i: number) => str(args[i] as Value, text);
  switch (fn) {
    case "tolower":
      return s(0).toLowerCase();
    case "toupper":
      return s(0).toUpperCase();
    case "replace":
      return s(0).split(s(1)).join(s(2));
    case "trimprefix":
      return s(0).startsWith(s(1)) ? s(0).slice(s(1).length) : s(0);
    case "trimsuffix":
      return s(1) && s(0).endsWith(s(1)) ? s(0).slice(0, -s(1).length) : s(0);
    case "title":
      return title(s(0));
    case "time":
      return formatGoTime(now, s(0));
    case "not":
      return !truthy(args[0] as Value);
    case "and":
      return args.find((a) => !truthy(a)) ?? (args[args.length - 1] as Value);
    case "or":
      return args.find(truthy) ?? (args[args.length - 1] as Value);
    case "eq":
      return args.slice(1).some((a) => same(args[0] as Value, a, text));
    default:
      return !same(args[0] as Value, args[1] as Value, text);
  }
}

/** Go's eq: values of one basic kind; comparing a text with a number is an error there too. */
function same(a: Value, b: Value, text: string): boolean {
  if (typeof a !== typeof b || typeof a === "object") throw new TemplateError(`${text}: compares values of different kinds`);
  return a === b;
}
