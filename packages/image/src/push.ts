import type { Reporter } from "@gantry/core";
import type { BuiltImage } from "./assemble.js";
import type { LayerBlob } from "./oci.js";
import type { RegistryClient } from "./registry.js";

export interface PushResult {
  uploaded: number;
  skipped: number;
  /** Base layers mounted from the base's repository instead of uploaded. */
  mounted: number;
  uploadedBytes: number;
}

/** Runs at most `limit` tasks at once. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(workers);
}

/**
 * Pushes in the order that never leaves a tag on a half-pushed image (distribution-spec push):
 * every blob (HEAD first, uploaded only when missing), then each platform's manifest by digest,
 * then the index, by each tag, last. A failure before that leaves the tags where they were.
 */
export async function pushImage(client: RegistryClient, image: BuiltImage, tags: readonly string[], reporter: Reporter): Promise<PushResult> {
  const blobs = new Map<string, { blob: LayerBlob; base: boolean }>();
  for (const i of image.images) {
    for (const l of i.layers)
      blobs.set(l.blob.descriptor.digest, { blob: l.blob, base: l.role === "base" || Boolean(blobs.get(l.blob.descriptor.digest)?.base) });
    blobs.set(i.config.descriptor.digest, { blob: i.config, base: false });
  }
  await pool([...blobs.values()], 4, async ({ blob: b, base }) => {
    const sent = await client.pushBlob(b, base);
    reporter.debug(`${sent ? "uploaded" : "already there"}: ${b.descriptor.digest} (${b.descriptor.size} bytes)`);
  });
  for (const i of image.images) await client.putManifest(i.manifest.descriptor.digest, i.manifest);
  if (tags.length === 0) await client.putManifest(image.index.descriptor.digest, image.index);
  for (const t of tags) await client.putManifest(t, image.index);
  return { ...client.stats };
}
