/**
 * Layer compression in worker threads (issue 14), through the bundled worker: the same bytes as in
 * this thread, and a worker that fails fails the image, with nothing written where it was asked.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compress } from "../../packages/image/src/compress.js";
import { WORKER_MIN_BYTES, compressAll } from "../../packages/image/src/workers.js";
import { binaryLike } from "../../packages/image/test/bytes.js";
import { REPO, fixtureCopy, scratchDir } from "../harness.js";
import { EPOCH, buildService } from "./services.js";

const WORKER = join(REPO, "dist", "image", "layer-worker.js");
/** Three tars large enough for a worker: the first stays in this thread, the two others go to workers. */
const tars = [1, 2, 3].map((seed) => binaryLike(WORKER_MIN_BYTES + seed * 1000, seed));

/** A worker script of the test's own that fails as `body` says when a tar arrives. */
function brokenWorker(body: string): string {
  const file = join(scratchDir("gantry-broken-worker-"), "layer-worker.js");
  writeFileSync(file, `import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => { ${body} });\n`);
  return file;
}

describe("layer compression in worker threads", () => {
  it("the bundled worker gives the bytes and digests this thread gives", async () => {
    expect(existsSync(WORKER), "dist/image/layer-worker.js is built").toBe(true);
    const out = await compressAll(tars, { script: WORKER, threads: 2 });
    const here = await Promise.all(tars.map(compress));
    expect(out.map((c) => c.digest)).toEqual(here.map((c) => c.digest));
    for (const [i, c] of out.entries()) expect(Buffer.from(c.gz).equals(Buffer.from(here[i]?.gz ?? [])), `tar ${i}`).toBe(true);
  });

  it("one thread for two tars runs them one after another, with the same bytes", async () => {
    const out = await compressAll(tars, { script: WORKER, threads: 1 });
    expect(out.map((c) => c.digest)).toEqual((await Promise.all(tars.map(compress))).map((c) => c.digest));
  });

  it("a tar that is a view into a larger buffer (a layer of docker save's tar) gives the same bytes", async () => {
    const whole = binaryLike(3 * WORKER_MIN_BYTES, 7);
    const view = whole.subarray(1000, 1000 + WORKER_MIN_BYTES + 10);
    const out = await compressAll([tars[0] as Uint8Array, view], { script: WORKER, threads: 1 });
    expect(out[1]?.digest).toBe((await compress(view)).digest);
  });

  it("a worker that throws fails the call with its error", async () => {
    await expect(compressAll(tars, { script: brokenWorker('throw new Error("no memory for you")'), threads: 2 })).rejects.toThrow(
      /compressing a layer of \d+ bytes in a worker thread failed: no memory for you/,
    );
  });

  it("a worker that exits fails the call with its exit code", async () => {
    await expect(compressAll(tars, { script: brokenWorker("process.exit(3)"), threads: 1 })).rejects.toThrow(
      /worker thread failed: the thread exited with code 3/,
    );
  });
});

describe("the image stage with a broken worker", () => {
  let ws: string;
  beforeAll(async () => {
    ws = fixtureCopy("stdlib-service");
    await buildService(ws, "linux/amd64,linux/arm64");
  });

  it("fails, names the worker's error, and writes no OCI layout", () => {
    // A copy of the bundles whose worker throws: the stage must not fall back or write half an image.
    const dist = join(scratchDir("gantry-dist-copy-"), "dist");
    cpSync(join(REPO, "dist"), dist, { recursive: true });
    writeFileSync(
      join(dist, "image", "layer-worker.js"),
      'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => { throw new Error("worker broke"); });\n',
    );
    const layout = join(ws, "out", "oci");
    const r = spawnSync(process.execPath, [join(dist, "cli", "gantry.js"), "image", "--oci-layout", layout], {
      cwd: ws,
      env: { ...process.env, ...EPOCH, GANTRY_LAYER_CACHE: "off" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/worker thread failed: worker broke/);
    expect(existsSync(layout)).toBe(false);

    const good = spawnSync(process.execPath, [join(REPO, "dist", "cli", "gantry.js"), "image", "--oci-layout", layout], {
      cwd: ws,
      env: { ...process.env, ...EPOCH, GANTRY_LAYER_CACHE: "off" },
      encoding: "utf8",
    });
    expect(good.status, good.stderr).toBe(0);
    expect(existsSync(join(layout, "index.json"))).toBe(true);
  });
});
