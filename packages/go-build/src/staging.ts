import { readFileSync, readdirSync, rmSync } from "node:fs";
import { readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { constants, hostname } from "node:os";
import { join } from "node:path";

/**
 * The lifetime of out-dir's staging folders: who owns one, removing it when the run is killed,
 * and removing those that killed runs left behind, once their owner is gone.
 */
export const STAGING_PREFIX = ".gantry-staging-";
/** Written in the staging folder, never moved into out-dir. */
export const OWNER_FILE = ".gantry-owner.json";
/** A staging folder with no owner file (a run older than the file, or one killed before writing it) is stale after this. */
const UNOWNED_STALE_MS = 24 * 3600_000;

interface StagingOwner {
  pid: number;
  machine: string;
  /** The kernel's boot id: a pid from another boot is another process. */
  boot: string;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22): a reused pid has another. */
  start: string;
}

async function bootId(): Promise<string> {
  return (await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "")).trim();
}

/** A process's state and start time from /proc, or undefined where there is no /proc entry for it. */
async function procStat(pid: number): Promise<{ state: string; start: string } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  // The command name may hold spaces and parentheses: the fields start after the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", start: fields[19] ?? "" };
}

async function ownerOfThisProcess(): Promise<StagingOwner> {
  return { pid: process.pid, machine: hostname(), boot: await bootId(), start: (await procStat(process.pid))?.start ?? "" };
}

/** Records this process as the staging folder's owner. */
export async function claimStaging(staging: string): Promise<void> {
  await writeFile(join(staging, OWNER_FILE), `${JSON.stringify(await ownerOfThisProcess())}\n`);
}

/**
 * Whether the owner is gone, judged as the deploy lock judges it: only for an owner on this
 * machine (another machine's pid means nothing here), gone when the machine rebooted since, when
 * its pid is not running (or a zombie), or when the pid now belongs to a process started later.
 */
async function ownerGone(owner: StagingOwner): Promise<boolean> {
  if (owner.machine !== hostname() || !Number.isInteger(owner.pid) || owner.pid <= 1) return false;
  const boot = await bootId();
  if (owner.boot && boot && owner.boot !== boot) return true;
  const proc = await procStat(owner.pid);
  if (proc) return proc.state === "Z" || proc.state === "X" || (owner.start !== "" && proc.start !== owner.start);
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "EPERM";
  }
}

async function isStale(folder: string): Promise<boolean> {
  const text = await readFile(join(folder, OWNER_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return Date.now() - (await stat(folder)).mtimeMs > UNOWNED_STALE_MS;
  try {
    return await ownerGone(JSON.parse(text) as StagingOwner);
  } catch {
    return false;
  }
}

/** Removes the staging folders in `dir` that killed runs left, once their owner is gone; returns their names. */
export async function removeStaleStaging(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(STAGING_PREFIX));
  const removed: string[] = [];
  for (const n of names) {
    const folder = join(dir, n);
    if (!(await isStale(folder).catch(() => false))) continue;
    await rm(folder, { recursive: true, force: true });
    removed.push(n);
  }
  return removed;
}

/** Staging folders of this process, removed if it is told to stop. */
const live = new Set<string>();

/**
 * SIGTERM or SIGINT (a cancelled job, Ctrl-C): the go processes this one started are told to stop,
 * every staging folder is removed, then the process exits as the signal would have ended it (128 + n).
 * Synchronous: nothing else may run once the process is on its way out.
 */
function onSignal(signal: NodeJS.Signals): void {
  for (const pid of childPids()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  for (const folder of live) rmSync(folder, { recursive: true, force: true });
  process.stderr.write(`go-build: ${signal} received; removed the staging folder${live.size === 1 ? "" : "s"} ${[...live].join(", ")}\n`);
  process.exit(128 + (constants.signals[signal as keyof typeof constants.signals] ?? 15));
}

/** This process's children, from /proc (Linux); none elsewhere. */
function childPids(): number[] {
  try {
    return readdirSync("/proc/self/task").flatMap((t) => readFileSync(`/proc/self/task/${t}/children`, "utf8").split(" ").filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** Removes `staging` should the process be killed by SIGTERM or SIGINT, until `release` is called. */
export function guardStaging(staging: string): { release: () => void } {
  if (live.size === 0) {
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }
  live.add(staging);
  return {
    release: () => {
      live.delete(staging);
      if (live.size === 0) {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
      }
    },
  };
}
