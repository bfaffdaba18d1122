/**
 * runtime: docker's image (issue 12): found in the host's daemon by reference, or, when the host
 * lacks it, loaded there from the image stage's docker archive (`image-archive`) streamed over the
 * connection into `docker load`, and checked to be the archive's image before the cutover.
 * Nothing is ever pulled.
 */
import { GantryError, InputError, exec, lastLines } from "@gantry/core";
import type { Host } from "../hosts/host.js";
import { checkImageReference, dockerArgv } from "./docker.js";

/** A `docker load` tarball on the deployer's machine: its image ID and the tags it carries. */
export interface ImageArchive {
  path: string;
  /** `sha256:` + the config's digest: the ID a graph-driver daemon gives the loaded image. */
  id: string;
  /** The IDs the daemon may show for it: the config's digest, and the manifest's (containerd's image store). */
  ids: string[];
  tags: string[];
}

/** The image to deploy, as the daemon knows it (or will, once `load` is loaded). */
export interface ImageChoice {
  ref: string;
  /** The image ID (`sha256:…`), which pins the release even when the tag moves. */
  id: string;
  /** The archive to `docker load` on the host first: it lacks the image, or has another under the tag. */
  load?: ImageArchive;
}

const ID = /^sha256:[a-f0-9]{64}$/;
const ACCEPTED_ARCHIVE = "accepted: the image stage's docker-archive file (a tarball docker load accepts) holding the artifact's tag";

/** `hello:v1` as docker names it: without `docker.io/library/`, with `:latest` when untagged. */
function familiar(ref: string): string {
  const short = ref.replace(/^(docker\.io|index\.docker\.io)\/(library\/)?/, "");
  return /:[\w][\w.-]*$/.test(short.split("/").pop() ?? "") ? short : `${short}:latest`;
}

/** Reads the archive's manifest.json (docker save's and the image stage's layout) and finds `ref` in it. */
export async function readImageArchive(path: string, ref: string): Promise<ImageArchive> {
  if (ref.includes("@"))
    throw new InputError(
      "artifact",
      ref,
      "with image-archive, a tag or an image ID (a docker archive records no registry digest); accepted: e.g. ghcr.io/acme/hello:v1",
    );
  const entries = await archiveJson<{ Config?: unknown; RepoTags?: unknown }[]>(path, "manifest.json");
  const index = await archiveJson<{ manifests?: { digest?: unknown }[] }>(path, "index.json").catch(() => undefined);
  const manifests = (index?.manifests ?? []).map((m) => String(m.digest)).filter((d) => ID.test(d));
  const images = (Array.isArray(entries) ? entries : []).map((e) => ({
    id: `sha256:${/([a-f0-9]{64})(\.json)?$/.exec(String(e.Config))?.[1] ?? ""}`,
    tags: Array.isArray(e.RepoTags) ? e.RepoTags.map(String) : [],
  }));
  const found = images.find((i) => ID.test(i.id) && (i.id === ref || i.tags.some((t) => familiar(t) === familiar(ref))));
  if (!found)
    throw new InputError("image-archive", path, `it holds ${images.flatMap((i) => i.tags).join(", ") || "no tagged image"}, not ${ref}; ${ACCEPTED_ARCHIVE}`);
  return { path, ...found, ids: [found.id, ...manifests] };
}

/** One JSON file of the archive, read with tar on the deployer's machine. */
async function archiveJson<T>(path: string, name: string): Promise<T> {
  const r = await exec("tar", ["-xOf", path, name], { allowFailure: true, timeoutMs: 120_000 });
  if (r.code !== 0) throw new InputError("image-archive", path, `tar could not read its ${name} (${lastLines(r.stderr.trim(), 1)}); ${ACCEPTED_ARCHIVE}`);
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new InputError("image-archive", path, `its ${name} is not JSON; ${ACCEPTED_ARCHIVE}`);
  }
}

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
