/**
 * What running examples/workflows/*.yml under act needs on a machine without github.com (issue 11):
 * every remote action the example names mapped to a local folder with act's --local-repository
 * (acme/gantry@v1 to a copy of this checkout with its dist/ bundles; actions/checkout,
 * upload-artifact and download-artifact to the stand-ins in test/act/standins/), the user's
 * repository (the example service, the example workflow, a tag) and a stand-in for ghcr.io: a
 * docker-registry with TLS on a loopback address, named ghcr.io only in the /etc/hosts act runs
 * with, its certificate trusted through NODE_EXTRA_CA_CERTS.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { unzipSync } from "fflate";
import { FIXTURES, REPO } from "../harness.js";
import { gitEnv } from "./act.js";

const STANDINS = join(REPO, "test", "act", "standins");

/** The remote actions the stand-ins replace, by repository (any ref). */
const STANDIN_FOR: Record<string, string> = {
  "actions/checkout": "checkout",
  "actions/upload-artifact": "upload-artifact",
  "actions/download-artifact": "download-artifact",
};

/** owner/repo@ref of every remote action a workflow uses (a path below the repository dropped). */
export function remoteActions(workflowText: string): string[] {
  const out = new Set<string>();
  for (const m of workflowText.matchAll(/^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)/gm)) {
    const uses = m[1] as string;
    if (uses.startsWith("./") || uses.startsWith("docker://")) continue;
    const [path, ref] = uses.split("@");
    const [owner, repo] = (path as string).split("/");
    out.add(`${owner}/${repo}@${ref}`);
  }
  return [...out];
}

/** This checkout as users get it from `uses: acme/gantry…@v1`: action.yml, actions/ and dist/. */
export function gantryCopy(dir: string): string {
  const copy = join(dir, "gantry");
  for (const entry of ["action.yml", "actions", "dist"]) cpSync(join(REPO, entry), join(copy, entry), { recursive: true });
  return copy;
}

/** The stand-ins, their main.ts bundled with @actions/artifact into main.mjs (as an action's dist/ would be). */
export async function standinsCopy(dir: string): Promise<string> {
  const copy = join(dir, "standins");
  for (const name of Object.values(STANDIN_FOR)) {
    const to = join(copy, name);
    mkdirSync(to, { recursive: true });
    cpSync(join(STANDINS, name, "action.yml"), join(to, "action.yml"));
    if (!readdirSync(join(STANDINS, name)).includes("main.ts")) continue;
    await build({
      entryPoints: [join(STANDINS, name, "main.ts")],
      outfile: join(to, "main.mjs"),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // node-fetch (under @azure/storage-blob) checks the AbortSignal class by name, which esbuild would rename.
      keepNames: true,
      logLevel: "warning",
      banner: { js: "import { createRequire as __standinRequire } from 'node:module'; const require = __standinRequire(import.meta.url);" },
    });
  }
  return copy;
}

/** --local-repository arguments for every remote action of the workflow; an unknown one is an error. */
export function localRepositoryArgs(workflowText: string, gantry: string, standins: string): string[] {
  const args: string[] = [];
  for (const action of remoteActions(workflowText)) {
    const repo = action.split("@")[0] as string;
    const folder = repo === "acme/gantry" ? gantry : STANDIN_FOR[repo] ? join(standins, STANDIN_FOR[repo] as string) : undefined;
    if (!folder) throw new Error(`the example uses ${action}, which has no local stand-in in test/act/standins/ (github.com cannot be reached here)`);
    args.push("--local-repository", `${action}=${folder}`);
  }
  return args;
}

/**
 * A user's repository: the example service at the root with a README, the example workflow in
 * .github/workflows/, one commit tagged `tag` on main, and github.com/acme/hello as origin (act
 * takes github.repository from it).
 */
export function exampleRepository(dir: string, example: string, tag: string): string {
  const repo = join(dir, "repo");
  cpSync(join(FIXTURES, "example-service"), repo, { recursive: true });
  writeFileSync(join(repo, "README.md"), "# hello\n\nThe example service.\n");
  mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
  cpSync(join(REPO, "examples", "workflows", example), join(repo, ".github", "workflows", example));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "ignore", env: gitEnv(dir) });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "hello");
  git("tag", tag);
  git("remote", "add", "origin", "https://github.com/acme/hello.git");
  return repo;
}

/** A stand-in for ghcr.io: docker-registry over TLS on a loopback address. */
export interface FakeGhcr {
  /** /etc/hosts for act: the machine's lines plus ghcr.io at the registry's address. */
  hostsFile: string;
  /** The test CA that signed the registry's certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** The tags the registry holds for a repository (read from its storage folder). */
  tags(repository: string): string[];
  stop(): Promise<void>;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = net.connect({ host, port }, () => {
      s.destroy();
      res(true);
    });
    s.once("error", () => res(false));
  });
}

/** A CA and a certificate for ghcr.io signed by it, made with openssl in the folder. */
function certificates(dir: string): { ca: string; cert: string; key: string } {
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-keyout", f("ca.key"), "-out", f("ca.crt"), "-days", "2", "-subj", "/CN=gantry test CA");
  openssl("req", ...ec, "-keyout", f("ghcr.key"), "-out", f("ghcr.csr"), "-subj", "/CN=ghcr.io");
  writeFileSync(f("ghcr.ext"), "subjectAltName=DNS:ghcr.io\nextendedKeyUsage=serverAuth\n");
  openssl(
    "x509",
    "-req",
    "-in",
    f("ghcr.csr"),
    "-CA",
    f("ca.crt"),
    "-CAkey",
    f("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    f("ghcr.ext"),
    "-out",
    f("ghcr.crt"),
  );
  return { ca: f("ca.crt"), cert: f("ghcr.crt"), key: f("ghcr.key") };
}

export async function startFakeGhcr(dir: string): Promise<FakeGhcr> {
  mkdirSync(dir, { recursive: true });
  // A random address in 127.0.0.0/8 (all loopback on Linux): port 443 there is this test's alone.
  const address = `127.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  const { ca, cert, key } = certificates(dir);
  const data = join(dir, "data");
  const config = ["version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:", `    rootdirectory: ${data}`, "http:", `  addr: ${address}:443`];
  writeFileSync(join(dir, "config.yml"), `${[...config, "  tls:", `    certificate: ${cert}`, `    key: ${key}`].join("\n")}\n`);
  const hostsFile = join(dir, "hosts");
  writeFileSync(hostsFile, `${readFileSync("/etc/hosts", "utf8").trimEnd()}\n${address} ghcr.io\n`);
  chmodSync(hostsFile, 0o644);
  let log = "";
  const child: ChildProcess = spawn("docker-registry", ["serve", join(dir, "config.yml")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  };
  const until = Date.now() + 20_000;
  while (!(await canConnect(address, 443))) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`docker-registry on ${address}:443 did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tags = (repository: string) => {
    try {
      return readdirSync(join(data, "docker", "registry", "v2", "repositories", repository, "_manifests", "tags")).sort();
    } catch {
      return [];
    }
  };
  const stopAndClean = async () => {
    await stop();
    rmSync(data, { recursive: true, force: true });
  };
  return { hostsFile, caFile: ca, tags, stop: stopAndClean };
}

/** The names of the files in a zip (its central directory), for what act's artifact server stored. */
export function zipEntries(zip: string): string[] {
  return Object.keys(unzipSync(readFileSync(zip))).sort();
}
