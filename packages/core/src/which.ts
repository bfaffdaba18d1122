import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";

/**
 * The absolute path of a command found on PATH, or undefined: stages degrade on what is
 * installed (a strip that understands the file, qemu-user, upx, govulncheck), never on the
 * runner's name.
 */
export async function which(command: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (isAbsolute(command)) return (await isExecutable(command)) ? command : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
