import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputError, exists } from "@gantry/core";

const ACCEPTED =
  "accepted: a vulnerability database in govulncheck's format (https://go.dev/security/vuln/database#api): an https:// or http:// URL, a file:// URL or a folder holding index/modules.json; empty: govulncheck's own, https://vuln.go.dev";

/**
 * The `vuln-db` input as govulncheck's `-db` takes it: a URL, or a folder turned into a file://
 * URL (govulncheck reads only URLs). Undefined when empty: govulncheck's default database.
 * Runners that cannot reach vuln.go.dev point this at a mirror (issue 11).
 */
export async function parseVulnDb(value: string, cwd: string): Promise<string | undefined> {
  if (value === "") return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return checkWebUrl(value);
  if (scheme !== undefined && scheme !== "file") throw new InputError("vuln-db", value, `the scheme ${scheme}:// is not one govulncheck reads; ${ACCEPTED}`);
  let dir: string;
  try {
    dir = scheme === "file" ? resolve(fileURLToPath(value)) : resolve(cwd, value);
  } catch (err) {
    throw new InputError("vuln-db", value, `it is not a file:// URL of a local folder (${(err as Error).message}); ${ACCEPTED}`);
  }
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new InputError("vuln-db", value, `the folder ${dir} does not exist; ${ACCEPTED}`);
  // govulncheck recognises the v1 layout by this file; without it the folder is not a database.
  if (!(await exists(join(dir, "index", "modules.json"))))
    throw new InputError(
      "vuln-db",
      value,
      `${join(dir, "index", "modules.json")} is missing, so the folder is not a database in govulncheck's v1 layout; ${ACCEPTED}`,
    );
  return pathToFileURL(dir).href;
}

function checkWebUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError("vuln-db", value, `it is not a valid URL; ${ACCEPTED}`);
  }
  // A password in the URL would sit on govulncheck's command line, where any process can read it.
  if (url.username || url.password)
    throw new InputError(
      "vuln-db",
      `${url.protocol}//***@${url.host}${url.pathname}`,
      `credentials in the URL are refused (they would be on govulncheck's command line); serve the database without them, or copy it to a folder; ${ACCEPTED}`,
    );
  if (url.search || url.hash) throw new InputError("vuln-db", value, `govulncheck adds paths to the URL, so it cannot have a ?query or #fragment; ${ACCEPTED}`);
  return value.replace(/\/+$/, "");
}
