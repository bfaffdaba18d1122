/**
 * runtime: docker's image (issue 12): found in the host's daemon by reference, or, when the host
 * lacks it, loaded there from the image stage's docker archive (`image-archive`) streamed over the
 * connection into `docker load`, and checked to be the archive's image before the cutover.
 * Nothing is ever pulled.
 */
import { GantryError, InputError, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { type ImageArchive, readImageArchive } from "./docker-archive.js";
import { checkImageReference, dockerArgv } from "./docker.js";

/** The image to deploy, as the daemon knows it (or will, once `load` is loaded). */
export interface ImageChoice {
  ref: string;
  /** The image ID (`sha256:…`), which pins the release even when the tag moves. */
  id: string;
  /** The archive to `docker load` on the host first: it lacks the image, or has another under the tag. */
  load?: ImageArchive;
}

const ID = /^sha256:[a-f0-9]{64}$/;

/** The ID the host's daemon has under `ref`, or undefined when it has no such image. */
async function imageId(host: Host, dockerHost: string, ref: string): Promise<string | undefined> {
  const r = await host.exec([...dockerArgv(dockerHost), "image", "inspect", "-f", "{{.Id}}", "--", ref], { allowFailure: true, timeoutMs: 30_000 });
  const id = r.stdout.trim();
  if (r.code === 0 && ID.test(id)) return id;
  const why = `${r.stderr}${r.stdout}`.trim();
  if (/no such image/i.test(why)) return undefined;
  throw new GantryError(`docker image inspect ${ref} failed on ${host.name}: ${lastLines(why, 5) || `exit code ${r.code}`}`);
}

/**
 * Finds `ref` in the host's daemon, before anything changes. With `archivePath`, an image the
 * host lacks (or holds under another ID) is to be loaded from it; without, it is an error naming
 * the input.
 */
export async function resolveImage(host: Host, dockerHost: string, ref: string, archivePath = ""): Promise<ImageChoice> {
  if (!ref)
    throw new InputError(
      "artifact",
      "",
      "it is required with runtime: docker; accepted: an image reference the daemon has, e.g. the image stage's image output",
    );
  checkImageReference(ref);
  const archive = archivePath ? await readImageArchive(archivePath, ref) : undefined;
  const id = await imageId(host, dockerHost, ref);
  if (archive) return id && archive.ids.includes(id) ? { ref, id } : { ref, id: archive.id, load: archive };
  if (!id)
    throw new InputError(
      "image-archive",
      "",
      `the docker daemon on ${host.name} does not have the image ${ref}; gantry does not pull it: give the image stage's docker-archive as image-archive (it is streamed into docker load there), or docker pull ${ref} on the host before deploying`,
    );
  return { ref, id };
}

/** Streams the archive into `docker load` on the host (no copy on its disk), checks `ref` is now the archive's image, and returns its ID there. */
export async function loadImage(host: Host, dockerHost: string, image: ImageChoice & { load: ImageArchive }): Promise<string> {
  const r = await host.exec([...dockerArgv(dockerHost), "load"], { inputFile: image.load.path, allowFailure: true, timeoutMs: 600_000 });
  if (r.code !== 0) throw new GantryError(`docker load of ${image.load.path} failed on ${host.name}: ${lastLines(`${r.stderr}${r.stdout}`.trim(), 5)}`);
  const id = await imageId(host, dockerHost, image.ref);
  if (!id || !image.load.ids.includes(id))
    throw new GantryError(
      `after docker load on ${host.name}, ${image.ref} is ${id ?? "missing"}, not the archive's image ${image.load.id}; the cutover did not start`,
    );
  return id;
}
