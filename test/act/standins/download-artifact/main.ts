/**
 * Stand-in for actions/download-artifact@v4 (see ../README.md): the real client library,
 * @actions/artifact, downloads from the runner's artifact service, here act's artifact server.
 */
import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";

const input = (name: string) => (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();

async function main(): Promise<void> {
  const name = input("name");
  if (!name) throw new Error("name: '' is not an artifact name; give the name the upload used");
  const path = resolve(process.env.GITHUB_WORKSPACE ?? ".", input("path") || ".");
  const client = new DefaultArtifactClient();
  const { artifact } = await client.getArtifact(name);
  const result = await client.downloadArtifact(artifact.id, { path, expectedHash: artifact.digest });
  if (result.digestMismatch) throw new Error(`artifact ${name}: the download's digest is not ${artifact.digest}`);
  console.log(`downloaded artifact ${name} (id ${artifact.id}, ${artifact.size} bytes) to ${result.downloadPath ?? path}`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `download-path=${result.downloadPath ?? path}\n`);
}

main().catch((err: unknown) => {
  console.log(`::error::${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
