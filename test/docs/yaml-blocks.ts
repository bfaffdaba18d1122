// The ```yaml examples in the READMEs and docs, found and turned into workflows actionlint can check
// (issue 11: two of slim's examples were not even valid YAML).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";

export interface YamlBlock {
  /** The file, relative to the repository. */
  file: string;
  /** Line of the block's first YAML line in that file (1-based). */
  line: number;
  /** The block's text with its common indentation removed. */
  text: string;
}

/** A block as a whole workflow for actionlint, and how many lines were added before the block. */
export interface Workflow {
  text: string;
  offset: number;
}

/** Every Markdown file the project documents itself in: README.md, actions/*, docs/*, examples/**. */
export function docFiles(repo: string): string[] {
  const files = ["README.md"];
  for (const a of readdirSync(join(repo, "actions")).sort()) if (existsSync(join(repo, "actions", a, "README.md"))) files.push(`actions/${a}/README.md`);
  for (const dir of ["docs", "examples"]) {
    if (!existsSync(join(repo, dir))) continue;
    for (const f of readdirSync(join(repo, dir), { recursive: true, encoding: "utf8" }).sort()) {
      if (f.endsWith(".md")) files.push(relative(repo, join(repo, dir, f)));
    }
  }
  return files;
}

/** The fenced ```yaml / ```yml blocks of one Markdown text. */
export function yamlBlocks(file: string, markdown: string): YamlBlock[] {
  const out: YamlBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*ya?ml\b/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[2] as string;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] as string).trim().startsWith(fence)) end++;
    out.push({ file, line: start + 1, text: dedent(lines.slice(start, end)) });
    i = end;
  }
  return out;
}

function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim()).map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(cut)).join("\n")}\n`;
}

/** YAML syntax errors of a block, each with its line in the Markdown file. */
export function syntaxErrors(block: YamlBlock): string[] {
  const doc = parseDocument(block.text, { prettyErrors: true });
  return [...doc.errors, ...doc.warnings].map((e) => `${block.file}:${block.line + (e.linePos?.[0].line ?? 1) - 1}: ${e.message.split("\n")[0]}`);
}

/**
 * The block as a workflow, or undefined when it is not part of one (an action.yml excerpt, say).
 * A block with `jobs:` is a workflow; docs often leave out `on:`, so a trigger is added. A block
 * that is a list of steps is wrapped into one job. Text is only prepended, so lines map back.
 */
export function asWorkflow(block: YamlBlock): Workflow | undefined {
  const value = parseDocument(block.text).toJS() as unknown;
  if (Array.isArray(value) && value.every((s) => s && typeof s === "object" && ("uses" in s || "run" in s))) {
    const head = "on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n";
    const body = block.text
      .split("\n")
      .map((l) => (l ? `      ${l}` : l))
      .join("\n");
    return { text: head + body, offset: 5 };
  }
  if (value && typeof value === "object" && "jobs" in value) {
    return "on" in value ? { text: block.text, offset: 0 } : { text: `on: push\n${block.text}`, offset: 1 };
  }
  return undefined;
}

/** Every YAML block of every documentation file. */
export function allYamlBlocks(repo: string): YamlBlock[] {
  return docFiles(repo).flatMap((f) => yamlBlocks(f, readFileSync(join(repo, f), "utf8")));
}
