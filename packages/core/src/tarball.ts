import { commonJsExports } from "./lazy.js";

/** One file or folder of a reproducible tar. */
export interface TarEntry {
  /** Path inside the tar without a leading `/` or `./`: `usr/local/bin/hello`; folders end in `/`. */
  path: string;
  mode: number;
  /** File content; absent for a folder. */
  data?: Uint8Array;
}

/** Adds every parent folder (mode 0755) and sorts by path, so the bytes depend on the content only. */
export function withParents(entries: readonly TarEntry[]): TarEntry[] {
  const byPath = new Map<string, TarEntry>();
  for (const e of entries) {
    const parts = e.path.replace(/\/$/, "").split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join("/")}/`;
      if (!byPath.has(dir)) byPath.set(dir, { path: dir, mode: 0o755 });
    }
  }
  // Explicit entries win over implied folders (e.g. `tmp/` with 01777).
  for (const e of entries) byPath.set(e.path, e);
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Names the bytes `reproducibleTar` writes for given entries: caches keyed by a tar's entries instead
 * of its bytes (the image layer cache) include it. Bump it with any change of the header fields, the
 * parent folders, the order or tar-stream's output.
 */
export const REPRODUCIBLE_TAR_FORMAT = "gantry-tar-1 ustar uid0 gid0 parents sorted";

/**
 * An uncompressed tar whose bytes depend only on its entries: sorted, with parent folders,
 * uid/gid 0, no user or group names, one fixed mtime (goreleaser#3582 is what happens otherwise).
 * Used for go-build's archives and image layers (image-spec layer.md) alike.
 */
export async function reproducibleTar(entries: readonly TarEntry[], mtimeSeconds: number): Promise<Buffer> {
  // Loaded here, not at start-up: tar-stream and its streams are for the stages that write tars (issue 14).
  const { pack } = commonJsExports(await import("tar-stream"));
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (c: unknown) => chunks.push(c as Buffer));
  const finished = new Promise<void>((res, rej) => {
    tar.on("end", res);
    tar.on("error", rej);
  });
  const mtime = new Date(mtimeSeconds * 1000);
  for (const e of withParents(entries)) {
    const header = { name: e.path, mtime, uid: 0, gid: 0, uname: "", gname: "", mode: e.mode };
    if (e.data === undefined) tar.entry({ ...header, type: "directory" });
    else tar.entry({ ...header, type: "file", size: e.data.length }, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
  }
  tar.finalize();
  await finished;
  return Buffer.concat(chunks);
}
