import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Stage } from "@gantry/core";

/** What action.yml says of one input: its description (the accepted values are in it) and default. */
export interface InputDoc {
  description: string;
  default: string;
}

/**
 * The action.yml a stage's inputs are documented in: `actions/<stage>/action.yml`, or the root
 * action.yml for the pipeline. Looked up from this file's folder upwards, so it is found from the
 * bundle (dist/cli) and from the sources (packages/cli/src) alike; the README tables are held to
 * the same files by a test, so `--help` and the README cannot say different things.
 */
function actionYml(stage: string, from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from, up = 0; up < 5; dir = dirname(dir), up++) {
    const file = stage === "pipeline" ? join(dir, "action.yml") : join(dir, "actions", stage, "action.yml");
    if (existsSync(file) && (stage !== "pipeline" || existsSync(join(dir, "actions")))) return file;
  }
  return undefined;
}

/** The inputs' documentation from the stage's action.yml; empty when it cannot be found or read. */
export async function inputDocs(stage: string): Promise<Record<string, InputDoc>> {
  const file = actionYml(stage);
  if (!file) return {};
  try {
    // Loaded for --help alone; bundled, the CommonJS package comes as its default export.
    const yaml = (await import("yaml")) as typeof import("yaml") & { default?: typeof import("yaml") };
    const parse = yaml.default?.parse ?? yaml.parse;
    const doc = parse(readFileSync(file, "utf8")) as { inputs?: Record<string, { description?: unknown; default?: unknown }> };
    return Object.fromEntries(
      Object.entries(doc.inputs ?? {}).map(([k, v]) => [k, { description: String(v?.description ?? ""), default: String(v?.default ?? "") }]),
    );
  } catch {
    return {};
  }
}

/** `--name  "default"` and the description under it, one input after another. */
export function stageHelp(stage: Stage<unknown>, docs: Record<string, InputDoc>, secretEnv: (input: string) => string): string {
  const width = Math.max(...Object.keys(stage.inputs).map((k) => k.length));
  const secrets = stage.secrets ?? [];
  const lines = [`gantry ${stage.name}: ${stage.description}`, "", "inputs (default):"];
  for (const [k, v] of Object.entries(stage.inputs)) {
    const secret = secrets.includes(k) ? `${v === "" ? "" : "  "}(secret: better from $${secretEnv(k)})` : "";
    lines.push(`  --${k.padEnd(width)}  ${v === "" ? "" : JSON.stringify(v)}${secret}`);
    const description = docs[k]?.description.trim();
    if (description) lines.push(...wrap(description, 96).map((l) => `      ${l}`));
  }
  lines.push("", "  --debug  print debug lines (also RUNNER_DEBUG=1)", "  --version  print gantry's version");
  return lines.join("\n");
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
