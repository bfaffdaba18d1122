/**
 * Stand-in for actions/upload-artifact@v4 (see ../README.md): the real client library,
 * @actions/artifact, uploads to the runner's artifact service, here act's artifact server.
 */
import { readdirSync, statSync } from "node:fs";
import { appendFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";

const input = (name: string) => (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();

/** Every file below a folder (the real action's layout: paths relative to the folder given). */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]));
}

async function main(): Promise<void> {
  const name = input("name") || "artifact";
  const path = resolve(process.env.GITHUB_WORKSPACE ?? ".", input("path"));
  const retention = Number(input("retention-days") || "0");
  const stat = statSync(path, { throwIfNoEntry: false });
  const files = !stat ? [] : stat.isDirectory() ? filesBelow(path) : [path];
  if (files.length === 0) {
    const how = input("if-no-files-found") || "error";
    if (how === "error") throw new Error(`path: no files found at ${path}`);
    if (how === "warn") console.log(`::warning::No files were found with the provided path: ${path}. No artifacts will be uploaded.`);
    return;
  }
  const root = stat?.isDirectory() ? path : dirname(path);
  const result = await new DefaultArtifactClient().uploadArtifact(name, files, root, retention > 0 ? { retentionDays: retention } : {});
  console.log(`uploaded ${files.length} files as artifact ${name} (id ${result.id}, ${result.size} bytes)`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `artifact-id=${result.id}\nartifact-digest=${result.digest ?? ""}\n`);
}

main().catch((err: unknown) => {
  console.log(`::error::${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
