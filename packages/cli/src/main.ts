import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (l) => process.stderr.write(`${l}\n`),
  env: process.env,
  cwd: process.cwd(),
});
