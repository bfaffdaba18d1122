import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { GantryError, InputError } from "@gantry/core";
import { type Compressed, compress, ownedBuffers } from "./compress.js";

/**
 * Layers at least this large go to a worker thread when there are several (issue 14); smaller
 * ones (accounts, the 234 kB CA bundle) take less time than starting a thread (~30 ms).
 */
export const WORKER_MIN_BYTES = 1 << 20;

/** Where the bundled worker is: dist/image/layer-worker.js, beside the folder of the chunk that runs this. */
export function bundledWorker(): string | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined; // from the TypeScript sources (unit tests): in-process
  const file = fileURLToPath(new URL("../image/layer-worker.js", import.meta.url));
  return existsSync(file) ? file : undefined;
}

/**
 * `GANTRY_LAYER_THREADS`: how many worker threads may compress layers (0: all in the stage's own
 * thread, e.g. on a machine with no idle core, where the workers' start costs more than it saves).
 */
export function layerThreads(env: NodeJS.ProcessEnv): number | undefined {
  const setting = env.GANTRY_LAYER_THREADS?.trim();
  if (!setting) return undefined;
  if (!/^\d{1,3}$/.test(setting)) throw new InputError("GANTRY_LAYER_THREADS", setting, "a whole number of worker threads (0 for none)");
  return Number(setting);
}

export interface CompressOptions {
  /** The worker script; without one (or with one core) every tar is compressed in this thread. */
  script?: string;
  /** At most this many threads besides this one (default: the cores less one). */
  threads?: number;
}

/** One worker running jobs one after another from a shared queue. */
async function drain(script: string, queue: number[], tars: readonly Uint8Array[], out: Compressed[], stop: Worker[]): Promise<void> {
  const worker = new Worker(script);
  stop.push(worker);
  try {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) out[id] = await runJob(worker, id, tars[id] as Uint8Array);
  } finally {
    await worker.terminate();
  }
}

function runJob(worker: Worker, id: number, tar: Uint8Array): Promise<Compressed> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new GantryError(`compressing a layer of ${tar.length} bytes in a worker thread failed: ${why}`));
    const onError = (err: Error) => fail(err.message);
    const onExit = (code: number) => fail(`the thread exited with code ${code}`);
    worker.once("error", onError);
    worker.once("exit", onExit);
    worker.once("message", (m: Compressed & { id: number }) => {
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (m.id === id) resolve({ gz: m.gz, digest: m.digest });
      else fail(`it answered job ${m.id}`);
    });
    // A copy, not a transfer: the caller keeps its tar. A view into a larger buffer (a layer of a docker
    // save) is cut out first, or the whole buffer behind it would be cloned.
    worker.postMessage({ id, tar: ownedBuffers(tar).length > 0 ? tar : new Uint8Array(tar) });
  });
}

/**
 * Compresses tars in parallel (issue 14): the large ones beyond the first go to worker threads, while
 * this thread compresses the rest. Every thread runs the same pinned libdeflate, so the bytes are the same
 * wherever a tar was compressed. A worker that fails fails the whole call; the others are stopped.
 */
export async function compressAll(tars: readonly Uint8Array[], options: CompressOptions = {}): Promise<Compressed[]> {
  const out: Compressed[] = [];
  const large = tars.flatMap((t, i) => (t.length >= WORKER_MIN_BYTES ? [i] : []));
  const threads = Math.min(options.threads ?? availableParallelism() - 1, large.length - 1);
  const queue = options.script && threads > 0 ? large.slice(1) : [];
  const offloaded = new Set(queue);
  const started: Worker[] = [];
  const running = Array.from({ length: queue.length > 0 ? threads : 0 }, () => drain(options.script as string, queue, tars, out, started));
  const settled = Promise.allSettled(running);
  try {
    // Here, while the workers run: the small tars, the first large one, and whatever the queue still holds.
    for (const [i, tar] of tars.entries()) if (!offloaded.has(i)) out[i] = await compress(tar);
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) out[id] = await compress(tars[id] as Uint8Array);
    const failed = (await settled).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
  return out;
}
