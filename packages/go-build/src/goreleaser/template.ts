/**
 * The part of Go's text/template that goreleaser's name and flag templates use, evaluated with
 * goreleaser's field names and functions (internal/tmpl in goreleaser v2): fields (`.Version`,
 * `.Env.NAME`), string literals, pipelines, `if`/`with` … `else` … `end`, and the functions
 * listed in FUNCTIONS. Anything else is refused with a TemplateError naming the expression,
 * never guessed: a release named from a half-understood template would be a silent difference.
 */
import { FUNCTIONS, TemplateError, type Value, call, str, truthy } from "./functions.js";

export { TemplateError, type Value };

export type Fields = Readonly<Record<string, Value>>;

type Expr =
  | { kind: "field"; path: string[]; text: string }
  | { kind: "dot"; text: string }
  | { kind: "literal"; value: Value; text: string }
  | { kind: "call"; fn: string; args: Expr[]; text: string }
  | { kind: "pipe"; cmds: Expr[]; text: string };

type Node = { kind: "text"; text: string } | { kind: "out"; expr: Expr } | { kind: "if" | "with"; cond: Expr; then: Node[]; else: Node[] };

/** A parsed template: evaluate it with `run`. */
export interface Template {
  readonly source: string;
  /** Every top-level field it reads (`Version`, `Env`, `Os` …). */
  readonly fields: ReadonlySet<string>;
  run(fields: Fields, now: Date): string;
}

/** Parses a template; refuses what gantry cannot evaluate, naming the expression. */
export function parseTemplate(source: string, known: ReadonlySet<string>): Template {
  const p = new Parser(source, known);
  const nodes = p.nodes(false);
  return { source, fields: p.used, run: (fields, now) => render(nodes, fields, fields, now) };
}

class Parser {
  private pos = 0;
  readonly used = new Set<string>();
  /** The words of the action being read, and where in it we are. */
  private words: string[] = [];
  private w = 0;

  constructor(
    private readonly src: string,
    private readonly known: ReadonlySet<string>,
  ) {}

  /** Nodes up to the end (top level) or up to `{{ else }}` / `{{ end }}`, which is left for the caller. */
  nodes(nested: boolean): Node[] {
    const out: Node[] = [];
    while (this.pos < this.src.length) {
      const open = this.src.indexOf("{{", this.pos);
      let text = this.src.slice(this.pos, open < 0 ? undefined : open);
      if (open < 0) {
        if (text) out.push({ kind: "text", text });
        this.pos = this.src.length;
        break;
      }
      const close = this.src.indexOf("}}", open + 2);
      if (close < 0) throw new TemplateError(`unclosed action at ${JSON.stringify(this.src.slice(open, open + 30))}`);
      let inner = this.src.slice(open + 2, close);
      if (/^-\s/.test(inner)) {
        text = text.replace(/\s+$/, "");
        inner = inner.slice(1);
      }
      let next = close + 2;
      if (/\s-$/.test(inner)) {
        inner = inner.slice(0, -1);
        next += (/^\s*/.exec(this.src.slice(next)) as RegExpExecArray)[0].length;
      }
      if (text) out.push({ kind: "text", text });
      const action = inner.trim();
      this.pos = next;
      if (action.startsWith("/*")) continue;
      this.words = tokenize(action);
      this.w = 0;
      const head = this.words[0];
      if (head === "end" || head === "else") {
        if (!nested) throw new TemplateError(`{{ ${action} }} without an if or with before it`);
        this.pos = open;
        return out;
      }
      if (head === "if" || head === "with") out.push(this.block(head, action));
      else if (/^(range|define|template|block|break|continue)$/.test(head ?? "") || head?.startsWith("$") || this.words.includes(":="))
        throw new TemplateError(`{{ ${action} }}: gantry evaluates fields, functions, if and with, not ${head?.startsWith("$") ? "variables" : head}`);
      else out.push({ kind: "out", expr: this.pipeline(action) });
    }
    if (nested) throw new TemplateError("an if or with has no {{ end }}");
    return out;
  }

  private block(kind: "if" | "with", action: string): Node {
    this.w = 1;
    return this.branches(kind, this.pipeline(action), action);
  }

  /** A block's body, its else (an `else if` / `else with` is one more block sharing the end), and its end. */
  private branches(kind: "if" | "with", cond: Expr, action: string): Node {
    const then = this.nodes(true);
    const tag = this.readTag();
    if (tag[0] === "end" && tag.length === 1) return { kind, cond, then, else: [] };
    if (tag[0] === "else" && (tag[1] === "if" || tag[1] === "with")) {
      const text = tag.slice(1).join(" ");
      this.words = tag;
      this.w = 2;
      return { kind, cond, then, else: [this.branches(tag[1], this.pipeline(text), text)] };
    }
    if (tag[0] !== "else" || tag.length > 1) throw new TemplateError(`{{ ${tag.join(" ")} }} in {{ ${action} }} is not an else or end gantry reads`);
    const otherwise = this.nodes(true);
    const last = this.readTag();
    if (last[0] !== "end" || last.length > 1) throw new TemplateError(`{{ ${action} }} has two else branches`);
    return { kind, cond, then, else: otherwise };
  }

  /** Reads the `{{ else … }}` or `{{ end }}` that nodes(true) stopped at. */
  private readTag(): string[] {
    const open = this.src.indexOf("{{", this.pos);
    const close = this.src.indexOf("}}", open);
    const inner = this.src
      .slice(open + 2, close)
      .replace(/^-\s/, "")
      .replace(/\s-$/, "");
    let next = close + 2;
    if (/\s-}}$/.test(this.src.slice(open, close + 2))) next += (/^\s*/.exec(this.src.slice(next)) as RegExpExecArray)[0].length;
    this.pos = next;
    return tokenize(inner.trim());
  }

  /** `cmd | cmd | …` from the current word on. */
  private pipeline(text: string, inParens = false): Expr {
    const cmds: Expr[] = [this.command()];
    while (this.words[this.w] === "|") {
      this.w++;
      const cmd = this.command();
      if (cmd.kind !== "call") throw new TemplateError(`${cmd.text} after | in {{ ${text} }}: only a function can take the piped value`);
      cmds.push(cmd);
    }
    if (this.w < this.words.length && !(inParens && this.words[this.w] === ")")) throw new TemplateError(`unexpected ${this.words[this.w]} in {{ ${text} }}`);
    for (const c of cmds) if (c.kind === "call") this.checkArity(c, c === cmds[0] ? 0 : 1);
    return cmds.length === 1 ? (cmds[0] as Expr) : { kind: "pipe", cmds, text };
  }

  private checkArity(c: Extract<Expr, { kind: "call" }>, piped: number): void {
    const want = FUNCTIONS[c.fn] as number;
    const n = c.args.length + piped;
    if (want >= 0 ? n !== want : n < -want) throw new TemplateError(`${c.text}: ${c.fn} takes ${want >= 0 ? want : `at least ${-want}`} argument(s), not ${n}`);
  }

  /** A function call with its arguments, or one operand. */
  private command(): Expr {
    const word = this.words[this.w];
    if (word !== undefined && /^[A-Za-z_]\w*$/.test(word) && !/^(true|false)$/.test(word)) {
      if (!(word in FUNCTIONS)) throw new TemplateError(`function ${word} is not one gantry evaluates (it does: ${Object.keys(FUNCTIONS).join(", ")})`);
      this.w++;
      const args: Expr[] = [];
      while (this.w < this.words.length && this.words[this.w] !== "|" && this.words[this.w] !== ")") args.push(this.operand());
      return { kind: "call", fn: word, args, text: [word, ...args.map((a) => a.text)].join(" ") };
    }
    return this.operand();
  }

  private operand(): Expr {
    const word = this.words[this.w++];
    if (word === undefined || word === "|" || word === ")") throw new TemplateError("an action is missing a value");
    if (word === "(") {
      const inner = this.pipeline("(…)", true);
      if (this.words[this.w++] !== ")") throw new TemplateError("a ( has no )");
      return inner.kind === "call" ? { ...inner, text: `(${inner.text})` } : inner;
    }
    if (word === ".") return { kind: "dot", text: "." };
    if (/^(\.[A-Za-z_]\w*)+$/.test(word)) {
      const path = word.slice(1).split(".");
      const top = path[0] as string;
      if (!this.known.has(top)) throw new TemplateError(`${word} is not a field gantry knows (it knows: ${[...this.known].map((k) => `.${k}`).join(", ")})`);
      if (top === "Env" ? path.length !== 2 : path.length !== 1) throw new TemplateError(`${word}: only .Env takes a name after it`);
      this.used.add(top);
      return { kind: "field", path, text: word };
    }
    if (word.startsWith('"')) return { kind: "literal", value: unquote(word), text: word };
    if (word.startsWith("`")) return { kind: "literal", value: word.slice(1, -1), text: word };
    if (word === "true" || word === "false") return { kind: "literal", value: word === "true", text: word };
    if (/^-?\d+$/.test(word)) return { kind: "literal", value: Number(word), text: word };
    throw new TemplateError(`${word} is not something gantry evaluates in a template`);
  }
}

/** The words of an action: strings, parentheses, pipes and the rest split on spaces. */
function tokenize(action: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < action.length) {
    const c = action[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")" || c === "|") {
      out.push(c);
      i++;
    } else if (c === '"' || c === "`") {
      let j = i + 1;
      while (j < action.length && action[j] !== c) j += c === '"' && action[j] === "\\" ? 2 : 1;
      if (j >= action.length) throw new TemplateError(`unterminated string in {{ ${action} }}`);
      out.push(action.slice(i, j + 1));
      i = j + 1;
    } else {
      const m = /^[^\s()|"`]+/.exec(action.slice(i)) as RegExpExecArray;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

/** A Go double-quoted string with the simple escapes; others are refused. */
function unquote(word: string): string {
  return word.slice(1, -1).replace(/\\(.)/g, (_, c: string) => {
    const map: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", '"': '"' };
    const v = map[c];
    if (v === undefined) throw new TemplateError(`escape \\${c} in ${word} is not one gantry reads`);
    return v;
  });
}

function render(nodes: readonly Node[], fields: Fields, dot: Value, now: Date): string {
  let out = "";
  for (const n of nodes) {
    if (n.kind === "text") out += n.text;
    else if (n.kind === "out") out += str(evaluate(n.expr, fields, dot, now), n.expr.text);
    else {
      const v = evaluate(n.cond, fields, dot, now);
      if (truthy(v)) out += render(n.then, fields, n.kind === "with" ? v : dot, now);
      else out += render(n.else, fields, dot, now);
    }
  }
  return out;
}

function evaluate(e: Expr, fields: Fields, dot: Value, now: Date, piped?: Value): Value {
  switch (e.kind) {
    case "dot":
      return dot;
    case "literal":
      return e.value;
    case "field": {
      const top = fields[e.path[0] as string];
      if (top === undefined) throw new TemplateError(`${e.text} has no value here`);
      if (e.path.length === 1) return top;
      const v = typeof top === "object" ? top[e.path[1] as string] : undefined;
      if (v === undefined) throw new TemplateError(`${e.text}: no such variable in the environment (goreleaser refuses a missing key too)`);
      return v;
    }
    case "pipe": {
      let v = evaluate(e.cmds[0] as Expr, fields, dot, now);
      for (const c of e.cmds.slice(1)) v = evaluate(c, fields, dot, now, v);
      return v;
    }
    case "call": {
      const args = e.args.map((a) => evaluate(a, fields, dot, now));
      if (piped !== undefined) args.push(piped);
      return call(e.fn, args, e.text, now);
    }
  }
}
