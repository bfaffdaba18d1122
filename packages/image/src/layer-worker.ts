/**
 * The worker thread that compresses layer tars (issue 14): bundled as dist/image/layer-worker.js,
 * started by workers.ts. Each message is one tar; the answer is its gzip and digest, the gzip's
 * memory handed back without a copy. An exception ends the thread and reaches the pool as its error.
 */
import { parentPort } from "node:worker_threads";
import { compress, ownedBuffers } from "./compress.js";

/** What the pool sends: a job number and the tar's bytes. */
export interface CompressRequest {
  id: number;
  tar: Uint8Array;
}

parentPort?.on("message", async ({ id, tar }: CompressRequest) => {
  const { gz, digest } = await compress(tar);
  parentPort?.postMessage({ id, gz, digest }, ownedBuffers(gz));
});
