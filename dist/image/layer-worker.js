import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  compress,
  ownedBuffers
} from "../chunks/chunk-W6IHR4BI.js";
import "../chunks/chunk-CERUWQNN.js";
import "../chunks/chunk-6LYVYBIT.js";

// packages/image/src/layer-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", ({ id, tar }) => {
  let { gz, digest } = compress(tar);
  parentPort?.postMessage({ id, gz, digest }, ownedBuffers(gz));
});
