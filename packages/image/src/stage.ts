import { type RunContext, type Stage, formatBytes, table } from "@gantry/core";
import { type ImageResult, buildImage } from "./image.js";
import { IMAGE_INPUTS, type ImageInputs, parseImageInputs } from "./inputs.js";
import { formatPlatform } from "./oci.js";
import { writeImageProvenance } from "./provenance.js";

/** The `metadata` output: the index, each platform's manifest with its layers and sizes, what was pushed. */
export function imageMetadata(r: ImageResult): Record<string, unknown> {
  const platforms: Record<string, unknown> = {};
  for (const i of r.image.images) {
    const size = i.layers.reduce((s, l) => s + l.blob.descriptor.size, 0) + i.config.descriptor.size + i.manifest.descriptor.size;
    platforms[formatPlatform(i.platform)] = {
      digest: i.manifest.descriptor.digest,
      config: i.config.descriptor.digest,
      size,
      layers: i.layers.map((l) => ({
        role: l.role,
        digest: l.blob.descriptor.digest,
        size: l.blob.descriptor.size,
        "diff-id": l.diffId,
        "uncompressed-size": l.uncompressedSize,
      })),
    };
  }
  return {
    digest: r.digest,
    "media-type": r.image.index.descriptor.mediaType,
    size: r.image.index.descriptor.size,
    repository: r.repository,
    tags: r.tags,
    engine: r.engine,
    base: r.base,
    platforms,
    ...(r.push ? { push: { uploaded: r.push.uploaded, skipped: r.push.skipped, mounted: r.push.mounted, "uploaded-bytes": r.push.uploadedBytes } } : {}),
    ...(r.ociLayout ? { "oci-layout": r.ociLayout } : {}),
    ...(r.dockerArchive ? { "docker-archive": r.dockerArchive } : {}),
    ...(r.loaded ? { loaded: r.loaded } : {}),
  };
}

/** The job summary: reference, digest, one row per platform with size and layers. */
export function imageSummary(r: ImageResult): string {
  const rows = r.image.images.map((i) => [
    `\`${formatPlatform(i.platform)}\``,
    `\`${i.manifest.descriptor.digest.slice(0, 19)}\``,
    formatBytes(i.layers.reduce((s, l) => s + l.blob.descriptor.size, 0) + i.config.descriptor.size),
    i.layers.map((l) => `${l.role} ${formatBytes(l.blob.descriptor.size)}`).join(" · "),
  ]);
  const where = [
    r.push ? `pushed (${r.push.uploaded} blob(s) uploaded, ${r.push.skipped} already there${r.push.mounted ? `, ${r.push.mounted} mounted` : ""})` : "",
    r.ociLayout ? `OCI layout \`${r.ociLayout}\`` : "",
    r.dockerArchive ? `docker archive \`${r.dockerArchive.path}\` (${r.dockerArchive.platform})` : "",
    r.loaded ? `loaded into docker as ${r.loaded.map((n) => `\`${n}\``).join(", ")}` : "",
  ].filter(Boolean);
  return [
    `### image: ${r.repository ? `\`${r.reference}\`` : `\`${r.digest}\``}`,
    "",
    `digest \`${r.digest}\` · tags ${r.tags.map((t) => `\`${t}\``).join(", ") || "none"} · base ${r.base} · engine ${r.engine}`,
    "",
    where.length > 0 ? `${where.join(" · ")}\n` : "",
    table(["Platform", "Manifest", "Size (compressed)", "Layers"], rows),
    "",
  ].join("\n");
}

/** Sets the outputs named in action.yml. */
export function setImageOutputs(r: ImageResult, ctx: RunContext): void {
  ctx.setOutput("digest", r.digest);
  ctx.setOutput("image", r.reference);
  ctx.setOutput("platforms", Object.fromEntries(r.image.images.map((i) => [formatPlatform(i.platform), i.manifest.descriptor.digest])));
  ctx.setOutput("tags", r.tags.join(","));
  ctx.setOutput("metadata", imageMetadata(r));
  ctx.setOutput("provenance", r.provenance ?? "");
}

export const imageStage: Stage<ImageInputs> = {
  name: "image",
  description: "Assemble multi-arch OCI images from go-build's binaries without a daemon, and push them.",
  inputs: IMAGE_INPUTS,
  secrets: ["password"],
  parse: (read, ctx) => parseImageInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    const started = performance.now();
    const startedOn = new Date();
    const r = await buildImage(inputs, ctx);
    if (inputs.provenance) r.provenance = await writeImageProvenance(r, inputs, ctx.env, startedOn);
    ctx.reporter.debug(`image timing: ${Math.round(performance.now() - started)} ms in the stage`);
    setImageOutputs(r, ctx);
    ctx.summary(imageSummary(r));
    ctx.reporter.info(`image: ${r.reference}`);
  },
};
