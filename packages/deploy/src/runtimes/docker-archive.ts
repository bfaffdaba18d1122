/**
 * The image stage's docker archive (`image-archive`, issue 12), read on the deployer's machine:
 * the image IDs it will have once loaded and the tags it carries, from its manifest.json (docker
 * save's layout, which the image stage writes) and index.json.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError, commonJsExports } from "@gantry/core";

/** A `docker load` tarball on the deployer's machine: its image ID and the tags it carries. */
export interface ImageArchive {
  path: string;
  /** `sha256:` + the config's digest: the ID a graph-driver daemon gives the loaded image. */
  id: string;
  /** The IDs the daemon may show for it: the config's digest, and the manifest's (containerd's image store). */
  ids: string[];
  tags: string[];
}

const ID = /^sha256:[a-f0-9]{64}$/;
const ACCEPTED_ARCHIVE = "accepted: the image stage's docker-archive file (a tarball docker load accepts) holding the artifact's tag";
/** manifest.json and index.json are small; anything larger is not the file docker writes. */
const MAX_JSON = 1024 * 1024;

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
  const files = await archiveJson(path);
  const entries = files.get("manifest.json") as { Config?: unknown; RepoTags?: unknown }[];
  const index = files.get("index.json") as { manifests?: { digest?: unknown }[] } | undefined;
  const manifests = (Array.isArray(index?.manifests) ? index.manifests : []).map((m) => String(m.digest)).filter((d) => ID.test(d));
  const images = (Array.isArray(entries) ? entries : []).map((e) => ({
    id: `sha256:${/([a-f0-9]{64})(\.json)?$/.exec(String(e.Config))?.[1] ?? ""}`,
    tags: Array.isArray(e.RepoTags) ? e.RepoTags.map(String) : [],
  }));
  const found = images.find((i) => ID.test(i.id) && (i.id === ref || i.tags.some((t) => familiar(t) === familiar(ref))));
  if (!found)
    throw new InputError("image-archive", path, `it holds ${images.flatMap((i) => i.tags).join(", ") || "no tagged image"}, not ${ref}; ${ACCEPTED_ARCHIVE}`);
  return { path, ...found, ids: [found.id, ...manifests] };
}

/** The archive's manifest.json and index.json, parsed; read once per file version (a fleet's hosts share it). */
const read = new Map<string, Promise<Map<string, unknown>>>();

async function archiveJson(path: string): Promise<Map<string, unknown>> {
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new InputError("image-archive", path, `it cannot be read (${e.code ?? e.message}); ${ACCEPTED_ARCHIVE}`);
  });
  const key = `${path}\0${st.size}\0${st.mtimeMs}`;
  let files = read.get(key);
  if (!files) {
    files = jsonEntries(path, ["manifest.json", "index.json"]);
    read.set(key, files);
    files.catch(() => read.delete(key));
  }
  return files;
}

/** The named JSON files of a tarball, in one streaming pass (the layers are skipped, never held). */
async function jsonEntries(path: string, names: readonly string[]): Promise<Map<string, unknown>> {
  // Loaded here, not at start-up: only runtime: docker with an image-archive reads a tarball (issue 14).
  const { extract } = commonJsExports(await import("tar-stream"));
  const found = new Map<string, unknown>();
  const bad = (why: string) => new InputError("image-archive", path, `${why}; ${ACCEPTED_ARCHIVE}`);
  return new Promise((res, rej) => {
    const ex = extract();
    ex.on("entry", (header, stream, next) => {
      const name = header.name.replace(/^\.\//, "");
      if (!names.includes(name) || header.type !== "file" || header.size > MAX_JSON) {
        stream.on("end", next).resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        try {
          found.set(name, JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          return rej(bad(`its ${name} is not JSON`));
        }
        next();
      });
    });
    ex.on("finish", () => (found.has("manifest.json") ? res(found) : rej(bad("it has no manifest.json"))));
    ex.on("error", (e) => rej(bad(`it is not a tarball (${e.message})`)));
    const file = createReadStream(path);
    file.on("error", (e) => rej(bad(`it cannot be read (${e.message})`)));
    file.pipe(ex);
  });
}
