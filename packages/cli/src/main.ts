import { debugWanted, libraryOutput, runCli } from "./cli.js";

// stdout holds the outputs alone (scripts read `name=value` lines from it): anything else a
// library writes there goes to stderr, as libraryOutput says.
const stdout = process.stdout.write.bind(process.stdout);
const debug = debugWanted(process.argv.slice(2), process.env);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = libraryOutput(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"), debug);
  const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
  if (text) return process.stderr.write(text, done);
  done?.();
  return true;
}) as typeof process.stdout.write;

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => stdout(t),
  stderr: (l) => process.stderr.write(`${l}\n`),
  env: process.env,
  cwd: process.cwd(),
});
