import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BuiltImage } from "../src/assemble.js";
import { writeOciLayout } from "../src/layout.js";
import { type FileBlob, type LayerBlob, MediaType, digestOf, jsonBlob } from "../src/oci.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An index over nothing, and one layer blob the image says `file` holds (its `read()` gives the bytes, as a checked cache read does). */
function imageWithLayer(bytes: Buffer, file: string): { image: BuiltImage; digest: string } {
  const index = jsonBlob(MediaType.index, { schemaVersion: 2, mediaType: MediaType.index, manifests: [] });
  const digest = digestOf(bytes);
  const layer: FileBlob = { descriptor: { mediaType: MediaType.layerGzip, digest, size: bytes.length }, file, read: async () => bytes };
  const blobs = new Map<string, LayerBlob>([
    [digest, layer],
    [index.descriptor.digest, index],
  ]);
  return { image: { index, images: [], blobs }, digest };
}

describe("the OCI layout's blobs from the layer cache", () => {
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), "gantry-layout-"));
    dirs.push(d);
    return d;
  };
  const blobFile = (layout: string, digest: string) => join(layout, "blobs", "sha256", digest.slice("sha256:".length));

  it("are hard links to the cache's files, not copies", async () => {
    const d = dir();
    const bytes = Buffer.from("a cached gzip layer");
    writeFileSync(join(d, "entry"), bytes);
    const { image, digest } = imageWithLayer(bytes, join(d, "entry"));
    await writeOciLayout(join(d, "oci"), image, ["v1"]);
    expect(statSync(blobFile(join(d, "oci"), digest)).ino).toBe(statSync(join(d, "entry")).ino);
  });

  it.each([
    ["holds bytes of another size", (f: string) => writeFileSync(f, "something else, longer than the layer")],
    ["is gone", () => {}],
  ])("are written from their bytes (the blob's checked read) when the file %s", async (_what, spoil) => {
    const d = dir();
    const bytes = Buffer.from("a cached gzip layer");
    spoil(join(d, "entry"));
    const { image, digest } = imageWithLayer(bytes, join(d, "entry"));
    await writeOciLayout(join(d, "oci"), image, []);
    expect(readFileSync(blobFile(join(d, "oci"), digest)).equals(bytes)).toBe(true);
  });
});
