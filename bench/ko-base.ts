/**
 * The base image ko builds on in the bench (issue 14): ko always starts from a base image
 * (cgr.dev/chainguard/static by default), which a hermetic bench cannot pull. This one holds what
 * gantry's scratch image adds beside the binary, gantry's pinned CA bundle, for linux/amd64 and
 * linux/arm64, written as an OCI layout that skopeo copies into the bench's loopback registry.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { reproducibleTar, sha256 } from "@gantry/core";
import { CA_BUNDLE_PEM } from "../packages/image/src/cabundle.js";

const OCI = "application/vnd.oci.image";

function blob(dir: string, bytes: Buffer, mediaType: string): { mediaType: string; digest: string; size: number } {
  const hex = sha256(bytes);
  writeFileSync(join(dir, "blobs", "sha256", hex), bytes);
  return { mediaType, digest: `sha256:${hex}`, size: bytes.length };
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/** Writes the base as an OCI layout in `dir` (tag `base`). */
export async function writeKoBase(dir: string): Promise<void> {
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  const tar = await reproducibleTar([{ path: "etc/ssl/certs/ca-certificates.crt", mode: 0o644, data: Buffer.from(CA_BUNDLE_PEM) }], 0);
  const layer = blob(dir, gzipSync(tar), `${OCI}.layer.v1.tar+gzip`);
  const manifests = ["amd64", "arm64"].map((architecture) => {
    const config = blob(
      dir,
      json({ architecture, os: "linux", config: {}, rootfs: { type: "layers", diff_ids: [`sha256:${sha256(tar)}`] } }),
      `${OCI}.config.v1+json`,
    );
    const manifest = blob(dir, json({ schemaVersion: 2, mediaType: `${OCI}.manifest.v1+json`, config, layers: [layer] }), `${OCI}.manifest.v1+json`);
    return { ...manifest, platform: { architecture, os: "linux" } };
  });
  const index = blob(dir, json({ schemaVersion: 2, mediaType: `${OCI}.index.v1+json`, manifests }), `${OCI}.index.v1+json`);
  writeFileSync(join(dir, "oci-layout"), json({ imageLayoutVersion: "1.0.0" }));
  writeFileSync(
    join(dir, "index.json"),
    json({ schemaVersion: 2, mediaType: `${OCI}.index.v1+json`, manifests: [{ ...index, annotations: { "org.opencontainers.image.ref.name": "base" } }] }),
  );
}

/** Copies the base into the registry at `host` (plain HTTP on loopback) as `base:latest`; returns its reference. */
export function pushKoBase(dir: string, host: string): string {
  const ref = `${host}/base:latest`;
  execFileSync("skopeo", ["copy", "--all", "--dest-tls-verify=false", `oci:${dir}:base`, `docker://${ref}`], { stdio: "ignore" });
  return ref;
}
