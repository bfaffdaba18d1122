/** runtime: docker's image (issue 12): the archive's tags and IDs, when an image is loaded, and the check after `docker load`. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExecResult, InputError, exec } from "@gantry/core";
import { afterAll, describe, expect, it } from "vitest";
import { readImageArchive } from "../src/runtimes/docker-archive.js";
import { DockerRuntime } from "../src/runtimes/docker.js";
import { loadImage, resolveImage } from "../src/runtimes/docker-image.js";
import { DockerHost } from "./fakes.js";

const dir = mkdtempSync(join(tmpdir(), "gantry-docker-image-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = "c".repeat(64);
const MANIFEST = `sha256:${"d".repeat(64)}`;
const ID = `sha256:${CONFIG}`;

/** A tarball laid out as the image stage's docker-archive (manifest.json and index.json; no blobs needed here). */
async function archive(name: string, tags: string[], withIndex = true): Promise<string> {
  const src = mkdtempSync(join(dir, "src-"));
  writeFileSync(join(src, "manifest.json"), JSON.stringify([{ Config: `blobs/sha256/${CONFIG}`, RepoTags: tags, Layers: [] }]));
  if (withIndex) writeFileSync(join(src, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [{ digest: MANIFEST }] }));
  const path = join(dir, name);
  await exec("tar", ["-cf", path, "-C", src, ...(withIndex ? ["manifest.json", "index.json"] : ["manifest.json"])]);
  return path;
}

describe("readImageArchive", () => {
  it("finds the artifact's tag, as docker names it, and both IDs the daemon may show", async () => {
    const path = await archive("v1.tar", ["example.test/hello:v1", "hello:latest"]);
    expect(await readImageArchive(path, "example.test/hello:v1")).toEqual({
      path,
      id: ID,
      ids: [ID, MANIFEST],
      tags: ["example.test/hello:v1", "hello:latest"],
    });
    expect((await readImageArchive(path, "docker.io/library/hello")).id).toBe(ID);
    expect((await readImageArchive(path, ID)).id).toBe(ID);
    expect((await readImageArchive(await archive("old.tar", ["hello:v1"], false), "hello:v1")).ids).toEqual([ID]);
  });

  it("names image-archive when it does not hold the artifact or is no archive, and artifact for a digest reference", async () => {
    const path = await archive("v2.tar", ["example.test/hello:v2"]);
    const other = readImageArchive(path, "example.test/hello:v1");
    await expect(other).rejects.toThrow(InputError);
    await expect(readImageArchive(path, "example.test/hello:v1")).rejects.toThrow(
      /input 'image-archive'.*it holds example\.test\/hello:v2, not example\.test\/hello:v1/,
    );
    writeFileSync(join(dir, "not.tar"), "not a tarball");
    await expect(readImageArchive(join(dir, "not.tar"), "hello:v1")).rejects.toThrow(/input 'image-archive'.*(not a tarball|has no manifest\.json)/);
    await expect(readImageArchive(join(dir, "missing.tar"), "hello:v1")).rejects.toThrow(/input 'image-archive'.*cannot be read \(ENOENT\)/);
    await expect(readImageArchive(path, `hello@${MANIFEST}`)).rejects.toThrow(/input 'artifact'.*records no registry digest/);
  });
});

/** A daemon that has `has` under every tag (undefined: no image), then `after` once loaded. */
function daemon(has: string | undefined, after = has) {
  let loaded = false;
  return new DockerHost((argv) => {
    if (argv.includes("load")) {
      loaded = true;
      return { stdout: "Loaded image: example.test/hello:v1\n" };
    }
    const id = loaded ? after : has;
    return id ? { stdout: `${id}\n` } : { code: 1, stderr: "Error: No such image: example.test/hello:v1" };
  });
}

describe("resolveImage and loadImage", () => {
  it("refuses an image the host lacks when no archive is given, naming image-archive", async () => {
    const host = daemon(undefined);
    const err = await resolveImage(host, "", "example.test/hello:v1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe("image-archive");
    expect((err as Error).message).toMatch(/does not have the image example\.test\/hello:v1; gantry does not pull it/);
  });

  it("loads only what the host lacks, or holds as another image", async () => {
    const path = await archive("load.tar", ["example.test/hello:v1"]);
    const lacking = await resolveImage(daemon(undefined), "", "example.test/hello:v1", path);
    expect(lacking).toMatchObject({ id: ID, load: { path, id: ID } });
    expect((await resolveImage(daemon(ID), "", "example.test/hello:v1", path)).load).toBeUndefined();
    expect((await resolveImage(daemon(MANIFEST), "", "example.test/hello:v1", path)).load, "containerd's store shows the manifest digest").toBeUndefined();
    expect((await resolveImage(daemon(`sha256:${"e".repeat(64)}`), "", "example.test/hello:v1", path)).load?.id).toBe(ID);
  });

  it("streams the archive as stdin of docker load, then checks the tag is the archive's image", async () => {
    const path = await archive("stream.tar", ["example.test/hello:v1"]);
    const host = daemon(undefined, ID);
    const image = await resolveImage(host, "unix:///run/d.sock", "example.test/hello:v1", path);
    expect(await loadImage(host, "unix:///run/d.sock", { ...image, load: image.load as NonNullable<typeof image.load> })).toBe(ID);
    const i = host.argv.findIndex((a) => a.includes("load"));
    expect(host.argv[i]).toEqual(["docker", "-H", "unix:///run/d.sock", "load"]);
    expect(host.options[i]?.inputFile).toBe(path);

    const wrong = daemon(undefined, `sha256:${"e".repeat(64)}`);
    const next = await resolveImage(wrong, "", "example.test/hello:v1", path);
    await expect(loadImage(wrong, "", { ...next, load: next.load as NonNullable<typeof next.load> })).rejects.toThrow(
      /after docker load on memory, example\.test\/hello:v1 is sha256:e+, not the archive's image sha256:c+; the cutover did not start/,
    );
  });
});

describe("DockerRuntime.preflight", () => {
  it("passes when the daemon answers, and names the daemon or the missing CLI otherwise", async () => {
    const rt = (answer: Partial<ExecResult>) => new DockerRuntime(new DockerHost(() => answer), "/state", "hello", "unix:///srv/d.sock", 5_000);
    await expect(rt({ stdout: "28.2.2\n" }).preflight()).resolves.toBeUndefined();
    await expect(rt({ code: 1, stderr: "Cannot connect to the Docker daemon at unix:///srv/d.sock" }).preflight()).rejects.toThrow(
      /^docker-host: docker cannot reach the daemon at unix:\/\/\/srv\/d\.sock on memory: Cannot connect/,
    );
    await expect(rt({ code: 127, stderr: "sh: docker: not found" }).preflight()).rejects.toThrow(/`docker` is not installed on memory/);
  });
});
