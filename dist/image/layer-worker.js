import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  compress,
  ownedBuffers
} from "../chunks/chunk-7AM7GE7Y.js";
import "../chunks/chunk-FZKQP3XX.js";
import "../chunks/chunk-3VH2S33U.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/image/src/layer-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", async ({ id, tar }) => {
  let { gz, digest } = await compress(tar);
  parentPort?.postMessage({ id, gz, digest }, ownedBuffers(gz));
});
