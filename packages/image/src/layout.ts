import { link, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { GantryError, commonJsExports, exists, writeFileAtomic } from "@gantry/core";
import type { BuiltImage, PlatformImage } from "./assemble.js";
import { type Descriptor, type ImageIndex, type LayerBlob, MediaType, blobBytes } from "./oci.js";
import { type Referrer, referrerDescriptor } from "./referrers.js";

const LAYOUT_FILE = JSON.stringify({ imageLayoutVersion: "1.0.0" });

/**
 * index.json of a layout: the descriptor once per tag, named by `org.opencontainers.image.ref.name`
 * (image-layout.md), then each referrer with its artifactType, untagged, as oras lists them.
 */
function layoutIndex(target: Descriptor, tags: readonly string[], referrers: readonly Descriptor[] = []): string {
  const named = tags.length === 0 ? [target] : tags.map((t) => ({ ...target, annotations: { "org.opencontainers.image.ref.name": t } }));
  const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.index, manifests: [...named, ...referrers] };
  return JSON.stringify(index);
}

/**
 * Writes a blob: a hard link to the file that holds it (a layer cache entry, checked by its size; issue
 * 14) when it still has the descriptor's size, else its bytes (from that file, checked against the
 * digest). A link fails across file systems, or where links are not allowed; then the bytes are written.
 */
async function writeBlob(target: string, blob: LayerBlob): Promise<void> {
  if (blob.bytes === undefined) {
    try {
      await link(blob.file, target);
      if ((await stat(target)).size === blob.descriptor.size) return;
      await rm(target, { force: true });
    } catch {}
  }
  await writeFile(target, await blobBytes(blob));
}

/**
 * Writes an OCI image layout (image-layout.md): `oci-layout`, `index.json` naming the image index
 * by tag and listing the referrers (the SBOM artifacts), `blobs/sha256/…`. It is written beside
 * the folder and swapped in; an existing folder is replaced only when it is itself an OCI layout
 * (or empty), so no user files are lost.
 */
export async function writeOciLayout(dir: string, image: BuiltImage, tags: readonly string[], referrers: readonly Referrer[] = []): Promise<void> {
  const s = await stat(dir).catch(() => undefined);
  if (s) {
    const names = s.isDirectory() ? await readdir(dir) : ["(a file)"];
    if (names.length > 0 && !names.includes("oci-layout")) {
      throw new GantryError(`oci-layout: ${dir} exists and is not an OCI layout (it holds ${names.slice(0, 3).join(", ")}); give a new or empty folder`);
    }
  }
  await mkdir(dirname(dir), { recursive: true });
  const staging = join(dirname(dir), `.${basename(dir)}.gantry-${process.pid}-${Date.now()}`);
  try {
    await mkdir(join(staging, "blobs", "sha256"), { recursive: true });
    const blobs = new Map(image.blobs);
    for (const r of referrers) for (const b of [r.manifest, ...r.blobs]) blobs.set(b.descriptor.digest, b);
    for (const [digest, blob] of blobs) await writeBlob(join(staging, "blobs", "sha256", digest.slice("sha256:".length)), blob);
    await writeFile(join(staging, "oci-layout"), LAYOUT_FILE);
    await writeFile(join(staging, "index.json"), layoutIndex(image.index.descriptor, tags, referrers.map(referrerDescriptor)));
    const old = `${staging}.old`;
    if (s) await rename(dir, old);
    await rename(staging, dir);
    if (s) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A tarball `docker load` accepts for one platform: `manifest.json` ([{Config, RepoTags, Layers}])
 * beside the gzip blobs (docker checks them against the config's diff_ids), plus `oci-layout` and
 * `index.json` naming the same platform manifest, as Docker 25's `docker save` writes. The
 * blobs are the registry's bytes, so the manifest digest is the one in the index.
 */
export async function dockerArchive(image: PlatformImage, repoTags: readonly string[], epoch: number): Promise<Buffer> {
  const blobPath = (d: Descriptor) => `blobs/sha256/${d.digest.slice("sha256:".length)}`;
  const files = new Map<string, Uint8Array>();
  for (const l of image.layers) files.set(blobPath(l.blob.descriptor), await blobBytes(l.blob));
  files.set(blobPath(image.config.descriptor), image.config.bytes);
  files.set(blobPath(image.manifest.descriptor), image.manifest.bytes);
  files.set("oci-layout", Buffer.from(LAYOUT_FILE));
  files.set("index.json", Buffer.from(layoutIndex({ ...image.manifest.descriptor, platform: image.platform }, [])));
  const manifest = [{ Config: blobPath(image.config.descriptor), RepoTags: [...repoTags], Layers: image.layers.map((l) => blobPath(l.blob.descriptor)) }];
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  // Loaded here: a run that writes no docker archive (an OCI layout, a push) need not load tar-stream (issue 14).
  const { pack } = commonJsExports(await import("tar-stream"));
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((res, rej) => {
    tar.on("end", res);
    tar.on("error", rej);
  });
  const header = { mtime: new Date(epoch * 1000), uid: 0, gid: 0, uname: "", gname: "" };
  for (const d of ["blobs/", "blobs/sha256/"]) tar.entry({ ...header, name: d, type: "directory", mode: 0o755 });
  for (const name of [...files.keys()].sort()) {
    const data = files.get(name) as Uint8Array;
    tar.entry({ ...header, name, type: "file", mode: 0o644, size: data.length }, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Writes the docker archive atomically (a reader never sees half a tarball). */
export async function writeDockerArchive(file: string, image: PlatformImage, repoTags: readonly string[], epoch: number): Promise<number> {
  if ((await exists(file)) && (await stat(file)).isDirectory())
    throw new GantryError(`docker-archive: ${file} is a folder; give a file path such as dist/image.tar`);
  const bytes = await dockerArchive(image, repoTags, epoch);
  await writeFileAtomic(file, bytes);
  return bytes.length;
}
